package dev.bucketproof.reports.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a report directory: {@code index.html}, {@code report.json} and {@code summary.md}.
 *
 * <p>The files are written into a temporary directory beside the target, which is renamed into place
 * at the end; an existing report is replaced only then. An interrupted run never leaves a half report.
 *
 * <p>Thread-safety: stateless.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * Writes {@code report} to the directory {@code out}, replacing a report already there.
   *
   * @throws FileAlreadyExistsException if {@code out} exists and is not a directory
   * @throws IOException if a file cannot be written or the directory cannot be renamed
   */
  public static void write(Report report, Path out) throws IOException {
    Path target = out.toAbsolutePath().normalize();
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new FileAlreadyExistsException(target.toString(), null, "exists and is not a directory");
    }
    Path parent = target.getParent();
    try {
      Files.createDirectories(parent);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot write the report to " + target + ": " + e.getFile() + " exists and is not a directory", e);
    }
    if (!Files.isWritable(parent)) {
      throw new AccessDeniedException(parent.toString(), null, "directory is not writable");
    }
    Path temporary;
    try {
      temporary = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
    } catch (IOException e) {
      throw new IOException("cannot write the report to " + target + ": cannot create a directory in " + parent
          + " (" + e.getClass().getSimpleName() + ")", e);
    }
    try {
      Files.writeString(temporary.resolve("report.json"), ReportJson.render(report), StandardCharsets.UTF_8);
      Files.writeString(temporary.resolve("summary.md"), ReportMarkdown.render(report), StandardCharsets.UTF_8);
      Files.writeString(temporary.resolve("index.html"), ReportHtml.render(report), StandardCharsets.UTF_8);
      Path previous = null;
      if (Files.exists(target)) {
        previous = parent.resolve("." + target.getFileName() + ".previous-" + System.nanoTime());
        Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      temporary = null;
      if (previous != null) {
        deleteRecursively(previous);
      }
    } finally {
      if (temporary != null) {
        deleteRecursively(temporary);
      }
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
