package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.reports.assignments.Exports.Row;
import dev.bucketproof.reports.render.AssignmentsJson;
import dev.bucketproof.reports.render.AssignmentsMarkdown;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit of a file split into ranges on all cores gives the report of the sequential audit, byte
 * for byte, in 1, 7 and 64 ranges, for CSV (CRLF, a byte-order mark, rejected lines of every kind),
 * TSV and JSON lines, with and without the per-user sample's bound reached; and the fingerprint
 * ranked on a sample confirms the best rule on every row, listing every row it does not reproduce.
 * The export is generated from seed {@value #SEED}.
 */
class AssignmentRangesTest {
  private static final long SEED = 0x4A_5E5L;
  private static final int USERS = 6_000;
  private static final VariantSplit SPLIT =
      new VariantSplit("exp_1", List.of(new Variant("control", 50), new Variant("treatment", 50)));
  private static final AssignmentSettings SETTINGS =
      AssignmentSettings.defaults()
          .withFlags(
              Map.of(
                  "rollout-5",
                  new FlagSettings(500, Map.of(), 100),
                  "exp_1",
                  new FlagSettings(null, weights(), 100)));

  /** The weights in their order: the first is the control. */
  private static Map<String, Integer> weights() {
    Map<String, Integer> weights = new java.util.LinkedHashMap<>();
    weights.put("control", 50);
    weights.put("treatment", 50);
    return weights;
  }

  @TempDir Path directory;

  /** Three flags in shuffled order, 1% of the rollout flipped, repeats and a conflict or two. */
  private static List<Row> rows() {
    Bucketer bucketer = Bucketer.standard();
    List<Row> rollout = Exports.rollout(bucketer, "rollout-5", 5, USERS);
    Exports.flip(rollout, 0.01, SEED);
    List<Row> rows = new ArrayList<>(rollout);
    rows.addAll(Exports.split(bucketer, SPLIT, USERS));
    for (int i = 0; i < USERS; i++) {
      rows.add(
          Row.bucket(Exports.userId(i), "buckets", bucketer.bucket("buckets", Exports.userId(i))));
    }
    Collections.shuffle(rows, new java.util.Random(SEED));
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 200; i++) {
      rows.add(random.nextInt(rows.size()), rows.get(random.nextInt(rows.size())));
    }
    rows.add(Row.enabled(Exports.userId(7), "rollout-5", true));
    rows.add(Row.enabled(Exports.userId(7), "rollout-5", false));
    return rows;
  }

  /** The CSV with CRLF, a byte-order mark and lines that are rejected, each of another kind. */
  private Path csv(List<Row> rows) throws IOException {
    String text = Exports.csv(rows, "\r\n");
    String[] lines = text.split("\r\n", -1);
    StringBuilder damaged = new StringBuilder("\uFEFF");
    for (int i = 0; i < lines.length - 1; i++) {
      damaged.append(lines[i]).append("\r\n");
      if (i % 3_001 == 1_000) {
        damaged.append("\r\n").append("only,two\r\n").append("u,exp_1,,ghost,\r\n");
      }
    }
    Path file = directory.resolve("export.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] bytes = damaged.toString().getBytes(StandardCharsets.UTF_8);
      int middle = bytes.length / 2;
      out.write(bytes, 0, middle - (middle % 2));
      out.write(new byte[] {'\n', (byte) 0xC3, (byte) 0x28, '\n'});
      out.write(bytes, middle - (middle % 2), bytes.length - (middle - (middle % 2)));
    }
    return file;
  }

  private static String report(AssignmentFindings findings) {
    return AssignmentsJson.render(findings) + AssignmentsMarkdown.render(findings);
  }

  private static AssignmentFindings sequential(Path file, AssignmentSettings settings)
      throws IOException {
    return AssignmentFile.sequential(file, Columns.guess(), settings, lines -> {});
  }

  private static AssignmentFindings inRanges(
      Path file, AssignmentSettings settings, int ranges, long exhaustiveBytes) throws IOException {
    return AssignmentFile.audit(
        file, Columns.guess(), settings, lines -> {}, 2, ranges, exhaustiveBytes);
  }

  @Test
  void csvInRangesIsByteIdentical() throws IOException {
    Path file = csv(rows());
    String expected = report(sequential(file, SETTINGS));
    assertTrue(expected.contains("invalid UTF-8"), expected);
    for (int ranges : new int[] {1, 7, 64}) {
      assertEquals(
          expected,
          report(inRanges(file, SETTINGS, ranges, Long.MAX_VALUE)),
          ranges + " ranges, seed " + SEED);
    }
  }

  @Test
  void sampledUsersInRangesAreByteIdentical() throws IOException {
    Path file = csv(rows());
    AssignmentSettings small = SETTINGS.withSampleCapacity(1_000);
    AssignmentFindings one = sequential(file, small);
    assertNotEquals(0, one.sampleLevel(), "the bound of 1,000 pairs is reached");
    assertEquals(report(one), report(inRanges(file, small, 7, Long.MAX_VALUE)));
  }

  @Test
  void tsvAndJsonLinesInRangesAreByteIdentical() throws IOException {
    List<Row> rows = rows();
    for (Path file :
        List.of(
            Exports.write(directory, "export.tsv", Exports.tsv(rows)),
            Exports.write(directory, "export.jsonl", Exports.jsonLines(rows)))) {
      assertEquals(
          report(sequential(file, SETTINGS)),
          report(inRanges(file, SETTINGS, 7, Long.MAX_VALUE)),
          file.getFileName() + ", seed " + SEED);
    }
  }

  @Test
  void rankedFingerprintConfirmsTheBestOnEveryRow() throws IOException {
    Path file = csv(rows());
    AssignmentFindings all = sequential(file, SETTINGS);
    AssignmentFindings ranked = inRanges(file, SETTINGS, 7, 0);
    assertEquals(all.gates(), ranked.gates());
    for (int i = 0; i < all.flags().size(); i++) {
      AssignmentFindings.FlagFindings expected = all.flags().get(i);
      AssignmentFindings.FlagFindings actual = ranked.flags().get(i);
      assertEquals(expected.best(), actual.best(), expected.flagKey());
      assertEquals(expected.fingerprint(), actual.fingerprint(), expected.flagKey());
    }
    AssignmentFindings.RuleMatch rollout =
        ranked.flags().stream()
            .filter(flag -> flag.flagKey().equals("rollout-5"))
            .findFirst()
            .orElseThrow()
            .best();
    // 1% of 6,000 flipped plus the conflicting repeat: every one counted, the first 100 listed.
    assertTrue(rollout.mismatches() > 40, rollout.sentence());
    // The rules that lost the ranking ran on a sample of users only, and say so.
    assertTrue(
        ranked.flags().get(0).matches().stream()
            .anyMatch(
                match ->
                    match.description().contains("1/64 sample")
                        && match.rowsCompared() < ranked.flags().get(0).rows()),
        ranked.flags().get(0).matches().toString());
  }

  @Test
  void gzipIsReadOnOneCoreWithTheSameReport() throws IOException {
    List<Row> rows = rows();
    Path plain = Exports.write(directory, "plain.csv", Exports.csv(rows, "\n"));
    Path compressed = Exports.gzip(directory, "plain.csv.gz", Exports.csv(rows, "\n"));
    assertTrue(AssignmentFile.isGzip(compressed));
    assertEquals(
        report(inRanges(plain, SETTINGS, 7, Long.MAX_VALUE)).replace("plain.csv", "X"),
        report(AssignmentFile.audit(compressed, Columns.guess(), SETTINGS, lines -> {}))
            .replace("plain.csv.gz", "X"));
  }

  @Test
  void parquetIsRefusedNamingTheSparkCommand() throws IOException {
    Path named = Exports.write(directory, "export.parquet", "user_id,flag,enabled\nu,f,true\n");
    Path magic = Exports.write(directory, "export.bin", "PAR1 and then column chunks");
    for (Path file : List.of(named, magic)) {
      IllegalArgumentException error =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class,
              () -> AssignmentFile.audit(file, Columns.guess(), SETTINGS, lines -> {}));
      assertEquals(
          file
              + " is a Parquet file: the command line reads CSV, TSV and JSON lines; audit Parquet"
              + " with the Spark job: java -jar integrations/spark/target/bucketproof-spark-local.jar"
              + " report --assignments FILE --format parquet --flags FLAGS.json --out DIR"
              + " (or spark-submit, see docs/spark.md)",
          error.getMessage());
    }
  }
}
