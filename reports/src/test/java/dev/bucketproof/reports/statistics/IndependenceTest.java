package dev.bucketproof.reports.statistics;

import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The independence gate's methods and argument checks: Fisher's exact test against SciPy 1.17.1's
 * {@code fisher_exact} ({@code statistics_vectors.py} in the test resources), chi-square against
 * the 2x2 closed form n (ad - bc)^2 / (r1 r2 c1 c2) and {@code chi2.sf}.
 */
class IndependenceTest {
  private static final double ALPHA = 0.0005;

  @Test
  void fiveExpectedPerCellIsEnoughForChiSquare() {
    // every expected count is exactly 5: 20 (49 - 9)^2 / 10^4 = 3.2; scipy chi2.sf(3.2, 1)
    Independence test = Independence.of(new long[][] {{7, 3}, {3, 7}}, ALPHA);
    assertEquals("chi-square", test.method());
    assertEquals(3.2, test.statistic(), 1e-12);
    assertEquals(0.07363827012030258, test.pValue(), 1e-12);
    assertEquals(0, test.smallestPValue());
    assertTrue(test.decidable());
    assertTrue(test.passed());
  }

  @Test
  void fishersExactTestBelowCochransRule() {
    // rows 8, 7; columns 5, 10: the (1, 1) cell can be 2 to 7 on these margins
    Independence test = Independence.of(new long[][] {{1, 7}, {4, 3}}, 0.05);
    assertEquals("Fisher's exact test", test.method());
    assertEquals(15 * 25.0 * 25 / (8 * 7 * 5 * 10), test.statistic(), 1e-12);
    assertEquals(0.11888111888111888, test.pValue(), 1e-12);
    // the smaller of the two extreme tables' p-values, [[0, 8], [5, 2]] and [[5, 3], [0, 7]]
    assertEquals(0.006993006993006993, test.smallestPValue(), 1e-12);
    assertTrue(test.decidable());
    assertFalse(Independence.of(new long[][] {{1, 7}, {4, 3}}, 0.005).decidable());
    // symmetric margins: both extremes [[0, 4], [4, 0]] and [[4, 0], [0, 4]] give 2/70
    Independence even = Independence.of(new long[][] {{3, 1}, {1, 3}}, 0.05);
    assertEquals(0.48571428571428565, even.pValue(), 1e-12);
    assertEquals(0.028571428571428567, even.smallestPValue(), 1e-12);
  }

  @Test
  void anEmptyRowOrColumnIsNoTest() {
    for (long[][] table : new long[][][] {{{0, 0}, {3, 4}}, {{0, 3}, {0, 4}}}) {
      Independence test = Independence.of(table, ALPHA);
      assertEquals("none (a row or column is empty)", test.method());
      assertTrue(Double.isNaN(test.statistic()));
      assertEquals(1, test.degreesOfFreedom());
      assertEquals(1, test.pValue());
      assertEquals(1, test.smallestPValue());
      assertFalse(test.decidable());
      assertFalse(test.passed());
    }
  }

  @Test
  void aLargeTableBelowCochransRuleIsNoTest() {
    String none =
        "none (an expected count is below 5, the table is not 2x2 and holds more than 10,000"
            + " users)";
    Independence wide = Independence.of(new long[][] {{10_000, 1, 0}, {1, 0, 1}}, ALPHA);
    assertEquals(none, wide.method());
    assertEquals(2, wide.degreesOfFreedom());
    assertEquals(1, wide.pValue());
    assertEquals(1, wide.smallestPValue());
    // a 2x2 table beyond Fisher's int counts goes the same way
    Independence huge = Independence.of(new long[][] {{3_000_000_000L, 1}, {1, 0}}, ALPHA);
    assertEquals(none, huge.method());
    assertEquals(1, huge.pValue());
  }

  @Test
  void aPValueOrFloorEqualToAlphaIsNoRejection() {
    long[][] table = {{5, 5}, {5, 5}};
    Independence atLevel = new Independence(table, 0, 1, 0.05, 0.05, "chi-square", 0);
    assertFalse(atLevel.rejected());
    assertTrue(atLevel.passed());
    Independence floorAtLevel = new Independence(table, 0, 1, 0.5, 0.05, "x", 0.05);
    assertFalse(floorAtLevel.decidable());
  }

  @Test
  void rejectsWhatIsNoContingencyTable() {
    assertMessage(
        "independence needs at least a 2x2 table",
        () -> Independence.of(new long[][] {{1, 2}}, ALPHA));
    assertMessage(
        "independence needs at least a 2x2 table",
        () -> Independence.of(new long[][] {{1}, {2}}, ALPHA));
    assertMessage(
        "independence needs a rectangular table: [[1, 2], [3]]",
        () -> Independence.of(new long[][] {{1, 2}, {3}}, ALPHA));
    assertMessage(
        "counts must be >= 0: [[1, -2], [3, 4]]",
        () -> Independence.of(new long[][] {{1, -2}, {3, 4}}, ALPHA));
  }
}
