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
}
