package dev.bucketproof.bucketing;

import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Maps (flag, user) to a bucket: {@code bucket = unsigned(hash(key, seed)) mod bucketCount}, where
 * the key is {@code flagKey + ":" + userId} (salted, the default) or {@code userId} alone
 * (unsalted, to reproduce older systems). Never a signed remainder, never {@code Math.abs}. A
 * salted bucketer rejects flag keys containing {@code :}: with them, flag {@code a:b} and user
 * {@code c} would hash the same key as flag {@code a} and user {@code b:c}, so two flags could
 * share users. (The profiles that reproduce another system keep that system's rule.)
 *
 * <p>Salting makes each flag pick an independent set of users; unsalted, a 5% canary reaches the
 * same 5% of users for every flag. With the default hasher, seed 0 and 100 buckets, {@code bucket +
 * 1} equals Unleash's normalized rollout number for group id {@code flagKey}.
 *
 * <pre>{@code
 * Bucketer bucketer = Bucketer.standard();                 // murmur3_x86_32, 100 buckets, salted
 * RolloutGate gate = bucketer.rollout(Rollout.ofPercent("new-checkout", 5));
 * boolean enabled = gate.isEnabled("user-42");             // bucket < 5
 * }</pre>
 *
 * <p>As a {@link BucketingProfile} the standard bucketer is profile {@code bucketproof}; the
 * profile methods ({@link #isEnabled(Rollout, CharSequence)}, {@link #variant(VariantSplit,
 * CharSequence)}) build a gate per call, so for many users keep the {@link RolloutGate} of {@link
 * #rollout} instead.
 *
 * <p>Thread-safety: immutable; it and everything it returns are safe for concurrent use.
 */
public final class Bucketer implements BucketingProfile {
  /** The profile name of {@link #standard()}. */
  public static final String PROFILE_NAME = "bucketproof";

  /** The default number of buckets: 1% steps. */
  public static final int DEFAULT_BUCKET_COUNT = 100;

  /** The default seed of the rollout hash (Unleash's strategy seed). */
  public static final int DEFAULT_SEED = 0;

  /** The default seed of the variant hash (Unleash's variant normalization seed). */
  public static final int DEFAULT_VARIANT_SEED = 86028157;

  /** The separator between flag key and user id in a salted key. */
  public static final String SALT_SEPARATOR = ":";

  private static final IdHasher STANDARD_HASHER = IdHashers.murmur3_x86_32();
  private static final Bucketer STANDARD = builder().build();

  private final IdHasher hasher;
  private final int bucketCount;
  private final int seed;
  private final int variantSeed;
  private final boolean salted;

  private Bucketer(Builder builder) {
    this.hasher = builder.hasher;
    this.bucketCount = builder.bucketCount;
    this.seed = builder.seed;
    this.variantSeed = builder.variantSeed;
    this.salted = builder.salted;
  }

  /**
   * Returns the default bucketer: {@code bucketproof:murmur3_x86_32}, 100 buckets, salted, seed 0.
   */
  public static Bucketer standard() {
    return STANDARD;
  }

  /** Returns a builder that starts from the defaults of {@link #standard()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns {@code bucketproof} for the configuration of {@link #standard()}, else {@link
   * #toString()}.
   */
  @Override
  public String name() {
    return hasher == STANDARD_HASHER
            && bucketCount == DEFAULT_BUCKET_COUNT
            && seed == DEFAULT_SEED
            && variantSeed == DEFAULT_VARIANT_SEED
            && salted
        ? PROFILE_NAME
        : toString();
  }

  /** Returns {@link #forFlag}'s buckets as a function, for the audit engine. */
  @Override
  public ToIntFunction<CharSequence> bucketsOf(String flagKey) {
    return forFlag(flagKey)::bucket;
  }

  /**
   * Returns whether {@code rollout} enables {@code userId}: {@code
   * rollout(rollout).isEnabled(userId)}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the percentage is finer than the bucket count can express
   */
  @Override
  public boolean isEnabled(Rollout rollout, CharSequence userId) {
    return rollout(rollout).isEnabled(userId);
  }

  /**
   * Returns {@code variants(split).variant(userId)}; never empty.
   *
   * @throws NullPointerException if an argument is null
   */
  @Override
  public Optional<Variant> variant(VariantSplit split, CharSequence userId) {
    return Optional.of(variants(split).variant(userId));
  }

  /** Returns the hasher. */
  public IdHasher hasher() {
    return hasher;
  }

  /**
   * Returns {@code "none"} with the reason for a salted bucketer (a flag key may not contain {@code
   * ":"}, so {@code flagKey + ":" + userId} is read back uniquely), and the shared users of an
   * unsalted one.
   */
  @Override
  public String keyCollision() {
    return salted
        ? "none: a flag key may not contain \":\", so flagKey + \":\" + userId has one reading"
        : "ambiguous: unsalted, the key is the user id alone; every flag puts a user in the same bucket";
  }

  /** Returns {@link #name()}: {@code bucketproof} for the standard bucketer. */
  @Override
  public String label() {
    return name();
  }

  /**
   * Returns the exact share {@code unsigned(h) % bucketCount < threshold} enables; not expressible
   * when the bucket count cannot express the rollout or the hash is not 32 bits.
   */
  @Override
  public RolloutShare rolloutShare(Rollout rollout) {
    if (!expresses(rollout) || hasher.family().bits() != 32) {
      return RolloutShare.notExpressible("needs a bucket count that expresses it");
    }
    int threshold = rollout.threshold(bucketCount);
    return RolloutShare.counted(
        RolloutShare.remainderCount(RolloutShare.TWO_32, bucketCount, threshold),
        RolloutShare.TWO_32,
        "unsigned(h) % " + bucketCount + " < " + threshold);
  }

  /** Returns whether the bucket count expresses the rollout: 12.5% needs a multiple of 8. */
  @Override
  public boolean expresses(Rollout rollout) {
    return (long) rollout.basisPoints() * bucketCount % Rollout.FULL == 0;
  }

  /** Returns 100: weights are read relative to their total, shown in percent. */
  @Override
  public int weightTotal() {
    return 100;
  }

  /** Returns the number of buckets, 1..2^31-1. */
  @Override
  public int bucketCount() {
    return bucketCount;
  }

  /** Returns the seed of the rollout hash. */
  public int seed() {
    return seed;
  }

  /**
   * Returns the seed of the variant hash; {@link #variants} requires it to differ from {@link
   * #seed()}.
   */
  public int variantSeed() {
    return variantSeed;
  }

  /**
   * Returns whether the hashed key is {@code flagKey + ":" + userId} (true) or {@code userId}
   * (false).
   */
  public boolean isSalted() {
    return salted;
  }

  /**
   * Returns the string that is hashed for this flag and user.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code flagKey} is empty, or contains {@code :} in a salted
   *     bucketer
   */
  public String hashedKey(String flagKey, CharSequence userId) {
    Objects.requireNonNull(userId, "userId");
    return keyPrefix(flagKey) + userId;
  }

  /**
   * Returns the buckets of one flag, with the hash state after the flag's key computed once.
   *
   * @throws NullPointerException if {@code flagKey} is null
   * @throws IllegalArgumentException if {@code flagKey} is empty, or contains {@code :} in a salted
   *     bucketer
   */
  public FlagBuckets forFlag(String flagKey) {
    return new FlagBuckets(hasher.prefixed(keyPrefix(flagKey), seed), bucketCount, hasher.family());
  }

  /**
   * Returns the bucket of {@code userId} for {@code flagKey}, in [0, bucketCount). For many users
   * of one flag, {@link #forFlag} avoids hashing the key prefix again for each.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code flagKey} is empty, or contains {@code :} in a salted
   *     bucketer
   */
  @Override
  public int bucket(String flagKey, CharSequence userId) {
    return forFlag(flagKey).bucket(userId);
  }

  /**
   * Returns the gate that decides {@code rollout} for each user.
   *
   * @throws NullPointerException if {@code rollout} is null
   * @throws IllegalArgumentException if the rollout's percentage is finer than this bucket count
   *     can express
   */
  public RolloutGate rollout(Rollout rollout) {
    Objects.requireNonNull(rollout, "rollout");
    return new RolloutGate(rollout, forFlag(rollout.flagKey()), rollout.threshold(bucketCount));
  }

  /**
   * Returns the assigner of {@code split}'s variants, hashed with the variant seed.
   *
   * <p>The variant seed must differ from the rollout seed, or the variant bucket would be a
   * function of the rollout bucket (with 100 buckets and a 50/50 split, the first half of the
   * enabled users would all get the first variant). A bucketer that never assigns variants may use
   * any rollout seed, 86028157 included, so the check is made here rather than in {@link
   * Builder#build()}.
   *
   * @throws NullPointerException if {@code split} is null
   * @throws IllegalArgumentException if the variant seed equals the rollout seed
   */
  public VariantAssigner variants(VariantSplit split) {
    Objects.requireNonNull(split, "split");
    if (seed == variantSeed) {
      throw new IllegalArgumentException(
          "variantSeed must differ from seed, or variant and rollout would be correlated: "
              + Integer.toUnsignedString(seed));
    }
    int totalWeight = split.totalWeight();
    FlagBuckets buckets =
        new FlagBuckets(
            hasher.prefixed(keyPrefix(split.flagKey()), variantSeed), totalWeight, hasher.family());
    return new VariantAssigner(split, buckets);
  }

  /**
   * Returns every step of the decision for one user: key, hash, bucket, threshold, decision and,
   * when {@code split} is not null, the variant.
   *
   * @throws NullPointerException if {@code rollout} or {@code userId} is null
   * @throws IllegalArgumentException if the rollout cannot be expressed with this bucket count, or
   *     {@code split} is for another flag, or is given while the variant seed equals the rollout
   *     seed
   */
  @Override
  public Explanation explain(Rollout rollout, VariantSplit split, CharSequence userId) {
    Objects.requireNonNull(userId, "userId");
    RolloutGate gate = rollout(rollout);
    Explanation.VariantChoice choice = null;
    if (split != null) {
      BucketingProfile.requireSameFlag(rollout, split);
      VariantAssigner assigner = variants(split);
      choice =
          new Explanation.VariantChoice(
              assigner.variant(userId).name(),
              variantSeed,
              assigner.bucket(userId),
              split.totalWeight());
    }
    long hash = gate.buckets().hash(userId);
    return new Explanation(
        hasher.name(),
        hashedKey(rollout.flagKey(), userId),
        seed,
        hash,
        bucketCount,
        bucketOf(hash, bucketCount),
        rollout.percent().toPlainString(),
        gate.threshold(),
        gate.isEnabled(userId),
        choice);
  }

  /**
   * Returns {@code hash mod bucketCount} with {@code hash} read as an unsigned 64-bit value (32-bit
   * families return hashes in [0, 2^32), where this is the plain remainder).
   *
   * @throws IllegalArgumentException if {@code bucketCount} is below 1
   */
  public static int bucketOf(long hash, int bucketCount) {
    return (int) Long.remainderUnsigned(hash, requireBucketCount(bucketCount));
  }

  /** The one place where the hashed key is built: the prefix that precedes every user id. */
  private String keyPrefix(String flagKey) {
    BucketingProfile.requireFlagKey(flagKey);
    if (!salted) {
      return "";
    }
    if (flagKey.contains(SALT_SEPARATOR)) {
      throw new IllegalArgumentException(
          "flagKey must not contain ':' in a salted bucketer, which hashes"
              + " flagKey:userId (flag \"a:b\" with user \"c\" and flag \"a\" with user \"b:c\" would hash the same"
              + " key and share users): "
              + flagKey);
    }
    return flagKey + SALT_SEPARATOR;
  }

  static int requireBucketCount(int bucketCount) {
    if (bucketCount < 1) {
      throw new IllegalArgumentException(
          "bucketCount must be within [1, 2147483647]: " + bucketCount);
    }
    return bucketCount;
  }

  @Override
  public String toString() {
    return "Bucketer["
        + hasher.name()
        + ", bucketCount="
        + bucketCount
        + ", seed="
        + seed
        + ", variantSeed="
        + variantSeed
        + (salted ? ", salted" : ", unsalted")
        + "]";
  }

  /**
   * Builds a {@link Bucketer}; starts from the defaults of {@link Bucketer#standard()}. Each setter
   * checks its argument at once.
   *
   * <p>Thread-safety: not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private IdHasher hasher = STANDARD_HASHER;
    private int bucketCount = DEFAULT_BUCKET_COUNT;
    private int seed = DEFAULT_SEED;
    private int variantSeed = DEFAULT_VARIANT_SEED;
    private boolean salted = true;

    private Builder() {}

    /**
     * Sets the hasher.
     *
     * @throws NullPointerException if {@code hasher} is null
     */
    public Builder hasher(IdHasher hasher) {
      this.hasher = Objects.requireNonNull(hasher, "hasher");
      return this;
    }

    /**
     * Sets the number of buckets: 100 gives 1% steps, 10000 gives 0.01% steps.
     *
     * @throws IllegalArgumentException if {@code bucketCount} is below 1
     */
    public Builder bucketCount(int bucketCount) {
      this.bucketCount = requireBucketCount(bucketCount);
      return this;
    }

    /** Sets the seed of the rollout hash (any 32-bit value; default 0). */
    public Builder seed(int seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the seed of the variant hash (default 86028157); {@link Bucketer#variants} requires it
     * to differ from the rollout seed.
     */
    public Builder variantSeed(int variantSeed) {
      this.variantSeed = variantSeed;
      return this;
    }

    /** Hashes {@code flagKey + ":" + userId} (the default). */
    public Builder salted() {
      this.salted = true;
      return this;
    }

    /** Hashes {@code userId} alone, as older systems do: every flag then picks the same users. */
    public Builder unsalted() {
      this.salted = false;
      return this;
    }

    /** Returns the bucketer. */
    public Bucketer build() {
      return new Bucketer(this);
    }
  }
}
