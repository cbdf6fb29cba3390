package dev.bucketproof.bucketing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Objects;

/**
 * The exact share of all hash values that a rollout enables under one system's cut-off, computed by
 * counting rather than sampling, assuming only that the hash is uniform over its range (the
 * statistical gates test that part on real ids). Unsigned murmur3 over 2^32 values mod 100, rollout
 * 5%: {@code 5 * 42,949,673 / 2^32 = 0.0500000002}, not 0.05, because buckets 0..95 hold one value
 * more than 96..99.
 *
 * <p>Thread-safety: immutable.
 *
 * @param share the share of hash values enabled, in [0, 1], or NaN when the system cannot express
 *     the rollout
 * @param rule the cut-off as one line ({@code unsigned(h) % 100 < 5}), or why it is not expressible
 */
public record RolloutShare(double share, String rule) {
  /** 2^32, the number of 32-bit hash values. */
  public static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code rule} is null
   * @throws IllegalArgumentException if {@code share} is neither NaN nor within [0, 1]
   */
  public RolloutShare {
    Objects.requireNonNull(rule, "rule");
    if (!Double.isNaN(share) && !(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be within [0, 1] or NaN: " + share);
    }
  }

  /** Returns the share {@code count / range}, rounded to a double, under {@code rule}. */
  public static RolloutShare counted(BigInteger count, BigInteger range, String rule) {
    return new RolloutShare(ratio(count, range), rule);
  }

  /** Returns a rollout the system cannot express, with the reason ("whole percents only"). */
  public static RolloutShare notExpressible(String reason) {
    return new RolloutShare(Double.NaN, reason);
  }

  /**
   * Returns the share {@code (unsigned(h) * 10000) >>> 32 < basisPoints} enables (Optimizely,
   * flagd): {@code h < ceil(basisPoints * 2^32 / 10000)}.
   */
  public static RolloutShare scaled(int basisPoints) {
    BigInteger limit =
        BigInteger.valueOf(basisPoints)
            .shiftLeft(32)
            .add(BigInteger.valueOf(Rollout.FULL - 1))
            .divide(BigInteger.valueOf(Rollout.FULL));
    return counted(limit, TWO_32, "(unsigned(h) * 10000) >>> 32 < " + basisPoints);
  }

  /** Returns whether the system can express the rollout at all. */
  public boolean expressible() {
    return !Double.isNaN(share);
  }

  /**
   * Returns how many values in [0, range) have a remainder by {@code divisor} below {@code below}:
   * {@code remainderCount(2^32, 100, 5) = 5 * 42,949,673}.
   */
  public static BigInteger remainderCount(BigInteger range, int divisor, int below) {
    BigInteger[] split = range.divideAndRemainder(BigInteger.valueOf(divisor));
    return split[0]
        .multiply(BigInteger.valueOf(below))
        .add(BigInteger.valueOf(Math.min(below, split[1].intValue())));
  }

  /** Returns {@code count / range} to 16 significant digits. */
  public static double ratio(BigInteger count, BigInteger range) {
    return new BigDecimal(count).divide(new BigDecimal(range), MathContext.DECIMAL64).doubleValue();
  }
}
