package dev.bucketproof.reports.statistics;

import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertMessage;
import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every figure of the power planner against an independent one: SciPy 1.17.1 ({@code binom}, {@code
 * ncx2}, {@code kstwo}, root finding with {@code brentq}; {@code statistics_vectors.py} in the test
 * resources prints each value quoted here), a closed form, or an exact enumeration written in this
 * test.
 */
class PowerAnalysisTest {
  private static final double ALPHA = 0.0005;

  @BeforeEach
  void computeAfresh() {
    Caches.clear();
  }

  @Test
  void rolloutPowerAgreesWithScipyRootsOfTheBinomialPower() {
    // The class javadoc: 10,000 users, 5%: 0.97 points too high or 0.91 too low is caught.
    PowerAnalysis.RolloutPower fivePercent = PowerAnalysis.rollout(10_000, 0.05, ALPHA);
    assertEquals(0.009749004552964229, fivePercent.tooHigh(), 1e-9);
    assertEquals(0.00911207022515062, fivePercent.tooLow(), 1e-9);
    assertEquals(fivePercent.tooHigh(), fivePercent.eitherWay(), 0);
    // the same question twice gets the same answer (the second from the cache)
    assertEquals(fivePercent, PowerAnalysis.rollout(10_000, 0.05, ALPHA));

    PowerAnalysis.RolloutPower thirty = PowerAnalysis.rollout(2_000, 0.3, 0.05);
    assertEquals(0.029101200952863115, thirty.tooHigh(), 1e-9);
    assertEquals(0.028607289435569727, thirty.tooLow(), 1e-9);
    assertEquals(thirty.tooHigh(), thirty.eitherWay(), 0);
    // eitherWay is the larger of the two, whichever it is
    assertEquals(0.03, new PowerAnalysis.RolloutPower(0.02, 0.03).eitherWay(), 0);
  }

  @Test
  void aRegionThatReachesZeroCatchesNoShortfall() {
    // 1% of 100 users: region [0, 6] (scipy binom.ppf) cannot see a rollout enabling too few
    PowerAnalysis.RolloutPower onePercent = PowerAnalysis.rollout(100, 0.01, ALPHA);
    assertEquals(0.07935592386822807, onePercent.tooHigh(), 1e-9);
    assertTrue(Double.isNaN(onePercent.tooLow()));
    assertTrue(Double.isNaN(onePercent.eitherWay()));
    assertTrue(Double.isNaN(new PowerAnalysis.RolloutPower(Double.NaN, 0.1).eitherWay()));
    // 5 users at 50%: region [0, 5], every count accepted
    PowerAnalysis.RolloutPower tiny = PowerAnalysis.rollout(5, 0.5, ALPHA);
    assertTrue(Double.isNaN(tiny.tooHigh()) && Double.isNaN(tiny.tooLow()), tiny.toString());
    PowerAnalysis.RolloutPower nobody = PowerAnalysis.rollout(0, 0.5, ALPHA);
    assertTrue(Double.isNaN(nobody.tooHigh()) && Double.isNaN(nobody.tooLow()), nobody.toString());
  }

  @Test
  void rolloutsOfZeroAndAllUsersHaveAClosedForm() {
    // Share 0, region [0, 0]: P(X > 0) = 1 - (1 - q)^n reaches 0.8 at q = 1 - 0.2^(1/n); share 1
    // mirrors it. 1 - 0.2^(1/1000) = 0.0016081434617761792.
    PowerAnalysis.RolloutPower off = PowerAnalysis.rollout(1_000, 0, ALPHA);
    assertEquals(0.0016081434617761792, off.tooHigh(), 1e-12);
    assertTrue(Double.isNaN(off.tooLow()));
    PowerAnalysis.RolloutPower on = PowerAnalysis.rollout(1_000, 1, ALPHA);
    assertTrue(Double.isNaN(on.tooHigh()));
    assertEquals(0.0016081434617761792, on.tooLow(), 1e-12);
    PowerAnalysis.RolloutPower noneOfNobody = PowerAnalysis.rollout(0, 0, ALPHA);
    assertTrue(Double.isNaN(noneOfNobody.tooHigh()) && Double.isNaN(noneOfNobody.tooLow()));
    PowerAnalysis.RolloutPower allOfNobody = PowerAnalysis.rollout(0, 1, ALPHA);
    assertTrue(Double.isNaN(allOfNobody.tooHigh()) && Double.isNaN(allOfNobody.tooLow()));
  }

