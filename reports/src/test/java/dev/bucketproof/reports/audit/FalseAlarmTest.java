package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.report.Report;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FalseAlarmTest {
  @Test
  void identicalHashersOfOneFamilyCountOnce() throws IOException {
    // bucketproof's and Guava's murmur3_x86_32 put every user in the same bucket: their gates are
    // identical.
    List<AuditedBucketer> twins =
        List.of(
            AuditedBucketer.of(Bucketer.builder().hasher(IdHashers.murmur3_x86_32()).build()),
            AuditedBucketer.of(
                Bucketer.builder().hasher(IdHashers.byName("guava:murmur3_x86_32")).build()));
    PopulationFindings audit =
        Audit.run(Population.of(IdShape.UUID, 20_000), twins, AuditSettings.defaults());
    FalseAlarm rate = FalseAlarm.of(List.of(audit));
    assertEquals(18, rate.gates());
    assertEquals(9, rate.distinctGates());
    // uniformity, independence and the salt meta-test at alpha; five rollouts at their exact sizes;
    // range 0.
    assertTrue(rate.bound() > 3 * 0.0005 && rate.bound() <= 8 * 0.0005, "bound " + rate.bound());
    assertTrue(rate.ifIndependent() <= rate.bound());
  }

  @Test
  void holmAtTheReportLevelKeepsAFailureThatIsPlainAndDropsNone() throws IOException {
    AuditedBucketer signed =
        new AuditedBucketer(
            "signed remainder",
            100,
            32,
            flag -> id -> (int) (IdHashers.murmur3_x86_32().hash(flag + ":" + id, 0)) % 100);
    PopulationFindings audit =
        Audit.run(
            Population.of(IdShape.UUID, 10_000),
            List.of(signed, AuditedBucketer.of(Bucketer.standard())),
            AuditSettings.defaults());
    Report perGate =
        new Report(
            "f",
            100,
            0.0005,
            200,
            2000,
            List.of("signed remainder", "own"),
            List.of(audit),
            List.of());
    Report holm =
        new Report(
            "f",
            100,
            0.0005,
            200,
            2000,
            List.of("signed remainder", "own"),
            List.of(audit),
            List.of(),
            null,
            0.01);
    assertTrue(
        holm.failures().stream().anyMatch(gate -> gate.name().equals("buckets in range")),
        holm.failures().toString());
    assertTrue(holm.failures().stream().allMatch(gate -> gate.target().equals("signed remainder")));
    assertTrue(
        perGate
            .falseAlarmText()
            .startsWith("Chance that a correct bucketer fails at least one of the 18 gates"),
        perGate.falseAlarmText());
    assertTrue(
        holm.falseAlarmText()
            .contains("at most 1.0% (Holm-Bonferroni over the distinct gates at level 0.01)"),
        holm.falseAlarmText());
  }
}
