package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of issue 18 whose behaviour is the process's own, each run as a subprocess: the JVM's
 * argument encoding under {@code LANG=C}, a closed standard input, {@code --help} and {@code
 * --version} to {@code /dev/full}, and a line limit larger than the heap. Each ends with one line
 * on stderr that says what to do, never a stack trace or a wrong answer.
 */
class ProcessInputTest {
  private static final Path DEV_FULL = Path.of("/dev/full");

  @TempDir Path directory;

  private record Run(int code, String out, String err) {}

  private Run run(ProcessBuilder builder) throws IOException, InterruptedException {
    Path out = directory.resolve("out.txt");
    Path err = directory.resolve("err.txt");
    int code = CliProcess.run(builder, out, err);
    return new Run(
        code,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void assertOneLine(Run run, int code, String... parts) {
    String err = run.err().strip();
    assertEquals(code, run.code(), run.out() + err);
    assertFalse(err.contains("\n"), "one line: " + err);
    assertFalse(err.contains("Exception"), "no stack trace: " + err);
    for (String part : parts) {
      assertTrue(err.contains(part), "expected [" + part + "] in: " + err);
    }
  }

  @Test
  void helpAndVersionToAFullDiskAreOneLineLikeEveryCommand()
      throws IOException, InterruptedException {
    assumeTrue(Files.isWritable(DEV_FULL), "needs /dev/full (Linux)");
    for (String option : List.of("--version", "--help")) {
      Path err = directory.resolve("err.txt");
      int code = CliProcess.run(CliProcess.builder(option), DEV_FULL, err);
      Run run = new Run(code, "", Files.readString(err, StandardCharsets.UTF_8));
      assertOneLine(run, 74, "cannot write to standard output: No space left on device");
    }
  }

  /**
   * Standard output is UTF-8 whatever the locale: under LANG=C, Java 17's default charset is ASCII,
   * and a writer built on it printed "jos?" for the id "jos\u00e9" read from stdin, without a word.
   */
  @Test
  void outputIsUtf8UnderLangC() throws IOException, InterruptedException {
    Path stdin = directory.resolve("ids.txt");
    Files.write(stdin, "jos\u00e9\n\u65e5\u672c\n".getBytes(StandardCharsets.UTF_8));
    ProcessBuilder builder = CliProcess.builder("hash", "--hasher", "bucketproof:murmur3_x86_32");
    builder.environment().put("LANG", "C");
    builder.environment().put("LC_ALL", "C");
    builder.redirectInput(stdin.toFile());
    Run run = run(builder);
    assertEquals(0, run.code(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(2, lines.size(), run.out());
    assertTrue(lines.get(0).startsWith("{\"id\":\"jos\u00e9\","), lines.get(0));
    assertTrue(lines.get(1).startsWith("{\"id\":\"\u65e5\u672c\","), lines.get(1));
  }

  @Test
  void anArgumentTheJvmCouldNotDecodeIsRefusedNamingTheFix()
      throws IOException, InterruptedException {
    // The child gets the arguments' bytes in this JVM's encoding: under LANG=C here, "jos\u00e9"
    // would reach it as "jos?", and there would be nothing undecodable to refuse.
    String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
    assumeTrue(
        java.nio.charset.Charset.forName(encoding).equals(java.nio.charset.StandardCharsets.UTF_8),
        "this test JVM passes arguments as " + encoding + ", not UTF-8");
    for (List<String> args :
        List.of(
            List.of("bucket", "--flag", "f", "jos\u00e9"),
            List.of("bucket", "--flag", "caf\u00e9", "u1"),
            List.of("report", "--assignments", "w\u00e9/a.csv", "--out", "site"))) {
      ProcessBuilder builder = CliProcess.builder(args.toArray(String[]::new));
      builder.environment().put("LANG", "C");
      builder.environment().put("LC_ALL", "C");
      Run run = run(builder);
      assumeTrue(
          !run.err().isEmpty() || !run.out().contains("jos\u00e9"),
          "this JVM decodes arguments as UTF-8 even under LANG=C");
      assertOneLine(run, 2, "could not decode", "LANG=C.UTF-8");
      assertEquals("", run.out(), "no bucket computed from a mangled id");
    }
  }

  @Test
  void argumentsAreCheckedOnlyWhenTheJvmDoesNotDecodeUtf8() {
    assertNull(StandardInput.undecodableArgument(new String[] {"jos\ufffd"}, "UTF-8"));
    assertNull(StandardInput.undecodableArgument(new String[] {"jose"}, "ANSI_X3.4-1968"));
    assertTrue(
        StandardInput.undecodableArgument(new String[] {"a", "jos\ufffd\ufffd"}, "ANSI_X3.4-1968")
            .startsWith("argument 2 (jos\ufffd\ufffd) has bytes the JVM could not decode"));
  }

  @Test
  void aClosedStandardInputIsNamedInsteadOfReadingTheJvmsOwnFiles()
      throws IOException, InterruptedException {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc (Linux)");
    for (String command : List.of("bucket --flag f", "hash --hasher bucketproof:murmur3_x86_32")) {
      List<String> java = new ArrayList<>(CliProcess.builder().command());
      StringBuilder line = new StringBuilder("exec");
      for (String part : java) {
        line.append(" '").append(part).append('\'');
      }
      line.append(' ').append(command).append(" <&-");
      Run run = run(new ProcessBuilder("/bin/sh", "-c", line.toString()));
      assertOneLine(run, 2, "standard input is closed", "< FILE");
      assertEquals("", run.out(), command);
    }
  }

  @Test
  void aLineLimitLargerThanTheHeapEndsWithTheLimitsNamed()
      throws IOException, InterruptedException {
    assumeTrue(new File("/dev/zero").canRead(), "needs /dev/zero");
    for (String command : List.of("bucket", "hash")) {
      List<String> args = new ArrayList<>();
      args.add(command);
      args.addAll(
          command.equals("bucket")
              ? List.of("--flag", "f")
              : List.of("--hasher", "bucketproof:murmur3_x86_32"));
      args.addAll(List.of("--max-id-bytes", "1073741824"));
      ProcessBuilder builder = CliProcess.builder(List.of("-Xmx64m"), args.toArray(String[]::new));
      builder.redirectInput(new File("/dev/zero"));
      Path out = directory.resolve("out.txt");
      Path err = directory.resolve("err.txt");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      Run run =
          new Run(
              process.waitFor(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      assertOneLine(run, 2, "line 1 of standard input", "heap", "--max-id-bytes", "-Xmx");
    }
  }
}