  @Test
  void rolloutRejectionIsTheBinomialMassOutsideTheRegion() {
    assertRelative(
        0.8281379320787854,
        PowerAnalysis.rolloutRejection(10_000, 0.06, new long[] {426, 577}),
        1e-9);
    // a region from 0 has no lower tail
    assertRelative(
        0.047763835420529886, PowerAnalysis.rolloutRejection(50, 0.3, new long[] {0, 20}), 1e-9);
    // share 0: X = 0 always; share 1: X = users always
    assertEquals(1, PowerAnalysis.rolloutRejection(10, 0, new long[] {1, 5}));
    assertEquals(0, PowerAnalysis.rolloutRejection(10, 0, new long[] {0, 5}));
    assertEquals(1, PowerAnalysis.rolloutRejection(10, 1, new long[] {0, 9}));
    assertEquals(0, PowerAnalysis.rolloutRejection(10, 1, new long[] {0, 10}));
  }

  @Test
  void rolloutUsersIsTheDocumentedSearchOverScipysPower() {
    // statistics_vectors.py repeats the search (double from 2, then bisect) on scipy's binomial
    assertEquals(9_653, PowerAnalysis.rolloutUsers(0.05, 0.01, ALPHA));
    assertEquals(12, PowerAnalysis.rolloutUsers(0.5, 0.4, 0.05));
    assertEquals(1_024, PowerAnalysis.rolloutUsers(0.3, 0.05, 0.01));
    // the mirror image (X -> n - X): the same n, now with the shortfall the harder to catch
    assertEquals(1_024, PowerAnalysis.rolloutUsers(0.7, 0.05, 0.01));
    // An error as large as the share: a rollout of 0% or 100% is caught with certainty as soon as
    // the region excludes 0 and every user, from 12 users at 50% (RolloutAccuracy's javadoc).
    assertEquals(12, PowerAnalysis.rolloutUsers(0.5, 0.5, ALPHA));
  }

  @Test
  void rolloutUsersRejectsWhatItCannotPlan() {
    assertMessage(
        "rollout share must be within (0, 1): 0.0",
        () -> PowerAnalysis.rolloutUsers(0, 0.01, ALPHA));
    assertMessage(
        "rollout share must be within (0, 1): 1.0",
        () -> PowerAnalysis.rolloutUsers(1, 0.01, ALPHA));
    assertMessage(
        "rollout share must be within (0, 1): NaN",
        () -> PowerAnalysis.rolloutUsers(Double.NaN, 0.01, ALPHA));
    assertMessage(
        "error must be within (0, 0.05]: 0.06",
        () -> PowerAnalysis.rolloutUsers(0.05, 0.06, ALPHA));
    assertMessage(
        "error must be within (0, 0.25]: 0.3", () -> PowerAnalysis.rolloutUsers(0.75, 0.3, ALPHA));
    assertMessage(
        "error must be within (0, 0.5]: 0.0", () -> PowerAnalysis.rolloutUsers(0.5, 0, ALPHA));
    assertMessage(
        "error must be within (0, 0.5]: NaN",
        () -> PowerAnalysis.rolloutUsers(0.5, Double.NaN, ALPHA));
    assertMessage(
        "error 1.0E-6 needs more than 2147483647 users at share 0.5",
        () -> PowerAnalysis.rolloutUsers(0.5, 1e-6, ALPHA));
  }

  @Test
  void rolloutPlanChecksAWindowOfAFifthAroundTheSearchsAnswer() {
    // 9,653 users found: a window of 9,653 / 5 = 1,930 each side
    PowerAnalysis.RolloutPlan plan = PowerAnalysis.rolloutPlan(0.05, 0.01, ALPHA);
    assertEquals(9_653 - 1_930, plan.checkedFrom());
    assertEquals(9_653 + 1_930, plan.checkedTo());
    // 12 users found: the window is at least 200, and starts at 1. scipy: n = 12 is the first of
    // 1..212 that catches 50% +- 40% at 0.05, and every larger one does.
    PowerAnalysis.RolloutPlan small = PowerAnalysis.rolloutPlan(0.5, 0.4, 0.05);
    assertEquals(new PowerAnalysis.RolloutPlan(12, 12, 1, 212), small);
  }

