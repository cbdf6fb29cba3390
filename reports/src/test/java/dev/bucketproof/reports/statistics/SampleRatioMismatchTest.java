package dev.bucketproof.reports.statistics;

import static dev.bucketproof.reports.statistics.MonteCarloChiSquareTest.assertNear;
import static dev.bucketproof.reports.statistics.MonteCarloChiSquareTest.exactUpper;
import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample-ratio-mismatch gate's four methods (exact binomial, chi-square, seeded Monte Carlo,
 * none) and its argument checks: chi-square p-values in closed form at df 2 ({@code exp(-x / 2)}),
 * binomial ones as 2 x 0.5^n, Monte Carlo ones against the exact multinomial null.
 */
class SampleRatioMismatchTest {
  private static final double ALPHA = 0.0005;

  @BeforeEach
  void computeAfresh() {
    Caches.clear();
  }

  @Test
  void threeArmsByChiSquareFromFiveExpectedUsersEach() {
    // expected 5 each (Cochran's minimum): statistic (4 + 0 + 4) / 5 = 1.6, p = exp(-0.8)
    SampleRatioMismatch srm =
        SampleRatioMismatch.of(new long[] {3, 5, 7}, new double[] {1, 1, 1}, ALPHA);
    assertEquals("chi-square", srm.method());
    assertEquals(1.6, srm.statistic(), 1e-12);
    assertEquals(2, srm.degreesOfFreedom());
    assertEquals(Math.exp(-0.8), srm.pValue(), 1e-12);
    // every user in one arm: 3 x 3^-15
    assertEquals(3 * Math.pow(3, -15), srm.smallestPValue(), 1e-20);
    assertTrue(srm.decidable());
    assertFalse(srm.mismatch());
  }

  @Test
  void aVariantWithoutWeightIsNoArm() {
    // 100/110/90/0 against 1/1/1/0: df 2, statistic (0 + 100 + 100) / 100 = 2, p = exp(-1)
    SampleRatioMismatch srm =
        SampleRatioMismatch.of(new long[] {100, 110, 90, 0}, new double[] {1, 1, 1, 0}, ALPHA);
    assertEquals("chi-square", srm.method());
    assertArrayEquals(new double[] {100, 100, 100, 0}, srm.expected(), 1e-9);
    assertEquals(2, srm.degreesOfFreedom());
    assertEquals(Math.exp(-1), srm.pValue(), 1e-12);
    // two arms left of three variants: still the exact binomial test
    SampleRatioMismatch two =
        SampleRatioMismatch.of(new long[] {12, 0, 0}, new double[] {50, 50, 0}, ALPHA);
    assertEquals("exact binomial", two.method());
    assertEquals(2 * Math.pow(0.5, 12), two.pValue(), 1e-18);
  }

  @Test
  void twoArmsAreExactAndUndecidableWhenNoSplitReachesTheThreshold() {
    // docs/statistics.md: 12 users all in one arm fail at 0.0005 (2 x 0.5^12 = 0.000488)
    SampleRatioMismatch twelve =
        SampleRatioMismatch.of(new long[] {12, 0}, new double[] {50, 50}, ALPHA);
    assertEquals("exact binomial", twelve.method());
    assertEquals(2 * Math.pow(0.5, 12), twelve.pValue(), 1e-18);
    assertEquals(2 * Math.pow(0.5, 12), twelve.smallestPValue(), 1e-18);
    assertTrue(twelve.decidable());
    assertTrue(twelve.mismatch());
    // ... and 10 users cannot (2 x 0.5^10 = 0.00195)
    SampleRatioMismatch ten =
        SampleRatioMismatch.of(new long[] {10, 0}, new double[] {50, 50}, ALPHA);
    assertFalse(ten.decidable());
    // a p-value equal to the threshold is no mismatch, and a floor equal to it decides nothing
    SampleRatioMismatch atLevel =
        SampleRatioMismatch.of(new long[] {12, 0}, new double[] {50, 50}, 2 * Math.pow(0.5, 12));
    assertFalse(atLevel.mismatch());
    assertFalse(atLevel.decidable());
    // an arm with no users is a count like any other: 2 x 0.5^5
    assertEquals(
        2 * Math.pow(0.5, 5),
        SampleRatioMismatch.of(new long[] {0, 5}, new double[] {1, 1}, ALPHA).pValue(),
        1e-15);
  }

  @Test
  void twoArmsUpToTheExactTestsReachAreExact() {
    // 2^31 - 1 users split as evenly as they can be: the most likely split, p = 1
    SampleRatioMismatch srm =
        SampleRatioMismatch.of(new long[] {1L << 30, (1L << 30) - 1}, new double[] {1, 1}, ALPHA);
    assertEquals("exact binomial", srm.method());
    assertEquals(1, srm.pValue(), 1e-12);
  }

