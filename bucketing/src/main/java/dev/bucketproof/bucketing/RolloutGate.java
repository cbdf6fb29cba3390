package dev.bucketproof.bucketing;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decides one {@link Rollout} for each user: enabled iff {@code bucket < threshold}, where {@code
 * threshold = basisPoints * bucketCount / 10000}. Obtained from {@link Bucketer#rollout}.
 *
 * <p>A decision costs one hash of the user id and, for 32-bit families, one multiply: the gate
 * compares the fastmod low bits {@code reciprocal * hash} with a limit computed once, {@code
 * ceil(threshold * 2^64 / bucketCount)}, and never finishes the remainder ({@link FlagBuckets}).
 * 64-bit families, and the thresholds 0 and bucketCount, compare the bucket itself.
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

  /**
   * Returns whether the rollout enables the user whose UTF-8 bytes are {@code userId[offset, offset
   * + length)}: the same decision as {@link #isEnabled(CharSequence)} for the string they decode to
   * (invalid bytes decoded as in {@link IdHasher#hashUtf8(byte[], int, int, int)}). With a {@code
   * bucketproof:} hasher, well-formed UTF-8 is hashed where it lies, with no allocation.
   *
   * @throws NullPointerException if {@code userId} is null
   * @throws IndexOutOfBoundsException if the range is outside {@code userId}
   */
  public boolean isEnabledUtf8(byte[] userId, int offset, int length) {
    return buckets.isBelow(buckets.hashUtf8(userId, offset, length), threshold, limit);
  }

  /**
   * Returns whether the rollout enables the user whose UTF-8 bytes are the remaining bytes of
   * {@code userId}; the buffer's position is not changed.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public boolean isEnabledUtf8(ByteBuffer userId) {
    return buckets.isBelow(buckets.hashUtf8(userId), threshold, limit);
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
