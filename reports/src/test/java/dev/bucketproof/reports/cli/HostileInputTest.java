package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of issue 18 that run in-process: each was a silent wrong answer or an unclear error on
 * the code before it, and is now one line on stderr that names the file or option and what to do
 * (exit 2), or the right answer. The cases that belong to the process itself (locale, closed stdin,
 * /dev/full, a small heap) are in {@link ProcessInputTest}.
 */
class HostileInputTest {
  @TempDir Path directory;

  private Path csv() throws IOException {
    return Files.writeString(
        directory.resolve("a.csv"), "user,flag,enabled\nu1,a,true\nu2,a,false\n");
  }

  private BucketproofCliTest.Result assignments(Path flags) throws IOException {
    return BucketproofCliTest.run(
        "report",
        "--quiet",
        "--assignments",
        csv().toString(),
        "--flags",
        flags.toString(),
        "--out",
        directory.resolve("site").toString());
  }

  private static void assertRefused(BucketproofCliTest.Result result, String... parts) {
    assertEquals(2, result.code(), result.out() + result.err());
    String err = result.err().strip();
    assertFalse(err.contains("\n"), "one line: " + err);
    assertFalse(err.contains("\tat "), "no stack trace: " + err);
    assertTrue(err.startsWith("bucketproof: "), err);
    for (String part : parts) {
      assertTrue(err.contains(part), "expected [" + part + "] in: " + err);
    }
  }

  @Test
  void flagsJsonIsStrict() throws IOException {
    String[][] cases = {
      {"{\"a\": {\"rollout\": 5}, \"a\": {\"rollout\": 6}}", "Duplicate field 'a'", "line 1"},
      {"{\"a\": {\"rollout\": 5, \"rollout\": 6}}", "Duplicate field 'rollout'", "line 1"},
      {"{\"a\": {\"rollout\": 5}} garbage", "Unrecognized token 'garbage'", "column"},
      {"{\"a\": {\"rollout\": 5}}\n{\"b\": {\"rollout\": 5}}", "Trailing token", "line 2"},
    };
    for (String[] one : cases) {
      Path flags = Files.writeString(directory.resolve("flags.json"), one[0]);
      assertRefused(assignments(flags), "flags.json is not valid JSON", one[1], one[2]);
    }
  }

  @Test
  void deepNestingGivesTheFileLineAndColumnInsteadOfANullPointerException() throws IOException {
    Path flags = Files.writeString(directory.resolve("deep.json"), "[".repeat(100_000));
    assertRefused(
        assignments(flags), "deep.json is not valid JSON: line 1, column 66", "nesting depth");
    Path jmh = Files.writeString(directory.resolve("deep-jmh.json"), "[".repeat(100_000));
    assertRefused(
        BucketproofCliTest.run(
            "report",
            "--quiet",
            "--population",
            "uuid",
            "--users",
            "10",
            "--jmh",
            jmh.toString(),
            "--out",
            directory.resolve("site").toString()),
        "not a JMH JSON result file",
        "deep-jmh.json: line 1, column");
  }

  @Test
  void directoriesAndInvalidUtf8AreNamed() throws IOException {
    Path folder = Files.createDirectory(directory.resolve("folder"));
    assertRefused(assignments(folder), "folder is not valid JSON: it is a directory");
    assertRefused(
        BucketproofCliTest.run(
            "report",
            "--quiet",
            "--assignments",
            folder.toString(),
            "--out",
            directory.resolve("site").toString()),
        "--assignments",
        "folder is a directory");
    assertRefused(
        BucketproofCliTest.run(
            "report",
            "--quiet",
            "--population",
            "uuid",
            "--users",
            "10",
            "--jmh",
            folder.toString(),
            "--out",
            directory.resolve("site").toString()),
        "not a JMH JSON result file",
        "folder: it is a directory");
    Path latin1 = directory.resolve("latin1.json");
    Files.write(latin1, "{\"caf\u00e9\": {\"rollout\": 5}}".getBytes(StandardCharsets.ISO_8859_1));
    assertRefused(assignments(latin1), "latin1.json is not valid JSON: it is not UTF-8", "line 1");
  }

