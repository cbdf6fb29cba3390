package dev.bucketproof.reports.statistics;

import static dev.bucketproof.reports.statistics.MonteCarloChiSquareTest.assertNear;
import static dev.bucketproof.reports.statistics.MonteCarloChiSquareTest.exactLower;
import static dev.bucketproof.reports.statistics.MonteCarloChiSquareTest.exactUpper;
import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The uniformity gate's three methods (chi-square, seeded Monte Carlo below Cochran's rule, none
 * beyond the simulation's reach) and its verdicts: p-values against chi-square in closed form (df
 * 2: P(X >= x) = exp(-x / 2)) or against the exact multinomial null enumerated in {@link
 * MonteCarloChiSquareTest}.
 */
class UniformityTest {
  private static final double ALPHA = 0.0005;

  @BeforeEach
  void computeAfresh() {
    Caches.clear();
  }

  @Test
  void chiSquareWithUnequalShares() {
    // expected 20, 40, 40: statistic 0 + 100/40 + 100/40 = 5, P(X >= 5) = exp(-2.5) at df 2
    Uniformity fit =
        Uniformity.goodnessOfFit(new long[] {20, 30, 50}, new double[] {0.2, 0.4, 0.4}, ALPHA);
    assertEquals(5, fit.statistic(), 1e-12);
    assertEquals(2, fit.degreesOfFreedom());
    assertEquals(Math.exp(-2.5), fit.pValue(), 1e-12);
    assertEquals(1 - Math.exp(-2.5), fit.lowerTail(), 1e-12);
    assertEquals(20, fit.minExpected(), 1e-12);
    assertEquals("chi-square", fit.method());
    assertEquals(ALPHA, fit.alpha());
  }

  @Test
  void fiveExpectedPerBucketIsEnoughForChiSquare() {
    // Cochran's rule holds at exactly 5; the smallest two-sided p-value: 2 x 2 x 0.5^10.
    // 6 and 4: statistic 0.4, P(X >= 0.4) at df 1 = 0.5270892568655381 (scipy chi2.sf)
    Uniformity fit = Uniformity.of(new long[] {6, 4}, ALPHA);
    assertEquals("chi-square", fit.method());
    assertEquals(0.5270892568655381, fit.pValue(), 1e-12);
    assertTrue(fit.valid());
    assertEquals(4 * Math.pow(0.5, 10), fit.smallestTwoSidedPValue(), 1e-15);
    assertTrue(fit.passed());
    assertEquals("uniform", fit.verdict());
  }

  @Test
  void belowCochransRuleTheMonteCarloNullAgreesWithTheExactOne() {
    // 8 users over 4 buckets (expected 2): statistic (4 + 0 + 1 + 1) / 2 = 3
    long[] counts = {4, 2, 1, 1};
    double[] quarters = {0.25, 0.25, 0.25, 0.25};
    Uniformity fit = Uniformity.of(counts, ALPHA);
    assertEquals(3, fit.statistic(), 1e-12);
    assertEquals(3, fit.degreesOfFreedom());
    assertEquals(2, fit.minExpected(), 1e-12);
    assertNear(exactUpper(8, quarters, 3), fit.pValue(), "upper");
    assertNear(exactLower(8, quarters, 3), fit.lowerTail(), "lower");
    assertEquals("Monte Carlo (seed 0xb0c4e72026, 19,999 draws)", fit.method());
    // twice the larger of the exact floor 4 x 4^-8 and the Monte Carlo floor 1 / 20,000
    assertEquals(2 * 4 * Math.pow(0.25, 8), fit.smallestTwoSidedPValue(), 1e-15);
    assertFalse(fit.valid());
    assertFalse(fit.rejected());
    assertEquals("too few users", fit.verdict());
    assertFalse(fit.passed());
  }

  @Test
  void beyondTheSimulationsReachThereIsNoTest() {
    // 3,000 users over 1,000 buckets: 3 expected per bucket, and more users than it simulates
    long[] counts = new long[1_000];
    Arrays.fill(counts, 3);
    Uniformity fit = Uniformity.of(counts, ALPHA);
    assertEquals(
        "none (too many users to simulate, too few per bucket for chi-square)", fit.method());
    assertEquals(0, fit.statistic(), 1e-12);
    assertEquals(999, fit.degreesOfFreedom());
    assertEquals(1, fit.pValue());
    assertEquals(1, fit.lowerTail());
    assertEquals(1, fit.smallestTwoSidedPValue());
    assertEquals(3, fit.minExpected(), 1e-12);
    assertEquals("too few users", fit.verdict());
  }

  @Test
  void verdictsAtTheirBoundaries() {
    // a two-sided p-value equal to alpha is not a rejection
    Uniformity atLevel = new Uniformity(1, 1, 0.01, 0.99, 0.02, 5, "chi-square", 0);
    assertEquals(0.02, atLevel.twoSidedPValue(), 0);
    assertFalse(atLevel.rejected());
    assertTrue(atLevel.passed());
    // a hair below Cochran's minimum is not valid
    Uniformity few = new Uniformity(1, 1, 0.5, 0.5, 0.02, 4.999, "chi-square", 0);
    assertFalse(few.valid());
    assertEquals("too few users", few.verdict());
    // rejected with equal tails: "too uneven" (the upper tail decides ties)
    Uniformity tie = new Uniformity(1, 1, 0.001, 0.001, 0.05, 10, "chi-square", 0);
    assertEquals("too uneven", tie.verdict());
    assertEquals("too even", new Uniformity(1, 1, 0.9, 0.001, 0.05, 10, "x", 0).verdict());
    // the two-sided p-value is capped at 1
    assertEquals(1, new Uniformity(1, 1, 0.7, 0.6, 0.05, 10, "x", 0).twoSidedPValue());
  }

  @Test
  void rejectsWhatIsNoGoodnessOfFit() {
    assertEquals(
        "counts",
        assertThrows(NullPointerException.class, () -> Uniformity.of(null, ALPHA)).getMessage());
    assertMessage(
        "uniformity needs at least 2 buckets: 1", () -> Uniformity.of(new long[] {5}, ALPHA));
    assertMessage(
        "goodness of fit needs at least 2 bins and one share per bin: 2 counts, 3 shares",
        () -> Uniformity.goodnessOfFit(new long[] {1, 2}, new double[] {0.5, 0.3, 0.2}, ALPHA));
    assertMessage(
        "goodness of fit needs at least 2 bins and one share per bin: 1 counts, 1 shares",
        () -> Uniformity.chiSquareGoodnessOfFit(new long[] {1}, new double[] {1}, ALPHA));
    assertMessage(
        "goodness of fit needs at least one observation",
        () -> Uniformity.goodnessOfFit(new long[] {0, 0}, new double[] {0.5, 0.5}, ALPHA));
    assertMessage(
        "expected shares must be > 0: 0.0 for bin 1",
        () -> Uniformity.goodnessOfFit(new long[] {1, 2}, new double[] {1, 0}, ALPHA));
    assertMessage(
        "expected shares must be > 0: NaN for bin 0",
        () -> Uniformity.goodnessOfFit(new long[] {1, 2}, new double[] {Double.NaN, 1}, ALPHA));
  }
}
