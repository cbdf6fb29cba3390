package dev.bucketproof.reports.statistics;

import java.math.BigInteger;

/**
 * The modulo bias of reducing a b-bit hash to a bucket count: exact, from the bit width and the
 * bucket count.
 *
 * <p>The exact modulo bias of mapping a {@code bits}-bit hash to {@code bucketCount} buckets.
 *
 * @param bits the hash width, 1..64
 * @param bucketCount the number of buckets
 * @param heavierBuckets buckets [0, heavierBuckets) hold one more hash value than the rest
 * @param valuesPerBucket the hash values each of the other buckets holds
 * @param relativeBias 1 / valuesPerBucket: how much more likely a heavier bucket is
 */
public record ModuloBias(
    int bits,
    int bucketCount,
    long heavierBuckets,
    BigInteger valuesPerBucket,
    double relativeBias) {

  /**
   * Computes the modulo bias exactly: 2^bits = q * bucketCount + r.
   *
   * @throws IllegalArgumentException if bits is outside [1, 64], or bucketCount is below 1
   */
  public static ModuloBias of(int bits, int bucketCount) {
    if (bits < 1 || bits > 64) {
      throw new IllegalArgumentException("bits must be within [1, 64]: " + bits);
    }
    if (bucketCount < 1) {
      throw new IllegalArgumentException(
          "bucketCount must be within [1, 2147483647]: " + bucketCount);
    }
    BigInteger[] division =
        BigInteger.ONE.shiftLeft(bits).divideAndRemainder(BigInteger.valueOf(bucketCount));
    return new ModuloBias(
        bits,
        bucketCount,
        division[1].longValueExact(),
        division[0],
        1.0 / division[0].doubleValue());
  }
}
