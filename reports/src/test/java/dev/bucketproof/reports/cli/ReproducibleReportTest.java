package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same inputs give byte-identical index.html, summary.md and report.json: the report runs
 * twice, each in its own JVM (so that {@code Map.of} and {@code Set.of}, whose iteration order is
 * salted per JVM, would show), on different thread counts, from a JMH file whose parameters are in
 * no sorted order.
 */
class ReproducibleReportTest {
  @TempDir Path directory;

  @Test
  void twoRunsGiveTheSameBytes() throws IOException, InterruptedException {
    Path ids = directory.resolve("ids.txt");
    StringBuilder text = new StringBuilder("<b>\u202Egnp.exe\n\n");
    for (int i = 0; i < 1500; i++) {
      text.append("user-").append(i).append('\n');
    }
    Files.writeString(ids, text, StandardCharsets.UTF_8);
    Path jmh = directory.resolve("jmh.json");
    Files.writeString(
        jmh,
        """
        [{"benchmark": "dev.bucketproof.benchmarks.HashBenchmark.hash", "mode": "avgt",
          "params": {"shape": "uuid", "hasher": "bucketproof:murmur3_x86_32", "length": "36", "bytes": "utf8"},
          "primaryMetric": {"score": 26.21, "scoreError": "NaN", "scoreUnit": "ns/op"}}]
        """);
    List<String> files = List.of("index.html", "summary.md", "report.json");
    Path first = run(ids, jmh, "first", "1");
    Path second = run(ids, jmh, "second", "2");
    for (String file : files) {
      assertArrayEquals(
          Files.readAllBytes(first.resolve(file)),
          Files.readAllBytes(second.resolve(file)),
          file + " differs between two runs on the same inputs");
    }
  }

  private Path run(Path ids, Path jmh, String name, String threads)
      throws IOException, InterruptedException {
    Path out = directory.resolve(name);
    ProcessBuilder builder =
        CliProcess.builder(
            "report",
            "--quiet",
            "--users",
            "2000",
            "--population",
            "uuid",
            "unicode",
            "--hasher",
            "bucketproof:murmur3_x86_32",
            "guava:murmur3_x86_32",
            "--ids",
            ids.toString(),
            "--jmh",
            jmh.toString(),
            "--threads",
            threads,
            "--out",
            out.toString());
    Path stdout = directory.resolve(name + ".out");
    Path stderr = directory.resolve(name + ".err");
    int code = CliProcess.run(builder, stdout, stderr);
    assertEquals(0, code, "report " + name + ": " + Files.readString(stderr));
    return out;
  }
}
