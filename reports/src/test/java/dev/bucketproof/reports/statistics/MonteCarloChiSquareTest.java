package dev.bucketproof.reports.statistics;

import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seeded Monte Carlo null of the chi-square statistic against its exact distribution: every
 * count vector of a few users enumerated in this test with its multinomial probability. The
 * simulated p-values (19,999 draws) must lie within 4 standard errors of the exact ones; the floor
 * 1 / (R + 1) and the identities between the three p-values hold exactly.
 */
class MonteCarloChiSquareTest {
  private static final int R = MonteCarloChiSquare.DRAWS;

  @BeforeEach
  void computeAfresh() {
    Caches.clear();
  }

  @Test
  void equalSharesAgreeWithTheExactNull() {
    // 4 users over 2 halves: T = (k - 2)^2, so P(T >= 4) = 2/16, P(T >= 1) = 10/16, P(T <= 0) =
    // 6/16
    assertAgreesWithExactNull(4, new double[] {0.5, 0.5});
    // 5 users over 4 quarters: 56 count vectors
    assertAgreesWithExactNull(5, new double[] {0.25, 0.25, 0.25, 0.25});
  }

  @Test
  void unequalSharesAgreeWithTheExactNull() {
    assertAgreesWithExactNull(3, new double[] {0.2, 0.3, 0.5});
    assertAgreesWithExactNull(6, new double[] {0.1, 0.6, 0.3});
  }

  @Test
  void pValuesHaveTheFloorOneOverDrawsPlusOne() {
    MonteCarloChiSquare simulated = MonteCarloChiSquare.of(4, new double[] {0.5, 0.5});
    // beyond the largest possible statistic (4) and below the smallest (0)
    assertEquals(1.0 / (R + 1), simulated.upperPValue(1e9), 0);
    assertEquals(1.0, simulated.lowerPValue(1e9), 0);
    assertEquals(1.0 / (R + 1), simulated.lowerPValue(-1), 0);
    assertEquals(1.0, simulated.upperPValue(-1), 0);
    assertEquals(1.0 / (R + 1), MonteCarloChiSquare.smallestPValue(100, new double[] {0.5, 0.5}));
    // one user over two halves: the statistic is always 1, so P(T >= 1) = 1 and every split is
    // the most extreme one (2 x 0.5 = 1)
    assertEquals(1.0, MonteCarloChiSquare.of(1, new double[] {0.5, 0.5}).upperPValue(1), 0);
    assertEquals(1.0, MonteCarloChiSquare.smallestExactPValue(1, new double[] {0.5, 0.5}), 0);
    // one bin of share 1: every draw lands there
    assertEquals(1.0, MonteCarloChiSquare.smallestExactPValue(3, new double[] {1}), 0);
  }

  @Test
  void theRandomizedPValueRunsFromOneMinusTheLowerToTheUpperPValue() {
    // (#{T* > t} + u (#{T* = t} + 1)) / (R + 1): at u = 1 the upper p-value, at u = 0 one minus
    // the lower, linear between
    MonteCarloChiSquare simulated = MonteCarloChiSquare.of(3, new double[] {0.2, 0.3, 0.5});
    for (double t : statistics(3, new double[] {0.2, 0.3, 0.5})) {
      double upper = simulated.upperPValue(t);
      double lower = simulated.lowerPValue(t);
      assertEquals(upper, simulated.randomizedPValue(t, 1), 1e-15);
      assertEquals(1 - lower, simulated.randomizedPValue(t, 0), 1e-12);
      assertEquals((upper + 1 - lower) / 2, simulated.randomizedPValue(t, 0.5), 1e-12);
      assertTrue(upper > 1 - lower, "a tie at " + t + " has mass");
    }
  }

  @Test
  void theSameInputGetsTheSameSimulation() {
    assertSame(
        MonteCarloChiSquare.of(7, new double[] {0.5, 0.5}),
        MonteCarloChiSquare.of(7, new double[] {0.5, 0.5}));
  }

  @Test
  void statisticIsPearsons() {
    // expected 0.8, 1.2, 2.0: 2.2^2 / 0.8 + 0.2^2 / 1.2 + 2^2 / 2 = 6.05 + 0.0333... + 2
    assertEquals(
        6.05 + 0.04 / 1.2 + 2,
        MonteCarloChiSquare.statistic(new long[] {3, 1, 0}, new double[] {0.2, 0.3, 0.5}),
        1e-12);
    assertEquals(
        0, MonteCarloChiSquare.statistic(new long[] {5, 5}, new double[] {0.5, 0.5}), 1e-12);
  }

