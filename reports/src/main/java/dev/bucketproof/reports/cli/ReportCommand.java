package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.audit.Audit;
import dev.bucketproof.reports.audit.AuditSettings;
import dev.bucketproof.reports.audit.AuditedBucketer;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.audit.SystemFindings;
import dev.bucketproof.reports.ids.IdFile;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.IdSource;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.jmh.JmhResult;
import dev.bucketproof.reports.publish.ReportWriter;
import dev.bucketproof.reports.render.Diagnosis;
import dev.bucketproof.reports.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bucketproof report}: audits populations with hashers and writes the report directory.
 *
 * <p>With no arguments: every hasher, every built-in population at 1,000,000 users and again at
 * 10,000 (the size of the usual "25% gives 20-30%" claim), 100 buckets.
 */
@Command(
    name = "report",
    description =
        "Audit populations (or, with --assignments, an export of real assignments)"
            + " and write index.html, report.json and summary.md."
            + " Exit 0 when no gate failed (passed or inconclusive), 1 when one failed (the report is written either way);"
            + " --fail-on-inconclusive makes an inconclusive gate exit 1 too.")
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /**
   * The size of the original 10,000-user claim, audited beside the large populations by default.
   */
  static final long CLAIM_USERS = 10_000;

  /** The default report directory, relative to the working directory. */
  static final String DEFAULT_OUT = "reports/target/site";

  @Option(
      names = "--users",
      description = "ids per generated population (default 1,000,000, plus the 10,000 case)")
  Long users;

  @Option(
      names = "--population",
      arity = "1..*",
      paramLabel = "NAME",
      description =
          "uuid, sequential, prefixed, email, unicode, long (default: all, unless --ids is given)")
  List<String> populations;

  @Option(
      names = "--ids",
      paramLabel = "FILE",
      description = "also audit ids from FILE: UTF-8, one per line")
  String ids;

  @Mixin IdLimitOption idLimit;

  @Option(
      names = "--hasher",
      arity = "1..*",
      paramLabel = "NAME",
      description = "hashers (default: all)")
  List<String> hashers;

  @Option(
      names = "--buckets",
      defaultValue = "100",
      description = "bucket count, 1..1,000,000 (default ${DEFAULT-VALUE})")
  int buckets;

  @Option(
      names = "--flag",
      defaultValue = AuditSettings.DEFAULT_FLAG_KEY,
      description = "flag key (default ${DEFAULT-VALUE})")
  String flag;

  @Option(
      names = "--jmh",
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "JMH JSON results (benchmarks.jar -rf json) to include, such as a full run and a PeerBenchmark run")
  List<String> jmh = new ArrayList<>();

  @Option(
      names = "--out",
      defaultValue = DEFAULT_OUT,
      paramLabel = "DIR",
      description = "default ${DEFAULT-VALUE}")
  String out;

  @Option(
      names = "--threads",
      description = "worker threads (default: one per core); the result does not depend on it")
  Integer threads;

  @Option(names = "--quiet", description = "no progress on stderr; the verdict lines stay")
  boolean quiet;

  @Option(
      names = "--fail-on-inconclusive",
      description =
          "exit 1 when a gate is inconclusive (too few users to decide), as for a failure; for CI")
  boolean failOnInconclusive;

  @Option(
      names = "--alpha",
      defaultValue = "0.0005",
      description =
          "the level of each gate (default ${DEFAULT-VALUE}); power figures are stated at it")
  double alpha;

  @Option(
      names = "--family-alpha",
      paramLabel = "LEVEL",
      description =
          "report-level control: a gate fails only when"
              + " Holm-Bonferroni over the report's distinct gates rejects it at LEVEL, e.g. 0.01, so a correct bucketer"
              + " fails this report with a chance of at most LEVEL")
  Double familyAlpha;

  @Mixin AssignmentOptions assignmentOptions = new AssignmentOptions();

  @Mixin ReportProfileOptions profileOptions;

  private void checkLevels() {
    NumberGrammar.alpha("--alpha", alpha);
    if (familyAlpha != null) {
      NumberGrammar.alpha("--family-alpha", familyAlpha);
    }
  }

  @Override
  public Integer call() throws IOException {
    if (assignmentOptions.requested()) {
      // the old form of audit-assignments: the same audit, and a one-line note after it
      checkLevels();
      int code = assignmentOptions.run(spec, out, quiet, failOnInconclusive, alpha, familyAlpha);
      if (!quiet) {
        spec.commandLine()
            .getErr()
            .println(
                "bucketproof: note: report --assignments/--snapshots is now"
                    + " `bucketproof audit-assignments`; this form keeps working");
      }
      return code;
    }
    PrintWriter err = spec.commandLine().getErr();
    List<BucketingProfile> profiles = profileOptions.chosen();
    if (users != null && users < 1) {
      throw new IllegalArgumentException("--users must be >= 1: " + users);
    }
    if (users != null && users > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--users must be at most 2147483647: " + users);
    }
    if (buckets < 1 || buckets > AuditedBucketer.MAX_BUCKET_COUNT) {
      throw new IllegalArgumentException("--buckets must be within [1, 1000000]: " + buckets);
    }
    List<IdHasher> chosen = new ArrayList<>();
    for (String name : Arguments.split("--hasher", hashers)) {
      chosen.add(IdHashers.byName(name));
    }
    if (chosen.isEmpty()) {
      chosen.addAll(IdHashers.all());
    }
    List<IdSource> sources = sources();
    List<JmhResult> benchmarks = new ArrayList<>();
    for (String file : jmh) {
      benchmarks.addAll(JmhResult.read(Path.of(file)));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--out must name a directory: it is empty");
    }
    Path outDirectory = Path.of(out);
    ReportWriter.checkTarget(outDirectory);

    List<AuditedBucketer> targets = new ArrayList<>();
    for (IdHasher hasher : chosen) {
      targets.add(
          AuditedBucketer.of(Bucketer.builder().hasher(hasher).bucketCount(buckets).build()));
    }
    targets.addAll(AuditedBucketer.ofProfiles(profiles));
    checkLevels();
    AuditSettings settings = AuditSettings.defaults().withFlagKey(flag).withAlpha(alpha);
    if (threads != null) {
      settings = settings.withThreads(threads);
    }
    List<PopulationFindings> audits = new ArrayList<>();
    long started = System.nanoTime();
    for (IdSource source : sources) {
      Progress progress = new Progress(err, source.name(), Progress.Mode.of(quiet));
      PopulationFindings findings = Audit.run(source, targets, settings.withProgress(progress));
      progress.done();
      if (source instanceof IdFile file && findings.users() == 0) {
        // an audit of nothing passes nothing: say so instead of writing a report of empty gates
        throw new IllegalArgumentException(
            "no ids to audit in "
                + file.path()
                + ": "
                + (findings.lineReport() == null
                    ? "it is empty"
                    : findings.lineReport().summary()));
      }
      audits.add(findings);
    }
    List<String> audited = new ArrayList<>(chosen.stream().map(IdHasher::name).toList());
    AuditedBucketer.ofProfiles(profiles).forEach(target -> audited.add(target.name()));
    Report report =
        new Report(
            flag,
            buckets,
            settings.alpha(),
            settings.saltFlagCount(),
            settings.saltUsers(),
            audited,
            audits,
            benchmarks,
            profiles.isEmpty()
                ? null
                : SystemFindings.measure(profiles, sources, flag, settings.alpha()),
            familyAlpha == null ? Double.NaN : familyAlpha);
    ReportWriter.write(report, outDirectory);
    int failed = report.failures().size();
    int undecided = report.inconclusive().size();
    if (!quiet) {
      err.println(
          String.format(
              Locale.ROOT,
              "bucketproof: wrote %s (%d populations, %d hashers, %d gates, %d failed,"
                  + " %d inconclusive) in %.1f s",
              outDirectory.toAbsolutePath().resolve("index.html"),
              audits.size(),
              chosen.size(),
              report.gates().size(),
              failed,
              undecided,
              (System.nanoTime() - started) / 1e9));
    }
    for (String line : VerdictLines.of(report.gates(), Diagnosis.of(report))) {
      err.println("  " + line);
    }
    if (!quiet) {
      err.println("  " + report.falseAlarmText());
    }
    return failed > 0 || (failOnInconclusive && undecided > 0) ? 1 : 0;
  }

  private List<IdSource> sources() {
    List<String> names = Arguments.split("--population", populations);
    List<IdShape> shapes = new ArrayList<>();
    for (String name : names) {
      shapes.add(IdShape.byId(name));
    }
    if (shapes.isEmpty() && ids == null) {
      shapes.addAll(List.of(IdShape.values()));
    }
    List<IdSource> sources = new ArrayList<>();
    long size = users == null ? 1_000_000 : users;
    for (IdShape shape : shapes) {
      sources.add(Population.of(shape, size));
    }
    if (users == null) {
      for (IdShape shape : shapes) {
        sources.add(Population.of(shape, CLAIM_USERS));
      }
    }
    if (ids != null) {
      sources.add(new IdFile(Path.of(ids), idLimit.maxIdBytes()));
    }
    return sources;
  }
}
