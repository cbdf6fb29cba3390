package dev.bucketproof.bucketing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The buckets of one flag: the hash state after the flag's key prefix is computed once, so each
 * call costs about one hash of the user id alone. Obtained from {@link Bucketer#forFlag}.
 *
 * <p>For 32-bit families the remainder {@code hash mod bucketCount} is computed without a division,
 * by Lemire, Kaser and Kurz's exact "fastmod" (Faster Remainder by Direct Computation, 2019): with
 * {@code M = floor((2^64 - 1) / bucketCount) + 1}, {@code hash mod bucketCount} is the high 64 bits
 * of {@code ((M * hash) mod 2^64) * bucketCount}, exact for every 32-bit hash and bucket count.
 * 64-bit families use {@link Bucketer#bucketOf}.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
public final class FlagBuckets {
  /**
   * The {@link #lowBitsLimit} of a threshold that no limit expresses: 0, every bucket, or a 64-bit
   * family.
   */
  static final long NO_LIMIT = 0;

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
    return bucketOf(hash.hash(Objects.requireNonNull(userId, "userId")));
  }

  /**
   * Returns the hash of the key of the user whose UTF-8 bytes are {@code userId[offset, offset +
   * length)}, read as unsigned: equal to {@link #hash(CharSequence)} of the string they decode to
   * (invalid bytes as in {@link IdHasher#hashUtf8(byte[], int, int, int)}).
   *
   * @throws NullPointerException if {@code userId} is null
   * @throws IndexOutOfBoundsException if the range is outside {@code userId}
   */
  public long hashUtf8(byte[] userId, int offset, int length) {
    return hash.hashUtf8(Objects.requireNonNull(userId, "userId"), offset, length);
  }

  /**
   * Returns the hash of the key of the user whose UTF-8 bytes are the remaining bytes of {@code
   * userId}; the buffer's position is not changed.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public long hashUtf8(ByteBuffer userId) {
    return hash.hashUtf8(Objects.requireNonNull(userId, "userId"));
  }

  /**
   * Returns the bucket, in [0, bucketCount), of the user whose UTF-8 bytes are {@code
   * userId[offset, offset + length)}: equal to {@link #bucket(CharSequence)} of the string they
   * decode to. Well-formed UTF-8 is hashed where it lies, with no allocation.
   *
   * @throws NullPointerException if {@code userId} is null
   * @throws IndexOutOfBoundsException if the range is outside {@code userId}
   */
  public int bucketUtf8(byte[] userId, int offset, int length) {
    return bucketOf(hashUtf8(userId, offset, length));
  }

  /**
   * Returns the bucket, in [0, bucketCount), of the user whose UTF-8 bytes are the remaining bytes
   * of {@code userId}; the buffer's position is not changed.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public int bucketUtf8(ByteBuffer userId) {
    return bucketOf(hashUtf8(userId));
  }

  private int bucketOf(long value) {
    return fastRemainder ? remainder32(value) : Bucketer.bucketOf(value, bucketCount);
  }

  /** Returns {@code hash mod bucketCount} for a hash in [0, 2^32), without dividing. */
  int remainder32(long hash) {
    long lowBits = reciprocal * hash;
    // The unsigned high half of lowBits * bucketCount; bucketCount is positive.
    return (int) (Math.multiplyHigh(lowBits, bucketCount) + ((lowBits >> 63) & bucketCount));
  }

  /**
   * Returns whether the bucket of {@code userId} is below {@code threshold}, given {@code limit =
   * lowBitsLimit(threshold)}. For 32-bit families with {@code 0 < threshold < bucketCount} this
   * compares the fastmod low bits with the limit and skips the multiply that would finish the
   * remainder: {@code bucket = floor(lowBits * bucketCount / 2^64) < threshold} exactly when {@code
   * lowBits < ceil(threshold * 2^64 / bucketCount)}, as unsigned 64-bit values.
   */
  boolean isBelow(CharSequence userId, int threshold, long limit) {
    return isBelow(hash.hash(Objects.requireNonNull(userId, "userId")), threshold, limit);
  }

  /** Returns whether the bucket of a key whose hash is {@code value} is below {@code threshold}. */
  boolean isBelow(long value, int threshold, long limit) {
    if (limit != NO_LIMIT) {
      return lowBitsBelow(value, limit);
    }
    return bucketOf(value) < threshold;
  }

  /**
   * Returns {@code ceil(threshold * 2^64 / bucketCount)} for a 32-bit family and {@code 0 <
   * threshold < bucketCount}, where it lies in (0, 2^64); otherwise {@link #NO_LIMIT}.
   */
  long lowBitsLimit(int threshold) {
    if (!fastRemainder || threshold <= 0 || threshold >= bucketCount) {
      return NO_LIMIT;
    }
    BigInteger count = BigInteger.valueOf(bucketCount);
    return BigInteger.valueOf(threshold)
        .shiftLeft(64)
        .add(count)
        .subtract(BigInteger.ONE)
        .divide(count)
        .longValue();
  }

  /** Returns whether {@code hash}'s bucket is below the threshold whose limit is {@code limit}. */
  boolean lowBitsBelow(long hash, long limit) {
    return Long.compareUnsigned(reciprocal * hash, limit) < 0;
  }

  /** Returns the number of buckets. */
  public int bucketCount() {
    return bucketCount;
  }
}
