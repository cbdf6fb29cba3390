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
 * LaunchDarkly's percentage rollout. The hashed key is {@code flagKey + "." + salt + "." +
 * contextKey}, or {@code seed + "." + contextKey} when the rollout has an integer seed; its UTF-8
 * bytes are hashed with SHA-1, and the first 15 hex digits of the digest, {@code h} in [0, 2^60),
 * give the bucket as a 32-bit float: {@code bucket = (float) h / (float) 0xFFFFFFFFFFFFFFF} (the
 * divisor rounds to 2^60).
 *
 * <p>Weights are in 1/100,000 and must total 100,000. The running sum is a float too ({@code sum +=
 * weight / 100000f}); the user gets the first variation with {@code bucket < sum}, and the last one
 * when rounding leaves the bucket past every sum. A rollout of p basis points is the pair (on:
 * {@code 10 * p}, off: the rest). Float rounding moves the cut-offs off the exact multiples of
 * 1/100,000: the report measures how much. For the gates, {@link #bucket} is {@code floor(100000 *
 * bucketFloat)} capped at 99,999.
 *
 * <p>Verified against launchdarkly-java-server-sdk 7.13.0 ({@code boolVariation} and {@code
 * stringVariation} on flags from FileData).
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 *
 * @param name the profile's name
 * @param separator between key parts; LaunchDarkly uses {@code "."}
 * @param salt the flag's salt, or null when {@code seed} is set
 * @param seed the rollout's integer seed, or null to use {@code flagKey + "." + salt}
 */