  @Test
  void twoArmsBeyondTheExactTestsReachUseChiSquare() {
    long half = 1L << 31; // 2^32 users in all, more than the binomial test counts
    SampleRatioMismatch srm =
        SampleRatioMismatch.of(new long[] {half, half}, new double[] {1, 1}, ALPHA);
    assertEquals("chi-square", srm.method());
    assertEquals(0, srm.statistic(), 1e-9);
    assertEquals(1, srm.pValue(), 1e-12);
  }

  @Test
  void belowCochransRuleThreeArmsUseTheMonteCarloNull() {
    // 4 users over thirds: statistic ((5/3)^2 + (1/3)^2 + (4/3)^2) / (4/3) = 3.5
    SampleRatioMismatch srm =
        SampleRatioMismatch.of(new long[] {3, 1, 0}, new double[] {1, 1, 1}, ALPHA);
    assertEquals(3.5, srm.statistic(), 1e-12);
    double[] thirds = {1 / 3.0, 1 / 3.0, 1 / 3.0};
    assertNear(exactUpper(4, thirds, 3.5), srm.pValue(), "P(T >= 3.5)");
    assertEquals("Monte Carlo (seed 0xb0c4e72026, 19,999 draws)", srm.method());
    // every user in one arm: 3 x 3^-4 = 1/27, above the Monte Carlo floor
    assertEquals(1 / 27.0, srm.smallestPValue(), 1e-15);
    assertFalse(srm.decidable());
  }

  @Test
  void beyondTheSimulationsReachThereIsNoTest() {
    // 6,002 users: the third arm expects 6,002 / 2,001 = 3 users, and 6,002 is too many to simulate
    SampleRatioMismatch srm =
        SampleRatioMismatch.of(new long[] {3_000, 3_000, 2}, new double[] {1_000, 1_000, 1}, ALPHA);
    assertEquals(
        "none (too many users to simulate, too few per variant for chi-square)", srm.method());
    assertEquals(1, srm.pValue());
    assertEquals(1, srm.smallestPValue());
    assertFalse(srm.decidable());
    assertFalse(srm.mismatch());
  }

  @Test
  void rejectsWhatIsNoSplit() {
    assertEquals(
        "observed",
        assertThrows(
                NullPointerException.class,
                () -> SampleRatioMismatch.of(null, new double[] {1, 1}, ALPHA))
            .getMessage());
    assertEquals(
        "weights",
        assertThrows(
                NullPointerException.class,
                () -> SampleRatioMismatch.of(new long[] {1, 1}, null, ALPHA))
            .getMessage());
    assertMessage(
        "a split needs at least 2 variants: 1",
        () -> SampleRatioMismatch.of(new long[] {5}, new double[] {1}, ALPHA));
    assertMessage(
        "threshold must be within (0, 1): 0.0",
        () -> SampleRatioMismatch.of(new long[] {1, 2}, new double[] {1, 1}, 0));
    assertMessage(
        "threshold must be within (0, 1): 1.0",
        () -> SampleRatioMismatch.of(new long[] {1, 2}, new double[] {1, 1}, 1));
    assertMessage(
        "threshold must be within (0, 1): NaN",
        () -> SampleRatioMismatch.of(new long[] {1, 2}, new double[] {1, 1}, Double.NaN));
    assertMessage(
        "weights must be finite and >= 0: -1.0",
        () -> SampleRatioMismatch.of(new long[] {1, 2}, new double[] {1, -1}, ALPHA));
    assertMessage(
        "weights must be finite and >= 0: Infinity",
        () ->
            SampleRatioMismatch.of(
                new long[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}, ALPHA));
    assertMessage(
        "observed counts must not all be zero",
        () -> SampleRatioMismatch.of(new long[] {0, 0}, new double[] {1, 1}, ALPHA));
    assertMessage(
        "a split needs at least 2 variants with weight > 0: [1.0, 0.0]",
        () -> SampleRatioMismatch.of(new long[] {5, 0}, new double[] {1, 0}, ALPHA));
  }

  @Test
  void neverAVerdictFromAnInfiniteStatistic() {
    // a subnormal weight expects 2e-320 users; one user there gives (1 - 2e-320)^2 / 2e-320 = inf
    assertMessage(
        "the chi-square statistic of observed [1, 1] against weights [1.0E-320, 1.0] is not a"
            + " finite number: Infinity",
        () -> SampleRatioMismatch.of(new long[] {1, 1}, new double[] {1e-320, 1}, ALPHA));
  }
}