  @Test
  void noncentralityForEightyPercentPower() {
    assertRelative(71.67778933475564, PowerAnalysis.lambda(99, ALPHA), 1e-8);
    assertRelative(18.682948444783236, PowerAnalysis.lambda(1, ALPHA), 1e-8);
  }

  @Test
  void uniformityDeviationAndUsersFollowCohensW() {
    // sqrt(lambda(99, alpha / 2) x 99 / n): 8.6% at 1,000,000 users over 100 buckets
    assertRelative(
        0.08648096640669747, PowerAnalysis.uniformityDeviation(1_000_000, 100, ALPHA), 1e-8);
    assertEquals(747_896, PowerAnalysis.uniformityUsers(100, 0.1, ALPHA));
    // one user over 2 buckets: sqrt(lambda(1, 0.00025)), scipy lambda 20.284945543583113
    assertRelative(
        Math.sqrt(20.284945543583113), PowerAnalysis.uniformityDeviation(1, 2, ALPHA), 1e-8);
    // Cohen's w of one bucket off by d: d / sqrt(buckets - 1)
    assertEquals(0.1 / Math.sqrt(99), PowerAnalysis.cohenW(100, 0.1), 1e-15);
    assertEquals(0.3, PowerAnalysis.cohenW(2, 0.3), 1e-15);
    assertMessage(
        "buckets must be >= 2: 1", () -> PowerAnalysis.uniformityDeviation(1_000, 1, ALPHA));
    assertMessage("users must be >= 1: 0", () -> PowerAnalysis.uniformityDeviation(0, 10, ALPHA));
    assertMessage("buckets must be >= 2: 0", () -> PowerAnalysis.uniformityUsers(0, 0.1, ALPHA));
    assertMessage("deviation must be > 0: 0.0", () -> PowerAnalysis.uniformityUsers(100, 0, ALPHA));
    assertMessage(
        "deviation must be > 0: Infinity",
        () -> PowerAnalysis.uniformityUsers(100, Double.POSITIVE_INFINITY, ALPHA));
    assertMessage(
        "deviation must be > 0: NaN", () -> PowerAnalysis.uniformityUsers(100, Double.NaN, ALPHA));
  }

  @Test
  void independenceExcessFollowsTheTwoByTwoEffectSize() {
    // sqrt(lambda(1, alpha) a b (1 - a)(1 - b) / n)
    assertRelative(
        0.008644755275838231, PowerAnalysis.independenceExcess(10_000, 0.5, 0.2, ALPHA), 1e-8);
    // one user: sqrt(lambda(1, alpha) / 16) for two halves
    assertRelative(
        Math.sqrt(18.682948444783236 / 16),
        PowerAnalysis.independenceExcess(1, 0.5, 0.5, ALPHA),
        1e-8);
    assertMessage(
        "share must be within (0, 1): 0.0",
        () -> PowerAnalysis.independenceExcess(10_000, 0, 0.2, ALPHA));
    assertMessage(
        "share must be within (0, 1): 1.0",
        () -> PowerAnalysis.independenceExcess(10_000, 0.5, 1, ALPHA));
    assertMessage(
        "users must be >= 1: 0", () -> PowerAnalysis.independenceExcess(0, 0.5, 0.2, ALPHA));
  }

