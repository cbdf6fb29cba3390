package dev.bucketproof.reports.statistics;

import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertMessage;
import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollout gate against SciPy 1.17.1: regions from {@code binom.ppf}, sizes and p-values from
 * {@code binom.cdf}/{@code binom.sf}, Wilson intervals from the textbook formula with {@code
 * norm.isf} ({@code statistics_vectors.py} in the test resources prints each value quoted here).
 */
class RolloutAccuracyTest {
  private static final double ALPHA = 0.0005;

  @BeforeEach
  void computeAfresh() {
    Caches.clear();
  }

  @Test
  void regionIsScipysBinomialQuantiles() {
    assertRegion(426, 577, 10_000, 0.05, ALPHA);
    assertRegion(1, 11, 12, 0.5, ALPHA);
    assertRegion(0, 11, 11, 0.5, ALPHA);
    assertRegion(1, 20, 826, 0.01, ALPHA);
    assertRegion(0, 20, 825, 0.01, ALPHA);
    assertRegion(0, 1, 1, 0.5, 0.5);
    assertRegion(0, 7, 30, 0.1, 0.05);
    // shares of 0 and 1, and no users: the one count that can happen
    assertRegion(0, 0, 50, 0, ALPHA);
    assertRegion(50, 50, 50, 1, ALPHA);
    assertRegion(0, 0, 0, 0.3, ALPHA);
    assertRegion(0, 0, Integer.MAX_VALUE, 0, ALPHA);
    assertRegion(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 1, ALPHA);
  }

  @Test
  void regionRejectsImpossibleArguments() {
    assertMessage(
        "users must be within [0, 2147483647]: -1", () -> RolloutAccuracy.region(-1, 0.5, ALPHA));
    assertMessage(
        "users must be within [0, 2147483647]: 2147483648",
        () -> RolloutAccuracy.region(2_147_483_648L, 0.5, ALPHA));
    assertMessage(
        "share must be within [0, 1]: -0.1", () -> RolloutAccuracy.region(10, -0.1, ALPHA));
    assertMessage("share must be within [0, 1]: 1.5", () -> RolloutAccuracy.region(10, 1.5, ALPHA));
    assertMessage(
        "share must be within [0, 1]: NaN", () -> RolloutAccuracy.region(10, Double.NaN, ALPHA));
  }

  @Test
  void usersNeededIsTheFewestWhoseRegionRejectsBothWays() {
    // scipy: the first n from 1 whose region excludes 0 and n (the javadoc's 12 and 826)
    assertEquals(12, RolloutAccuracy.usersNeeded(0.5, ALPHA));
    assertEquals(826, RolloutAccuracy.usersNeeded(0.01, ALPHA));
    assertEquals(36, RolloutAccuracy.usersNeeded(0.9, 0.05));
    assertMessage("share must be within (0, 1): 0.0", () -> RolloutAccuracy.usersNeeded(0, ALPHA));
    assertMessage("share must be within (0, 1): 1.0", () -> RolloutAccuracy.usersNeeded(1, ALPHA));
  }

  @Test
  void wilsonIntervalIsTheTextbookFormula() {
    assertInterval(0.21894885294932762, 0.39584854633346667, RolloutAccuracy.wilson(30, 100, 0.05));
    assertInterval(0.10577563612172286, 0.6788173521696517, RolloutAccuracy.wilson(1, 3, 0.2));
    // every trial a success: the upper end is 1, never above
    double[] all = RolloutAccuracy.wilson(100, 100, ALPHA);
    assertEquals(0.8919360186591507, all[0], 1e-12);
    assertEquals(1.0, all[1], 0);
    double[] none = RolloutAccuracy.wilson(0, 100, ALPHA);
    assertEquals(0.0, none[0], 0);
    assertEquals(1 - 0.8919360186591507, none[1], 1e-12);
    // no trials: nothing is known
    assertArrayEquals(new double[] {0, 1}, RolloutAccuracy.wilson(0, 0, ALPHA), 0);
  }

  @Test
  void wilsonIntervalHoldsUpToTheMostTrialsItTakes() {
    // commons-math 3.6.1 computes 2 n in int: from 2^30 trials its interval was garbage (0 of
    // 2^31 - 1 gave [0, -6.06]). The formula with norm.isf (statistics_vectors.py) gives:
    double[] most = RolloutAccuracy.wilson(0, Integer.MAX_VALUE, ALPHA);
    assertEquals(0, most[0], 0);
    assertRelative(5.641796199458117e-09, most[1], 1e-9);
    assertInterval(
        0.49994688787254776, 0.5000531121274522, RolloutAccuracy.wilson(1 << 29, 1 << 30, ALPHA));
    // one below 2^30, still commons-math's own computation
    double[] below = RolloutAccuracy.wilson(1_000, (1 << 30) - 1, ALPHA);
    assertRelative(8.342975006793423e-07, below[0], 1e-9);
    assertRelative(1.0396312216095203e-06, below[1], 1e-9);
  }

  @Test
  void wilsonRejectsImpossibleCounts() {
    assertMessage(
        "need 0 <= successes <= trials: 5 of 3", () -> RolloutAccuracy.wilson(5, 3, ALPHA));
    assertMessage(
        "need 0 <= successes <= trials: -1 of 3", () -> RolloutAccuracy.wilson(-1, 3, ALPHA));
    assertMessage(
        "need 0 <= successes <= trials: 0 of -1", () -> RolloutAccuracy.wilson(0, -1, ALPHA));
    assertMessage(
        "trials must be at most 2147483647: 2147483648",
        () -> RolloutAccuracy.wilson(0, 2_147_483_648L, ALPHA));
  }

