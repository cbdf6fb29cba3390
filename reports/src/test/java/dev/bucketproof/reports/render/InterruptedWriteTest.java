package dev.bucketproof.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT (Ctrl-C) in the middle of writing a report: the shutdown hook deletes the partial directory and
 * the previous report stays as it was. The writer runs in its own process ({@link InterruptedWrite}),
 * blocked while rendering its last file; the test sends the signal with {@code kill -INT}.
 */
class InterruptedWriteTest {
  @TempDir
  Path directory;

  @Test
  void sigintDeletesThePartialDirectoryAndKeepsThePreviousReport() throws IOException, InterruptedException {
    Path out = directory.resolve("site");
    ReportWriter.write(Map.of("summary.md", () -> "first"), out);
    Process process = new ProcessBuilder(java(), "-cp", absoluteClassPath(), InterruptedWrite.class.getName(), out.toString())
        .redirectError(directory.resolve("err.txt").toFile()).start();
    try (BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals(InterruptedWrite.READY, stdout.readLine(), () -> errors());
      List<String> partials = hiddenEntries();
      assertEquals(1, partials.size(), partials.toString());
      assertTrue(partials.get(0).startsWith(".site.partial-" + process.pid() + "-"), partials.toString());
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor(), "kill -INT");
      assertEquals(130, process.waitFor(), () -> "exit code after SIGINT (128 + 2); " + errors());
    }
    assertEquals(List.of(), hiddenEntries(), "no partial directory left");
    assertEquals("first", Files.readString(out.resolve("summary.md")), "the previous report is intact");
    assertEquals(List.of(".bucketproof-report", "summary.md"), names(out));
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
