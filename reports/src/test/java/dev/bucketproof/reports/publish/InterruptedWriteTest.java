package dev.bucketproof.reports.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT (Ctrl-C) in the middle of writing a report: the shutdown hook deletes the partial
 * directory and the previous report stays as it was. The writer runs in its own process ({@link
 * InterruptedWrite}), blocked while rendering its last file; the test sends the signal with {@code
 * kill -INT}.
 */
class InterruptedWriteTest {
  @TempDir Path directory;

  @Test
  void sigintDeletesThePartialDirectoryAndKeepsThePreviousReport()
      throws IOException, InterruptedException {
    Path out = directory.resolve("site");
    ReportWriter.write(Map.of("summary.md", () -> "first"), out);
    Process process =
        new ProcessBuilder(
                java(),
                "-cp",
                absoluteClassPath(),
                InterruptedWrite.class.getName(),
                out.toString())
            .redirectError(directory.resolve("err.txt").toFile())
            .start();
    try (BufferedReader stdout =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals(InterruptedWrite.READY, stdout.readLine(), () -> errors());
      List<String> partials = hiddenEntries();
      assertEquals(1, partials.size(), partials.toString());
      assertTrue(
          partials.get(0).startsWith(".site.partial-" + process.pid() + "-"), partials.toString());
      // A process started in the background of a shell without job control inherits SIGINT as
      // ignored
      // (POSIX), and so does every JVM below it: there, Ctrl-C cannot reach the writer at all, and
      // the
      // same shutdown hook is exercised with SIGTERM instead of hanging on a signal that never
      // arrives.
      boolean interruptIgnored = ignoresSigint();
      String signal = interruptIgnored ? "-TERM" : "-INT";
      int expectedExit = interruptIgnored ? 143 : 130;
      Process kill =
          new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor(), "kill " + signal);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("the writer did not stop within 60 s of kill " + signal + "; " + errors());
      }
      assertEquals(
          expectedExit,
          process.exitValue(),
          () -> "exit code after kill " + signal + "; " + errors());
    }
    assertEquals(List.of(), hiddenEntries(), "no partial directory left");
    assertEquals(
        "first", Files.readString(out.resolve("summary.md")), "the previous report is intact");
    assertEquals(List.of(".bucketproof-report", "summary.md"), names(out));
  }

  /**
   * Returns whether this process (and so its children) ignores SIGINT: bit 1 of SigIgn in
   * /proc/self/status.
   */
  private static boolean ignoresSigint() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0b10) != 0;
      }
    }
    return false;
  }

  private List<String> hiddenEntries() throws IOException {
    return names(directory).stream().filter(name -> name.startsWith(".")).toList();
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  private String errors() {
    try {
      return Files.readString(directory.resolve("err.txt"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String absoluteClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(Path.of(entry).toAbsolutePath().toString());
    }
    return String.join(File.pathSeparator, entries);
  }
}
