package dev.bucketproof.reports.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bucketproof audit-assignments}: audits an export of the assignments a running system made
 * (or a directory of OpenFeature snapshots) and writes the report directory. The old form, {@code
 * report --assignments FILE}, runs the same audit and says so in a one-line note.
 */
@Command(
    name = "audit-assignments",
    description =
        "Audit an export of real assignments (--assignments FILE) or OpenFeature snapshots"
            + " (--snapshots DIR) and write index.html, report.json and summary.md."
            + " Exit 0 when no gate failed, 1 when one failed (the report is written either way).")
final class AuditAssignmentsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AssignmentOptions assignmentOptions = new AssignmentOptions();

  @Option(
      names = "--out",
      defaultValue = ReportCommand.DEFAULT_OUT,
      paramLabel = "DIR",
      description = "default ${DEFAULT-VALUE}, relative to the working directory")
  String out;

  @Option(names = "--quiet", description = "no progress on stderr; the verdict line stays")
  boolean quiet;

  @Option(
      names = "--fail-on-inconclusive",
      description = "exit 1 when a gate is inconclusive (too few rows to decide); for CI")
  boolean failOnInconclusive;

  @Option(
      names = "--alpha",
      defaultValue = "0.0005",
      description = "the level of each gate (default ${DEFAULT-VALUE}), on every flag")
  double alpha;

  @Option(
      names = "--family-alpha",
      paramLabel = "LEVEL",
      description =
          "report-level control: a gate fails only when Holm-Bonferroni over every gate of every"
              + " flag rejects it at LEVEL, e.g. 0.01")
  Double familyAlpha;

  @Override
  public Integer call() throws IOException {
    if (!assignmentOptions.requested()) {
      throw new IllegalArgumentException(
          "audit-assignments needs --assignments FILE or --snapshots DIR");
    }
    NumberGrammar.alpha("--alpha", alpha);
    if (familyAlpha != null) {
      NumberGrammar.alpha("--family-alpha", familyAlpha);
    }
    return assignmentOptions.run(spec, out, quiet, failOnInconclusive, alpha, familyAlpha);
  }
}
