package dev.bucketproof.reports.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> Holm.rejected(new double[] {0.5}, 0));
    assertThrows(IllegalArgumentException.class, () -> Holm.rejected(new double[] {1.5}, 0.05));
  }
}