  @Test
  void splitErrorIsTheSmallestVariantsAndNaNWhenNoShareCanBeThatFarOff() {
    // sqrt(lambda(2, alpha) (1 - 0.2) / (n 0.2)) for the 20% variant
    assertRelative(
        0.09243562852423673,
        PowerAnalysis.splitError(10_000, new double[] {50, 30, 20}, ALPHA),
        1e-8);
    // a zero weight is no variant: 50/0/50 is a 50/50 split, df 1
    assertRelative(
        0.043223776379191156,
        PowerAnalysis.splitError(10_000, new double[] {50, 0, 50}, ALPHA),
        1e-8);
    // weights whose sum overflows a double mean the same as 50/50
    assertRelative(
        0.043223776379191156,
        PowerAnalysis.splitError(10_000, new double[] {1e308, 1e308}, ALPHA),
        1e-8);
    // 10 users of a 50/50 split would need the smaller share 137% off (scipy: 1.3669)
    assertTrue(Double.isNaN(PowerAnalysis.splitError(10, new double[] {50, 50}, ALPHA)));
    assertTrue(Double.isNaN(PowerAnalysis.splitError(1, new double[] {50, 50}, ALPHA)));
    assertEquals(34_178, PowerAnalysis.splitUsers(new double[] {50, 30, 20}, 0.05, ALPHA));
  }

  @Test
  void splitRejectsWeightsThatAreNoSplit() {
    assertMessage(
        "weights must be finite and >= 0: -1.0",
        () -> PowerAnalysis.splitError(100, new double[] {-1, 2}, ALPHA));
    assertMessage(
        "weights must be finite and >= 0: Infinity",
        () -> PowerAnalysis.splitError(100, new double[] {1, Double.POSITIVE_INFINITY}, ALPHA));
    assertMessage(
        "weights must be finite and >= 0: NaN",
        () -> PowerAnalysis.splitUsers(new double[] {Double.NaN, 1}, 0.1, ALPHA));
    assertMessage(
        "a split needs at least 2 weights > 0: [50.0, 0.0]",
        () -> PowerAnalysis.splitError(100, new double[] {50, 0}, ALPHA));
    assertMessage(
        "users must be >= 1: 0", () -> PowerAnalysis.splitError(0, new double[] {1, 1}, ALPHA));
    assertMessage(
        "error must be > 0: -0.1",
        () -> PowerAnalysis.splitUsers(new double[] {1, 1}, -0.1, ALPHA));
  }

  @Test
  void uniformityPowerAboveTheSimulationsReachKeepsTheApproximationAndSaysSo() {
    PowerAnalysis.UniformityPower power = PowerAnalysis.uniformityPower(30_000, 100, ALPHA);
    assertEquals(0.4992980923468577, power.deviation(), 1e-8);
    assertFalse(power.simulated());
    assertEquals(
        "noncentral chi-square; at 300 users per bucket (below 1,000) it overstates the power by a"
            + " few points (not simulated above 20,000 users)",
        power.method());
    // asked again: the same answer
    assertEquals(power, PowerAnalysis.uniformityPower(30_000, 100, ALPHA));
  }

  @Test
  void uniformityPowerSaysWhenNoDeviationOfOneBucketIsCaught() {
    // 5 users over 2 buckets: even all in one bucket gives chi-square 5, below the critical value
    // 13.4 of df 1 at 0.00025, so nothing is ever rejected.
    PowerAnalysis.UniformityPower power = PowerAnalysis.uniformityPower(5, 2, ALPHA);
    assertTrue(Double.isNaN(power.deviation()));
    assertTrue(power.simulated());
    assertEquals(
        "seeded simulation (2,000 draws): at this size no deviation of one bucket is caught 80% of"
            + " the time",
        power.method());
  }

  @Test
  void simulatedPowerAgreesWithTheExactMultinomialPower() {
    // 60 users over 3 buckets: every count vector enumerated (1,891 of them). 2,000 draws give a
    // standard error of at most 1.1 points; 4 of them are allowed.
    for (double deviation : new double[] {0, 0.6, 0.9}) {
      double exact = exactPower(60, 3, ALPHA, deviation);
      double simulated = PowerAnalysis.simulatedPower(60, 3, ALPHA, deviation);
      double error = Math.sqrt(exact * (1 - exact) / 2_000);
      assertEquals(exact, simulated, 4 * error + 1e-3, "deviation " + deviation);
    }
  }

  @Test
  void simulatedUniformityPowerIsCaughtEightyPercentOfTheTimeExactly() {
    PowerAnalysis.UniformityPower power = PowerAnalysis.uniformityPower(60, 3, ALPHA);
    assertTrue(power.simulated());
    double exact = exactPower(60, 3, ALPHA, power.deviation());
    assertEquals(0.8, exact, 0.035, "exact power at the reported " + power.deviation());
    // the approximation's figure, scipy: sqrt(lambda(2, 0.00025) x 2 / 60) = 0.876449088272964
    assertEquals(
        "seeded simulation, 2,000 draws (20.0 users per bucket: the noncentral chi-square"
            + " approximation would claim 87.6%)",
        power.method());
  }

