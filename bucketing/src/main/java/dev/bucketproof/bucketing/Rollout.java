package dev.bucketproof.bucketing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A percentage rollout of one flag, held exactly in basis points (1 bp = 0.01%).
 *
 * <p>With {@code bucketCount} buckets the rollout enables {@code bucket < basisPoints * bucketCount
 * / 10000}: with 100 buckets, 5% enables buckets [0, 5). Raising the percentage only adds users;
 * lowering it only removes them.
 *
 * <p>Thread-safety: immutable.
 *
 * @param flagKey the flag's key, non-empty; salted bucketers hash {@code flagKey + ":" + userId}
 * @param basisPoints the share of users enabled, 0..10000
 */
public record Rollout(String flagKey, int basisPoints) {
  /** Basis points in 100%. */
  public static final int FULL = 10_000;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** Digits, optionally a point and more digits: no sign, exponent, hex, suffix or space. */
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code flagKey} is null
   * @throws IllegalArgumentException if {@code flagKey} is empty or {@code basisPoints} is outside
   *     [0, 10000]
   */
  public Rollout {
    BucketingProfile.requireFlagKey(flagKey);
    if (basisPoints < 0 || basisPoints > FULL) {
      throw new IllegalArgumentException(
          "rollout basisPoints must be within [0, 10000]: " + basisPoints);
    }
  }

  /**
   * Returns the rollout of {@code percent}%, which may have up to two decimals (5, 12.5, 0.01). The
   * double is read as the shortest decimal that names it ({@link Double#toString}), so {@code
   * 12.34} is 1234 basis points and {@code 1e-9} is an error, never 0%.
   *
   * @throws NullPointerException if {@code flagKey} is null
   * @throws IllegalArgumentException if {@code flagKey} is empty, or {@code percent} is NaN,
   *     infinite, outside [0, 100], or has more than two decimals
   */
  public static Rollout ofPercent(String flagKey, double percent) {
    if (Double.isNaN(percent) || Double.isInfinite(percent)) {
      throw new IllegalArgumentException("rolloutPercent must be a finite number: " + percent);
    }
    return ofPercent(flagKey, BigDecimal.valueOf(percent), Double.toString(percent));
  }

  /**
   * Returns the rollout of {@code percent}%, written as a plain decimal: digits, optionally a point
   * and at most two significant decimals ({@code 5}, {@code 12.5}, {@code 0.01}, {@code 12.50}). A
   * sign, an exponent ({@code 1e-9}), hex ({@code 0x1p2}), a suffix ({@code 5d}), spaces or a third
   * decimal ({@code 14.999}) are errors naming the text. This is the form the command line's {@code
   * --rollout} takes.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code flagKey} is empty, or {@code percent} is not such a
   *     decimal, is above 100, or has more than two decimals
   */
  public static Rollout ofPercent(String flagKey, String percent) {
    Objects.requireNonNull(percent, "percent");
    if (!PLAIN_DECIMAL.matcher(percent).matches()) {
      throw new IllegalArgumentException(
          "rolloutPercent must be a plain decimal number of at most two decimals,"
              + " such as 5, 12.5 or 0.01 (no sign, exponent, hex or suffix): "
              + percent);
    }
    return ofPercent(flagKey, new BigDecimal(percent), percent);
  }

  private static Rollout ofPercent(String flagKey, BigDecimal percent, String shown) {
    if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException("rolloutPercent must be within [0, 100]: " + shown);
    }
    int basisPoints;
    try {
      basisPoints = percent.movePointRight(2).intValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "rolloutPercent must have at most two decimals (basis points): " + shown);
    }
    return new Rollout(flagKey, basisPoints);
  }

  /** Returns the percentage, exact, such as {@code 5}, {@code 12.5} or {@code 0.01}. */
  public BigDecimal percent() {
    BigDecimal percent = BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros();
    return percent.scale() < 0 ? percent.setScale(0) : percent;
  }

  /**
   * Returns the number of enabled buckets out of {@code bucketCount}: {@code basisPoints *
   * bucketCount / 10000}.
   *
   * @throws IllegalArgumentException if {@code bucketCount} is below 1, or the percentage is finer
   *     than {@code bucketCount} buckets can express (5.25% with 100 buckets); the message names
   *     the bucket counts that would express it
   */
  public int threshold(int bucketCount) {
    Bucketer.requireBucketCount(bucketCount);
    long product = (long) basisPoints * bucketCount;
    if (product % FULL != 0) {
      long needed = FULL / gcd(basisPoints, FULL);
      throw new IllegalArgumentException(
          "rolloutPercent "
              + percent().toPlainString()
              + " cannot be expressed with bucketCount "
              + bucketCount
              + ": use a bucket count that is a multiple of "
              + needed
              + " (such as 10000)");
    }
    return (int) (product / FULL);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  @Override
  public String toString() {
    return flagKey + " " + percent().toPlainString() + "%";
  }
}
