package dev.bucketproof.reports.statistics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The sample-ratio-mismatch gate: observed variant counts against configured weights; two arms by
 * the exact binomial test, more by chi-square (Monte Carlo below Cochran's rule).
 *
 * <p>A sample-ratio-mismatch test: observed variant counts against configured weights.
 *
 * @param observed the users seen per variant
 * @param expected the users expected per variant, total * weight / sum of weights
 * @param statistic the chi-square statistic
 * @param degreesOfFreedom variants - 1
 * @param pValue P(X >= statistic) by chi-square when every expected count is at least 5, else by
 *     the exact binomial test (two variants) or the seeded Monte Carlo null (more)
 * @param threshold the p-value below which the split is a mismatch
 * @param method {@code chi-square}, {@code exact binomial}, {@code Monte Carlo (...)}, or {@code
 *     none}
 * @param smallestPValue the smallest p-value this test can give with these users (any split): the
 *     exact floor of the binomial or multinomial null, or the Monte Carlo floor 1 / (draws + 1)
 *     when larger; when it is not below the threshold the split is neither confirmed nor a mismatch
 */
public record SampleRatioMismatch(
    long[] observed,
    double[] expected,
    double statistic,
    int degreesOfFreedom,
    double pValue,
    double threshold,
    String method,
    double smallestPValue) {
  /**
   * Returns whether the test can reach the threshold with these users: its smallest attainable
   * p-value is below it (no split of 10 users reaches 0.0005 on a 50/50 split: 2 x 0.5^10 =
   * 0.00195).
   */
  public boolean decidable() {
    return smallestPValue < threshold;
  }

  /** Returns whether the split is a sample ratio mismatch: p-value below the threshold. */
  public boolean mismatch() {
    return pValue < threshold;
  }

  /**
   * Returns the number of users observed, the sum of {@link #observed} (at most {@link
   * Long#MAX_VALUE}).
   */
  public long total() {
    long total = 0;
    for (long count : observed) {
      total = Math.addExact(total, count);
    }
    return total;
  }

  /**
   * Tests observed variant counts against weights.
   *
   * <p>Counts may add up to {@link Long#MAX_VALUE} (their sum is exact); weights may be any finite
   * non-negative values (they are scaled by the largest before they are added).
   *
   * @throws IllegalArgumentException if the arrays differ in length or have fewer than 2 entries, a
   *     count or weight is negative, the counts add up to more than {@link Long#MAX_VALUE}, the
   *     weights are all zero, a zero-weight variant has users, no users were observed, or the
   *     threshold is outside (0, 1)
   */
  public static SampleRatioMismatch of(long[] observed, double[] weights, double threshold) {
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(weights, "weights");
    if (observed.length != weights.length) {
      throw new IllegalArgumentException(
          "observed and weights must have the same length: "
              + observed.length
              + " counts, "
              + weights.length
              + " weights");
    }
    if (observed.length < 2) {
      throw new IllegalArgumentException("a split needs at least 2 variants: " + observed.length);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be within (0, 1): " + threshold);
    }
    double largestWeight = 0;
    long total = 0;
    for (int i = 0; i < observed.length; i++) {
      if (observed[i] < 0) {
        throw new IllegalArgumentException("observed counts must be >= 0: " + observed[i]);
      }
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weights must be finite and >= 0: " + weights[i]);
      }
      largestWeight = Math.max(largestWeight, weights[i]);
      try {
        total = Math.addExact(total, observed[i]);
      } catch (ArithmeticException overflow) {
        throw new IllegalArgumentException(
            "observed counts must add up to at most "
                + Long.MAX_VALUE
                + ": "
                + Arrays.toString(observed));
      }
    }
    if (largestWeight == 0) {
      throw new IllegalArgumentException(
          "weights must not all be zero: " + Arrays.toString(weights));
    }
    if (total == 0) {
      throw new IllegalArgumentException("observed counts must not all be zero");
    }
    // Weights are scaled by the largest so that their sum stays finite (1e308 + 1e308 would be
    // infinite).
    double weightSum = 0;
    for (double weight : weights) {
      weightSum += weight / largestWeight;
    }
    double[] expected = new double[observed.length];
    double statistic = 0;
    int degreesOfFreedom = -1;
    for (int i = 0; i < observed.length; i++) {
      expected[i] = total * (weights[i] / largestWeight / weightSum);
      if (expected[i] == 0) {
        if (observed[i] > 0) {
          throw new IllegalArgumentException(
              "variant "
                  + i
                  + " has weight "
                  + weights[i]
                  + " (no users expected) but "
                  + observed[i]
                  + " users");
        }
        continue;
      }
      double difference = observed[i] - expected[i];
      statistic += difference * difference / expected[i];
      degreesOfFreedom++;
    }
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException(
          "a split needs at least 2 variants with weight > 0: " + Arrays.toString(weights));
    }
    if (!(statistic >= 0 && statistic < Double.POSITIVE_INFINITY)) {
      // never a verdict from an overflow or a NaN
      throw new IllegalArgumentException(
          "the chi-square statistic of observed "
              + Arrays.toString(observed)
              + " against weights "
              + Arrays.toString(weights)
              + " is not a finite number: "
              + statistic);
    }
    long[] positive = new long[degreesOfFreedom + 1];
    double[] shares = new double[degreesOfFreedom + 1];
    for (int i = 0, j = 0; i < observed.length; i++) {
      if (expected[i] > 0) {
        positive[j] = observed[i];
        shares[j++] = expected[i] / total;
      }
    }
    if (positive.length == 2 && total <= ExactBinomial.MAX_TRIALS) {
      // two arms: exact at every size, where chi-square is only approximately right
      return new SampleRatioMismatch(
          observed.clone(),
          expected,
          statistic,
          degreesOfFreedom,
          ExactBinomial.twoSidedPValue(total, positive[0], shares[0]),
          threshold,
          "exact binomial",
          ExactBinomial.smallestPValue(total, shares[0]));
    }
    double minExpected = Arrays.stream(expected).filter(e -> e > 0).min().orElse(0);
    double exactFloor = MonteCarloChiSquare.smallestExactPValue(total, shares);
    if (minExpected >= Statistics.COCHRAN_MINIMUM) {
      double pValue =
          Statistics.upperTail(
              new ChiSquaredDistribution(NO_SAMPLING, degreesOfFreedom), statistic);
      return new SampleRatioMismatch(
          observed.clone(),
          expected,
          statistic,
          degreesOfFreedom,
          pValue,
          threshold,
          "chi-square",
          exactFloor);
    }
    if (!MonteCarloChiSquare.affordable(total)) {
      return new SampleRatioMismatch(
          observed.clone(),
          expected,
          statistic,
          degreesOfFreedom,
          1,
          threshold,
          "none (too many users to simulate, too few per variant for chi-square)",
          1);
    }
    MonteCarloChiSquare simulated = MonteCarloChiSquare.of(total, shares);
    return new SampleRatioMismatch(
        observed.clone(),
        expected,
        statistic,
        degreesOfFreedom,
        simulated.upperPValue(statistic),
        threshold,
        String.format(
            Locale.ROOT,
            "Monte Carlo (seed %#x, %,d draws)",
            MonteCarloChiSquare.SEED,
            MonteCarloChiSquare.DRAWS),
        Math.max(exactFloor, 1.0 / (MonteCarloChiSquare.DRAWS + 1)));
  }

  private static final RandomGenerator NO_SAMPLING = null;
}