  @Test
  void saltMetaTestPowerAgreesWithAnIndependentSimulation() {
    // numpy, 200,000 runs with scipy's exact KS critical value: 20 keys at 0.05 catch 4 plainly
    // broken keys 24.5% of the time, 5 keys 46.0%, 6 keys 100%: the share is 6 / 20.
    assertEquals(0.3, PowerAnalysis.saltShare(20, 0.05), 0);
    assertEquals(0.460315, PowerAnalysis.saltCatchRate(20, 5, 0.05), 0.032);
    assertEquals(0.24493, PowerAnalysis.saltCatchRate(20, 4, 0.05), 0.028);
    assertEquals(1.0, PowerAnalysis.saltCatchRate(20, 6, 0.05), 0);
    assertMessage("flagCount must be >= 2: 1", () -> PowerAnalysis.saltShare(1, 0.05));
    // Two keys, one broken: sorted {0, u}, D = max(1/2, 1 - u, u - 1/2) exceeds scipy's critical
    // value 0.776 only when u < 0.224, 22% of the time; both broken: D = 1, always caught.
    assertEquals(1.0, PowerAnalysis.saltShare(2, 0.05), 0);
  }

  @Test
  void kolmogorovSmirnovCriticalValueAndDistanceAgreeWithScipy() {
    assertEquals(0.35241089163889466, PowerAnalysis.ksCritical(20, 0.01), 1e-12);
    assertEquals(0.2940753144343292, PowerAnalysis.ksCritical(20, 0.05), 1e-12);
    double[] values = {0.9, 0.1, 0.35, 0.6, 0.62};
    // scipy kstest(values, "uniform").statistic = 0.19999999999999996: sorted, the third value
    // 0.6 lies 0.2 above the empirical CDF's 2 / 5 just below it
    assertEquals(0.2, PowerAnalysis.ksDistance(values), 1e-15);
    assertArrayEquals(new double[] {0.1, 0.35, 0.6, 0.62, 0.9}, values, 0);
    // D^+ = max (i + 1) / n - v, D^- = max v - i / n: one value at 0.99 of one: D = 0.99
    assertEquals(0.99, PowerAnalysis.ksDistance(new double[] {0.99}), 1e-15);
    assertEquals(0.99, PowerAnalysis.ksDistance(new double[] {0.01}), 1e-15);
  }

  /**
   * The exact probability that the two-sided chi-square gate (each tail at alpha / 2) rejects when
   * bucket 0 has share (1 + deviation) / buckets and the others split the rest: every count vector
   * with its multinomial probability (3 buckets).
   */
  private static double exactPower(int users, int buckets, double alpha, double deviation) {
    ChiSquaredDistribution chiSquare = new ChiSquaredDistribution(null, buckets - 1);
    double upper = chiSquare.inverseCumulativeProbability(1 - alpha / 2);
    double lower = chiSquare.inverseCumulativeProbability(alpha / 2);
    double first = (1 + deviation) / buckets;
    double rest = (1 - first) / (buckets - 1);
    double[] shares = {first, rest, rest};
    double expected = (double) users / buckets;
    double rejected = 0;
    for (int a = 0; a <= users; a++) {
      for (int b = 0; a + b <= users; b++) {
        int[] counts = {a, b, users - a - b};
        double statistic = 0;
        for (int count : counts) {
          statistic += (count - expected) * (count - expected) / expected;
        }
        if (statistic > upper || statistic < lower) {
          rejected += multinomial(counts, shares);
        }
      }
    }
    return rejected;
  }

  private static double multinomial(int[] counts, double[] shares) {
    int total = 0;
    double log = 0;
    for (int i = 0; i < counts.length; i++) {
      total += counts[i];
      log += counts[i] * Math.log(shares[i]) - CombinatoricsUtils.factorialLog(counts[i]);
    }
    return Math.exp(log + CombinatoricsUtils.factorialLog(total));
  }
}
