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
    // the most trials it takes: 2 x 0.5^(2^31 - 1) is 0 in a double
    assertEquals(0, ExactBinomial.twoSidedPValue(ExactBinomial.MAX_TRIALS, 0, 0.5), 0);
    // probability 0 or 1: any other count is impossible, the only possible one is certain
    assertEquals(0, ExactBinomial.twoSidedPValue(7, 3, 0), 0);
    assertEquals(1, ExactBinomial.twoSidedPValue(7, 7, 1), 0);
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
