package dev.bucketproof.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.AssignmentFile;
import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentSettings;
import dev.bucketproof.reports.assignments.Columns;
import dev.bucketproof.reports.assignments.FlagsFile;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.render.AssignmentsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark audit gives the command line's gates: the same export as CSV through the command line
 * and as Parquet through Spark; 1, 7 and 64 partitions; and above 2^20 (user, flag) pairs, where
 * the command line samples users and Spark stays exact. Bad input gets the command line's errors.
 * Exports are generated from seed {@value Exposures#SEED}.
 */
class SparkAuditTest {
  private static final SparkSession SPARK = SharedSpark.session();

  @TempDir Path directory;

  private static AssignmentFindings cli(Path csv, String flagsJson) throws IOException {
    return AssignmentFile.audit(
        csv,
        Columns.guess(),
        AssignmentSettings.defaults().withFlags(FlagsFile.parse(flagsJson, "flags")),
        lines -> {});
  }

  private static String gates(AssignmentFindings findings) {
    StringBuilder text = new StringBuilder();
    for (Gate gate : findings.gates()) {
      text.append(gate.target())
          .append(" | ")
          .append(gate.name())
          .append(" | ")
          .append(gate.verdict())
          .append(" | ")
          .append(gate.measured())
          .append(" | p ")
          .append(gate.pValue())
          .append('\n');
    }
    for (AssignmentFindings.FlagFindings flag : findings.flags()) {
      text.append(flag.flagKey()).append(": ").append(flag.fingerprint()).append('\n');
      for (AssignmentFindings.RuleMatch match : flag.matches()) {
        text.append("  ").append(match.rule()).append(' ').append(match.share()).append('\n');
      }
    }
    return text.toString();
  }

  @Test
  void csvThroughTheCommandLineAndParquetThroughSparkGiveTheSameGates() throws IOException {
    for (String name : List.of("correct", "srm", "flipped")) {
      Exposures export = new Exposures(name, 9_000);
      AssignmentFindings cli = cli(export.csv(directory.resolve(name + ".csv")), export.flagsJson);
      Path parquet = directory.resolve(name + ".parquet");
      export.frame(SPARK, 3).write().parquet(parquet.toString());
      AssignmentFindings spark =
          SparkAudit.auditAssignments(
              SPARK.read().parquet(parquet.toString()),
              SparkAuditSettings.of(name + ".parquet").withFlags(export.flagsJson));
      assertEquals(gates(cli), gates(spark), name);
      assertEquals(cli.conflictCount(), spark.conflictCount(), name);
      assertEquals(cli.duplicates(), spark.duplicates(), name);
    }
  }

  @Test
  void theSameCsvThroughSparkGivesTheSameReportByteForByte() throws IOException {
    Exposures export = new Exposures("flipped", 9_000);
    Path csv = export.csv(directory.resolve("flipped.csv"));
    AssignmentFindings spark =
        SparkAudit.auditAssignments(
            SPARK.read().option("header", "true").csv(csv.toString()),
            SparkAuditSettings.of("flipped.csv").withFlags(export.flagsJson).withFirstLine(2));
    assertEquals(AssignmentsJson.render(cli(csv, export.flagsJson)), AssignmentsJson.render(spark));
  }

  /**
   * --time-column: the sequential SRM path by day, with a bad day rejected, as the command line.
   */
  @Test
  void aTimeColumnGivesTheCommandLinesSequentialPath() throws IOException {
    StringBuilder text = new StringBuilder("user_id,flag,variant,logged_at\n");
    java.util.SplittableRandom random = new java.util.SplittableRandom(Exposures.SEED);
    for (int i = 0; i < 6_000; i++) {
      text.append("u")
          .append(i)
          .append(",exp,")
          .append(random.nextDouble() < (i < 3_000 ? 0.5 : 0.6) ? "control" : "treatment")
          .append(",2026-11-")
          .append(10 + i / 500)
          .append(i % 2 == 0 ? "" : "T08:00:00Z")
          .append('\n');
    }
    text.append("late,exp,control,not-a-day\n");
    Path csv = directory.resolve("timed.csv");
    Files.writeString(csv, text);
    String flags = "{\"exp\": {\"weights\": {\"control\": 50, \"treatment\": 50}}}";
    AssignmentFindings cli =
        AssignmentFile.audit(
            csv,
            Columns.guess().withTime("logged_at"),
            AssignmentSettings.defaults().withFlags(FlagsFile.parse(flags, "flags")),
            lines -> {});
    AssignmentFindings spark =
        SparkAudit.auditAssignments(
            SPARK.read().option("header", "true").csv(csv.toString()),
            SparkAuditSettings.of("timed.csv")
                .withFlags(flags)
                .withFirstLine(2)
                .withTimeColumn("logged_at"));
    assertEquals(12, cli.flags().get(0).sequential().days().size());
    assertEquals(1, cli.rejects().total());
    assertEquals(AssignmentsJson.render(cli), AssignmentsJson.render(spark));
  }

  @Test
  void oneSevenAndSixtyFourPartitionsGiveTheSameReport() {
    Exposures export = new Exposures("flipped", 6_000);
    SparkAuditSettings settings = SparkAuditSettings.of("export").withFlags(export.flagsJson);
    String one =
        AssignmentsJson.render(SparkAudit.auditAssignments(export.frame(SPARK, 1), settings));
    for (int partitions : new int[] {7, 64}) {
      assertEquals(
          one,
          AssignmentsJson.render(
              SparkAudit.auditAssignments(export.frame(SPARK, partitions), settings)),
          partitions + " partitions");
    }
  }

  @Test
  void aboveTwoToTheTwentyPairsSparkIsExactWhereTheCommandLineSamples() throws IOException {
    // 3 flags x 350,000 users = 1,050,000 (user, flag) pairs > 2^20 = 1,048,576.
    Exposures export = new Exposures("correct", 1_050_000);
    AssignmentFindings cli = cli(export.csv(directory.resolve("large.csv")), export.flagsJson);
    AssignmentFindings spark =
        SparkAudit.auditAssignments(
            export.frame(SPARK, 4), SparkAuditSettings.of("large.csv").withFlags(export.flagsJson));
    // Where they differ: the command line keeps a 1/2^level sample of users, Spark every pair.
    assertTrue(cli.sampleLevel() > 0, "the command line samples: level " + cli.sampleLevel());
    assertTrue(cli.sampleEntries() < 1_050_000, "sampled pairs " + cli.sampleEntries());
    assertEquals(0, spark.sampleLevel());
    assertEquals(1_050_000, spark.sampleEntries());
    for (AssignmentFindings.PairFindings pair : spark.pairs()) {
      assertEquals(350_000, pair.sharedUsers(), pair.flagA() + " x " + pair.flagB());
    }
    for (AssignmentFindings.PairFindings pair : cli.pairs()) {
      assertTrue(pair.sharedUsers() < 350_000, pair.flagA() + " x " + pair.flagB());
    }
    // Where they agree: every per-flag gate and the fingerprint.
    assertEquals(
        cli.gates().stream()
            .filter(gate -> !gate.name().startsWith("independence"))
            .toList()
            .toString(),
        spark.gates().stream()
            .filter(gate -> !gate.name().startsWith("independence"))
            .toList()
            .toString());
    assertEquals(
        cli.flags().stream().map(AssignmentFindings.FlagFindings::fingerprint).toList(),
        spark.flags().stream().map(AssignmentFindings.FlagFindings::fingerprint).toList());
  }

  @Test
  void badInputGetsTheCommandLinesErrors() throws IOException {
    Path noFlag = Files.writeString(directory.resolve("noflag.csv"), "user_id,enabled\nu1,true\n");
    String cliError =
        assertThrows(IllegalArgumentException.class, () -> cli(noFlag, "{}")).getMessage();
    String sparkError =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    SparkAudit.auditAssignments(
                        SPARK.read().option("header", "true").csv(noFlag.toString()),
                        SparkAuditSettings.of(noFlag.toString())))
            .getMessage();
    assertEquals(cliError, sparkError);

    Path headerOnly = Files.writeString(directory.resolve("empty.csv"), "user_id,flag,enabled\n");
    String emptyCli =
        assertThrows(IllegalArgumentException.class, () -> cli(headerOnly, "{}")).getMessage();
    String emptySpark =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    SparkAudit.auditAssignments(
                        SPARK
                            .read()
                            .option("header", "true")
                            .schema("user_id STRING, flag STRING, enabled STRING")
                            .csv(headerOnly.toString()),
                        SparkAuditSettings.of(headerOnly.toString()).withFirstLine(2)))
            .getMessage();
    assertEquals(emptyCli, emptySpark);

    Dataset<Row> nested = SPARK.sql("SELECT 'u1' AS user_id, 'f' AS flag, array(true) AS enabled");
    assertEquals(
        "nested: column enabled has type array<boolean>; the enabled column must hold strings,"
            + " numbers or booleans",
        assertThrows(
                IllegalArgumentException.class,
                () -> SparkAudit.auditAssignments(nested, SparkAuditSettings.of("nested")))
            .getMessage());

    // A value that is not an outcome is rejected by row, with the command line's reason.
    Dataset<Row> maybe =
        SPARK.sql(
            "SELECT * FROM VALUES ('u1', 'f', 'true'), ('u2', 'f', 'maybe'), ('u3', 'f', 'false')"
                + " AS t(user_id, flag, enabled)");
    AssignmentFindings findings =
        SparkAudit.auditAssignments(maybe, SparkAuditSettings.of("maybe"));
    assertEquals(1, findings.rejects().total());
    assertEquals(
        "enabled must be true/false, 1/0 or on/off: 'maybe'",
        findings.rejects().first().get(0).reason());
    assertEquals(2, findings.rejects().first().get(0).line());
    assertNotEquals(0, findings.rowsAudited());
  }
}
