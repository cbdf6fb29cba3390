package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.cli.BucketproofCli;
import dev.bucketproof.reports.ids.IdFile;
import dev.bucketproof.reports.ids.IdSource;
import dev.bucketproof.reports.ids.LineReport;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --ids} on all cores: the file split into ranges at line boundaries, lines hashed as
 * bytes, counts merged in file order, gives what the sequential audit of the same file (one {@code
 * String} per line, in order) gives: every count, line number, example and gate, for any number of
 * ranges and threads.
 */
class FileAuditTest {
  private static final long SEED = 0xF11E_A0D17L;

  @TempDir Path directory;

  @Test
  void everySplitGivesTheSequentialAudit() throws IOException {
    Path file = directory.resolve("ids.txt");
    Files.write(file, mixedFile());
    List<AuditedBucketer> targets =
        List.of(
            AuditedBucketer.of(Bucketer.standard()),
            AuditedBucketer.of(
                Bucketer.builder()
                    .hasher(IdHashers.murmur3_x86_32_guava())
                    .bucketCount(10_000)
                    .build()),
            AuditedBucketer.of(
                Bucketer.builder().hasher(IdHashers.murmur3_x64_128_openhft()).build()),
            AuditedBucketer.of(
                Bucketer.builder().hasher(IdHashers.murmur3_x86_32_js()).unsalted().build()));
    AuditSettings settings = AuditSettings.defaults().withSaltMetaTest(16, 3_000);
    IdFile ids = new IdFile(file);
    PopulationFindings sequential =
        Audit.run(sequentialView(ids), targets, settings.withThreads(1));
    LineReport lines = sequential.lineReport();
    assertTrue(
        lines.invalidLines() > 20 && lines.blankLines() > 20 && lines.idsAudited() > 5_000,
        lines.summary());
    Audit.Plan plan = new Audit.Plan(targets, settings);
    for (int threads : new int[] {1, 2}) {
      for (int ranges : new int[] {1, 3, 64, 1000}) {
        PopulationFindings split = FileAudit.run(ids, plan, settings.withThreads(threads), ranges);
        assertSame(sequential, split, threads + " threads, " + ranges + " ranges");
      }
    }
    assertSame(
        sequential, Audit.run(ids, targets, settings.withThreads(2)), "Audit.run on an IdFile");
  }

  @Test
  void aFileWithoutIdsAndAMissingFile() throws IOException {
    Path empty = directory.resolve("empty.txt");
    Files.write(empty, new byte[0]);
    List<AuditedBucketer> targets = List.of(AuditedBucketer.of(Bucketer.standard()));
    PopulationFindings none = Audit.run(new IdFile(empty), targets, AuditSettings.defaults());
    assertEquals(0, none.users());
    assertEquals(new LineReport(0, 0, 0, List.of(), 0, List.of()), none.lineReport());
    Assertions.assertThrows(
        NoSuchFileException.class,
        () ->
            Audit.run(
                new IdFile(directory.resolve("missing.txt")), targets, AuditSettings.defaults()));
  }

  /**
   * A file of 4,000,000 UUID lines (148 MB) audits through the command line in a JVM limited to a
   * 32 MiB heap: memory does not grow with the file (the ids alone, as Strings, would need over 300
   * MB). The 20,000,000-line run in 64 MiB is documented in the README.
   */
  @Test
  void aFileMuchLargerThanTheHeapAudits() throws IOException, InterruptedException {
    Path file = directory.resolve("uuids.txt");
    SplittableRandom random = new SplittableRandom(SEED);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int i = 0; i < 4_000_000; i++) {
        out.write(
            new UUID(random.nextLong(), random.nextLong())
                .toString()
                .getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
      }
    }
    Path out = directory.resolve("site");
    Path log = directory.resolve("log.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx32m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BucketproofCli.class.getName(),
                    "report",
                    "--quiet",
                    "--ids",
                    file.toString(),
                    "--hasher",
                    "bucketproof:murmur3_x86_32",
                    "--out",
                    out.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(finished, "did not finish: " + output);
    assertEquals(0, process.exitValue(), output);
    String json = Files.readString(out.resolve("report.json"));
    assertTrue(
        json.contains("\"users\": 4000000"), json.substring(0, Math.min(600, json.length())));
  }

  private static void assertSame(
      PopulationFindings expected, PopulationFindings actual, String where) {
    assertEquals(expected.users(), actual.users(), where);
    assertEquals(expected.lineReport(), actual.lineReport(), where);
    assertEquals(expected.agreements(), actual.agreements(), where);
    assertEquals(expected.population(), actual.population(), where);
    for (int t = 0; t < expected.targets().size(); t++) {
      BucketerFindings first = expected.targets().get(t);
      BucketerFindings second = actual.targets().get(t);
      assertArrayEquals(first.counts(), second.counts(), where);
      assertEquals(first.gates(), second.gates(), where);
      assertEquals(first.saltMetaTest(), second.saltMetaTest(), where);
    }
  }

  /** The file read through the sequential path: one String per line, chunks in order. */
  private static IdSource sequentialView(IdFile file) {
    return new IdSource() {
      @Override
      public String name() {
        return file.name();
      }

      @Override
      public String description() {
        return file.description();
      }

      @Override
      public long expectedSize() {
        return file.expectedSize();
      }

      @Override
      public Optional<LineReport> forEachChunk(int chunkSize, ChunkConsumer consumer)
          throws IOException {
        return file.forEachChunk(chunkSize, consumer);
      }
    };
  }

  /** BOM, CRLF, blank lines, invalid UTF-8, unicode, a 100 KiB line, and no final newline. */
  private static byte[] mixedFile() {
    SplittableRandom random = new SplittableRandom(SEED);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    HexFormat hex = HexFormat.ofDelimiter(" ");
    List<byte[]> odd =
        List.of(
            new byte[0],
            hex.parseHex("ff"),
            hex.parseHex("c3 28"),
            hex.parseHex("ed a0 80"),
            "jos\u00e9".getBytes(StandardCharsets.UTF_8),
            "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8),
            new byte[] {'\r'},
            "\uFEFFnot-a-bom-here".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 8_000; i++) {
      byte[] line =
          random.nextInt(10) == 0
              ? odd.get(random.nextInt(odd.size()))
              : new UUID(random.nextLong(), random.nextLong())
                  .toString()
                  .getBytes(StandardCharsets.US_ASCII);
      file.writeBytes(line);
      file.writeBytes(random.nextInt(4) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
      if (i == 4_000) {
        file.writeBytes("x".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
        file.write('\n');
      }
    }
    file.writeBytes("the-last-id".getBytes(StandardCharsets.US_ASCII));
    return file.toByteArray();
  }
}
