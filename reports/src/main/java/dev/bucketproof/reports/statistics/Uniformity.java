package dev.bucketproof.reports.statistics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The chi-square goodness of fit of counts against expected shares, both tails, with its seeded
 * Monte Carlo null below Cochran's rule: the uniformity gate of bucket counts.
 *
 * <p>Chi-square goodness of fit of bucket counts against expected shares, both tails; the gate's
 * p-value is the two-sided {@code min(1, 2 min(pValue, lowerTail))}, so its size is alpha.
 *
 * @param statistic the chi-square statistic
 * @param degreesOfFreedom buckets - 1
 * @param pValue P(X >= statistic): small means too uneven
 * @param lowerTail P(X <= statistic): small means too even, the mark of a counter-like hash
 * @param alpha the level of the two-sided test (alpha / 2 per tail)
 * @param minExpected the smallest expected count of a bucket; Cochran's rule wants >= 5
 * @param method {@code chi-square} when Cochran's rule holds, else the seeded Monte Carlo test, or
 *     {@code none} when even that is out of reach (its p-values are then 1)
 * @param smallestPValue the smallest two-sided p-value the test can give at this size
 */
public record Uniformity(
    double statistic,
    int degreesOfFreedom,
    double pValue,
    double lowerTail,
    double alpha,
    double minExpected,
    String method,
    double smallestPValue) {
  /**
   * Returns the smallest two-sided p-value this test can give at this size, whatever the counts:
   * twice the exact chance that every user lands in one least likely bucket, or twice the Monte
   * Carlo floor 1 / (draws + 1) when larger; 1 when there is no test.
   */
  public double smallestTwoSidedPValue() {
    return smallestPValue;
  }

  /** Returns the two-sided p-value, {@code min(1, 2 min(pValue, lowerTail))}. */
  public double twoSidedPValue() {
    return Math.min(1, 2 * Math.min(pValue, lowerTail));
  }

  /** Returns whether Cochran's rule holds, so a non-rejection is a pass. */
  public boolean valid() {
    return minExpected >= Statistics.COCHRAN_MINIMUM;
  }

  /**
   * Returns whether the test (chi-square, or Monte Carlo below Cochran's rule) rejects uniformity.
   */
  public boolean rejected() {
    return twoSidedPValue() < alpha;
  }

  /** Returns whether the gate passes: valid and not rejected. */
  public boolean passed() {
    return valid() && !rejected();
  }

  /** Returns {@code uniform}, {@code too uneven}, {@code too even} or {@code too few users}. */
  public String verdict() {
    return !rejected()
        ? (valid() ? "uniform" : "too few users")
        : pValue <= lowerTail ? "too uneven" : "too even";
  }

  /**
   * Tests {@code counts} against equal expected counts.
   *
   * @throws IllegalArgumentException if there are fewer than 2 buckets or no observations
   */
  public static Uniformity of(long[] counts, double alpha) {
    Objects.requireNonNull(counts, "counts");
    if (counts.length < 2) {
      throw new IllegalArgumentException("uniformity needs at least 2 buckets: " + counts.length);
    }
    double[] shares = new double[counts.length];
    Arrays.fill(shares, 1.0 / counts.length);
    return goodnessOfFit(counts, shares, alpha);
  }

  /**
   * Tests {@code counts} against expected shares that sum to 1 (bins of unequal width), both tails:
   * by the chi-square distribution when every expected count is at least 5, else by the seeded
   * Monte Carlo null of {@link MonteCarloChiSquare} (or, beyond its reach, with p-values of 1 and
   * method {@code none}).
   *
   * @throws IllegalArgumentException if the lengths differ, there are fewer than 2 bins, a share is
   *     not positive, or there are no observations
   */
  public static Uniformity goodnessOfFit(long[] counts, double[] shares, double alpha) {
    Uniformity asymptotic = chiSquareGoodnessOfFit(counts, shares, alpha);
    if (asymptotic.valid()) {
      return asymptotic;
    }
    long total = Arrays.stream(counts).sum();
    if (!MonteCarloChiSquare.affordable(total)) {
      return new Uniformity(
          asymptotic.statistic(),
          asymptotic.degreesOfFreedom(),
          1,
          1,
          alpha,
          asymptotic.minExpected(),
          "none (too many users to simulate, too few per bucket for chi-square)",
          1);
    }
    MonteCarloChiSquare simulated = MonteCarloChiSquare.of(total, shares);
    return new Uniformity(
        asymptotic.statistic(),
        asymptotic.degreesOfFreedom(),
        simulated.upperPValue(asymptotic.statistic()),
        simulated.lowerPValue(asymptotic.statistic()),
        alpha,
        asymptotic.minExpected(),
        String.format(
            Locale.ROOT,
            "Monte Carlo (seed %#x, %,d draws)",
            MonteCarloChiSquare.SEED,
            MonteCarloChiSquare.DRAWS),
        Math.min(1, 2 * MonteCarloChiSquare.smallestPValue(total, shares)));
  }

  /**
   * Tests {@code counts} against expected shares by the chi-square distribution alone, whatever the
   * expected counts: the approximation the gates used before Cochran's rule was checked; kept to
   * show that it fails calibration on small inputs.
   *
   * @throws IllegalArgumentException as {@link #goodnessOfFit}
   */
  public static Uniformity chiSquareGoodnessOfFit(long[] counts, double[] shares, double alpha) {
    if (counts.length != shares.length || counts.length < 2) {
      throw new IllegalArgumentException(
          "goodness of fit needs at least 2 bins and one share per bin: "
              + counts.length
              + " counts, "
              + shares.length
              + " shares");
    }
    long total = Arrays.stream(counts).sum();
    if (total == 0) {
      throw new IllegalArgumentException("goodness of fit needs at least one observation");
    }
    double statistic = 0;
    double minExpected = Double.POSITIVE_INFINITY;
    for (int i = 0; i < counts.length; i++) {
      if (!(shares[i] > 0)) {
        throw new IllegalArgumentException(
            "expected shares must be > 0: " + shares[i] + " for bin " + i);
      }
      double expected = total * shares[i];
      minExpected = Math.min(minExpected, expected);
      double difference = counts[i] - expected;
      statistic += difference * difference / expected;
    }
    int degreesOfFreedom = counts.length - 1;
    ChiSquaredDistribution distribution = new ChiSquaredDistribution(NO_SAMPLING, degreesOfFreedom);
    double lowerTail = distribution.cumulativeProbability(statistic);
    return new Uniformity(
        statistic,
        degreesOfFreedom,
        Statistics.upperTail(distribution, statistic),
        lowerTail,
        alpha,
        minExpected,
        "chi-square",
        Math.min(1, 2 * MonteCarloChiSquare.smallestExactPValue(total, shares)));
  }

  private static final RandomGenerator NO_SAMPLING = null;
}
