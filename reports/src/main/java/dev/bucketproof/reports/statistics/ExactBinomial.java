package dev.bucketproof.reports.statistics;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/**
 * The exact two-sided binomial test, on Apache Commons Statistics' {@link BinomialTest}: the
 * p-value is the probability of every count no more likely than the observed one (as R's {@code
 * binom.test}), exact at every size up to {@link Integer#MAX_VALUE} trials. The two-arm sample
 * ratio mismatch gate uses it at every n: chi-square at 12 of 12 users in one arm of a 50/50 split
 * gives p = 0.000532 (no mismatch at 0.0005), the exact test 2 x 0.5^12 = 0.000488 (a mismatch).
 *
 * <p>Thread-safety: stateless.
 */
public final class ExactBinomial {
  /** The most trials the exact test takes (commons-statistics counts in {@code int}). */
  public static final long MAX_TRIALS = Integer.MAX_VALUE;

  private static final BinomialTest TWO_SIDED =
      BinomialTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED);

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
    return TWO_SIDED.test((int) trials, (int) successes, probability).getPValue();
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
