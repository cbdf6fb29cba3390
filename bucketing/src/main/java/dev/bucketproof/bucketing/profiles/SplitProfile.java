package dev.bucketproof.bucketing.profiles;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutShare;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Split's splitter. The hashed key is the bucketing key alone, with the split's own integer seed
 * (no flag name is hashed: the seed is what makes splits independent). {@code bucket = abs(h % 100)
 * + 1} in 1..100, with {@code h}:
 *
 * <ul>
 *   <li>{@link Algorithm#MURMUR} (algo 2, every split created since 2017): unsigned
 *       MurmurHash3_x86_32 of the key's UTF-8 with the seed (the SDK's CharSequence MurmurHash3,
 *       whose surrogate handling is Optimizely's, see {@link OptimizelyProfile});
 *   <li>{@link Algorithm#LEGACY} (algo 1): {@code String.hashCode}'s {@code h = 31 * h + c} over
 *       the UTF-16 units, then {@code h ^ seed}, signed.
 * </ul>
 *
 * <p>Partitions (treatments with whole-percent sizes totalling 100) are taken in order; the user
 * gets the first whose running size is {@code >= bucket}. A rollout of p% is the pair (on: p, off:
 * 100 - p). With a traffic allocation below 100, a second bucket from {@code trafficAllocationSeed}
 * above the allocation sends the user to the default treatment (not enabled, no variant). Verified
 * against java-client 4.18.2's {@code Splitter} (its localhost mode cannot express percentages).
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 *
 * @param name the profile's name
 * @param seed the split's seed (the SDK's {@code seed})
 * @param algorithm the hash
 * @param trafficAllocation the share of users in the split, 0..100
 * @param trafficAllocationSeed the seed of the traffic allocation's bucket
 */
public record SplitProfile(
    String name, int seed, Algorithm algorithm, int trafficAllocation, int trafficAllocationSeed)
    implements BucketingProfile {
  /** Profile {@code split}. */
  public static final ProfileType TYPE =
      new ProfileType(
          Profiles.SPLIT,
          "murmur3_x86_32(userId, seed) % 100 + 1 <= p (whole percents; legacy: abs of a signed"
              + " remainder)",
          "percent (weights total 100)",
          "java-client 4.18.2",
          List.of(
              Parameter.required(Profiles.SEED, Parameter.Type.INTEGER, "the split's integer seed"),
              Parameter.choice(
                  Profiles.ALGORITHM, Algorithm.class, Algorithm.MURMUR, "the split's algo")),
          Map.of(Profiles.SEED, "1"),
          arguments ->
              split(arguments.integer(Profiles.SEED))
                  .withAlgorithm(arguments.choice(Profiles.ALGORITHM, Algorithm.class)));

  /** Split's buckets: 1..100, here 0..99. */
  public static final int BUCKET_COUNT = 100;

  /** Split's hash algorithms. */
  public enum Algorithm {
    /** algo 1: {@code 31 * h + c}, then {@code ^ seed}. */
    LEGACY,
    /** algo 2: MurmurHash3_x86_32 over UTF-8, unsigned. */
    MURMUR
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code name} or {@code algorithm} is null
   * @throws IllegalArgumentException if {@code trafficAllocation} is outside [0, 100]
   */
  public SplitProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    if (trafficAllocation < 0 || trafficAllocation > 100) {
      throw new IllegalArgumentException(
          "split trafficAllocation must be within [0, 100]: " + trafficAllocation);
    }
  }

  /** Returns profile {@code split} with the split's {@code seed}, murmur, all traffic. */
  public static SplitProfile split(int seed) {
    return new SplitProfile(Profiles.SPLIT, seed, Algorithm.MURMUR, 100, 0);
  }

  /** Returns this profile with {@code algorithm}. */
  public SplitProfile withAlgorithm(Algorithm algorithm) {
    return new SplitProfile(name, seed, algorithm, trafficAllocation, trafficAllocationSeed);
  }

  /**
   * Returns this profile with a traffic allocation of {@code percent} bucketed with {@code
   * allocationSeed}.
   */
  public SplitProfile withTrafficAllocation(int percent, int allocationSeed) {
    return new SplitProfile(name, seed, algorithm, percent, allocationSeed);
  }

  /**
   * Returns how two splits can share users: the key is the id alone, told apart by the seed only.
   */
  @Override
  public String keyCollision() {
    return "ambiguous: the key is the user id alone; two splits with the same seed put every user in the same"
        + " bucket";
  }

  /**
   * Returns {@code unsigned(h) % 100 + 1 <= p} (legacy: {@code abs(signed h % 100) + 1 <= p})
   * counted over 2^32 hashes; whole percents only.
   */
  @Override
  public RolloutShare rolloutShare(Rollout rollout) {
    if (!expresses(rollout)) {
      return RolloutShare.notExpressible("whole percents only");
    }
    int whole = rollout.basisPoints() / 100;
    if (algorithm == Algorithm.LEGACY) {
      // abs(h % 100) of a signed int: h in [0, 2^31) and -h in [1, 2^31]
      BigInteger half = BigInteger.ONE.shiftLeft(31);
      BigInteger count =
          RolloutShare.remainderCount(half, BUCKET_COUNT, whole)
              .add(RolloutShare.remainderCount(half.add(BigInteger.ONE), BUCKET_COUNT, whole))
              .subtract(whole > 0 ? BigInteger.ONE : BigInteger.ZERO);
      return RolloutShare.counted(
          count, RolloutShare.TWO_32, "abs(signed h % 100) + 1 <= " + whole);
    }
    return RolloutShare.counted(
        RolloutShare.remainderCount(RolloutShare.TWO_32, BUCKET_COUNT, whole),
        RolloutShare.TWO_32,
        "unsigned(h) % 100 + 1 <= " + whole);
  }

  /** Returns whether the rollout is a whole percent. */
  @Override
  public boolean expresses(Rollout rollout) {
    return rollout.basisPoints() % 100 == 0;
  }

  /** Returns 100: treatments' sizes are percents. */
  @Override
  public int weightTotal() {
    return 100;
  }

  @Override
  public int bucketCount() {
    return BUCKET_COUNT;
  }

  /** Returns Split's bucket, 1..100, of {@code key} with {@code hashSeed}. */
  int splitBucket(CharSequence key, int hashSeed) {
    long hash;
    if (algorithm == Algorithm.MURMUR) {
      hash = Integer.toUnsignedLong(SystemHashes.murmur3(SystemHashes.lenientUtf8(key), hashSeed));
    } else {
      int h = 0;
      for (int i = 0; i < key.length(); i++) {
        h = 31 * h + key.charAt(i);
      }
      hash = h ^ hashSeed;
    }
    return (int) (Math.abs(hash % 100) + 1);
  }

  /**
   * Returns {@code bucket - 1}, in [0, 100); the flag key is not hashed (Split hashes the key
   * alone).
   */
  @Override
  public int bucket(String flagKey, CharSequence userId) {
    BucketingProfile.requireFlagKey(flagKey);
    return splitBucket(Objects.requireNonNull(userId, "userId"), seed) - 1;
  }

  private boolean inTraffic(CharSequence userId) {
    return trafficAllocation >= 100
        || splitBucket(userId, trafficAllocationSeed) <= trafficAllocation;
  }

  @Override
  public boolean isEnabled(Rollout rollout, CharSequence userId) {
    int percent = Profiles.wholePercent(name, rollout);
    return inTraffic(userId) && bucket(rollout.flagKey(), userId) + 1 <= percent;
  }

  @Override
  public Optional<Variant> variant(VariantSplit split, CharSequence userId) {
    requireTotal(split);
    int bucket = bucket(split.flagKey(), userId) + 1;
    return inTraffic(userId) ? Optional.ofNullable(pick(split, bucket)) : Optional.empty();
  }

  private static Variant pick(VariantSplit split, int bucket) {
    int covered = 0;
    for (Variant variant : split.variants()) {
      covered += variant.weight();
      if (covered >= bucket) {
        return variant;
      }
    }
    return null;
  }

  private void requireTotal(VariantSplit split) {
    if (split.totalWeight() != 100) {
      throw new IllegalArgumentException(
          name
              + " partition sizes are whole percents and must total 100: "
              + split.totalWeight()
              + " for flag "
              + split.flagKey());
    }
  }

  @Override
  public Explanation explain(Rollout rollout, VariantSplit split, CharSequence userId) {
    BucketingProfile.requireSameFlag(rollout, split);
    int bucket = bucket(rollout.flagKey(), userId);
    int percent = Profiles.wholePercent(name, rollout);
    Explanation.VariantChoice choice = null;
    if (split != null) {
      Variant variant = variant(split, userId).orElse(null);
      choice =
          new Explanation.VariantChoice(
              variant == null ? Profiles.NO_VARIANT : variant.name(), seed, bucket, 100);
    }
    long hash =
        algorithm == Algorithm.MURMUR
            ? Integer.toUnsignedLong(SystemHashes.murmur3(SystemHashes.lenientUtf8(userId), seed))
            : 0;
    return new Explanation(
        name,
        userId.toString(),
        seed,
        hash,
        BUCKET_COUNT,
        bucket,
        rollout.percent().toPlainString(),
        percent,
        isEnabled(rollout, userId),
        choice,
        List.of(
            "key = bucketing key alone, " + algorithm + ", seed " + seed,
            "bucket = abs(hash % 100) + 1 = "
                + (bucket + 1)
                + "; enabled iff "
                + (bucket + 1)
                + " <= "
                + percent,
            "traffic allocation "
                + trafficAllocation
                + "% (seed "
                + trafficAllocationSeed
                + "): "
                + (inTraffic(userId) ? "in" : "out")));
  }

  /**
   * Returns the name with the seed, and the algorithm and traffic allocation when not the defaults.
   */
  @Override
  public String toString() {
    return name
        + " seed="
        + seed
        + (algorithm == Algorithm.MURMUR ? "" : " algorithm=legacy")
        + (trafficAllocation == 100 ? "" : " traffic-allocation=" + trafficAllocation);
  }
}
