package dev.bucketproof.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bucketproof.reports.audit.Audit;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.ids.IdFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkAudit#auditIds} gives the command line's audit of the same ids in the same order:
 * users, line use, every bucketer's counts, gates and verdicts, the hashers' agreement and the kept
 * disagreement examples (which depend on each id's index, as the salt meta-test does), for 1, 7 and
 * 64 partitions and for a text file Spark splits itself. Ids are generated from seed {@value
 * #SEED}: ASCII, accented and astral-plane ids, with blank lines among them.
 */
class SparkIdsTest {
  static final long SEED = 0x1D5_2026L;
  private static final SparkSession SPARK = SharedSpark.session();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private static List<String> lines() {
    SplittableRandom random = new SplittableRandom(SEED);
    List<String> lines = new ArrayList<>();
    String[] shapes = {"user-%d", "josé-%d", "👩‍💻%d", "%d@example.com"};
    for (int i = 0; i < 30_000; i++) {
      if (i == 3 || i == 17_001 || i == 29_998) {
        lines.add("");
      }
      lines.add(String.format(shapes[random.nextInt(shapes.length)], random.nextInt(1 << 30)));
    }
    return lines;
  }

  private PopulationFindings cli(List<String> lines) throws IOException {
    Path file = directory.resolve("ids.txt");
    Files.write(file, lines, StandardCharsets.UTF_8);
    SparkIdsSettings settings = SparkIdsSettings.of("ids.txt");
    return Audit.run(new IdFile(file), settings.targets(), settings.auditSettings());
  }

  /** Compares two audits by their content as JSON (the records hold arrays). */
  private static void assertSameAudit(PopulationFindings expected, PopulationFindings actual)
      throws JsonProcessingException {
    assertEquals(expected.users(), actual.users());
    assertEquals(expected.lineReport(), actual.lineReport());
    assertEquals(
        JSON.writeValueAsString(expected.targets()), JSON.writeValueAsString(actual.targets()));
    assertEquals(
        JSON.writeValueAsString(expected.agreements()),
        JSON.writeValueAsString(actual.agreements()));
  }

  @Test
  void oneSevenAndSixtyFourPartitionsGiveTheCommandLinesAudit() throws IOException {
    List<String> lines = lines();
    PopulationFindings cli = cli(lines);
    assertEquals(30_000, cli.users());
    assertEquals(3, cli.lineReport().blankLines());
    assertFalse(cli.targets().isEmpty());
    JavaSparkContext context = JavaSparkContext.fromSparkContext(SPARK.sparkContext());
    for (int partitions : new int[] {1, 7, 64}) {
      Dataset<String> ids =
          SPARK.createDataset(context.parallelize(lines, partitions).rdd(), Encoders.STRING());
      assertSameAudit(cli, SparkAudit.auditIds(ids, SparkIdsSettings.of("ids.txt")));
    }
  }

  @Test
  void aTextFileReadBySparkGivesTheCommandLinesAudit() throws IOException {
    List<String> lines = lines();
    PopulationFindings cli = cli(lines);
    String key = "spark.sql.files.maxPartitionBytes";
    String before = SPARK.conf().get(key);
    SPARK.conf().set(key, "65536");
    try {
      Dataset<String> ids = SPARK.read().textFile(directory.resolve("ids.txt").toString());
      assertTrue(ids.javaRDD().getNumPartitions() > 1, "partitions");
      assertSameAudit(cli, SparkAudit.auditIds(ids, SparkIdsSettings.of("ids.txt")));
    } finally {
      SPARK.conf().set(key, before);
    }
  }

  /** The comparison can fail: the same ids in another order keep their counts but not examples. */
  @Test
  void idsInAnotherOrderAreNotTheSameAudit() throws IOException {
    List<String> lines = lines();
    PopulationFindings cli = cli(lines);
    List<String> reversed = new ArrayList<>(lines);
    Collections.reverse(reversed);
    PopulationFindings spark =
        SparkAudit.auditIds(
            SPARK.createDataset(reversed, Encoders.STRING()), SparkIdsSettings.of("ids.txt"));
    assertEquals(cli.users(), spark.users());
    for (int t = 0; t < cli.targets().size(); t++) {
      assertArrayEquals(cli.targets().get(t).counts(), spark.targets().get(t).counts());
    }
    assertNotEquals(
        JSON.writeValueAsString(cli.agreements()), JSON.writeValueAsString(spark.agreements()));
  }

  @Test
  void noIdsAndBadSettingsGetClearErrors() {
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SparkAudit.auditIds(
                    SPARK.createDataset(List.of("", ""), Encoders.STRING()),
                    SparkIdsSettings.of("blank.txt")));
    assertEquals("blank.txt has no ids: its 2 rows are all null or empty", empty.getMessage());
    assertEquals(
        "buckets must be within [1, 1000000]: 0",
        assertThrows(
                IllegalArgumentException.class, () -> SparkIdsSettings.of("ids").withBuckets(0))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SparkIdsSettings.of("ids").withHashers(List.of("no-such-hasher")));
  }
}
