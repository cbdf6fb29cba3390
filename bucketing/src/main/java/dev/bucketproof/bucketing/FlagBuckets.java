package dev.bucketproof.bucketing;

import java.util.Objects;

/**
 * The buckets of one flag: the hash state after the flag's key prefix is computed once, so each call
 * costs about one hash of the user id alone. Obtained from {@link Bucketer#forFlag}.
 *
 * <p>For 32-bit families the remainder {@code hash mod bucketCount} is computed without a division, by
 * Lemire, Kaser and Kurz's exact "fastmod" (Faster Remainder by Direct Computation, 2019): with
 * {@code M = floor((2^64 - 1) / bucketCount) + 1}, {@code hash mod bucketCount} is the high 64 bits of
 * {@code ((M * hash) mod 2^64) * bucketCount}, exact for every 32-bit hash and bucket count. 64-bit
 * families use {@link Bucketer#bucketOf}.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
public final class FlagBuckets {
  private final IdHasher.Prefixed hash;
  private final int bucketCount;
  private final boolean fastRemainder;
  private final long reciprocal;

  FlagBuckets(IdHasher.Prefixed hash, int bucketCount, HashFamily family) {
    this.hash = hash;
    this.bucketCount = Bucketer.requireBucketCount(bucketCount);
    this.fastRemainder = family.bits() == 32;
    this.reciprocal = Long.divideUnsigned(-1L, bucketCount) + 1;
  }

  /**
   * Returns the hash of the key of {@code userId}, read as unsigned.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public long hash(CharSequence userId) {
    return hash.hash(Objects.requireNonNull(userId, "userId"));
  }

  /**
   * Returns the bucket of {@code userId}, in [0, bucketCount).
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public int bucket(CharSequence userId) {
    long value = hash.hash(Objects.requireNonNull(userId, "userId"));
    return fastRemainder ? remainder32(value) : Bucketer.bucketOf(value, bucketCount);
  }

  /** Returns {@code hash mod bucketCount} for a hash in [0, 2^32), without dividing. */
  int remainder32(long hash) {
    long lowBits = reciprocal * hash;
    // The unsigned high half of lowBits * bucketCount; bucketCount is positive.
    return (int) (Math.multiplyHigh(lowBits, bucketCount) + ((lowBits >> 63) & bucketCount));
  }

  /** Returns the number of buckets. */
  public int bucketCount() {
    return bucketCount;
  }
}
