package dev.bucketproof.reports.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 19, case 5: the uniformity gate's power holds at few users per bucket. The approximation
 * (noncentral chi-square) claimed, at 100 users per bucket, a deviation that a simulation catches
 * only about 75% of the time; below 1,000 users per bucket the power is now simulated. Checked here
 * by an independent simulation (its own sampler, seed and 10,000 draws, Monte Carlo standard error
 * 0.4 points): at the reported deviation the gate is caught 80% +- 2.5 points, and at the
 * approximation's deviation (the negative control) clearly less. (numpy's multinomial, 20,000
 * draws, gave 79.8% at 100 x 10,000, 80.0% at 10 x 1,000, 80.7% at 100 x 1,000.)
 */
class UniformityPowerTest {
  private static final double ALPHA = 0.0005;
  private static final long SEED = 0x7E57_2026L;
  private static final int DRAWS = 10_000;

  @ParameterizedTest
  @CsvSource({"100, 10000", "10, 1000", "100, 1000"})
  void theReportedDeviationIsCaughtEightyPercentOfTheTime(int buckets, int users) {
    PowerAnalysis.UniformityPower reported = PowerAnalysis.uniformityPower(users, buckets, ALPHA);
    assertTrue(reported.simulated(), reported.method());
    assertTrue(reported.method().startsWith("seeded simulation"), reported.method());
    double caught = power(users, buckets, reported.deviation());
    assertEquals(0.80, caught, 0.025, "caught at the reported " + reported.deviation());
    double approximate = PowerAnalysis.uniformityDeviation(users, buckets, ALPHA);
    double overstated = power(users, buckets, approximate);
    assertTrue(
        overstated < 0.78,
        "the approximation's deviation " + approximate + " is caught " + overstated);
  }

  @ParameterizedTest
  @CsvSource({"100, 1000000", "10, 20000"})
  void manyUsersPerBucketKeepTheApproximation(int buckets, int users) {
    PowerAnalysis.UniformityPower reported = PowerAnalysis.uniformityPower(users, buckets, ALPHA);
    assertFalse(reported.simulated());
    assertEquals(PowerAnalysis.uniformityDeviation(users, buckets, ALPHA), reported.deviation(), 0);
    assertEquals("noncentral chi-square", reported.method());
  }

  /** An independent simulation: one uniform per user against cumulative shares. */
  private static double power(int users, int buckets, double deviation) {
    ChiSquaredDistribution chiSquare = new ChiSquaredDistribution(null, buckets - 1);
    double upper = chiSquare.inverseCumulativeProbability(1 - ALPHA / 2);
    double lower = chiSquare.inverseCumulativeProbability(ALPHA / 2);
    double first = (1 + deviation) / buckets;
    double rest = (1 - first) / (buckets - 1);
    double expected = (double) users / buckets;
    SplittableRandom random = new SplittableRandom(SEED + buckets + users);
    int[] counts = new int[buckets];
    int caught = 0;
    for (int draw = 0; draw < DRAWS; draw++) {
      Arrays.fill(counts, 0);
      for (int user = 0; user < users; user++) {
        double u = random.nextDouble();
        int bucket = u < first ? 0 : Math.min(buckets - 1, 1 + (int) ((u - first) / rest));
        counts[bucket]++;
      }
      double statistic = 0;
      for (int count : counts) {
        statistic += (count - expected) * (count - expected) / expected;
      }
      caught += statistic > upper || statistic < lower ? 1 : 0;
    }
    return (double) caught / DRAWS;
  }
}
