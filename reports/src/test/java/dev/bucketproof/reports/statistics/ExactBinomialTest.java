package dev.bucketproof.reports.statistics;

import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertMessage;
import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The exact two-sided binomial test against SciPy 1.17.1's {@code binomtest} (as R's {@code
 * binom.test}; {@code statistics_vectors.py} in the test resources) and closed forms.
 */
class ExactBinomialTest {

  @Test
  void twoSidedPValueAgreesWithScipyBinomtest() {
    // the class javadoc: 12 of 12 users in one arm of a 50/50 split, 2 x 0.5^12
    assertEquals(2 * Math.pow(0.5, 12), ExactBinomial.twoSidedPValue(12, 0, 0.5), 1e-18);
    assertRelative(0.24907145667188746, ExactBinomial.twoSidedPValue(100, 30, 0.25), 1e-9);
    // one trial at 1/2: both outcomes equally likely
    assertEquals(1, ExactBinomial.twoSidedPValue(1, 0, 0.5), 1e-15);
    // the most trials it takes: 2 x 0.5^(2^31 - 1) is 0 in a double (the far tail's sum leaves a
    // subnormal, about 1e-321)
    assertEquals(0, ExactBinomial.twoSidedPValue(ExactBinomial.MAX_TRIALS, 0, 0.5), 1e-300);
    // probability 0 or 1: any other count is impossible, the only possible one is certain
    assertEquals(0, ExactBinomial.twoSidedPValue(7, 3, 0), 0);
    assertEquals(1, ExactBinomial.twoSidedPValue(7, 7, 1), 0);
  }

  /**
   * Counts as likely as the observed one count on both sides, whichever arm is listed first
   * (Commons Statistics 1.1's {@code BinomialTest} gave 60 of 100 p = 0.0460, 40 of 100 p =
   * 0.0569); SciPy 1.17.1 {@code binomtest(k, n, p).pvalue}, which uses R's tolerance.
   */
  @Test
  void equallyLikelyCountsCountOnBothSides() {
    assertRelative(0.05688793364098089, ExactBinomial.twoSidedPValue(100, 60, 0.5), 1e-12);
    assertRelative(0.05688793364098089, ExactBinomial.twoSidedPValue(100, 40, 0.5), 1e-12);
    assertRelative(0.2174482932041415, ExactBinomial.twoSidedPValue(1000, 520, 0.5), 1e-9);
    assertRelative(0.2174482932041415, ExactBinomial.twoSidedPValue(1000, 480, 0.5), 1e-9);
    assertRelative(0.004035790886057413, ExactBinomial.twoSidedPValue(100, 20, 1.0 / 3), 1e-9);
    assertRelative(5.694962889581059e-06, ExactBinomial.twoSidedPValue(100, 13, 1.0 / 3), 1e-9);
    assertRelative(8.681907136310337e-30, ExactBinomial.twoSidedPValue(1000, 173, 1.0 / 3), 1e-6);
    assertRelative(0.00012777187375368152, ExactBinomial.twoSidedPValue(30, 1, 1.0 / 3), 1e-9);
    // the most trials: the other tail's search must not overflow past Integer.MAX_VALUE
    assertRelative(
        0.012046423331402175,
        ExactBinomial.twoSidedPValue(ExactBinomial.MAX_TRIALS, 1_073_800_000, 0.5),
        1e-6);
    assertEquals(
        0, ExactBinomial.twoSidedPValue(ExactBinomial.MAX_TRIALS, 357_933_333, 1.0 / 3), 1e-300);
    assertEquals(
        0,
        ExactBinomial.twoSidedPValue(ExactBinomial.MAX_TRIALS, ExactBinomial.MAX_TRIALS - 1, 1),
        0);
  }

  @Test
  void smallestPValuesAreThoseOfTheTwoExtremeCounts() {
    // 10 trials at 1/2: 2 x 0.5^10 = 0.00195, so no split of 10 users reaches 0.0005
    assertEquals(2 * Math.pow(0.5, 10), ExactBinomial.smallestPValue(10, 0.5), 1e-18);
    assertEquals(2 * Math.pow(0.5, 10), ExactBinomial.smallestPValueBothWays(10, 0.5), 1e-18);
    // at 0.3 the two ends differ: scipy p(0) = 0.0388396033, p(10) = 0.3^10 = 5.9049e-6
    assertRelative(Math.pow(0.3, 10), ExactBinomial.smallestPValue(10, 0.3), 1e-9);
    assertRelative(0.0388396033, ExactBinomial.smallestPValueBothWays(10, 0.3), 1e-9);
  }

  @Test
  void rejectsImpossibleArguments() {
    assertMessage(
        "trials must be within [1, 2147483647]: 0", () -> ExactBinomial.twoSidedPValue(0, 0, 0.5));
    assertMessage(
        "trials must be within [1, 2147483647]: 2147483648",
        () -> ExactBinomial.smallestPValue(2_147_483_648L, 0.5));
    assertMessage(
        "probability must be within [0, 1]: -0.1",
        () -> ExactBinomial.smallestPValueBothWays(10, -0.1));
    assertMessage(
        "probability must be within [0, 1]: 1.5", () -> ExactBinomial.twoSidedPValue(10, 1, 1.5));
    assertMessage(
        "probability must be within [0, 1]: NaN",
        () -> ExactBinomial.twoSidedPValue(10, 1, Double.NaN));
    assertMessage(
        "successes must be within [0, 10]: -1", () -> ExactBinomial.twoSidedPValue(10, -1, 0.5));
    assertMessage(
        "successes must be within [0, 10]: 11", () -> ExactBinomial.twoSidedPValue(10, 11, 0.5));
  }
}
