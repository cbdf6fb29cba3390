package dev.bucketproof.reports.statistics;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Gamma;

/**
 * What every test of the audit shares: the gates' level, Cochran's rule and the chi-square upper
 * tail. The tests are one class each, as commons-math's {@code stat.inference}: {@link Uniformity},
 * {@link RolloutAccuracy}, {@link Independence}, {@link SaltMetaTest}, {@link ModuloBias} and
 * {@link SampleRatioMismatch}, each a record of the statistic, the p-value and the verdict at the
 * given alpha, with the static methods that compute it.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class Statistics {
  /** The significance level of every gate: Microsoft ExP's sample-ratio-mismatch level. */
  public static final double ALPHA = 0.0005;

  private static final RandomGenerator NO_SAMPLING = null;

  private Statistics() {}

  /**
   * Cochran's rule: the chi-square approximation needs an expected count of at least 5 in every
   * cell.
   */
  public static final double COCHRAN_MINIMUM = 5;

  /**
   * Returns P(X >= statistic) for a chi-square distribution with {@code degreesOfFreedom}.
   *
   * @throws IllegalArgumentException if {@code degreesOfFreedom} is below 1
   */
  public static double chiSquareUpperTail(double statistic, int degreesOfFreedom) {
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException("degreesOfFreedom must be >= 1: " + degreesOfFreedom);
    }
    return upperTail(new ChiSquaredDistribution(NO_SAMPLING, degreesOfFreedom), statistic);
  }

  /** Returns P(X >= statistic), accurate far into the tail where 1 - CDF would round to 0. */
  static double upperTail(ChiSquaredDistribution distribution, double statistic) {
    double cumulative = distribution.cumulativeProbability(statistic);
    if (cumulative < 0.5) {
      return 1 - cumulative;
    }
    // 1 - CDF loses all precision near 1; the regularized upper gamma Q(df/2, x/2) keeps it.
    return Gamma.regularizedGammaQ(distribution.getDegreesOfFreedom() / 2, statistic / 2);
  }
}
