package dev.bucketproof.reports.statistics;

import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The salt meta-test ({@link SaltMetaTest}): Kolmogorov-Smirnov statistics and p-values against
 * SciPy 1.17.1's {@code kstest} (exact; {@code statistics_vectors.py} in the test resources), and
 * the per-flag p-values of bucket counts at their extremes.
 */
class SaltMetaGateTest {
  private static final long SEED = 0x5EED_2026L;

  @BeforeEach
  void computeAfresh() {
    Caches.clear();
  }

  @Test
  void kolmogorovSmirnovOfGivenPValuesAgreesWithScipy() {
    SaltMetaTest test = SaltMetaTest.of(new double[] {0.9, 0.1, 0.35, 0.6, 0.62}, 0.05);
    assertEquals(0.2, test.statistic(), 1e-12);
    assertEquals(0.9616, test.pValue(), 1e-9);
    assertEquals(5, test.flagCount());
    assertEquals(0, test.bins());
    assertTrue(test.decidable());
    assertTrue(test.passed());
    assertMessage(
        "salt meta-test needs at least 2 p-values: 1",
        () -> SaltMetaTest.of(new double[] {0.5}, 0.05));
  }

  @Test
  void binsKeepFiveUsersEach() {
    // the javadoc's examples: 30 users, 6 bins; 2,000 users, 100
    assertEquals(6, SaltMetaTest.bins(30, 100));
    assertEquals(100, SaltMetaTest.bins(2_000, 100));
    assertEquals(1, SaltMetaTest.bins(9, 100));
    assertEquals(100, SaltMetaTest.bins(10_000_000_000L, 100));
  }

  @Test
  void fewerThanTenUsersAreNotDecidable() {
    SaltMetaTest test =
        SaltMetaTest.of(new long[][] {{5, 4}, {4, 5}}, new double[] {0.5, 0.5}, 9, 0.05);
    assertFalse(test.decidable());
    assertFalse(test.passed());
    assertTrue(Double.isNaN(test.statistic()));
    assertEquals(1, test.pValue());
    assertEquals(1, test.bins());
    assertEquals(9, test.users());
    assertEquals(2, test.flagCount());
  }

  @Test
  void usersOutsideTheBucketRangeGiveAFlagPValueZero() {
    // both keys lose users: p-values 0 and 0 are as far from U(0, 1) as can be, D = 1
    SaltMetaTest test =
        SaltMetaTest.of(new long[][] {{3, 3}, {4, 4}}, new double[] {0.5, 0.5}, 10, 0.05);
    assertEquals(1.0, test.statistic(), 0);
    assertTrue(test.rejected());
    assertEquals(2, test.bins());
    assertEquals(10, test.users());
  }

  @Test
  void beyondTheSimulationsReachTheChiSquarePValuesAreTested() {
    // 3,000 users in 2 bins: p-values chi2.sf(2 k^2 / 1500, 1) for k = 10 and 60; scipy kstest
    SaltMetaTest test =
        SaltMetaTest.of(
            new long[][] {{1_510, 1_490}, {1_560, 1_440}}, new double[] {0.5, 0.5}, 3_000, 0.05);
    assertEquals(0.47154026308368935, test.statistic(), 1e-12);
    assertEquals(0.6073592946624777, test.pValue(), 1e-9);
    assertTrue(test.passed());
  }

  @Test
  void aKeyPValueIsRandomizedOverItsTies() {
    // 10 users over 2 halves, both keys split 5/5 (statistic 0). The randomized p-value lies in
    // [P(T > 0), 1) with P(T > 0) = 1 - C(10, 5) / 2^10 = 0.7539 (the plain chi-square p-value
    // would be 1 for both). For two p-values near 1, D = the smaller one.
    SaltMetaTest test =
        SaltMetaTest.of(new long[][] {{5, 5}, {5, 5}}, new double[] {0.5, 0.5}, 10, 0.05);
    double error = 4 * Math.sqrt(0.7539 * 0.2461 / MonteCarloChiSquare.DRAWS);
    assertTrue(test.statistic() >= 1 - 252 / 1024.0 - error, "D = " + test.statistic());
    assertTrue(test.statistic() < 1, "D = " + test.statistic());
  }

  @Test
  void keysThatPutEveryUserInOneBucketAreCaught() {
    // 20 users over 10 buckets, merged into 4 bins of 5 expected users or more; all in bucket 0:
    // the most extreme count, so each randomized p-value is below 1 / 20,000
    long[] extreme = new long[10];
    extreme[0] = 20;
    double[] tenths = new double[10];
    java.util.Arrays.fill(tenths, 0.1);
    SaltMetaTest test = SaltMetaTest.of(new long[][] {extreme, extreme, extreme}, tenths, 20, 0.05);
    assertEquals(4, test.bins());
    assertTrue(test.statistic() > 1 - 1.0 / 20_000, "D = " + test.statistic());
    assertTrue(test.rejected());
    assertFalse(test.passed());
  }

  @Test
  void keysThatSpreadUsersAtRandomPass() {
    // 40 keys x 200 users drawn uniformly over 10 buckets from a fixed seed
    SplittableRandom random = new SplittableRandom(SEED);
    long[][] counts = new long[40][10];
    for (long[] key : counts) {
      for (int user = 0; user < 200; user++) {
        key[random.nextInt(10)]++;
      }
    }
    double[] tenths = new double[10];
    java.util.Arrays.fill(tenths, 0.1);
    SaltMetaTest test = SaltMetaTest.of(counts, tenths, 200, Statistics.ALPHA);
    assertEquals(10, test.bins());
    assertEquals(40, test.flagCount());
    assertTrue(test.passed(), test.toString());
  }

  @Test
  void rejectsTooFewKeysAndRowsOfTheWrongLength() {
    assertMessage(
        "salt meta-test needs at least 2 flag keys: 1",
        () -> SaltMetaTest.of(new long[][] {{5, 5}}, new double[] {0.5, 0.5}, 10, 0.05));
    assertMessage(
        "flag 1 has 3 bins, expected 4",
        () ->
            SaltMetaTest.of(
                new long[][] {{5, 5, 5, 5}, {5, 5, 10}},
                new double[] {0.25, 0.25, 0.25, 0.25},
                20,
                0.05));
  }

  @Test
  void aPValueEqualToAlphaIsNoRejection() {
    SaltMetaTest atLevel = new SaltMetaTest(2, 0.5, 0.05, 0.05, 0, 0, true);
    assertFalse(atLevel.rejected());
    assertTrue(atLevel.passed());
  }
}
