package dev.bucketproof.reports.cli;

import dev.bucketproof.reports.assignments.AssignmentFile;
import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentSettings;
import dev.bucketproof.reports.assignments.Columns;
import dev.bucketproof.reports.assignments.EvaluationSnapshot;
import dev.bucketproof.reports.assignments.FlagSettings;
import dev.bucketproof.reports.assignments.FlagsFile;
import dev.bucketproof.reports.publish.ReportWriter;
import dev.bucketproof.reports.render.Diagnosis;
import dev.bucketproof.reports.text.Display;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code report --assignments FILE}: audit an export of the assignments a running
 * system made, instead of generated populations.
 */
final class AssignmentOptions {
  /**
   * Options of {@code report} that the assignments audit does not use: each is refused with {@code
   * --assignments} or {@code --snapshots}, never accepted and ignored. The population options audit
   * generated ids; the profile options choose a rule, which the audit finds by itself (per flag in
   * FLAGS.json with "profiles"); {@code --max-id-bytes} limits ids, not rows. ({@code --alpha} and
   * {@code --family-alpha} are honoured: every gate of every flag runs at them.)
   */
  static final List<String> POPULATION_OPTIONS =
      List.of(
          "--users",
          "--population",
          "--ids",
          "--hasher",
          "--buckets",
          "--flag",
          "--jmh",
          "--threads",
          "--profile",
          "--salt",
          "--seed",
          "--group-id",
          "--charset",
          "--encoding",
          "--algorithm",
          "--max-id-bytes");

  @Option(
      names = "--assignments",
      paramLabel = "FILE",
      description =
          "audit an export of real assignments instead: CSV, TSV or JSON lines, gzip or not, with a user,"
              + " a flag and an outcome (enabled, variant or bucket) per row")
  String assignments;

  @Option(
      names = "--snapshots",
      paramLabel = "DIR",
      description =
          "audit the *.json evaluation snapshots in DIR (written by the OpenFeature AuditHook of each"
              + " instance of a service) merged into one, with the same gates as --assignments")
  String snapshots;

  @Option(
      names = "--flags",
      paramLabel = "FLAGS.json",
      description =
          "with --assignments or --snapshots: each flag's intended rollout, weights and buckets, such as"
              + " {\"new-checkout\": {\"rollout\": 5}, \"exp\": {\"weights\": {\"control\": 50, \"treatment\": 50}}}")
  String flags;

  @Option(
      names = "--user-column",
      paramLabel = "NAME",
      description = "with --assignments: the user column (default: guessed)")
  String userColumn;

  @Option(
      names = "--flag-column",
      paramLabel = "NAME",
      description = "with --assignments: the flag column (default: guessed)")
  String flagColumn;

  @Option(
      names = "--outcome-column",
      paramLabel = "NAME[:KIND]",
      description =
          "with --assignments: the outcome column, KIND enabled, variant or bucket (default: guessed)")
  String outcomeColumn;

  @Option(
      names = "--time-column",
      paramLabel = "NAME",
      description =
          "with --assignments: the column of when each row was logged (a date, a timestamp that"
              + " starts with one, or epoch seconds or milliseconds); each flag with weights then"
              + " gets its sequential SRM path by day beside the fixed-n gate")
  String timeColumn;

  /** Returns whether {@code --assignments} or one of its options was given. */
  boolean requested() {
    return assignments != null
        || snapshots != null
        || flags != null
        || userColumn != null
        || flagColumn != null
        || outcomeColumn != null
        || timeColumn != null;
  }

