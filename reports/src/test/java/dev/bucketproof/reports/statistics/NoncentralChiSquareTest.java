package dev.bucketproof.reports.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The noncentral chi-square tail, critical values and the noncentrality for 80% power, against
 * SciPy 1.17.1's {@code ncx2} and {@code chi2} ({@code statistics_vectors.py} in the test
 * resources, which prints every figure quoted here).
 */
class NoncentralChiSquareTest {

  @Test
  void upperTailAgreesWithScipyNcx2() {
    assertRelative(0.29335135222254816, NoncentralChiSquare.upperTail(10.0, 3, 5.0), 1e-9);
    assertRelative(0.9901717629424871, NoncentralChiSquare.upperTail(123.225, 99, 71.7), 1e-9);
    // lambda 0 is the central chi-square (the Poisson weight of j = 0 is 1)
    assertRelative(0.05004352124870519, NoncentralChiSquare.upperTail(3.84, 1, 0.0), 1e-9);
    // lambda / 2 = 2,000 puts the Poisson window's first term far above j = 0
    assertRelative(0.5283624874133078, NoncentralChiSquare.upperTail(4000.0, 10, 4000.0), 1e-8);
    assertRelative(0.788325891004848, NoncentralChiSquare.upperTail(0.5, 2, 0.1), 1e-9);
  }

  @Test
  void upperTailIsOneAtZeroAndNeverAboveOne() {
    // P(X > 0) = 1 for every chi-square; the mixture's weights may add up to a hair above 1.
    for (double lambda : new double[] {0, 0.3, 7, 60, 500}) {
      double tail = NoncentralChiSquare.upperTail(0, 4, lambda);
      assertEquals(1.0, tail, 1e-12, "lambda " + lambda);
      assertTrue(tail <= 1, "lambda " + lambda + ": " + tail);
    }
  }

  @Test
  void criticalValuesAreThoseOfTheCentralChiSquare() {
    assertRelative(3.8414588206941285, NoncentralChiSquare.critical(1, 0.05), 1e-9);
    assertRelative(151.9340112193073, NoncentralChiSquare.critical(99, 0.0005), 1e-9);
  }

  @Test
  void powerIsTheTailBeyondTheCriticalValue() {
    // scipy: ncx2.sf(chi2.isf(0.05, 1), 1, 7.8488) = 0.7999969766762269
    assertRelative(0.7999969766762269, NoncentralChiSquare.power(1, 0.05, 7.8488), 1e-9);
    // no noncentrality: the power is the level
    assertRelative(0.05, NoncentralChiSquare.power(3, 0.05, 0), 1e-9);
  }

  @Test
  void lambdaForAgreesWithScipyRootFinding() {
    // The class javadoc's example: 99 degrees of freedom at 0.0005 need lambda 71.7.
    assertRelative(71.67778933475564, NoncentralChiSquare.lambdaFor(99, 0.0005, 0.8), 1e-8);
    assertRelative(7.848860509326204, NoncentralChiSquare.lambdaFor(1, 0.05, 0.8), 1e-8);
    // a power just above the level needs a lambda below 1 (no doubling of the bracket)
    assertRelative(0.08678540434446151, NoncentralChiSquare.lambdaFor(1, 0.05, 0.06), 1e-7);
    assertRelative(31.794494738696283, NoncentralChiSquare.lambdaFor(4, 0.01, 0.99), 1e-8);
  }

  @Test
  void rejectsArgumentsOutsideTheirRange() {
    assertMessage(
        "need degreesOfFreedom >= 1 and lambda >= 0: 0, 1.0",
        () -> NoncentralChiSquare.upperTail(1, 0, 1));
    assertMessage(
        "need degreesOfFreedom >= 1 and lambda >= 0: 2, -0.5",
        () -> NoncentralChiSquare.upperTail(1, 2, -0.5));
    assertMessage(
        "need degreesOfFreedom >= 1 and lambda >= 0: 2, NaN",
        () -> NoncentralChiSquare.upperTail(1, 2, Double.NaN));
    assertMessage(
        "power must be within (alpha, 1): 0.05",
        () -> NoncentralChiSquare.lambdaFor(1, 0.05, 0.05));
    assertMessage(
        "power must be within (alpha, 1): 1.0", () -> NoncentralChiSquare.lambdaFor(1, 0.05, 1));
    assertMessage(
        "power must be within (alpha, 1): NaN",
        () -> NoncentralChiSquare.lambdaFor(1, 0.05, Double.NaN));
  }

  static void assertRelative(double expected, double actual, double tolerance) {
    assertEquals(expected, actual, Math.abs(expected) * tolerance, () -> "got " + actual);
  }

  static void assertMessage(String expected, Executable executable) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, executable).getMessage());
  }
}
