package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.reports.ids.IdFile;
import dev.bucketproof.reports.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {
  private static final Gate.Power POWER =
      new Gate.Power(1.05, "percentage points", "a rollout 1.05 points off");

  private static final GateId ID = new GateId(GateId.Kind.UNIFORMITY, "ids.txt", "murmur3", "");

  @TempDir Path directory;

  @Test
  void describeNamesVerdictTestPowerAndUsersNeeded() {
    Gate gate =
        new Gate(
            ID,
            "ids.txt",
            "murmur3",
            "uniformity",
            Gate.Verdict.INCONCLUSIVE,
            "30 ids",
            "chi-square needs >= 5 per bucket",
            POWER,
            500,
            1,
            1,
            0.0005);
    assertEquals(
        "INCONCLUSIVE uniformity for population ids.txt, murmur3: 30 ids; test: chi-square needs >= 5 per"
            + " bucket; power: a rollout 1.05 points off [needs 500 users]",
        gate.describe());
    assertTrue(gate.inconclusive());
    assertFalse(gate.passed());
    assertFalse(gate.failed());
    assertEquals("inconclusive", gate.verdict().label());
  }

  @Test
  void onlyAnInconclusiveGateNeedsUsers() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Gate(
                    ID, "p", "t", "g", Gate.Verdict.PASS, "m", "v", POWER, 10, 0.5, 0, 0.0005));
    assertEquals(
        "usersNeeded must be >= 0, and 0 unless inconclusive: 10 for PASS", error.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Gate(ID, "p", "t", "g", Gate.Verdict.FAIL, "m", "v", POWER, 0, 1.5, 0, 0.0005));
    assertThrows(IllegalArgumentException.class, () -> new Gate.Power(-1, "points", "x"));
  }

  @Test
  void anEmptyAuditIsInconclusiveNeverAllPassed() throws IOException {
    Path empty = Files.writeString(directory.resolve("empty.txt"), "");
    PopulationFindings audit =
        Audit.run(
            new IdFile(empty),
            List.of(AuditedBucketer.of(Bucketer.standard())),
            AuditSettings.defaults());
    assertFalse(audit.gates().isEmpty());
    for (Gate gate : audit.gates()) {
      assertTrue(gate.inconclusive(), gate.describe());
      assertTrue(gate.measured().contains("no ids"), gate.describe());
    }
    Report report =
        new Report("f", 100, 0.0005, 200, 2000, List.of("own"), List.of(audit), List.of());
    assertTrue(report.failures().isEmpty());
    assertFalse(report.headline().startsWith("All"), report.headline());
  }

  private static Gate gate(
      Gate.Verdict verdict, long usersNeeded, double p, double floor, double level) {
    return new Gate(
        ID,
        "ids.txt",
        "murmur3",
        "uniformity",
        verdict,
        "m",
        "v",
        POWER,
        usersNeeded,
        p,
        floor,
        level);
  }

  @Test
  void aGateRefusesNumbersOutsideTheirRangeNamingTheValue() {
    assertEquals(
        "usersNeeded must be >= 0, and 0 unless inconclusive: -1 for INCONCLUSIVE",
        assertThrows(
                IllegalArgumentException.class,
                () -> gate(Gate.Verdict.INCONCLUSIVE, -1, 0.5, 0.5, 0.01))
            .getMessage());
    assertEquals(
        "usersNeeded must be >= 0, and 0 unless inconclusive: 1 for PASS",
        assertThrows(IllegalArgumentException.class, () -> gate(Gate.Verdict.PASS, 1, 0.5, 0, 0.01))
            .getMessage());
    assertEquals(1, gate(Gate.Verdict.INCONCLUSIVE, 1, 0.5, 0.5, 0.01).usersNeeded());
    for (double p : new double[] {-0.01, 1.01, Double.NaN}) {
      assertEquals(
          "pValue must be within [0, 1]: " + p,
          assertThrows(IllegalArgumentException.class, () -> gate(Gate.Verdict.PASS, 0, p, 0, 0.01))
              .getMessage());
      assertEquals(
          "smallestPValue must be within [0, 1]: " + p,
          assertThrows(
                  IllegalArgumentException.class, () -> gate(Gate.Verdict.PASS, 0, 0.5, p, 0.01))
              .getMessage());
    }
    for (double level : new double[] {0, 1, Double.NaN}) {
      assertEquals(
          "level must be within (0, 1): " + level,
          assertThrows(
                  IllegalArgumentException.class, () -> gate(Gate.Verdict.PASS, 0, 0.5, 0, level))
              .getMessage());
    }
    // the ends of each range are accepted
    gate(Gate.Verdict.FAIL, 0, 0, 0, Math.nextUp(0.0));
    gate(Gate.Verdict.INCONCLUSIVE, 0, 1, 1, Math.nextDown(1.0));
    assertThrows(IllegalArgumentException.class, () -> new Gate.Power(-0.1, "u", "t"));
    assertThrows(
        IllegalArgumentException.class, () -> new Gate.Power(Double.POSITIVE_INFINITY, "u", "t"));
    assertTrue(new Gate.Power(0, "u", "t").detectable());
    assertFalse(Gate.Power.none("u", "t").detectable());
  }

  @Test
  void decidedClampsPValuesAndKeepsUsersNeededOnlyWhenInconclusive() {
    Gate failed =
        Gate.decided(ID, "ids.txt", "murmur3", "uniformity", "m", "v", POWER, 500, -1e-17, 0, 0.01);
    assertEquals(Gate.Verdict.FAIL, failed.verdict());
    assertEquals(0, failed.pValue(), "a rounding below 0 is 0");
    assertEquals(0, failed.usersNeeded());
    Gate inconclusive =
        Gate.decided(
            ID, "ids.txt", "murmur3", "uniformity", "m", "v", POWER, 500, 1 + 1e-15, 2, 0.01);
    assertEquals(Gate.Verdict.INCONCLUSIVE, inconclusive.verdict());
    assertEquals(500, inconclusive.usersNeeded());
    assertEquals(1, inconclusive.pValue());
    assertEquals(1, inconclusive.smallestPValue());
    assertTrue(inconclusive.undecidable() && inconclusive.inconclusive());
    assertFalse(inconclusive.passed() || inconclusive.failed());
    Gate passed =
        Gate.decided(
            ID, "ids.txt", "murmur3", "uniformity", "m", "v", POWER, 500, 0.5, 0.001, 0.01);
    assertFalse(passed.undecidable() || passed.inconclusive() || passed.failed());
    assertTrue(passed.passed());
    assertFalse(
        Gate.decided(ID, "p", "t", "n", "m", "v", POWER, 5, 0.5, Math.nextDown(1.0), 0.01)
            .undecidable(),
        "a floor below 1 can still fail at some level");
    // withVerdict keeps the users needed only for an inconclusive verdict
    assertEquals(500, inconclusive.withVerdict(Gate.Verdict.INCONCLUSIVE, 0.02).usersNeeded());
    assertEquals(0, inconclusive.withVerdict(Gate.Verdict.PASS, 0.02).usersNeeded());
    assertEquals(0.02, inconclusive.withVerdict(Gate.Verdict.PASS, 0.02).level());
    assertEquals(Gate.Verdict.PASS, Gate.Verdict.of(true));
    assertEquals(Gate.Verdict.FAIL, Gate.Verdict.of(false));
    assertEquals("inconclusive", Gate.Verdict.INCONCLUSIVE.label());
    assertEquals(
        "two-sided exact binomial: min(1, 2 min(P(X <= k), P(X >= k)))",
        GateId.Kind.ROLLOUT.pValueConvention());
  }

  @Test
  void describeLeavesOutAnEmptyTestOrPower() {
    Gate bare =
        new Gate(
            ID,
            "ids.txt",
            "murmur3",
            "uniformity",
            Gate.Verdict.PASS,
            "m",
            "",
            Gate.Power.none("u", ""),
            0,
            0.5,
            0,
            0.01);
    assertEquals("PASS uniformity for population ids.txt, murmur3: m", bare.describe());
    Gate one =
        new Gate(
            ID,
            "ids.txt",
            "murmur3",
            "uniformity",
            Gate.Verdict.INCONCLUSIVE,
            "m",
            "",
            Gate.Power.none("u", ""),
            1,
            0.5,
            0.5,
            0.01);
    assertEquals(
        "INCONCLUSIVE uniformity for population ids.txt, murmur3: m [needs 1 users]",
        one.describe());
  }
}
