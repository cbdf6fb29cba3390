package dev.bucketproof.reports.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.audit.Audit;
import dev.bucketproof.reports.audit.AuditSettings;
import dev.bucketproof.reports.audit.AuditedBucketer;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.ids.IdFile;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.jmh.JmhResult;
import dev.bucketproof.reports.jmh.JmhResultTest;
import dev.bucketproof.reports.report.Report;
import dev.bucketproof.reports.statistics.Statistics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  private static final String HOSTILE_ID = "<script>alert('\u00e9')</script>&\"";

  @TempDir Path directory;

  private Report report() throws IOException {
    Path ids = directory.resolve("hostile <ids>.txt");
    StringBuilder text = new StringBuilder(HOSTILE_ID + "\n\n");
    for (int i = 0; i < 3000; i++) {
      text.append("caf\u00e9-").append(i).append('\n');
    }
    Files.writeString(ids, text, StandardCharsets.UTF_8);
    List<AuditedBucketer> targets =
        List.of(
            AuditedBucketer.of(Bucketer.standard()),
            AuditedBucketer.of(Bucketer.builder().hasher(IdHashers.murmur3_x86_32_js()).build()));
    PopulationFindings generated =
        Audit.run(Population.of(IdShape.UUID, 5000), targets, AuditSettings.defaults());
    PopulationFindings file = Audit.run(new IdFile(ids), targets, AuditSettings.defaults());
    List<JmhResult> benchmarks = JmhResult.parse(JmhResultTest.SAMPLE);
    return new Report(
        "flag <b>",
        100,
        Statistics.ALPHA,
        200,
        2000,
        List.of(targets.get(0).name(), targets.get(1).name()),
        List.of(generated, file),
        benchmarks);
  }

  @Test
  void writesThreeFilesAndEscapesEveryInputValue() throws IOException {
    Path out = directory.resolve("site");
    ReportWriter.write(report(), out);
    String html = Files.readString(out.resolve("index.html"));
    assertFalse(html.contains("<script"), "an id from input must be escaped");
    assertTrue(
        html.contains("&lt;script&gt;alert(&#39;\u00e9&#39;)&lt;/script&gt;&amp;&quot;"),
        "escaped id shown");
    assertTrue(html.contains("flag &lt;b&gt;"));
    assertTrue(html.contains("hostile &lt;ids&gt;.txt"));
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no resources from elsewhere");
    assertTrue(html.contains("<svg"), "inline charts");
    assertTrue(html.contains("HashBenchmark.hash"), "JMH table");
    assertTrue(
        html.contains("3,002 lines read = 3,001 ids audited + 1 lines rejected; 1 blank (lines 2)"),
        "line report");

    JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("report.json")));
    assertEquals(1, json.get("formatVersion").intValue());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(
        List.of(
            "formatVersion",
            "tool",
            "settings",
            "gatesPassed",
            "gatesFailed",
            "gatesInconclusive",
            "headline",
            "falseAlarm",
            "populations",
            "benchmarks",
            "speedClaims"),
        keys);
    JsonNode populations = json.get("populations");
    assertEquals(5000, populations.get(0).get("users").longValue());
    assertEquals("hostile <ids>.txt", populations.get(1).get("name").textValue());
    JsonNode gates = populations.get(0).get("hashers").get(0).get("gates");
    assertFalse(gates.isEmpty());
    for (JsonNode gate : gates) {
      assertTrue(
          List.of("pass", "fail", "inconclusive").contains(gate.get("verdict").textValue()),
          gate.toString());
      assertTrue(gate.get("power").isObject(), "every gate has its power figure: " + gate);
    }

    String summary = Files.readString(out.resolve("summary.md"));
    assertTrue(summary.startsWith("# bucketproof distribution report"), summary);
    assertTrue(summary.contains("| uuid-5k | bucketproof:murmur3\\_x86\\_32 |"), summary);
  }

  @Test
  void replacesAReportItWroteAndLeavesNoWorkingDirectory() throws IOException {
    Path out = directory.resolve("site");
    ReportWriter.write(Map.of("summary.md", () -> "first"), out);
    assertEquals(
        ReportDirectory.MARKER_TEXT, Files.readString(out.resolve(ReportDirectory.MARKER)));
    ReportWriter.write(report(), out);
    assertTrue(Files.readString(out.resolve("summary.md")).startsWith("# bucketproof"));
    assertEquals(List.of(), hiddenSiblings());
  }

  @Test
  void refusesAReportSomeoneAddedAFileToAndChangesNothing() throws IOException {
    Path out = directory.resolve("site");
    ReportWriter.write(Map.of("summary.md", () -> "first"), out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    Report report = report();
    Map<Path, byte[]> before = snapshot(directory);
    IOException refusal = assertThrows(IOException.class, () -> ReportWriter.write(report, out));
    assertTrue(
        refusal
            .getMessage()
            .startsWith(
                "cannot write the report to "
                    + out
                    + ": it is a bucketproof report,"
                    + " but also holds notes.txt; "),
        refusal.getMessage());
    assertSameFiles(before, snapshot(directory));
  }

  @Test
  void refusesAReportWithoutTheMarker() throws IOException {
    Path out = directory.resolve("site");
    ReportWriter.write(Map.of("summary.md", () -> "first"), out);
    Files.delete(out.resolve(ReportDirectory.MARKER));
    Report report = report();
    Map<Path, byte[]> before = snapshot(directory);
    IOException refusal = assertThrows(IOException.class, () -> ReportWriter.write(report, out));
    assertTrue(
        refusal
            .getMessage()
            .contains(
                "it is not a bucketproof report (no .bucketproof-report marker) and holds summary.md;"),
        refusal.getMessage());
    assertSameFiles(before, snapshot(directory));
  }

  @Test
  void refusesADirectoryOfUnrelatedFilesAndLeavesEveryFileByteIdentical() throws IOException {
    Path out = directory.resolve("project");
    Files.createDirectories(out.resolve("src/deep"));
    Files.writeString(out.resolve("ids.txt"), "alice\nbob\n");
    Files.write(out.resolve("data.bin"), new byte[] {0, (byte) 0xff, 10, 13});
    Files.writeString(out.resolve(".hidden"), "x");
    Files.writeString(out.resolve("index.html"), "<p>the user's own page</p>");
    Files.writeString(out.resolve("src/deep/Main.java"), "class Main {}");
    Report report = report();
    Map<Path, byte[]> before = snapshot(directory);
    IOException refusal = assertThrows(IOException.class, () -> ReportWriter.write(report, out));
    assertEquals(
        "cannot write the report to "
            + out
            + ": it is not a bucketproof report (no .bucketproof-report marker)"
            + " and holds .hidden, data.bin, ids.txt, index.html, src/; bucketproof replaces only an empty directory or a report it"
            + " wrote itself. Nothing was changed: choose a new or empty directory with --out, or move those files away"
            + " first",
        refusal.getMessage());
    assertThrows(IOException.class, () -> ReportWriter.checkTarget(out));
    assertSameFiles(before, snapshot(directory));
  }

  @Test
  void aRefusalListsFiveNamesAndCountsTheRest() throws IOException {
    Path out = directory.resolve("many");
    Files.createDirectories(out);
    for (int i = 0; i < 8; i++) {
      Files.writeString(out.resolve("file" + i), "x");
    }
    IOException refusal = assertThrows(IOException.class, () -> ReportWriter.write(report(), out));
    assertTrue(
        refusal.getMessage().contains("holds file0, file1, file2, file3, file4 and 3 more;"),
        refusal.getMessage());
  }

  @Test
  void writesIntoAnEmptyDirectoryAndKeepsIt() throws IOException {
    Path out = Files.createDirectories(directory.resolve("empty"));
    Object identity = Files.readAttributes(out, BasicFileAttributes.class).fileKey();
    ReportWriter.write(report(), out);
    assertEquals(
        identity,
        Files.readAttributes(out, BasicFileAttributes.class).fileKey(),
        "the same directory");
    assertEquals(
        List.of(".bucketproof-report", "index.html", "report.json", "summary.md"), names(out));
    assertEquals(List.of(), hiddenSiblings());
  }

  @Test
  void aSymbolicLinkIsFollowedAndStaysALink() throws IOException {
    Path real = directory.resolve("real");
    Path link = Files.createSymbolicLink(directory.resolve("link"), real.getFileName());
    Files.createDirectories(real);
    ReportWriter.write(Map.of("summary.md", () -> "first"), link);
    ReportWriter.write(Map.of("summary.md", () -> "second"), link);
    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertEquals("second", Files.readString(real.resolve("summary.md")));
    assertEquals(List.of(), hiddenSiblings());
  }

  @Test
  void aLinkToADirectoryOfUnrelatedFilesIsRefusedToo() throws IOException {
    Path real = Files.createDirectories(directory.resolve("real"));
    Files.writeString(real.resolve("keep.txt"), "mine");
    Path link = Files.createSymbolicLink(directory.resolve("link"), real);
    Report report = report();
    Map<Path, byte[]> before = snapshot(directory);
    IOException refusal = assertThrows(IOException.class, () -> ReportWriter.write(report, link));
    assertTrue(
        refusal.getMessage().startsWith("cannot write the report to " + real.toRealPath() + ": "),
        refusal.getMessage());
    assertSameFiles(before, snapshot(directory));
  }

  @Test
  void theRootDirectoryIsAClearRefusal() {
    IOException refusal =
        assertThrows(IOException.class, () -> ReportWriter.write(report(), Path.of("/")));
    assertEquals(
        "cannot write the report to /: the root directory cannot hold a report; choose a directory below it"
            + " (--out)",
        refusal.getMessage());
  }

  @Test
  void permissionsComeFromTheUmaskNotFromATemporaryDirectory() throws IOException {
    Path out = directory.resolve("site");
    ReportWriter.write(Map.of("summary.md", () -> "x"), out);
    Path referenceDirectory = Files.createDirectory(directory.resolve("reference"));
    Path referenceFile = Files.writeString(directory.resolve("reference.txt"), "x");
    assertEquals(
        Files.getPosixFilePermissions(referenceDirectory), Files.getPosixFilePermissions(out));
    assertEquals(
        Files.getPosixFilePermissions(referenceFile),
        Files.getPosixFilePermissions(out.resolve("summary.md")));
  }

  @Test
  void removesStalePartialsOfItsOwnMakingAndNothingElse() throws IOException {
    long gone = Integer.MAX_VALUE; // above Linux's pid_max: no such process
    long alive = ProcessHandle.current().pid();
    Path stale = Files.createDirectory(directory.resolve(".site.partial-" + gone + "-1"));
    ReportDirectory.mark(stale);
    Files.writeString(stale.resolve("index.html"), "half");
    Path stalePrevious = Files.createDirectory(directory.resolve(".site.previous-" + gone + "-2"));
    ReportDirectory.mark(stalePrevious);
    Path running = Files.createDirectory(directory.resolve(".site.partial-" + alive + "-3"));
    ReportDirectory.mark(running);
    Path unmarked = Files.createDirectory(directory.resolve(".site.partial-" + gone + "-4"));
    Files.writeString(unmarked.resolve("index.html"), "not ours");
    Path withForeignFile = Files.createDirectory(directory.resolve(".site.partial-" + gone + "-5"));
    ReportDirectory.mark(withForeignFile);
    Files.writeString(withForeignFile.resolve("notes.txt"), "not ours");
    ReportWriter.write(Map.of("summary.md", () -> "x"), directory.resolve("site"));
    assertEquals(
        Stream.of(running, unmarked, withForeignFile)
            .map(path -> path.getFileName().toString())
            .sorted()
            .toList(),
        hiddenSiblings(),
        "only the stale partial and previous directories of a report are gone");
  }

  private List<String> hiddenSiblings() throws IOException {
    return names(directory).stream().filter(name -> name.startsWith(".")).toList();
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * Every file and directory under {@code root}, with the bytes of each file (null for a
   * directory).
   */
  static Map<Path, byte[]> snapshot(Path root) throws IOException {
    Map<Path, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        files.put(
            root.relativize(path),
            Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(path) : null);
      }
    }
    return files;
  }

  static void assertSameFiles(Map<Path, byte[]> before, Map<Path, byte[]> after) {
    assertEquals(before.keySet(), after.keySet(), "the same files");
    for (Map.Entry<Path, byte[]> file : before.entrySet()) {
      assertArrayEquals(file.getValue(), after.get(file.getKey()), "bytes of " + file.getKey());
    }
  }

  @Test
  void refusesToReplaceAFileAndLeavesNothingHalfWritten() throws IOException {
    Path out = directory.resolve("site");
    Files.writeString(out, "a file, not a directory");
    Report report = report();
    assertThrows(FileAlreadyExistsException.class, () -> ReportWriter.write(report, out));
    assertEquals("a file, not a directory", Files.readString(out));
    assertEquals(List.of(), hiddenSiblings());
  }

  @Test
  void aNameAtTheFileNameLimitIsWrittenWithAHashedWorkingName() throws IOException {
    Path out = directory.resolve("r".repeat(250));
    ReportWriter.write(Map.of("summary.md", () -> "x"), out);
    assertEquals("x", Files.readString(out.resolve("summary.md")));
    assertEquals(List.of(), hiddenSiblings());
    String prefix = ReportDirectory.workingPrefix("r".repeat(250));
    assertTrue(prefix.length() < 100, prefix);
    assertFalse(prefix.equals(ReportDirectory.workingPrefix("r".repeat(249))), "hash of the name");
  }

  @Test
  void aPartialLeftByAKilledWriterIsRemovedEvenBeforeItsParentReapsIt()
      throws IOException, InterruptedException {
    // sh forks a sleep, kills it with SIGKILL and becomes another sleep that never reaps it: the
    // killed writer stays a zombie, which ProcessHandle calls alive.
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc (Linux)");
    Process parent =
        new ProcessBuilder("/bin/sh", "-c", "sleep 60 & echo $!; kill -9 $!; exec sleep 60")
            .start();
    try {
      String pid =
          new BufferedReader(
                  new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))
              .readLine()
              .strip();
      // SIGKILL is delivered within microseconds: read /proc until the kernel shows the zombie (a
      // bounded number of reads, no sleep)
      Path stat = Path.of("/proc", pid, "stat");
      boolean zombie = false;
      for (int read = 0; read < 1_000_000 && !zombie; read++) {
        zombie = Files.readString(stat).contains(") Z ");
        Thread.onSpinWait();
      }
      assertTrue(zombie, "the killed child " + pid + " is a zombie");
      Path killed = Files.createDirectory(directory.resolve(".site.partial-" + pid + "-1"));
      ReportDirectory.mark(killed);
      Files.writeString(killed.resolve("index.html"), "half");
      Path empty =
          Files.createDirectory(directory.resolve(".site.partial-" + Integer.MAX_VALUE + "-2"));
      ReportWriter.write(Map.of("summary.md", () -> "x"), directory.resolve("site"));
      assertEquals(List.of(), hiddenSiblings(), "the killed writer's and the empty partial: gone");
      assertFalse(Files.exists(empty));
    } finally {
      parent.destroyForcibly().waitFor();
    }
  }

  @Test
  void aWriterThatLosesTheRaceSaysAnotherReportWasWrittenThere() throws IOException {
    Path out = directory.resolve("site");
    IOException error =
        assertThrows(
            IOException.class,
            () ->
                ReportWriter.write(
                    Map.of(
                        "summary.md",
                        () -> {
                          // another run places its report while this one is writing
                          try {
                            Files.createDirectory(out);
                            Files.writeString(out.resolve("summary.md"), "theirs");
                          } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                          }
                          return "ours";
                        }),
                    out));
    assertTrue(
        error.getMessage().contains("another report was written there while this one was"),
        error.getMessage());
    assertEquals("theirs", Files.readString(out.resolve("summary.md")));
    assertEquals(List.of(), hiddenSiblings(), "nothing of the losing run is left");
  }

  @Test
  void anEmptyDirectoryThatTakesNoFilesIsNamedNotTheMarker() throws IOException {
    Path out = Files.createDirectory(directory.resolve("locked"));
    Files.setPosixFilePermissions(
        out, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(
          Files.isWritable(out), "root writes into a read-only directory");
      IOException error =
          assertThrows(
              IOException.class, () -> ReportWriter.write(Map.of("summary.md", () -> "x"), out));
      assertTrue(
          error.getMessage().startsWith("cannot write the report into the empty directory " + out),
          error.getMessage());
      assertFalse(error.getMessage().contains(ReportDirectory.MARKER), error.getMessage());
      assertEquals(List.of(), hiddenSiblings());
    } finally {
      Files.setPosixFilePermissions(
          out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
