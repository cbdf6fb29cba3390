package dev.bucketproof.reports.statistics;

import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HolmTest {
  @Test
  void stepsDownUntilTheFirstPValueAboveItsLevel() {
    // 0.001 < 0.05/3; 0.03 >= 0.05/2 stops the procedure, so 0.04 is not rejected either.
    assertArrayEquals(
        new boolean[] {true, false, false}, Holm.rejected(new double[] {0.001, 0.03, 0.04}, 0.05));
    // 0.001 < 0.0167, 0.01 < 0.025, 0.04 < 0.05.
    assertArrayEquals(
        new boolean[] {true, true, true}, Holm.rejected(new double[] {0.04, 0.001, 0.01}, 0.05));
    assertArrayEquals(new boolean[] {}, Holm.rejected(new double[] {}, 0.05));
  }

  @Test
  void aPValueEqualToItsLevelIsNotRejected() {
    // level / m = 0.05 / 2 = 0.025: rejection needs strictly less
    assertArrayEquals(new boolean[] {false, false}, Holm.rejected(new double[] {0.025, 0.5}, 0.05));
    assertArrayEquals(
        new boolean[] {true, false}, Holm.rejected(new double[] {0.0249, 0.05}, 0.05));
    // the last step's level is the whole level: 0.01 < 0.025, then 0.049 < 0.05
    assertArrayEquals(new boolean[] {true, true}, Holm.rejected(new double[] {0.049, 0.01}, 0.05));
    // p-values of exactly 0 and 1 are valid
    assertArrayEquals(new boolean[] {true, false}, Holm.rejected(new double[] {0, 1}, 0.05));
  }

  @Test
  void anyRejectedIsTheSmallestAgainstLevelOverM() {
    assertFalse(Holm.anyRejected(new double[] {}, 0.05));
    assertTrue(Holm.anyRejected(new double[] {0.5, 0.01}, 0.05));
    assertFalse(Holm.anyRejected(new double[] {0.5, 0.03}, 0.05));
    assertFalse(Holm.anyRejected(new double[] {0.025, 0.03}, 0.05));
    assertTrue(Holm.anyRejected(new double[] {0.049}, 0.05));
  }

  @Test
  void rejectsNonsense() {
    assertMessage("level must be within (0, 1): 0.0", () -> Holm.rejected(new double[] {0.5}, 0));
    assertMessage("level must be within (0, 1): 1.0", () -> Holm.rejected(new double[] {0.5}, 1));
    assertMessage(
        "level must be within (0, 1): NaN", () -> Holm.rejected(new double[] {0.5}, Double.NaN));
    assertMessage(
        "p-values must be within [0, 1]: 1.5", () -> Holm.rejected(new double[] {0.1, 1.5}, 0.05));
    assertMessage(
        "p-values must be within [0, 1]: -0.1", () -> Holm.rejected(new double[] {-0.1}, 0.05));
    assertMessage(
        "p-values must be within [0, 1]: NaN",
        () -> Holm.rejected(new double[] {Double.NaN}, 0.05));
  }
}
