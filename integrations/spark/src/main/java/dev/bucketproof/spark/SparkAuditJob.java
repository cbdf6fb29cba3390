package dev.bucketproof.spark;

import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.publish.ReportWriter;
import dev.bucketproof.reports.statistics.Statistics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The assignments audit as a Spark job: {@code report --assignments PATH --format
 * parquet|csv|json|table --flags FLAGS.json --out DIR} writes the report directory of {@code
 * bucketproof report --assignments} ({@code index.html}, {@code report.json}, {@code summary.md})
 * with its exit codes: 0 no gate failed, 1 a gate failed, 2 a mistake in the options or the input
 * (one line on stderr, nothing written).
 *
 * <pre>
 * spark-submit --class dev.bucketproof.spark.SparkAuditJob integrations/spark/target/bucketproof-spark.jar \
 *   report --assignments s3://lake/exposures/ --format parquet --flags flags.json --out report
 * integrations/spark/bin/bucketproof-spark report --assignments export.parquet --flags flags.json --out report
 * </pre>
 *
 * Without a master (no {@code spark.master}, no {@code --master}) it runs in {@code local[*]}.
 *
 * <p>Thread-safety: one job per process.
 */
public final class SparkAuditJob {
  private SparkAuditJob() {}

  /** Runs the job and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.err, true, StandardCharsets.UTF_8), null));
  }

  /** Runs the job on {@code spark}, or on a session of its own when null; returns the exit code. */
  public static int run(String[] args, PrintWriter err, SparkSession spark) {
    Report report = new Report(err, spark);
    CommandLine line =
        new CommandLine(new Top())
            .addSubcommand("report", report)
            .setErr(err)
            .setExecutionExceptionHandler(
                (exception, commandLine, parsed) -> {
                  err.println("bucketproof: " + firstLine(exception));
                  return 2;
                });
    line.setParameterExceptionHandler(
        (exception, arguments) -> {
          err.println("bucketproof: " + exception.getMessage());
          return 2;
        });
    return line.execute(args);
  }

