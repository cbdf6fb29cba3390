package dev.bucketproof.reports.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the command line as its own process ({@code java -cp <test class path> BucketproofCli
 * ...}).
 */
final class CliProcess {
  private CliProcess() {}

  /** Returns a process builder for {@code bucketproof args...} with the given JVM options first. */
  static ProcessBuilder builder(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(absoluteClassPath());
    command.add(BucketproofCli.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  /** Returns a process builder for {@code bucketproof args...}. */
  static ProcessBuilder builder(String... args) {
    return builder(List.of(), args);
  }

  /**
   * The test class path with absolute entries, so that a process may start in another directory.
   */
  private static String absoluteClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(Path.of(entry).toAbsolutePath().toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  /**
   * Runs the process to its end and returns its exit code; stdout and stderr go to the given files.
   */
  static int run(ProcessBuilder builder, Path out, Path err)
      throws IOException, InterruptedException {
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().close();
    return process.waitFor();
  }
}
