package dev.bucketproof.bucketing;

import java.util.Objects;

/**
 * Decides one {@link Rollout} for each user: enabled iff {@code bucket < threshold}, where
 * {@code threshold = basisPoints * bucketCount / 10000}. Obtained from {@link Bucketer#rollout}; a
 * decision costs one hash of the user id plus one remainder.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
public final class RolloutGate {
  private final Rollout rollout;
  private final FlagBuckets buckets;
  private final int threshold;
  private final long limit;

  RolloutGate(Rollout rollout, FlagBuckets buckets, int threshold) {
    this.rollout = Objects.requireNonNull(rollout, "rollout");
    this.buckets = buckets;
    this.threshold = threshold;
    this.limit = buckets.lowBitsLimit(threshold);
  }

  /**
   * Returns whether the rollout enables {@code userId}.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public boolean isEnabled(CharSequence userId) {
    return buckets.isBelow(userId, threshold, limit);
  }

  /** Returns the rollout. */
  public Rollout rollout() {
    return rollout;
  }

  /** Returns the number of enabled buckets: buckets [0, threshold) are enabled. */
  public int threshold() {
    return threshold;
  }

  /** Returns the flag's buckets. */
  public FlagBuckets buckets() {
    return buckets;
  }
}