  @Test
  void smallestExactPValueIsEveryUserInALeastLikelyBin() {
    // the javadoc's example: 6 users over 3 equal shares, 3 x (1/3)^6
    assertEquals(3 / 729.0, MonteCarloChiSquare.smallestExactPValue(6, third()), 1e-15);
    assertEquals(
        Math.pow(0.2, 4),
        MonteCarloChiSquare.smallestExactPValue(4, new double[] {0.3, 0.2, 0.5}),
        1e-15);
    assertEquals(
        2 * Math.pow(0.25, 3),
        MonteCarloChiSquare.smallestExactPValue(3, new double[] {0.5, 0.25, 0.25}),
        1e-15);
    // shares within a relative 1e-12 of the smallest count as ties
    assertEquals(
        2 * Math.pow(0.1, 2),
        MonteCarloChiSquare.smallestExactPValue(2, new double[] {0.1 + 1e-14, 0.1, 0.8 - 1e-14}),
        1e-15);
    // the larger of the exact floor and the Monte Carlo floor
    assertEquals(3 / 729.0, MonteCarloChiSquare.smallestPValue(6, third()), 1e-15);
  }

  @Test
  void rejectsWhatItCannotSimulate() {
    assertTrue(MonteCarloChiSquare.affordable(2_500));
    assertFalse(MonteCarloChiSquare.affordable(2_501));
    assertMessage(
        "users must be within [1, 2500]: 0",
        () -> MonteCarloChiSquare.of(0, new double[] {0.5, 0.5}));
    assertMessage(
        "users must be within [1, 2500]: 2501",
        () -> MonteCarloChiSquare.of(2_501, new double[] {0.5, 0.5}));
    assertMessage("need at least 2 shares: 1", () -> MonteCarloChiSquare.of(5, new double[] {1}));
    assertMessage(
        "users must be >= 1: 0", () -> MonteCarloChiSquare.smallestExactPValue(0, third()));
    assertMessage(
        "shares must be within (0, 1]: 0.0",
        () -> MonteCarloChiSquare.smallestExactPValue(3, new double[] {0, 1}));
    assertMessage(
        "shares must be within (0, 1]: 1.5",
        () -> MonteCarloChiSquare.smallestExactPValue(3, new double[] {1.5, 0.5}));
    assertMessage(
        "shares must be within (0, 1]: NaN",
        () -> MonteCarloChiSquare.smallestExactPValue(3, new double[] {0.5, Double.NaN}));
  }

  private static double[] third() {
    return new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0};
  }

  /** Every simulated upper and lower p-value within 4 standard errors of the exact one. */
  private static void assertAgreesWithExactNull(int users, double[] shares) {
    MonteCarloChiSquare simulated = MonteCarloChiSquare.of(users, shares);
    for (double t : statistics(users, shares)) {
      assertNear(exactUpper(users, shares, t), simulated.upperPValue(t), "P(T >= " + t + ")");
      assertNear(exactLower(users, shares, t), simulated.lowerPValue(t), "P(T <= " + t + ")");
    }
  }

  /** Returns the exact P(T >= t) of the chi-square statistic of users over shares. */
  static double exactUpper(int users, double[] shares, double t) {
    double sum = 0;
    for (double[] outcome : outcomes(users, shares)) {
      sum += outcome[0] >= t - 1e-9 ? outcome[1] : 0;
    }
    return sum;
  }

  /** Returns the exact P(T <= t). */
  static double exactLower(int users, double[] shares, double t) {
    double sum = 0;
    for (double[] outcome : outcomes(users, shares)) {
      sum += outcome[0] <= t + 1e-9 ? outcome[1] : 0;
    }
    return sum;
  }

  /**
   * Asserts a simulated p-value (1 + R p^) / (R + 1) within 4 standard errors sqrt(p (1 - p) / R)
   * of the exact p.
   */
  static void assertNear(double exact, double simulated, String what) {
    double expected = (1 + R * exact) / (R + 1);
    double error = Math.sqrt(Math.max(0, exact * (1 - exact)) / R);
    assertEquals(expected, simulated, 4 * error + 1e-9, what);
  }

  private static List<Double> statistics(int users, double[] shares) {
    List<Double> values = new ArrayList<>();
    for (double[] outcome : outcomes(users, shares)) {
      values.add(outcome[0]);
    }
    return values;
  }

  /** Every count vector of {@code users} over the shares: {statistic, multinomial probability}. */
  static List<double[]> outcomes(int users, double[] shares) {
    List<double[]> outcomes = new ArrayList<>();
    fill(new int[shares.length], 0, users, shares, outcomes);
    return outcomes;
  }

  private static void fill(int[] counts, int bin, int left, double[] shares, List<double[]> out) {
    if (bin == counts.length - 1) {
      counts[bin] = left;
      int users = 0;
      for (int count : counts) {
        users += count;
      }
      double statistic = 0;
      double log = CombinatoricsUtils.factorialLog(users);
      for (int i = 0; i < counts.length; i++) {
        double expected = users * shares[i];
        statistic += (counts[i] - expected) * (counts[i] - expected) / expected;
        log += counts[i] * Math.log(shares[i]) - CombinatoricsUtils.factorialLog(counts[i]);
      }
      out.add(new double[] {statistic, Math.exp(log)});
      return;
    }
    for (int count = 0; count <= left; count++) {
      counts[bin] = count;
      fill(counts, bin + 1, left - count, shares, out);
    }
  }
}
