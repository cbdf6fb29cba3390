package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Rollout percentages are exact: plain decimals with at most two decimals, or an error naming the
 * value.
 */
class RolloutTest {
  @Test
  void plainDecimalsBecomeBasisPoints() {
    assertEquals(500, Rollout.ofPercent("f", "5").basisPoints());
    assertEquals(1250, Rollout.ofPercent("f", "12.5").basisPoints());
    assertEquals(1250, Rollout.ofPercent("f", "12.50").basisPoints());
    assertEquals(1, Rollout.ofPercent("f", "0.01").basisPoints());
    assertEquals(0, Rollout.ofPercent("f", "0").basisPoints());
    assertEquals(10_000, Rollout.ofPercent("f", "100.00").basisPoints());
  }

  @Test
  void doublesAreReadAsTheShortestDecimalThatNamesThem() {
    assertEquals(1234, Rollout.ofPercent("f", 12.34).basisPoints());
    assertEquals(1, Rollout.ofPercent("f", 0.01).basisPoints());
    assertEquals(2999, Rollout.ofPercent("f", 29.99).basisPoints());
    assertEquals(0, Rollout.ofPercent("f", -0.0).basisPoints());
  }

  @Test
  void aTinyDoubleIsAnErrorNotZeroPercent() {
    assertMessage(
        "rolloutPercent must have at most two decimals (basis points): 1.0E-9",
        () -> Rollout.ofPercent("f", 1e-9));
    assertMessage(
        "rolloutPercent must have at most two decimals (basis points): 14.999999999999998",
        () -> Rollout.ofPercent("f", 14.999999999999999));
    assertMessage(
        "rolloutPercent must have at most two decimals (basis points): 0.005",
        () -> Rollout.ofPercent("f", 0.005));
  }

  @Test
  void anythingButAPlainDecimalIsAnErrorNamingTheText() {
    for (String text :
        new String[] {
          "0x1p2", "5d", "1e-9", "1E2", "-1", "+5", " 5", "5 ", "5.", ".5", "NaN", "", "5,5", "٥"
        }) {
      assertMessage(
          "rolloutPercent must be a plain decimal number of at most two decimals, such as 5, 12.5 or 0.01"
              + " (no sign, exponent, hex or suffix): "
              + text,
          () -> Rollout.ofPercent("f", text));
    }
    assertMessage(
        "rolloutPercent must have at most two decimals (basis points): 14.999999999999999",
        () -> Rollout.ofPercent("f", "14.999999999999999"));
    assertMessage(
        "rolloutPercent must be within [0, 100]: 100.01", () -> Rollout.ofPercent("f", "100.01"));
    assertMessage(
        "rolloutPercent must be within [0, 100]: 100.5", () -> Rollout.ofPercent("f", 100.5));
    assertMessage(
        "rolloutPercent must be within [0, 100]: 99999999999999999999999",
        () -> Rollout.ofPercent("f", "99999999999999999999999"));
  }

  private static void assertMessage(String expected, Executable executable) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, executable).getMessage());
  }
}