  /**
   * Refuses a directory, a pipe or a device: an export is read more than once and in ranges, which
   * only a regular file allows.
   *
   * @throws IllegalArgumentException naming the option, the file and what to do
   */
  static void requireRegularFile(String option, Path file) {
    String name = Display.terminal(file.toString());
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          option + " " + name + " is a directory: give the path of the export file");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          option
              + " "
              + name
              + " is not a regular file (a pipe or a device): an export is read in ranges,"
              + " so write it to a file first (cat ... > export.csv)");
    }
  }

  /**
   * Audits the export and writes the report; returns the exit code: 0 no gate failed, 1 a gate
   * failed (or was inconclusive with {@code failOnInconclusive}).
   *
   * @throws IllegalArgumentException for a mistake in the options or the input; nothing is written
   *     then
   * @throws IOException if the export cannot be read or the report cannot be written
   */
  int run(
      CommandSpec spec,
      String out,
      boolean quiet,
      boolean failOnInconclusive,
      double alpha,
      Double familyAlpha)
      throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (snapshots != null) {
      if (assignments != null) {
        throw new IllegalArgumentException(
            "--snapshots " + snapshots + " and --assignments " + assignments + ": give one");
      }
      if (userColumn != null || flagColumn != null || outcomeColumn != null || timeColumn != null) {
        throw new IllegalArgumentException(
            "--user-column, --flag-column, --outcome-column and --time-column read --assignments"
                + " files, not --snapshots");
      }
    } else if (assignments == null) {
      throw new IllegalArgumentException(
          "--flags, --user-column, --flag-column, --outcome-column and --time-column need"
              + " --assignments FILE");
    }
    String input = snapshots != null ? snapshots : assignments;
    for (String option : POPULATION_OPTIONS) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw new IllegalArgumentException(
            option
                + " is not used by the assignments audit, so "
                + spec.commandLine().getCommandName()
                + " refuses it with "
                + (snapshots != null ? "--snapshots " : "--assignments ")
                + Display.terminal(input));
      }
    }
    if (input.isEmpty()) {
      throw new IllegalArgumentException(
          snapshots != null
              ? "--snapshots must name a directory: it is empty"
              : "--assignments must name a file: it is empty");
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--out must name a directory: it is empty");
    }
    Columns columns = new Columns(userColumn, flagColumn, outcomeColumn, timeColumn);
    Map<String, FlagSettings> configured =
        flags == null ? Map.of() : FlagsFile.read(Path.of(flags));
    Path outDirectory = Path.of(out);
    ReportWriter.checkTarget(outDirectory);
    Path file = Path.of(input);
    if (snapshots == null) {
      requireRegularFile("--assignments", file);
    }
    long started = System.nanoTime();
    Progress progress =
        new Progress(
            err,
            String.valueOf(file.getFileName()),
            snapshots == null ? Progress.Mode.of(quiet) : Progress.Mode.OFF);
    AssignmentFindings findings =
        snapshots != null
            ? EvaluationSnapshot.readDirectory(file)
                .audit(
                    String.valueOf(file.getFileName()),
                    AssignmentSettings.defaults().withFlags(configured).withAlpha(alpha))
            : AssignmentFile.audit(
                file,
                columns,
                AssignmentSettings.defaults().withFlags(configured).withAlpha(alpha),
                progress::lines);
    progress.done();
    for (String flag : configured.keySet()) {
      if (findings.flags().stream().noneMatch(found -> found.flagKey().equals(flag))) {
        err.println(
            "bucketproof: warning: flag " + flag + " of " + flags + " has no rows in " + input);
      }
    }
    if (!quiet && snapshots == null && AssignmentFile.isGzip(file)) {
      err.println(
          "bucketproof: note: "
              + assignments
              + " is gzip-compressed, so it was read on one core (decompress it to use every core)");
    }
    if (familyAlpha != null) {
      findings = findings.withFamilyAlpha(familyAlpha);
    }
    ReportWriter.write(findings, outDirectory);
    int failed = findings.failures().size();
    int undecided = findings.inconclusive().size();
    if (!quiet) {
      err.println(
          String.format(
              Locale.ROOT,
              "bucketproof: wrote %s (%,d rows, %d flags, %d gates, %d failed,"
                  + " %d inconclusive) in %.1f s",
              outDirectory.toAbsolutePath().resolve("index.html"),
              findings.rowsAudited(),
              findings.flags().size(),
              findings.gates().size(),
              failed,
              undecided,
              (System.nanoTime() - started) / 1e9));
      err.println("  " + findings.lineSummary());
    }
    for (String line : VerdictLines.of(findings.gates(), Diagnosis.of(findings))) {
      err.println("  " + line);
    }
    for (AssignmentFindings.FlagFindings flag : findings.flags()) {
      if (flag.best() != null) {
        err.println("  " + flag.flagKey() + ": " + flag.fingerprint());
      }
    }
    return failed > 0 || (failOnInconclusive && undecided > 0) ? 1 : 0;
  }
}
