package dev.bucketproof.reports.statistics;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * The power of a chi-square test against a noncentral alternative: P(X > c) for X noncentral
 * chi-square with {@code degreesOfFreedom} and noncentrality lambda, as a Poisson(lambda / 2)
 * mixture of central chi-square tails (Johnson, Kotz and Balakrishnan, Continuous Univariate
 * Distributions, vol. 2, 29.2). commons-math3 has no noncentral chi-square, hence this class.
 *
 * <p>For a goodness-of-fit test of n users against shares p0 when the true shares are p1, lambda =
 * n * w^2 with Cohen's w^2 = sum (p1 - p0)^2 / p0 (Cohen 1988, ch. 7). Example: 99 degrees of
 * freedom at alpha 0.0005 need lambda = 71.7 for 80% power.
 *
 * <p>Thread-safety: stateless.
 */
public final class NoncentralChiSquare {
  /** The power every figure of the report is stated at. */
  public static final double POWER = 0.8;

  private NoncentralChiSquare() {}

  /**
   * Returns P(X > critical) for noncentral chi-square X with the given degrees of freedom and
   * lambda.
   */
  public static double upperTail(double critical, int degreesOfFreedom, double lambda) {
    if (degreesOfFreedom < 1 || !(lambda >= 0)) {
      throw new IllegalArgumentException(
          "need degreesOfFreedom >= 1 and lambda >= 0: " + degreesOfFreedom + ", " + lambda);
    }
    double mean = lambda / 2;
    int centre = (int) Math.floor(mean);
    int spread = (int) Math.ceil(12 * Math.sqrt(mean) + 40);
    int first = Math.max(0, centre - spread);
    int last = centre + spread;
    double sum = 0;
    for (int j = first; j <= last; j++) {
      double weight =
          mean == 0
              ? (j == 0 ? 1 : 0)
              : Math.exp(-mean + j * Math.log(mean) - Gamma.logGamma(j + 1.0));
      if (weight == 0) {
        continue;
      }
      sum += weight * Gamma.regularizedGammaQ((degreesOfFreedom + 2.0 * j) / 2, critical / 2);
    }
    return Math.min(1, sum);
  }

  /** Returns the critical value of a central chi-square test: P(X > critical) = alpha. */
  public static double critical(int degreesOfFreedom, double alpha) {
    return new ChiSquaredDistribution(null, degreesOfFreedom)
        .inverseCumulativeProbability(1 - alpha);
  }

  /**
   * Returns the power of a level-alpha chi-square test with these degrees of freedom at
   * noncentrality lambda.
   */
  public static double power(int degreesOfFreedom, double alpha, double lambda) {
    return upperTail(critical(degreesOfFreedom, alpha), degreesOfFreedom, lambda);
  }

  /**
   * Returns the noncentrality lambda at which a level-alpha chi-square test has power {@code power}
   * (bisection to a relative 1e-9).
   *
   * @throws IllegalArgumentException if power is not within (alpha, 1)
   */
  public static double lambdaFor(int degreesOfFreedom, double alpha, double power) {
    if (!(power > alpha && power < 1)) {
      throw new IllegalArgumentException("power must be within (alpha, 1): " + power);
    }
    double critical = critical(degreesOfFreedom, alpha);
    double low = 0;
    double high = 1;
    while (upperTail(critical, degreesOfFreedom, high) < power) {
      low = high;
      high *= 2;
    }
    while (high - low > 1e-9 * high) {
      double middle = (low + high) / 2;
      if (upperTail(critical, degreesOfFreedom, middle) < power) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return high;
  }
}