public record LaunchDarklyProfile(String name, String separator, String salt, Integer seed)
    implements BucketingProfile {
  /** Profile {@code launchdarkly}. */
  public static final ProfileType TYPE =
      new ProfileType(
          Profiles.LAUNCHDARKLY,
          "top 60 bits of sha1(flagKey.salt.userId) / 0xFFFFFFFFFFFFFFF as float < weight /"
              + " 100000f, float running sum",
          "1/100,000 (weights total 100,000)",
          "launchdarkly-java-server-sdk 7.13.0",
          List.of(
              Parameter.oneOf(Profiles.SALT, Parameter.Type.TEXT, "the flag's salt"),
              Parameter.oneOf(Profiles.SEED, Parameter.Type.INTEGER, "the experiment's seed")),
          Map.of(Profiles.SALT, "bucketproof"),
          arguments ->
              arguments.has(Profiles.SEED)
                  ? withSeed(arguments.integer(Profiles.SEED))
                  : withSalt(arguments.text(Profiles.SALT)));

  /** LaunchDarkly's weight unit: weights total 100,000. */
  public static final int WEIGHT_TOTAL = 100_000;

  private static final float DIVISOR = (float) 0xFFFFFFFFFFFFFFFL;

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code name} or {@code separator} is null
   * @throws IllegalArgumentException if neither or both of {@code salt} and {@code seed} are given
   */
  public LaunchDarklyProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(separator, "separator");
    if ((salt == null) == (seed == null)) {
      throw new IllegalArgumentException(
          "launchdarkly needs exactly one of salt or seed: salt=" + salt + ", seed=" + seed);
    }
  }

  /**
   * Returns profile {@code launchdarkly} keyed by {@code flagKey + "." + salt}.
   *
   * @throws IllegalArgumentException if {@code salt} is null
   */
  public static LaunchDarklyProfile withSalt(String salt) {
    return new LaunchDarklyProfile(Profiles.LAUNCHDARKLY, ".", salt, null);
  }

  /** Returns profile {@code launchdarkly} keyed by the rollout's integer {@code seed}. */
  public static LaunchDarklyProfile withSeed(int seed) {
    return new LaunchDarklyProfile(Profiles.LAUNCHDARKLY, ".", null, seed);
  }

  /** Returns the collision that the key's separator leaves open. */
  @Override
  public String keyCollision() {
    return seed != null
        ? "ambiguous: every flag with seed "
            + seed
            + " hashes seed + \""
            + separator
            + "\" + key, so such flags share users"
        : "ambiguous: flag \"a"
            + separator
            + "b\" with salt \"c\" and flag \"a\" with salt \"b"
            + separator
            + "c\" hash the same key for every user";
  }

  /** Returns the share of h in [0, 2^60) whose float bucket is below the float cut-off. */
  @Override
  public RolloutShare rolloutShare(Rollout rollout) {
    int weight = rollout.basisPoints() * 10;
    return RolloutShare.counted(
        BigInteger.valueOf(enabledCount(weight)),
        BigInteger.ONE.shiftLeft(60),
        "(float) h60 / 2^60 < " + weight + " / 100000f, float");
  }

  /** Returns the number of h in [0, 2^60) with (float) h / 2^60 below {@code weight / 100000f}. */
  static long enabledCount(int weight) {
    float cutOff = 0f + weight / 100000f;
    float divisor = (float) 0xFFFFFFFFFFFFFFFL;
    long low = 0;
    long high = 1L << 60;
    while (low < high) {
      long middle = (low + high) >>> 1;
      if (middle / divisor < cutOff) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Returns 100,000: weights are in 1/100,000. */
  @Override
  public int weightTotal() {
    return WEIGHT_TOTAL;
  }

  /** Returns whether the weights total 100,000. */
  @Override
  public boolean expresses(VariantSplit split) {
    return split.totalWeight() == WEIGHT_TOTAL;
  }

  @Override
  public int bucketCount() {
    return WEIGHT_TOTAL;
  }

  /** Returns the string that is hashed. */
  public String hashedKey(String flagKey, CharSequence userId) {
    BucketingProfile.requireFlagKey(flagKey);
    Objects.requireNonNull(userId, "userId");
    String prefix = seed != null ? seed.toString() : flagKey + separator + salt;
    return prefix + separator + userId;
  }

  /** Returns the SDK's float bucket in [0, 1]. */
  public float bucketValue(String flagKey, CharSequence userId) {
    return SystemHashes.sha1Top60(hashedKey(flagKey, userId)) / DIVISOR;
  }

  @Override
  public int bucket(String flagKey, CharSequence userId) {
    return Math.min(
        WEIGHT_TOTAL - 1, (int) Math.floor((double) bucketValue(flagKey, userId) * WEIGHT_TOTAL));
  }

  @Override
  public boolean isEnabled(Rollout rollout, CharSequence userId) {
    float bucket = bucketValue(rollout.flagKey(), userId);
    return pick(
            new int[] {rollout.basisPoints() * 10, WEIGHT_TOTAL - rollout.basisPoints() * 10},
            bucket)
        == 0;
  }

  @Override
  public Optional<Variant> variant(VariantSplit split, CharSequence userId) {
    int[] weights = weights(split);
    return Optional.of(split.variants().get(pick(weights, bucketValue(split.flagKey(), userId))));
  }

  private int[] weights(VariantSplit split) {
    if (split.totalWeight() != WEIGHT_TOTAL) {
      throw new IllegalArgumentException(
          name
              + " variant weights are in 1/100000 and must total 100000: "
              + split.totalWeight()
              + " for flag "
              + split.flagKey());
    }
    return split.variants().stream().mapToInt(Variant::weight).toArray();
  }

  /**
   * Returns the index of the first weight whose float running sum exceeds {@code bucket}, else the
   * last.
   */
  static int pick(int[] weights, float bucket) {
    float sum = 0f;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i] / 100000f;
      if (bucket < sum) {
        return i;
      }
    }
    return weights.length - 1;
  }

  @Override
  public Explanation explain(Rollout rollout, VariantSplit split, CharSequence userId) {
    BucketingProfile.requireSameFlag(rollout, split);
    String key = hashedKey(rollout.flagKey(), userId);
    long hash = SystemHashes.sha1Top60(key);
    float value = hash / DIVISOR;
    int bucket = Math.min(WEIGHT_TOTAL - 1, (int) Math.floor((double) value * WEIGHT_TOTAL));
    boolean enabled = isEnabled(rollout, userId);
    Explanation.VariantChoice choice = null;
    if (split != null) {
      int index = pick(weights(split), value);
      choice =
          new Explanation.VariantChoice(
              split.variants().get(index).name(), seed == null ? 0 : seed, bucket, WEIGHT_TOTAL);
    }
    return new Explanation(
        name,
        key,
        seed == null ? 0 : seed,
        hash,
        WEIGHT_TOTAL,
        bucket,
        rollout.percent().toPlainString(),
        rollout.basisPoints() * 10,
        enabled,
        choice,
        List.of(
            "key "
                + (seed != null ? "seed" : "flagKey + \"" + separator + "\" + salt")
                + " + \""
                + separator
                + "\" + contextKey, SHA-1 of UTF-8, first 15 hex digits = "
                + hash,
            "bucket = (float) " + hash + " / 2^60 = " + value,
            "enabled iff bucket < "
                + (rollout.basisPoints() * 10)
                + " / 100000f (float running sum)"));
  }

  /** Returns the name with the salt or seed. */
  @Override
  public String toString() {
    return name + (seed != null ? " seed=" + seed : " salt=" + salt);
  }
}
