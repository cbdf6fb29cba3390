package dev.bucketproof.bucketing;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * One system's whole bucketing rule: how the hashed key is built, how it is encoded and hashed, how
 * the hash maps to a bucket, and the cut-off for rollouts and weighted variants. {@link Bucketer}
 * is the project's own rule (profile {@code bucketproof}); the profiles in {@code
 * dev.bucketproof.bucketing.profiles} reproduce Unleash, Optimizely, LaunchDarkly, flagd, Split and
 * GrowthBook bit for bit, so every property, gate and report runs on them unchanged.
 *
 * <p>The three decisions ({@link #isEnabled}, {@link #variant}, {@link #explain}) follow the
 * system's own cut-off, which may be a float comparison; {@link #bucket} is the same hash mapped to
 * an integer in [0, {@link #bucketCount()}) for the statistical gates (Unleash 100, Optimizely
 * 10,000, LaunchDarkly 100,000, GrowthBook v1 1,000).
 *
 * <pre>{@code
 * BucketingProfile unleash = Profiles.byName("unleash");
 * boolean on = unleash.isEnabled(Rollout.ofPercent("new-checkout", 30), "user-42");
 * }</pre>
 *
 * <p>Implementations are immutable and safe for concurrent use.
 */
public interface BucketingProfile {

  /** Returns the profile's name as the command line spells it, such as {@code unleash-9}. */
  String name();

  /**
   * Returns whether two different (flag, user) pairs can hash the same key under this rule, and
   * how: an example pair, or {@code "none"} with the reason. A collision means two flags can share
   * users.
   */
  String keyCollision();

  /**
   * Returns how the command line and the report show this profile: its name with its parameters,
   * such as {@code unleash-9 charset=ISO-8859-1}; the default is {@link Object#toString()}.
   */
  default String label() {
    return toString();
  }

  /**
   * Returns the exact share of hash values that {@code rollout} enables under this system's own
   * cut-off (its remainder, scaled multiply, float division or inclusive {@code <=}), or a share of
   * NaN with the reason when the system cannot express the rollout.
   *
   * @throws NullPointerException if {@code rollout} is null
   */
  RolloutShare rolloutShare(Rollout rollout);

  /**
   * Returns the total of a whole split's weights in this system's unit: 100 (percent), 10,000
   * (Optimizely's basis points) or 100,000 (LaunchDarkly); a 50/50 split gives each variant half.
   */
  int weightTotal();

  /**
   * Returns whether {@link #isEnabled} takes {@code rollout}; Unleash and Split take whole percents
   * only.
   */
  default boolean expresses(Rollout rollout) {
    Objects.requireNonNull(rollout, "rollout");
    return true;
  }

  /**
   * Returns whether {@link #variant} takes {@code split}; LaunchDarkly's weights must total
   * 100,000, Optimizely's at most 10,000.
   */
  default boolean expresses(VariantSplit split) {
    Objects.requireNonNull(split, "split");
    return true;
  }

  /** Returns the number of buckets of {@link #bucket}: 100 for Unleash, 10,000 for Optimizely. */
  int bucketCount();

  /**
   * Returns the bucket of {@code userId} for {@code flagKey}, in [0, bucketCount): the rollout hash
   * mapped the way the system maps it, for uniformity and rollout gates.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code flagKey} is empty
   */
  int bucket(String flagKey, CharSequence userId);

  /**
   * Returns the buckets of one flag as a function, for the audit engine. The default calls {@link
   * #bucket} for each id; implementations may precompute what depends on the flag alone.
   *
   * @throws NullPointerException if {@code flagKey} is null
   * @throws IllegalArgumentException if {@code flagKey} is empty
   */
  default ToIntFunction<CharSequence> bucketsOf(String flagKey) {
    requireFlagKey(flagKey);
    return userId -> bucket(flagKey, userId);
  }

  /**
   * Returns whether {@code rollout} enables {@code userId} under this system's rule.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the system cannot express the rollout's percentage (Unleash
   *     and Split take whole percents)
   */
  boolean isEnabled(Rollout rollout, CharSequence userId);

  /**
   * Returns one rollout's decisions as a predicate, for the audit engine: the same answers as
   * {@link #isEnabled} for every id. The default calls {@link #isEnabled} for each id;
   * implementations may precompute what depends on the flag alone.
   *
   * @throws NullPointerException if {@code rollout} is null
   * @throws IllegalArgumentException if the system cannot express the rollout's percentage (an
   *     implementation may also leave that to the predicate's first call, as the default does)
   */
  default Predicate<CharSequence> enabledOf(Rollout rollout) {
    Objects.requireNonNull(rollout, "rollout");
    return userId -> isEnabled(rollout, userId);
  }

  /**
   * Returns the variant that this system gives {@code userId}, or empty when it gives none (a user
   * outside GrowthBook's coverage, or flagd 0.11's hash at exactly 100%).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the system would reject the weights (LaunchDarkly weights
   *     must total 100,000); the message names the total
   */
  Optional<Variant> variant(VariantSplit split, CharSequence userId);

  /**
   * Returns one split's variants as a function, for the audit engine: the same answers as {@link
   * #variant} for every id. The default calls {@link #variant} for each id; implementations may
   * precompute what depends on the flag alone.
   *
   * @throws NullPointerException if {@code split} is null
   * @throws IllegalArgumentException as {@link #variant} does (an implementation may also leave
   *     that to the function's first call, as the default does)
   */
  default Function<CharSequence, Optional<Variant>> variantsOf(VariantSplit split) {
    Objects.requireNonNull(split, "split");
    return userId -> variant(split, userId);
  }

  /**
   * Returns every step of the decision for one user: key, hash, bucket, cut-off, decision and, when
   * {@code split} is not null, the variant.
   *
   * @throws NullPointerException if {@code rollout} or {@code userId} is null
   * @throws IllegalArgumentException as {@link #isEnabled} and {@link #variant} do, or when {@code
   *     split} is for another flag
   */
  Explanation explain(Rollout rollout, VariantSplit split, CharSequence userId);

  /**
   * Checks a flag key, as every profile does before hashing it.
   *
   * @throws NullPointerException if {@code flagKey} is null
   * @throws IllegalArgumentException if {@code flagKey} is empty
   */
  static void requireFlagKey(String flagKey) {
    Objects.requireNonNull(flagKey, "flagKey");
    if (flagKey.isEmpty()) {
      throw new IllegalArgumentException("flagKey must not be empty");
    }
  }

  /**
   * Checks that {@code split} is null or for the same flag as {@code rollout}.
   *
   * @throws IllegalArgumentException if the flags differ
   */
  static void requireSameFlag(Rollout rollout, VariantSplit split) {
    if (split != null && !split.flagKey().equals(rollout.flagKey())) {
      throw new IllegalArgumentException(
          "variant split is for flag "
              + split.flagKey()
              + ", rollout for flag "
              + rollout.flagKey());
    }
  }
}
