package dev.bucketproof.reports.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * A process for {@link InterruptedWriteTest}: writes a report to {@code args[0]} whose last file
 * never finishes rendering, so that the test can interrupt it with a partial directory on disk.
 * Prints {@value #READY} on standard output once the partial directory holds two files.
 */
final class InterruptedWrite {
  static final String READY = "partial directory written";

  private InterruptedWrite() {}

  public static void main(String[] args) throws IOException {
    Map<String, Supplier<String>> files = new LinkedHashMap<>();
    files.put("report.json", () -> "{}");
    files.put("summary.md", () -> "second");
    files.put(
        "index.html",
        () -> {
          System.out.println(READY);
          System.out.flush();
          try {
            new CountDownLatch(1).await(); // until the signal ends the process
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new UncheckedIOException(new IOException("not interrupted"));
        });
    ReportWriter.write(files, Path.of(args[0]));
  }
}
