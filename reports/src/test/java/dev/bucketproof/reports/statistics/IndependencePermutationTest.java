package dev.bucketproof.reports.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 19: an r x c independence table below Cochran's rule (not 2x2) gets a Monte Carlo
 * permutation test with a floor below the level, instead of being left without a test. The exact
 * conditional p-values below were computed independently by enumerating every table with the same
 * margins (multivariate hypergeometric probabilities, Python: {@code independence_exact.py} in the
 * test resources); the Monte Carlo estimate (19,999 tables) must lie within 4 standard errors.
 */
class IndependencePermutationTest {
  private static void assertNear(double exact, long[][] table) {
    Independence result = Independence.of(table, 0.05);
    assertTrue(result.method().startsWith("Monte Carlo permutation"), result.method());
    double error = Math.sqrt(exact * (1 - exact) / Independence.PERMUTATION_DRAWS) + 1e-4;
    assertEquals(exact, result.pValue(), 4 * error, result.toString());
    assertEquals(1.0 / 20_000, result.smallestPValue());
  }

  @Test
  void agreesWithTheExactConditionalPValue() {
    assertNear(0.007936507936507936, new long[][] {{5, 0, 0}, {0, 4, 1}});
    assertNear(0.4545454545454546, new long[][] {{3, 1, 2}, {1, 3, 1}});
    assertNear(0.0021645021645021645, new long[][] {{6, 0, 0, 0}, {0, 2, 2, 2}});
    assertNear(1.0, new long[][] {{2, 2, 1}, {2, 1, 2}});
  }

  @Test
  void aDependentSmallTableIsRejectedAndAnIndependentOneIsNot() {
    // negative control: rows that pick disjoint columns, 30 users, expected counts below 5
    long[][] dependent = {{10, 0, 0}, {0, 10, 0}, {0, 0, 10}};
    Independence rejected = Independence.of(dependent, 0.0005);
    assertTrue(rejected.decidable(), "the Monte Carlo floor 1/20,000 is below 0.0005");
    assertTrue(rejected.rejected(), rejected.toString());
    long[][] even = {{3, 3, 4}, {4, 3, 3}, {3, 4, 3}};
    Independence kept = Independence.of(even, 0.0005);
    assertFalse(kept.rejected(), kept.toString());
    assertTrue(kept.passed());
  }
}
