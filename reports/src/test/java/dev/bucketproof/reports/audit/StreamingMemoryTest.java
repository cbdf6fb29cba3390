package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.cli.BucketproofCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit streams: 20,000,000 users through the command line in a JVM limited to a 64 MiB heap.
 * Held in memory, the ids alone would need over 1 GiB.
 */
class StreamingMemoryTest {
  private static final long USERS = 20_000_000;

  @TempDir Path directory;

  @Test
  void twentyMillionUserAuditRunsInA64MibHeap() throws IOException, InterruptedException {
    Path out = directory.resolve("site");
    Path log = directory.resolve("log.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx64m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BucketproofCli.class.getName(),
                    "report",
                    "--quiet",
                    "--users",
                    Long.toString(USERS),
                    "--population",
                    "uuid",
                    "--hasher",
                    "bucketproof:murmur3_x86_32",
                    "--out",
                    out.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = process.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(finished, "did not finish: " + output);
    assertEquals(0, process.exitValue(), output);
    String json = Files.readString(out.resolve("report.json"));
    assertTrue(
        json.contains("\"users\": " + USERS), json.substring(0, Math.min(600, json.length())));
  }
}
