package dev.bucketproof.reports.statistics;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The exact two-sided binomial test: the p-value is the probability of every count no more likely
 * than the observed one, with R's {@code binom.test} tolerance (a count whose probability is within
 * a relative 10^-7 of the observed one's counts as equally likely; SciPy's {@code binomtest} does
 * the same), exact at every size up to {@link Integer#MAX_VALUE} trials: the other tail's boundary
 * is found by bisection on the unimodal probabilities, and the tails come from Commons Statistics'
 * binomial distribution (its survival function for the upper tail). Commons Statistics 1.1's {@code
 * BinomialTest} was used before; without the tolerance it gives 60 of 100 at 1/2 p = 0.0460 and 40
 * of 100 p = 0.0569, since P(40) and P(60) differ in their last bits. The two-arm sample ratio
 * mismatch gate uses it at every n: chi-square at 12 of 12 users in one arm of a 50/50 split gives
 * p = 0.000532 (no mismatch at 0.0005), the exact test 2 x 0.5^12 = 0.000488 (a mismatch).
 *
 * <p>Thread-safety: stateless.
 */
public final class ExactBinomial {
  /** The most trials the exact test takes (commons-statistics counts in {@code int}). */
  public static final long MAX_TRIALS = Integer.MAX_VALUE;

  /** R's {@code binom.test} relative tolerance for "no more likely". */
  private static final double RELATIVE_ERROR = 1 + 1e-7;

  private ExactBinomial() {}

  /**
   * Returns the exact two-sided p-value of {@code successes} in {@code trials} with success
   * probability {@code probability}.
   *
   * @throws IllegalArgumentException if trials is not within [1, {@link #MAX_TRIALS}], successes
   *     not within [0, trials], or probability not within [0, 1]
   */
  public static double twoSidedPValue(long trials, long successes, double probability) {
    check(trials, probability);
    if (successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "successes must be within [0, " + trials + "]: " + successes);
    }
    int n = (int) trials;
    int x = (int) successes;
    BinomialDistribution counts = BinomialDistribution.of(n, probability);
    double mean = n * probability;
    if (x == mean) {
      return 1;
    }
    double limit = counts.probability(x) * RELATIVE_ERROR;
    double pValue;
    if (x < mean) {
      // the first count at or above the mean no more likely than x (probabilities fall there)
      long low = (long) Math.ceil(mean);
      long high = n + 1L;
      while (low < high) {
        int middle = (int) ((low + high) >>> 1);
        if (counts.probability(middle) <= limit) {
          high = middle;
        } else {
          low = middle + 1L;
        }
      }
      pValue =
          counts.cumulativeProbability(x)
              + (low > n ? 0 : counts.survivalProbability((int) (low - 1)));
    } else {
      // one past the last count at or below the mean no more likely than x (probabilities rise)
      long low = 0;
      long high = (long) Math.floor(mean) + 1;
      while (low < high) {
        int middle = (int) ((low + high) >>> 1);
        if (counts.probability(middle) <= limit) {
          low = middle + 1L;
        } else {
          high = middle;
        }
      }
      pValue =
          (low == 0 ? 0 : counts.cumulativeProbability((int) (low - 1)))
              + counts.survivalProbability(x - 1);
    }
    return Math.min(1, pValue);
  }

  /**
   * Returns the smallest two-sided p-value any count can give at this size, {@code min(p(0),
   * p(trials))}: 2 x 0.5^10 = 0.00195 for 10 trials at 1/2, so no split of 10 users reaches 0.0005.
   *
   * @throws IllegalArgumentException as {@link #twoSidedPValue}
   */
  public static double smallestPValue(long trials, double probability) {
    check(trials, probability);
    return Math.min(
        twoSidedPValue(trials, 0, probability), twoSidedPValue(trials, trials, probability));
  }

  /**
   * Returns the smallest p-value both directions can each reach, {@code max(p(0), p(trials))}: a
   * gate below this level can reject a share too high and a share too low.
   *
   * @throws IllegalArgumentException as {@link #twoSidedPValue}
   */
  public static double smallestPValueBothWays(long trials, double probability) {
    check(trials, probability);
    return Math.max(
        twoSidedPValue(trials, 0, probability), twoSidedPValue(trials, trials, probability));
  }

  private static void check(long trials, double probability) {
    if (trials < 1 || trials > MAX_TRIALS) {
      throw new IllegalArgumentException(
          "trials must be within [1, " + MAX_TRIALS + "]: " + trials);
    }
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be within [0, 1]: " + probability);
    }
  }
}
