package dev.bucketproof.bucketing.profiles;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutShare;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Optimizely's bucketer: the hashed key is {@code bucketingId + experimentId} with no separator
 * (the command line's {@code --flag} is the experiment or rule id), hashed with MurmurHash3_x86_32,
 * seed 1, and mapped to {@code bucket = floor(10000 * unsigned(hash) / 2^32)} in [0, 10000). A
 * traffic allocation is a list of {@code endOfRange} values; the user gets the first entity with
 * {@code bucket < endOfRange}, none past the last.
 *
 * <ul>
 *   <li>rollout of p basis points: one allocation with {@code endOfRange = p}, enabled iff {@code
 *       bucket < p};
 *   <li>variants: weights in basis points (1/10,000), ranges by running sum, total at most 10,000
 *       (the rest of the traffic gets no variation).
 * </ul>
 *
 * <p>Encoding: the SDK's own CharSequence MurmurHash3 encodes UTF-8 on the fly; a surrogate
 * followed by any char is combined with it as a pair (see {@link #lenient}), so ids with unpaired
 * surrogates hash differently from canonical UTF-8. Verified against core-api 4.2.2 ({@code
 * decide}).
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 *
 * @param name the profile's name
 * @param separator between bucketing id and experiment id; Optimizely uses none
 * @param seed the hash seed; Optimizely uses 1
 * @param lenient whether surrogates are encoded as the SDK does (true) or as canonical UTF-8
 */
public record OptimizelyProfile(String name, String separator, int seed, boolean lenient)
    implements BucketingProfile {
  /** Profile {@code optimizely}. */
  public static final ProfileType TYPE =
      new ProfileType(
          Profiles.OPTIMIZELY,
          "(unsigned murmur3_x86_32(userId + experimentId, seed 1) * 10000) >>> 32 < basis points",
          "basis points (weights total at most 10,000)",
          "core-api 4.2.2",
          List.of(),
          Map.of(),
          arguments -> optimizely());

  /** Optimizely's hash seed. */
  public static final int SEED = 1;

  /** Optimizely's buckets: 0.01% steps. */
  public static final int BUCKET_COUNT = 10_000;

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code name} or {@code separator} is null
   */
  public OptimizelyProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(separator, "separator");
  }

  /** Returns profile {@code optimizely}. */
  public static OptimizelyProfile optimizely() {
    return new OptimizelyProfile(Profiles.OPTIMIZELY, "", SEED, true);
  }

  /** Returns the collision that joining bucketing id and experiment id leaves open. */
  @Override
  public String keyCollision() {
    return separator.isEmpty()
        ? "ambiguous: no separator, so user \"12\" in experiment \"3\" and user \"1\" in experiment \"23\" hash"
            + " the same key"
        : "ambiguous: user \"a"
            + separator
            + "b\" in experiment \"c\" and user \"a\" in experiment \"b"
            + separator
            + "c\" hash the same key";
  }

  /** Returns {@code (unsigned(h) * 10000) >>> 32 < bp} counted over 2^32 hashes. */
  @Override
  public RolloutShare rolloutShare(Rollout rollout) {
    return RolloutShare.scaled(rollout.basisPoints());
  }

  /** Returns 10,000: weights are basis points of traffic. */
  @Override
  public int weightTotal() {
    return BUCKET_COUNT;
  }

  /** Returns whether the weights total at most 10,000. */
  @Override
  public boolean expresses(VariantSplit split) {
    return split.totalWeight() <= BUCKET_COUNT;
  }

  @Override
  public int bucketCount() {
    return BUCKET_COUNT;
  }

  /** Returns the string that is hashed: {@code userId + experimentId}. */
  public String hashedKey(String experimentId, CharSequence userId) {
    BucketingProfile.requireFlagKey(experimentId);
    Objects.requireNonNull(userId, "userId");
    return userId + separator + experimentId;
  }

  long hash(String key) {
    byte[] bytes = lenient ? SystemHashes.lenientUtf8(key) : IdEncoding.utf8(key);
    return Integer.toUnsignedLong(SystemHashes.murmur3(bytes, seed));
  }

  /** Returns {@code floor(10000 * unsigned(hash) / 2^32)}, exact in integers. */
  @Override
  public int bucket(String experimentId, CharSequence userId) {
    return (int) ((hash(hashedKey(experimentId, userId)) * BUCKET_COUNT) >>> 32);
  }

  @Override
  public boolean isEnabled(Rollout rollout, CharSequence userId) {
    return bucket(rollout.flagKey(), userId) < rollout.basisPoints();
  }

  @Override
  public Optional<Variant> variant(VariantSplit split, CharSequence userId) {
    return Optional.ofNullable(pick(split, bucket(split.flagKey(), userId)));
  }

  private Variant pick(VariantSplit split, int bucket) {
    if (split.totalWeight() > BUCKET_COUNT) {
      throw new IllegalArgumentException(
          name
              + " variant weights are basis points of traffic and must total"
              + " at most 10000: "
              + split.totalWeight()
              + " for flag "
              + split.flagKey());
    }
    int endOfRange = 0;
    for (Variant variant : split.variants()) {
      endOfRange += variant.weight();
      if (bucket < endOfRange) {
        return variant;
      }
    }
    return null;
  }

  @Override
  public Explanation explain(Rollout rollout, VariantSplit split, CharSequence userId) {
    BucketingProfile.requireSameFlag(rollout, split);
    String key = hashedKey(rollout.flagKey(), userId);
    long hash = hash(key);
    int bucket = (int) ((hash * BUCKET_COUNT) >>> 32);
    Explanation.VariantChoice choice = null;
    if (split != null) {
      Variant variant = pick(split, bucket);
      choice =
          new Explanation.VariantChoice(
              variant == null ? Profiles.NO_VARIANT : variant.name(),
              seed,
              bucket,
              split.totalWeight());
    }
    return new Explanation(
        name,
        key,
        seed,
        hash,
        BUCKET_COUNT,
        bucket,
        rollout.percent().toPlainString(),
        rollout.basisPoints(),
        bucket < rollout.basisPoints(),
        choice,
        List.of(
            "key userId + \""
                + separator
                + "\" + experimentId, UTF-8"
                + (lenient ? " (SDK surrogate handling)" : ""),
            "bucket = floor(10000 * hash / 2^32) = "
                + bucket
                + "; enabled iff "
                + bucket
                + " < endOfRange "
                + rollout.basisPoints(),
            "variants: first allocation whose endOfRange (running weight sum) > bucket " + bucket));
  }

  @Override
  public String toString() {
    return name;
  }
}
