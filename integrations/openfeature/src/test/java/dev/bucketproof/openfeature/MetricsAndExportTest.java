package dev.bucketproof.openfeature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.AssignmentFile;
import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentSettings;
import dev.bucketproof.reports.assignments.Columns;
import dev.bucketproof.reports.assignments.FlagsFile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Micrometer binder reads the hook's counts, p-value and conflicts; the sampled assignments
 * export is read by the assignments audit itself ({@code AssignmentFile}), which finds the same
 * users, variants and conflicts.
 */
class MetricsAndExportTest {
  static final String FLAGS_JSON = "{\"exp\": {\"weights\": {\"control\": 1, \"treatment\": 1}}}";

  static AuditHook hook() {
    return new AuditHook(
        AuditHookSettings.defaults()
            .withFlags(FlagsFile.parse(FLAGS_JSON, "FLAGS.json"))
            .withSampleLevel(0)
            .withCheckPeriod(Duration.ZERO)
            .withListeners());
  }

  @Test
  void metersReadTheHook() {
    AuditHook hook = hook();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new AuditMeterBinder(hook).bindTo(registry);
    for (int i = 0; i < 300; i++) {
      hook.record("exp", "user-" + i, i % 3 == 0 ? "treatment" : "control");
    }
    hook.record("exp", "user-1", "treatment"); // user-1 got control before
    hook.check();
    assertEquals(
        200,
        registry
            .get("bucketproof.openfeature.evaluations")
            .tags("flag", "exp", "outcome", "control")
            .functionCounter()
            .count());
    assertEquals(
        101,
        registry
            .get("bucketproof.openfeature.evaluations")
            .tags("flag", "exp", "outcome", "treatment")
            .functionCounter()
            .count());
    assertEquals(1, registry.get("bucketproof.openfeature.conflicts").functionCounter().count());
    double pValue = registry.get("bucketproof.openfeature.srm.p_value").gauge().value();
    assertEquals(hook.status("exp").sequentialPValue(), pValue);
    assertTrue(pValue < 1, "200 / 100 users is a mismatch in the making: " + pValue);
  }

  @Test
  void theExportIsReadByTheAssignmentsAudit(@TempDir Path directory) throws Exception {
    AuditHook hook = hook();
    AssignmentsExport export =
        hook.exportAssignments(directory, "instance-1", Duration.ofHours(1), 100_000);
    List<String> users = Providers.users(2_000);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < users.size(); i++) {
        boolean flipped = round == 2 && i < 10; // ten users change variant in the last round
        hook.record("exp", users.get(i), (i % 2 == 0) != flipped ? "control" : "treatment");
      }
    }
    Path file = export.write();
    export.close();
    assertEquals("instance-1-000001.jsonl", file.getFileName().toString());
    assertEquals(2_010, Files.readAllLines(file).size(), "one row per user, one per first change");

    AssignmentFindings findings =
        AssignmentFile.audit(
            file,
            Columns.guess(),
            AssignmentSettings.defaults().withFlags(FlagsFile.parse(FLAGS_JSON, "FLAGS.json")),
            lines -> {});
    assertEquals(2_010, findings.rowsAudited());
    assertEquals(10, findings.conflictCount());
    assertEquals(0, findings.rejects().total());
    assertTrue(users.contains(findings.conflicts().get(0).userId()));
  }
}