  @Test
  void ofHoldsTheRegionTheIntervalAndTheObservedShare() {
    RolloutAccuracy rollout = RolloutAccuracy.of("5%", 0.05, 10_000, 540, ALPHA);
    assertEquals("5%", rollout.percent());
    assertEquals(0.05, rollout.expectedShare());
    assertEquals(10_000, rollout.users());
    assertEquals(540, rollout.enabled());
    assertEquals(426, rollout.lowest());
    assertEquals(577, rollout.highest());
    assertEquals(0.04665883871108716, rollout.wilsonLow(), 1e-12);
    assertEquals(0.062420570843499536, rollout.wilsonHigh(), 1e-12);
    assertEquals(ALPHA, rollout.alpha());
    assertEquals(0.054, rollout.observedShare(), 1e-15);
    assertEquals(0, RolloutAccuracy.of("5%", 0.05, 0, 0, ALPHA).observedShare());
  }

  @Test
  void theRegionsEndsAreInsideIt() {
    assertTrue(RolloutAccuracy.of("5%", 0.05, 10_000, 426, ALPHA).passed());
    assertTrue(RolloutAccuracy.of("5%", 0.05, 10_000, 577, ALPHA).passed());
    assertFalse(RolloutAccuracy.of("5%", 0.05, 10_000, 425, ALPHA).inRegion());
    assertFalse(RolloutAccuracy.of("5%", 0.05, 10_000, 578, ALPHA).inRegion());
    assertFalse(RolloutAccuracy.of("5%", 0.05, 10_000, 578, ALPHA).passed());
  }

  @Test
  void aRegionThatCannotRejectBothWaysIsNotAPass() {
    // the javadoc's example: 1% of 100 users, region [0, 6], cannot see a rollout enabling nobody
    RolloutAccuracy onePercent = RolloutAccuracy.of("1%", 0.01, 100, 1, ALPHA);
    assertTrue(onePercent.inRegion());
    assertFalse(onePercent.valid());
    assertFalse(onePercent.passed());
    // 11 users at 50%: region [0, 11]; 12 users: [1, 11]
    assertFalse(RolloutAccuracy.of("50%", 0.5, 11, 6, ALPHA).valid());
    assertTrue(RolloutAccuracy.of("50%", 0.5, 12, 6, ALPHA).valid());
    // 99% of 825 users: region [805, 825] reaches every user, so it cannot see a 100% rollout
    assertFalse(RolloutAccuracy.of("99%", 0.99, 825, 815, ALPHA).valid());
    // a share of 0 or 1 is exact: its one-count region is a test that can fail
    assertTrue(RolloutAccuracy.of("0%", 0, 100, 0, ALPHA).passed());
    assertFalse(RolloutAccuracy.of("0%", 0, 100, 1, ALPHA).passed());
    assertTrue(RolloutAccuracy.of("100%", 1, 100, 100, ALPHA).passed());
    assertFalse(RolloutAccuracy.of("100%", 1, 100, 99, ALPHA).passed());
    // no users: nothing to test
    assertFalse(RolloutAccuracy.of("50%", 0.5, 0, 0, ALPHA).valid());
    assertFalse(RolloutAccuracy.of("0%", 0, 0, 0, ALPHA).valid());
  }

  @Test
  void sizeIsTheExactBinomialMassOutsideTheRegion() {
    assertRelative(
        0.00048502311232986417, RolloutAccuracy.of("5%", 0.05, 10_000, 500, ALPHA).size(), 1e-9);
    assertRelative(
        7.108366137124744e-05, RolloutAccuracy.of("1%", 0.01, 100, 1, ALPHA).size(), 1e-9);
    assertEquals(0, RolloutAccuracy.of("5%", 0.05, 0, 0, ALPHA).size());
  }

  @Test
  void pValueIsTheDoubledSmallerTail() {
    assertRelative(
        0.07229012207631474, RolloutAccuracy.of("5%", 0.05, 10_000, 540, ALPHA).pValue(), 1e-9);
    assertEquals(1.0, RolloutAccuracy.of("5%", 0.05, 10_000, 500, ALPHA).pValue(), 0);
    assertRelative(
        0.005485274998720144, RolloutAccuracy.of("5%", 0.05, 10_000, 440, ALPHA).pValue(), 1e-9);
    // nobody enabled: P(X >= 0) = 1, the lower tail decides; everybody: the upper tail
    assertRelative(0.2431533091811385, RolloutAccuracy.of("10%", 0.1, 20, 0, ALPHA).pValue(), 1e-9);
    assertRelative(
        0.24315330918113862, RolloutAccuracy.of("90%", 0.9, 20, 20, ALPHA).pValue(), 1e-9);
    assertEquals(1, RolloutAccuracy.of("5%", 0.05, 0, 0, ALPHA).pValue());
    assertEquals(1, RolloutAccuracy.of("0%", 0, 20, 0, ALPHA).pValue());
    assertEquals(0, RolloutAccuracy.of("0%", 0, 20, 3, ALPHA).pValue());
    assertEquals(1, RolloutAccuracy.of("100%", 1, 20, 20, ALPHA).pValue());
    assertEquals(0, RolloutAccuracy.of("100%", 1, 20, 19, ALPHA).pValue());
  }

  private static void assertRegion(
      long lowest, long highest, long users, double share, double alpha) {
    assertArrayEquals(
        new long[] {lowest, highest},
        RolloutAccuracy.region(users, share, alpha),
        users + " users at " + share);
  }

  private static void assertInterval(double low, double high, double[] interval) {
    assertEquals(low, interval[0], 1e-12);
    assertEquals(high, interval[1], 1e-12);
  }
}