  private static String firstLine(Throwable exception) {
    String message = exception.getMessage() == null ? exception.toString() : exception.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  @Command(name = "bucketproof-spark", description = "bucketproof's audits on Apache Spark")
  static final class Top implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalArgumentException("expected a command: report");
    }
  }

  @Command(
      name = "report",
      description = "audit an export of assignments and write the report directory")
  static final class Report implements Callable<Integer> {
    private final PrintWriter err;
    private final SparkSession given;

    @Option(names = "--assignments", required = true, paramLabel = "PATH|TABLE")
    String assignments;

    @Option(
        names = "--format",
        paramLabel = "parquet|csv|json|table",
        description =
            "parquet (default), csv (with a header), json (JSON lines) or table (a catalog table's name)")
    String format = "parquet";

    @Option(names = "--flags", paramLabel = "FLAGS.json")
    String flags;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    String out;

    @Option(
        names = "--master",
        paramLabel = "URL",
        description = "default: spark.master, else local[*]")
    String master;

    @Option(names = "--user-column", paramLabel = "NAME")
    String userColumn;

    @Option(names = "--flag-column", paramLabel = "NAME")
    String flagColumn;

    @Option(names = "--outcome-column", paramLabel = "NAME[:enabled|variant|bucket]")
    String outcomeColumn;

    @Option(
        names = "--time-column",
        paramLabel = "NAME",
        description = "when each row was logged: each flag's sequential SRM path by day")
    String timeColumn;

    @Option(
        names = "--alpha",
        paramLabel = "LEVEL",
        description = "each gate's level (default: ${DEFAULT-VALUE})")
    double alpha = Statistics.ALPHA;

    @Option(
        names = "--family-alpha",
        paramLabel = "LEVEL",
        description = "Holm across every gate of the report at this family-wise level")
    Double familyAlpha;

    @Option(names = "--quiet")
    boolean quiet;

    Report(PrintWriter err, SparkSession given) {
      this.err = err;
      this.given = given;
    }

    @Override
    public Integer call() throws IOException {
      if (!List.of("parquet", "csv", "json", "table").contains(format)) {
        throw new IllegalArgumentException(
            "--format must be parquet, csv, json or table: " + format);
      }
      String flagsJson = flags == null ? "{}" : Files.readString(Path.of(flags));
      Path outDirectory = Path.of(out);
      ReportWriter.checkTarget(outDirectory);
      String source =
          format.equals("table") ? assignments : String.valueOf(Path.of(assignments).getFileName());
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("--alpha must be within (0, 1): " + alpha);
      }
      SparkAuditSettings settings =
          SparkAuditSettings.of(source)
              .withFlags(flagsJson)
              .withColumns(userColumn, flagColumn, outcomeColumn)
              .withTimeColumn(timeColumn)
              .withAlpha(alpha)
              .withFirstLine(format.equals("csv") ? 2 : 1);
      if (familyAlpha != null && !(familyAlpha > 0 && familyAlpha < 1)) {
        throw new IllegalArgumentException("--family-alpha must be within (0, 1): " + familyAlpha);
      }
      long started = System.nanoTime();
      SparkSession spark = given != null ? given : session();
      try {
        Dataset<Row> table =
            switch (format) {
              case "csv" ->
                  spark
                      .read()
                      .option("header", "true")
                      .option("inferSchema", "false")
                      .csv(assignments);
              case "json" -> spark.read().option("primitivesAsString", "true").json(assignments);
              case "table" -> spark.table(assignments);
              default -> spark.read().parquet(assignments);
            };
        AssignmentFindings findings = SparkAudit.auditAssignments(table, settings);
        if (familyAlpha != null) {
          findings = findings.withFamilyAlpha(familyAlpha);
        }
        ReportWriter.write(findings, outDirectory);
        int failed = findings.failures().size();
        if (!quiet) {
          err.println(
              String.format(
                  Locale.ROOT,
                  "bucketproof: wrote %s (%,d rows, %d flags, %d gates, %d failed,"
                      + " %d inconclusive) in %.1f s on %s",
                  outDirectory.toAbsolutePath().resolve("index.html"),
                  findings.rowsAudited(),
                  findings.flags().size(),
                  findings.gates().size(),
                  failed,
                  findings.inconclusive().size(),
                  (System.nanoTime() - started) / 1e9,
                  spark.sparkContext().master()));
          err.println("  " + findings.headline() + "; " + findings.lineSummary());
          for (AssignmentFindings.FlagFindings flag : findings.flags()) {
            if (flag.best() != null) {
              err.println("  " + flag.flagKey() + ": " + flag.fingerprint());
            }
          }
          for (Gate gate : findings.failures()) {
            err.println("  " + gate.describe());
          }
        }
        return failed > 0 ? 1 : 0;
      } catch (Exception e) {
        // Spark's AnalysisException (no such path, no such table) is checked but not declared.
        if (e instanceof AnalysisException) {
          throw new IllegalArgumentException(
              "--assignments " + assignments + ": " + firstLine(e), e);
        }
        throw e;
      } finally {
        if (given == null) {
          spark.stop();
        }
      }
    }

    private SparkSession session() {
      SparkSession.Builder builder = SparkSession.builder().appName("bucketproof report");
      if (master != null) {
        builder.master(master);
      } else if (System.getProperty("spark.master") == null) {
        // On one machine the driver needs no network interface: loopback only, no UI.
        builder
            .master("local[*]")
            .config("spark.ui.enabled", "false")
            // 200 shuffle partitions (the default) cost more than the work on one machine
            .config(
                "spark.sql.shuffle.partitions",
                System.getProperty(
                    "spark.sql.shuffle.partitions",
                    String.valueOf(4 * Runtime.getRuntime().availableProcessors())))
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1");
      }
      return builder.getOrCreate();
    }
  }
}