  @Test
  void aFifoGivenToAssignmentsIsRefusedByName() throws IOException, InterruptedException {
    Path fifo = directory.resolve("export.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "needs mkfifo");
    assertRefused(
        BucketproofCliTest.run(
            "report",
            "--quiet",
            "--assignments",
            fifo.toString(),
            "--out",
            directory.resolve("site").toString()),
        "--assignments",
        "export.fifo is not a regular file",
        "write it to a file first");
  }

  @Test
  void aLongAssignmentsRowIsCalledARowNotAnId() throws IOException {
    Path export = directory.resolve("long.csv");
    Files.writeString(export, "user,flag,enabled\n" + "x".repeat(1_100_000) + ",a,true\n");
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            "report",
            "--quiet",
            "--assignments",
            export.toString(),
            "--out",
            directory.resolve("site").toString());
    assertRefused(result, "long.csv: line 2 is longer than", "row");
    assertFalse(result.err().contains("id length"), result.err());
  }

  @Test
  void blankLinesAreSkippedAndCountedByEveryStreamingCommand() {
    byte[] stdin = "a\n\nb\n".getBytes(StandardCharsets.UTF_8);
    for (String[] args :
        List.of(
            new String[] {"bucket", "--flag", "f"},
            new String[] {"hash", "--hasher", "bucketproof:murmur3_x86_32"},
            new String[] {"explain", "--flag", "f", "--rollout", "5"})) {
      BucketproofCliTest.Result result = BucketproofCliTest.run(stdin, args);
      assertEquals(0, result.code(), result.err());
      assertFalse(result.out().contains("\"id\":\"\""), "no empty id: " + result.out());
      assertTrue(
          result.err().contains("1 blank line of standard input was skipped (line 2)"),
          String.join(" ", args) + ": " + result.err());
    }
    // an id typed as an argument is what the user typed, the empty id included
    BucketproofCliTest.Result typed = BucketproofCliTest.run("bucket", "--flag", "f", "");
    assertEquals(0, typed.code(), typed.err());
    assertTrue(typed.out().startsWith("{\"id\":\"\",\"hasher\""), typed.out());
  }

  @Test
  void compareRefusesAFileWithoutIds() throws IOException {
    List<byte[]> files = new ArrayList<>();
    files.add(new byte[0]);
    files.add("\n\n\n".getBytes(StandardCharsets.UTF_8));
    files.add(new byte[] {(byte) 0xff, '\n', (byte) 0xc3, '\n'});
    for (byte[] content : files) {
      Path ids = Files.write(directory.resolve("ids.txt"), content);
      assertRefused(
          BucketproofCliTest.run(
              "compare",
              "--from",
              "unleash",
              "--to",
              "flagd",
              "--flag",
              "f",
              "--rollout",
              "5",
              "--ids",
              ids.toString()),
          "no ids to compare in --ids",
          "ids.txt");
    }
  }

  @Test
  void compareRefusesAPopulationTooLargeToFinish() {
    assertRefused(
        BucketproofCliTest.run(
            "compare",
            "--from",
            "unleash",
            "--to",
            "flagd",
            "--flag",
            "f",
            "--rollout",
            "5",
            "--population",
            "uuid",
            "--users",
            "9223372036854775807"),
        "--users must be within [1, 100000000]");
  }

  @Test
  void aDirectoryOnStandardInputIsNamed() {
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            new String[] {"bucket", "--flag", "f"},
            StandardInput.of(
                new java.io.InputStream() {
                  @Override
                  public int read() throws IOException {
                    throw new IOException("Is a directory");
                  }

                  @Override
                  public int read(byte[] b, int off, int len) throws IOException {
                    throw new IOException("Is a directory");
                  }
                }));
    assertRefused(result, "cannot read standard input: Is a directory", "< FILE");
  }
}
