package dev.bucketproof.reports.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class SequentialSrmTest {
  @Test
  void agreesWithFiftyDigitValuesOnSequencesItDidNotChoose() throws IOException {
    Map<String, List<SequentialSrmVectors.Row>> cases = SequentialSrmVectors.read();
    assertTrue(cases.size() >= 40, "vectors: " + cases.size());
    int looks = 0;
    for (List<SequentialSrmVectors.Row> rows : cases.values()) {
      SequentialSrm srm = SequentialSrm.of(rows.get(0).weights(), rows.get(0).concentration());
      SequentialSrm.Path path = srm.path();
      for (SequentialSrmVectors.Row row : rows) {
        double pValue = path.add(row.period());
        String where = row.name() + " at " + Arrays.toString(row.cumulative());
        assertEquals(Arrays.toString(row.cumulative()), Arrays.toString(path.counts()), where);
        assertEquals(row.logBayesFactor(), srm.logBayesFactor(row.cumulative()), 1e-9, where);
        assertEquals(row.pValue(), pValue, 1e-9 * row.pValue(), where);
        looks++;
      }
    }
    assertTrue(looks > 500, "looks: " + looks);
  }

  @Test
  void stableFormMatchesTheFormulaAsWrittenWhereThatIsPrecise() {
    // The formula term by term in doubles is precise while n is small: both must agree.
    double[] shares = {0.2, 0.3, 0.5};
    double concentration = 37.5;
    SequentialSrm srm = SequentialSrm.of(shares, concentration);
    for (long[] counts :
        new long[][] {{0, 0, 1}, {1, 2, 3}, {9, 0, 0}, {20, 30, 50}, {200, 310, 490}, {3, 3, 3}}) {
      long users = Arrays.stream(counts).sum();
      double direct = Gamma.logGamma(concentration) - Gamma.logGamma(concentration + users);
      for (int i = 0; i < 3; i++) {
        double prior = concentration * shares[i];
        direct +=
            Gamma.logGamma(prior + counts[i])
                - Gamma.logGamma(prior)
                - counts[i] * Math.log(shares[i]);
      }
      assertEquals(direct, srm.logBayesFactor(counts), 1e-11, Arrays.toString(counts));
    }
  }

  @Test
  void stirlingRemainderIsPreciseOnBothSidesOfWhereTheSeriesTakesOver() {
    // S(x) = lgamma(x) - [(x - 1/2) ln x - x + ln(2 pi)/2] by mpmath at 30 digits:
    // S(10) = 0.0083305634333628712565, S(10 - 2^-49) = 0.0083305634333628727353
    assertEquals(0.0083305634333628712565, SequentialSrm.stirlingRemainder(10.0), 1e-15);
    assertEquals(
        0.0083305634333628727353, SequentialSrm.stirlingRemainder(Math.nextDown(10.0)), 1e-14);
  }

  @Test
  void oneLookIsTheBayesFactorsReciprocalCappedAtOne() {
    SequentialSrm srm = SequentialSrm.of(new double[] {50, 50}, 10_000);
    assertEquals(1, srm.pValue(new long[] {0, 0}));
    assertEquals(0, srm.logBayesFactor(new long[] {0, 0}));
    assertEquals(1, srm.pValue(new long[] {5, 5}));
    long[] mismatch = {821_588, 815_482};
    assertEquals(Math.exp(-srm.logBayesFactor(mismatch)), srm.pValue(mismatch), 1e-18);
    assertTrue(srm.pValue(mismatch) < 0.0005);
  }

  @Test
  void pathKeepsTheSmallestPValueSoFar() {
    SequentialSrm srm = SequentialSrm.of(new double[] {1, 1}, 100);
    SequentialSrm.Path path = srm.path();
    assertEquals(1, path.pValue());
    double afterSkew = path.observe(new long[] {300, 150});
    assertTrue(afterSkew < 1e-6, "p after 300 vs 150: " + afterSkew);
    // Balance returns; the one-look p-value rises again, the path's stays at its minimum.
    long[] balanced = {3_000, 2_850};
    assertTrue(srm.pValue(balanced) > afterSkew);
    assertEquals(afterSkew, path.observe(balanced));
    assertEquals(2, path.looks());
    assertEquals(srm.logBayesFactor(balanced), path.logBayesFactor());
    double[] pValues = srm.pValues(new long[][] {{300, 150}, {2_700, 2_700}});
    assertEquals(afterSkew, pValues[0]);
    assertEquals(afterSkew, pValues[1]);
  }

  @Test
  void refusesBadInputNamingTheParameter() {
    assertMessage("nullShares", () -> SequentialSrm.of(new double[] {1}, 10));
    assertMessage("nullShares", () -> SequentialSrm.of(new double[] {1, 0}, 10));
    assertMessage("nullShares", () -> SequentialSrm.of(new double[] {1, Double.NaN}, 10));
    assertMessage("nullShares", () -> SequentialSrm.of(new double[] {1e308, 1e308}, 10));
    assertMessage("concentration", () -> SequentialSrm.of(new double[] {1, 1}, 0));
    assertMessage(
        "concentration", () -> SequentialSrm.of(new double[] {1, 1}, Double.POSITIVE_INFINITY));
    SequentialSrm srm = SequentialSrm.of(new double[] {1, 1}, 10);
    assertMessage("cumulativeCounts", () -> srm.logBayesFactor(new long[] {1, 2, 3}));
    assertMessage("cumulativeCounts", () -> srm.logBayesFactor(new long[] {1, -2}));
    SequentialSrm.Path path = srm.path();
    path.observe(new long[] {5, 5});
    assertMessage("must not decrease", () -> path.observe(new long[] {4, 6}));
    assertMessage("periodCounts", () -> path.add(new long[] {-1, 6}));
  }

  @Test
  void exactMessagesAndTheNormalisedShares() {
    // an infinite share is refused as a share, before its sum is looked at
    assertEquals(
        "nullShares must be finite and > 0: [1.0, Infinity]",
        assertThrows(
                IllegalArgumentException.class,
                () -> SequentialSrm.of(new double[] {1, Double.POSITIVE_INFINITY}, 10))
            .getMessage());
    SequentialSrm srm = SequentialSrm.of(new double[] {1, 3}, 250);
    assertEquals(250, srm.concentration());
    assertArrayEquals(new double[] {0.25, 0.75}, srm.nullShares(), 0);
    srm.nullShares()[0] = 0.9; // a copy
    assertArrayEquals(new double[] {0.25, 0.75}, srm.nullShares(), 0);
    assertEquals(
        "periodCounts must have one count per variant (2): 3",
        assertThrows(IllegalArgumentException.class, () -> srm.path().add(new long[] {1, 2, 3}))
            .getMessage());
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }
}
