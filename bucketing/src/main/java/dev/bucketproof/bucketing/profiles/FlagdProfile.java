package dev.bucketproof.bucketing.profiles;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutShare;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * flagd's {@code fractional} operator. The hashed key is {@code flagKey + targetingKey} with no
 * separator, hashed with MurmurHash3_x86_32, seed 0. Two generations of the mapping:
 *
 * <ul>
 *   <li>{@code flagd-0.11} (the Java provider 0.11.x, verified against 0.11.15): the hash is read
 *       as a signed int, folded with {@code Math.abs} (which leaves {@code Integer.MIN_VALUE}
 *       negative) and divided in float: {@code bucket = abs(h) * 1.0f / Integer.MAX_VALUE * 100} in
 *       [0, 100]. Each variant's share is the float {@code weight * 100 / (float) totalWeight}; the
 *       user gets the first variant whose float running sum exceeds the bucket, none when the
 *       bucket reaches the last sum (a hash of magnitude near 2^31 gives exactly 100.0).
 *   <li>{@code flagd} (2026: flagd's specification, {@code @openfeature/flagd-core} 4.x): the hash
 *       is unsigned and {@code bucket = (unsigned(h) * totalWeight) >>> 32}, exact integers; the
 *       first variant whose running weight sum is {@code > bucket}.
 * </ul>
 *
 * <p>A rollout of p basis points is the pair (on: p, off: 10,000 - p). Encoding: flagd's evaluators
 * hash the UTF-8 bytes ({@code String.getBytes(UTF_8)} in Java, so an unpaired surrogate becomes
 * {@code ?}); {@link Encoding#IMURMURHASH} reproduces the npm package {@code imurmurhash} that
 * flagd-core 4.x uses, which hashes UTF-16 units instead and so disagrees with flagd's own rule on
 * every non-ASCII id.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 *
 * @param name the profile's name
 * @param separator between flag key and targeting key; flagd uses none
 * @param legacyFloat whether the 0.11 signed, float mapping is used
 * @param encoding the id's encoding
 */
public record FlagdProfile(String name, String separator, boolean legacyFloat, Encoding encoding)
    implements BucketingProfile {
  /** Profile {@code flagd-0.11}: the Java provider 0.11.x. */
  public static final ProfileType TYPE_0_11 =
      new ProfileType(
          Profiles.FLAGD_0_11,
          "abs(signed murmur3_x86_32(flagKey + userId)) * 1.0f / Integer.MAX_VALUE * 100 < p, float",
          "relative (weights total 100 here)",
          "flagd provider 0.11.15",
          List.of(),
          Map.of(),
          arguments -> flagd011());

  /** Profile {@code flagd}: flagd's specification (2026), UTF-8 or flagd-core's JavaScript. */
  public static final ProfileType TYPE =
      new ProfileType(
          Profiles.FLAGD,
          "(unsigned murmur3_x86_32(flagKey + userId) * 10000) >>> 32 < basis points",
          "relative (weights total 100 here)",
          "@openfeature/flagd-core 4.0.1 (npm, committed vectors)",
          List.of(
              Parameter.choice(
                  Profiles.ENCODING, Encoding.class, Encoding.UTF_8, "the id's encoding")),
          Map.of(),
          arguments -> flagd(arguments.choice(Profiles.ENCODING, Encoding.class)));

  /** Buckets of {@link #bucket}: whole percents. */
  public static final int BUCKET_COUNT = 100;

  private static final int ROLLOUT_TOTAL = Rollout.FULL;

  /** How the key's characters become the hashed input. */
  public enum Encoding {
    /** {@code String.getBytes(UTF_8)}, then the reference MurmurHash3: flagd's specification. */
    UTF_8,
    /** The npm package {@code imurmurhash} 0.1.4: UTF-16 units mixed in whole (flagd-core 4.x). */
    IMURMURHASH
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public FlagdProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(separator, "separator");
    Objects.requireNonNull(encoding, "encoding");
  }

  /** Returns profile {@code flagd-0.11}: signed hash, {@code Math.abs}, float division. */
  public static FlagdProfile flagd011() {
    return new FlagdProfile(Profiles.FLAGD_0_11, "", true, Encoding.UTF_8);
  }

  /**
   * Returns profile {@code flagd}: unsigned hash, {@code (h * totalWeight) >>> 32}, in {@code
   * encoding}.
   */
  public static FlagdProfile flagd(Encoding encoding) {
    return new FlagdProfile(Profiles.FLAGD, "", false, encoding);
  }

  /** Returns the collision that joining flag key and targeting key leaves open. */
  @Override
  public String keyCollision() {
    return separator.isEmpty()
        ? "ambiguous: no separator, so flag \"ab\" with user \"c\" and flag \"a\" with user \"bc\" hash the same key"
        : "ambiguous: flag \"a"
            + separator
            + "b\" with user \"c\" and flag \"a\" with user \"b"
            + separator
            + "c\" hash the same key";
  }

  /**
   * Returns {@code (unsigned(h) * 10000) >>> 32 < bp}, or for 0.11 the float cut-off, counted over
   * 2^32 hashes.
   */
  @Override
  public RolloutShare rolloutShare(Rollout rollout) {
    if (!legacyFloat) {
      return RolloutShare.scaled(rollout.basisPoints());
    }
    return RolloutShare.counted(
        BigInteger.valueOf(legacyEnabledCount(rollout.basisPoints())),
        RolloutShare.TWO_32,
        "abs(signed h) * 1.0f / Integer.MAX_VALUE * 100 < "
            + rollout.basisPoints()
            + " * 100 / 10000f, float");
  }

  /**
   * flagd 0.11: the number of 32-bit hashes enabled; hashes h with abs(h) = x count twice (x > 0),
   * once (x = 0), and MIN_VALUE maps to -100.
   */
  static long legacyEnabledCount(int basisPoints) {
    float cutOff = basisPoints * 100 / (float) Rollout.FULL;
    // the number of x in [0, 2^31 - 1] whose float bucket is below the cut-off: the bucket is
    // non-decreasing
    long low = 0;
    long high = Integer.MAX_VALUE + 1L;
    while (low < high) {
      long middle = (low + high) >>> 1;
      if ((int) middle * 1.0f / Integer.MAX_VALUE * 100 < cutOff) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return (low == 0 ? 0 : 1 + 2 * (low - 1)) + (-100f < cutOff ? 1 : 0);
  }

  /** Returns 100: fractional weights are relative; the report gives them in percent. */
  @Override
  public int weightTotal() {
    return 100;
  }

  @Override
  public int bucketCount() {
    return BUCKET_COUNT;
  }

  /** Returns the string that is hashed: {@code flagKey + targetingKey}. */
  public String hashedKey(String flagKey, CharSequence userId) {
    BucketingProfile.requireFlagKey(flagKey);
    Objects.requireNonNull(userId, "userId");
    return flagKey + separator + userId;
  }

  int hash(String key) {
    return encoding == Encoding.UTF_8
        ? SystemHashes.murmur3(key.getBytes(StandardCharsets.UTF_8), 0)
        : SystemHashes.imurmurhash(key, 0);
  }

  /** Returns 0.11's float bucket, in [-100, 100]: negative only for {@code Integer.MIN_VALUE}. */
  static float legacyBucket(int hash) {
    return Math.abs(hash) * 1.0f / Integer.MAX_VALUE * 100;
  }

  /** Returns {@code (unsigned(hash) * totalWeight) >>> 32}, in [0, totalWeight). */
  static long scaledBucket(int hash, int totalWeight) {
    return (Integer.toUnsignedLong(hash) * totalWeight) >>> 32;
  }

  /**
   * Returns the bucket in [0, 100): {@code floor} of 0.11's float bucket clamped to [0, 99], or
   * {@code (unsigned(h) * 100) >>> 32}.
   */
  @Override
  public int bucket(String flagKey, CharSequence userId) {
    int hash = hash(hashedKey(flagKey, userId));
    if (legacyFloat) {
      return Math.max(0, Math.min(BUCKET_COUNT - 1, (int) Math.floor(legacyBucket(hash))));
    }
    return (int) scaledBucket(hash, BUCKET_COUNT);
  }

  @Override
  public boolean isEnabled(Rollout rollout, CharSequence userId) {
    int hash = hash(hashedKey(rollout.flagKey(), userId));
    return pick(new int[] {rollout.basisPoints(), ROLLOUT_TOTAL - rollout.basisPoints()}, hash)
        == 0;
  }

  @Override
  public Optional<Variant> variant(VariantSplit split, CharSequence userId) {
    int index = pick(weights(split), hash(hashedKey(split.flagKey(), userId)));
    return index < 0 ? Optional.empty() : Optional.of(split.variants().get(index));
  }

  private static int[] weights(VariantSplit split) {
    return split.variants().stream().mapToInt(Variant::weight).toArray();
  }

  /** Returns the index of the chosen weight, or -1 when flagd finds no bucket. */
  int pick(int[] weights, int hash) {
    int total = 0;
    for (int weight : weights) {
      total += weight;
    }
    if (legacyFloat) {
      float bucket = legacyBucket(hash);
      float sum = 0f;
      for (int i = 0; i < weights.length; i++) {
        sum += weights[i] == 0 ? 0f : weights[i] * 100 / (float) total;
        if (bucket < sum) {
          return i;
        }
      }
      return -1;
    }
    long bucket = scaledBucket(hash, total);
    long sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      if (sum > bucket) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Explanation explain(Rollout rollout, VariantSplit split, CharSequence userId) {
    BucketingProfile.requireSameFlag(rollout, split);
    String key = hashedKey(rollout.flagKey(), userId);
    int hash = hash(key);
    int bucket = bucket(rollout.flagKey(), userId);
    boolean enabled = isEnabled(rollout, userId);
    Explanation.VariantChoice choice = null;
    if (split != null) {
      int index = pick(weights(split), hash);
      choice =
          new Explanation.VariantChoice(
              index < 0 ? Profiles.NO_VARIANT : split.variants().get(index).name(),
              0,
              legacyFloat ? bucket : (int) scaledBucket(hash, split.totalWeight()),
              split.totalWeight());
    }
    String mapping =
        legacyFloat
            ? "bucket = abs("
                + hash
                + ") * 1.0f / Integer.MAX_VALUE * 100 = "
                + legacyBucket(hash)
                + "; enabled iff bucket < "
                + rollout.basisPoints()
                + " * 100 / 10000f"
            : "bucket = ("
                + Integer.toUnsignedString(hash)
                + " * 10000) >>> 32 = "
                + scaledBucket(hash, ROLLOUT_TOTAL)
                + "; enabled iff bucket < "
                + rollout.basisPoints();
    return new Explanation(
        name,
        key,
        0,
        Integer.toUnsignedLong(hash),
        BUCKET_COUNT,
        bucket,
        rollout.percent().toPlainString(),
        rollout.basisPoints() / 100,
        enabled,
        choice,
        List.of("key flagKey + \"" + separator + "\" + targetingKey, " + encoding, mapping));
  }

  /** Returns the name, with the encoding when it is not UTF-8. */
  @Override
  public String toString() {
    return name + (encoding == Encoding.UTF_8 ? "" : " encoding=imurmurhash");
  }
}
