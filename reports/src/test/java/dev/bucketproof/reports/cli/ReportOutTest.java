package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --out} never deletes a user's files: a directory that is not a bucketproof report
 * is refused, before the audit, and every file in it stays byte-identical. {@code --out .} and
 * {@code --out ""} run in a process of their own, started in a scratch directory, so that a
 * regression could only ever touch that directory.
 */
class ReportOutTest {
  @TempDir Path directory;

  @Test
  void outOnADirectoryWithUnrelatedFilesRefusesAndLeavesEveryFileByteIdentical()
      throws IOException {
    Path project = userProject(directory.resolve("project"));
    Map<Path, byte[]> before = snapshot(directory);
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            "report",
            "--quiet",
            "--ids",
            project.resolve("ids.txt").toString(),
            "--out",
            project.toString());
    assertEquals(2, result.code(), result.err());
    assertEquals(
        "bucketproof: cannot write the report to "
            + project.toRealPath()
            + ": it is not a bucketproof"
            + " report (no .bucketproof-report marker) and holds .env, ids.txt, notes.md, src/; bucketproof replaces only"
            + " an empty directory or a report it wrote itself. Nothing was changed: choose a new or empty directory with"
            + " --out, or move those files away first",
        result.err().strip());
    assertSameFiles(before, snapshot(directory));
  }

  @Test
  void outDotInAProjectRefusesAndLeavesEveryFileByteIdentical()
      throws IOException, InterruptedException {
    assertRefusedInWorkingDirectory(".");
  }

  @Test
  void emptyOutIsAnErrorAndLeavesEveryFileByteIdentical() throws IOException, InterruptedException {
    String err = assertRefusedInWorkingDirectory("");
    assertEquals("bucketproof: --out must name a directory: it is empty", err.strip());
  }

  @Test
  void rootOutIsAClearError() {
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            "report", "--quiet", "--users", "100", "--population", "uuid", "--out", "/");
    assertEquals(2, result.code(), result.err());
    assertEquals(
        "bucketproof: cannot write the report to /: the root directory cannot hold a report; choose a"
            + " directory below it (--out)",
        result.err().strip());
  }

  @Test
  void aSecondRunReplacesTheReportTheFirstWrote() throws IOException {
    Path out = directory.resolve("site");
    for (int run = 0; run < 2; run++) {
      BucketproofCliTest.Result result =
          BucketproofCliTest.run(
              "report",
              "--quiet",
              "--users",
              "1000",
              "--population",
              "uuid",
              "--hasher",
              "bucketproof:murmur3_x86_32",
              "--out",
              out.toString());
      assertTrue(result.code() <= 1, result.err());
    }
    try (Stream<Path> entries = Files.list(directory)) {
      assertEquals(1, entries.count(), "only the report, no working directory beside it");
    }
  }

  @Test
  void underUmask022TheReportIs0755And0644() throws IOException, InterruptedException {
    Path out = directory.resolve("site");
    List<String> java =
        CliProcess.builder(
                "report",
                "--quiet",
                "--users",
                "1000",
                "--population",
                "uuid",
                "--hasher",
                "bucketproof:murmur3_x86_32",
                "--out",
                out.toString())
            .command();
    StringBuilder script = new StringBuilder("umask 022; exec");
    for (String word : java) {
      script.append(" '").append(word.replace("'", "'\\''")).append('\'');
    }
    int code =
        CliProcess.run(
            new ProcessBuilder("sh", "-c", script.toString()),
            directory.resolve("out.txt"),
            directory.resolve("err.txt"));
    assertTrue(code <= 1, Files.readString(directory.resolve("err.txt")));
    assertEquals(
        "rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)), "not 0700");
    for (String file : List.of("index.html", "report.json", "summary.md", ".bucketproof-report")) {
      assertEquals(
          "rw-r--r--",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(file))),
          file);
    }
  }

  private String assertRefusedInWorkingDirectory(String out)
      throws IOException, InterruptedException {
    Path project = userProject(directory.resolve("project"));
    Path logs = Files.createDirectories(directory.resolve("logs"));
    Map<Path, byte[]> before = snapshot(project);
    int code =
        CliProcess.run(
            CliProcess.builder("report", "--quiet", "--ids", "ids.txt", "--out", out)
                .directory(project.toFile()),
            logs.resolve("out.txt"),
            logs.resolve("err.txt"));
    String err = Files.readString(logs.resolve("err.txt"), StandardCharsets.UTF_8);
    assertEquals(2, code, err);
    assertTrue(err.startsWith("bucketproof: "), err);
    assertEquals(1, err.strip().split("\n").length, "one line: " + err);
    assertSameFiles(before, snapshot(project));
    try (Stream<Path> siblings = Files.list(directory)) {
      assertEquals(2, siblings.count(), "nothing written beside the project");
    }
    return err;
  }

  /** A directory as a user keeps it: ids, notes, a hidden file, sources. */
  private static Path userProject(Path project) throws IOException {
    Files.createDirectories(project.resolve("src/main"));
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      ids.append("user-").append(i).append('\n');
    }
    Files.writeString(project.resolve("ids.txt"), ids);
    Files.writeString(project.resolve("notes.md"), "# my notes\n");
    Files.write(project.resolve(".env"), new byte[] {'K', '=', 0, (byte) 0xfe});
    Files.writeString(project.resolve("src/main/App.java"), "class App {}\n");
    return project;
  }

  private static Map<Path, byte[]> snapshot(Path root) throws IOException {
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

  private static void assertSameFiles(Map<Path, byte[]> before, Map<Path, byte[]> after) {
    assertEquals(before.keySet(), after.keySet(), "the same files");
    for (Map.Entry<Path, byte[]> file : before.entrySet()) {
      assertArrayEquals(file.getValue(), after.get(file.getKey()), "bytes of " + file.getKey());
    }
  }
}
