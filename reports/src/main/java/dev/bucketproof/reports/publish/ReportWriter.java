package dev.bucketproof.reports.publish;

import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.render.AssignmentsHtml;
import dev.bucketproof.reports.render.AssignmentsJson;
import dev.bucketproof.reports.render.AssignmentsMarkdown;
import dev.bucketproof.reports.render.ReportHtml;
import dev.bucketproof.reports.render.ReportJson;
import dev.bucketproof.reports.render.ReportMarkdown;
import dev.bucketproof.reports.report.Report;
import dev.bucketproof.reports.text.Display;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Writes a report directory: {@code index.html}, {@code report.json}, {@code summary.md} and the
 * marker file {@code .bucketproof-report}.
 *
 * <p>What happens to the target directory:
 *
 * <ul>
 *   <li>missing: created (with its parents);
 *   <li>empty: the files are moved into it (the directory itself, its permissions and links to it
 *       stay);
 *   <li>a report this writer wrote (the marker and nothing but the three report files): replaced as
 *       a whole, by one rename, once the new report is complete; the old one is then deleted;
 *   <li>anything else (a user's files, a report someone added a file to, an old report without the
 *       marker, a file): refused with an {@link IOException} naming the path and what to do;
 *       nothing is written, moved or deleted.
 * </ul>
 *
 * A symbolic link as the target is followed: the report goes into the directory it points to and
 * the link stays. The files are written into {@code .NAME.partial-PID-*} beside the target, with
 * the directory and file permissions the process's umask gives (0755 and 0644 under umask 022). An
 * interrupted run (SIGINT, SIGTERM) deletes its partial directory from a shutdown hook; one killed
 * outright leaves it, and the next run beside it deletes partial directories whose process is gone
 * and that hold nothing but report files. An interrupted run never leaves a half report in place of
 * the old.
 *
 * <p>Thread-safety: stateless; two processes writing the same target at once may both fail, but
 * neither deletes anything that is not a report.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * Writes {@code report} to the directory {@code out}, replacing a report this writer wrote there.
   *
   * @throws FileAlreadyExistsException if {@code out} exists and is not a directory
   * @throws IOException if {@code out} is a directory that holds anything but a bucketproof report
   *     (the message names it and what to do), or is the root directory
   * @throws IOException if a file cannot be written or a directory cannot be renamed
   */
  public static void write(Report report, Path out) throws IOException {
    Objects.requireNonNull(report, "report");
    Map<String, Supplier<String>> files = new LinkedHashMap<>();
    files.put("report.json", () -> ReportJson.render(report));
    files.put("summary.md", () -> ReportMarkdown.render(report));
    files.put("index.html", () -> ReportHtml.render(report));
    write(files, out);
  }

  /**
   * Writes the report of an assignments audit to the directory {@code out}, with the same files,
   * the same atomic replacement and the same refusals as {@link #write(Report, Path)}.
   *
   * @throws FileAlreadyExistsException if {@code out} exists and is not a directory
   * @throws IOException if {@code out} holds anything but a bucketproof report, or cannot be
   *     written
   */
  public static void write(AssignmentFindings findings, Path out) throws IOException {
    Objects.requireNonNull(findings, "findings");
    Map<String, Supplier<String>> files = new LinkedHashMap<>();
    files.put("report.json", () -> AssignmentsJson.render(findings));
    files.put("summary.md", () -> AssignmentsMarkdown.render(findings));
    files.put("index.html", () -> AssignmentsHtml.render(findings));
    write(files, out);
  }

  /** Writes the given files (names from {@link ReportDirectory#REPORT_FILES}) into {@code out}. */
  static void write(Map<String, Supplier<String>> files, Path out) throws IOException {
    Objects.requireNonNull(out, "out");
    if (!ReportDirectory.REPORT_FILES.containsAll(files.keySet())) {
      throw new IllegalArgumentException(
          "files must be among " + ReportDirectory.REPORT_FILES + ": " + files.keySet());
    }
    Path target = resolve(out);
    Path parent = target.getParent();
    boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    boolean replace = exists && !checkReplaceable(target).empty();
    if (!exists) {
      try {
        Files.createDirectories(parent);
      } catch (FileAlreadyExistsException e) {
        throw new IOException(
            "cannot write the report to "
                + target
                + ": "
                + e.getFile()
                + " exists and is not a directory",
            e);
      }
    }
    if (!Files.isWritable(parent)) {
      throw new AccessDeniedException(
          parent.toString(),
          null,
          "directory is not writable, and the report is written beside "
              + target.getFileName()
              + " first");
    }
    String name = target.getFileName().toString();
    ReportDirectory.removeStale(parent, name);
    Path partial = createWorkingDirectory(parent, name, "partial");
    Replacement replacement = new Replacement(partial, target);
    Thread hook = new Thread(replacement::abort, "bucketproof report cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ReportDirectory.mark(partial);
      for (Map.Entry<String, Supplier<String>> file : files.entrySet()) {
        String text = file.getValue().get();
        try {
          Files.writeString(partial.resolve(file.getKey()), text, StandardCharsets.UTF_8);
        } catch (FileSystemException e) {
          throw e;
        } catch (IOException e) {
          // a failed write() says only "No space left on device": name the report and the file
          throw new IOException(
              "cannot write the report to "
                  + target
                  + ": "
                  + e.getMessage()
                  + " (writing "
                  + file.getKey()
                  + ")",
              e);
        }
      }
      if (replace) {
        replacement.swap(createWorkingName(parent, name));
      } else if (exists) {
        replacement.moveInto();
      } else {
        replacement.rename();
      }
    } catch (IOException | RuntimeException | Error e) {
      removeHook(hook);
      try {
        replacement.cleanUp();
      } catch (IOException cleanUpFailure) {
        e.addSuppressed(cleanUpFailure);
      }
      throw e;
    }
    removeHook(hook);
    replacement.cleanUp();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: it cleans up
    }
  }

  /**
   * Checks, without writing anything, that {@link #write} would accept {@code out}: a command calls
   * it before a long audit so that a refusal comes first.
   *
   * @throws IOException with the message {@link #write} would give
   */
  public static void checkTarget(Path out) throws IOException {
    Objects.requireNonNull(out, "out");
    Path target = resolve(out);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      checkReplaceable(target);
    }
  }

  /**
   * Returns the contents of the existing {@code target} after checking that it is empty or a
   * report.
   */
  private static ReportDirectory.Contents checkReplaceable(Path target) throws IOException {
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(
          target.toString(),
          null,
          "exists and is not a directory; choose a directory for the report (--out)");
    }
    ReportDirectory.Contents contents = ReportDirectory.contents(target);
    if (!contents.empty() && !contents.isReport()) {
      throw refusal(target, contents);
    }
    return contents;
  }

  /** The absolute target: a symbolic link (anywhere on the path) resolved when it exists. */
  private static Path resolve(Path out) throws IOException {
    Path absolute = out.toAbsolutePath();
    Path target = Files.exists(absolute) ? absolute.toRealPath() : absolute.normalize();
    if (target.getParent() == null || target.getFileName() == null) {
      throw new IOException(
          "cannot write the report to "
              + target
              + ": the root directory cannot hold a report; choose a directory below it (--out)");
    }
    if (Files.isSymbolicLink(target)) {
      throw new IOException(
          "cannot write the report to "
              + target
              + ": it is a symbolic link to "
              + Files.readSymbolicLink(target)
              + ", which does not exist; create that directory or choose another (--out)");
    }
    return target;
  }

  private static IOException refusal(Path target, ReportDirectory.Contents contents) {
    String what =
        contents.marked()
            ? "it is a bucketproof report, but also holds " + contents.describeForeign()
            : "it is not a bucketproof report (no "
                + ReportDirectory.MARKER
                + " marker) and holds "
                + contents.describeForeign();
    return new IOException(
        "cannot write the report to "
            + target
            + ": "
            + what
            + "; bucketproof replaces only"
            + " an empty directory or a report it wrote itself. Nothing was changed: choose a new or empty directory"
            + " with --out, or move those files away first");
  }

  private static Path createWorkingDirectory(Path parent, String name, String kind)
      throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path directory =
          parent.resolve(
              ReportDirectory.workingName(name, kind, ThreadLocalRandom.current().nextLong()));
      try {
        // createDirectory with no attributes: the umask decides the permissions (a temp directory
        // would be 0700)
        return Files.createDirectory(directory);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 10) {
          throw e;
        }
      } catch (IOException e) {
        throw new IOException(
            "cannot write the report: cannot create a directory in "
                + parent
                + " ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + ")",
            e);
      }
    }
  }

  private static Path createWorkingName(Path parent, String name) {
    return parent.resolve(
        ReportDirectory.workingName(name, "previous", ThreadLocalRandom.current().nextLong()));
  }

  /**
   * The renames that put a finished report in place, and what an interrupted run undoes. The
   * shutdown hook and the writing thread take turns through this object's lock, so the hook sees
   * either the old report in place or the new one, never neither.
   */
  private static final class Replacement {
    private final Path partial;
    private final Path target;
    private Path previous;
    private boolean placed;
    private boolean aborted;

    Replacement(Path partial, Path target) {
      this.partial = partial;
      this.target = target;
    }

    /** Moves the old report aside, the new one in, then (outside the lock) deletes the old one. */
    void swap(Path aside) throws IOException {
      synchronized (this) {
        checkNotAborted();
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        previous = aside;
        try {
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
          previous = null;
          throw e;
        }
        placed = true;
      }
    }

    /**
     * Renames the partial directory to the target, which did not exist when the run started. If it
     * exists now, another run wrote a report there at the same time: that is said, and nothing of
     * this run is left behind.
     */
    synchronized void rename() throws IOException {
      checkNotAborted();
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException e) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          throw e;
        }
        // ENOTEMPTY or EEXIST: the target appeared since the run started
        throw new IOException(
            "cannot write the report to "
                + Display.terminal(target.toString())
                + ": another report was written there while this one was being written (two runs"
                + " with the same --out at once?); nothing of this run was kept: run it again, or"
                + " give each run its own --out",
            e);
      }
      placed = true;
    }

    /** Moves each file of the partial directory into the empty target directory, marker first. */
    synchronized void moveInto() throws IOException {
      checkNotAborted();
      try {
        Files.move(
            partial.resolve(ReportDirectory.MARKER),
            target.resolve(ReportDirectory.MARKER),
            StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        throw new IOException(
            "cannot write the report to "
                + Display.terminal(target.toString())
                + ": another report was written there while this one was being written (two runs"
                + " with the same --out at once?); nothing of this run was kept: run it again, or"
                + " give each run its own --out",
            e);
      } catch (FileSystemException e) {
        // the first file put into the empty directory: a refusal is about the directory itself
        throw new IOException(
            "cannot write the report into the empty directory "
                + Display.terminal(target.toString())
                + ": it does not accept new files ("
                + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason())
                + "); check its permissions and attributes (ls -ld, lsattr -d), or choose another"
                + " --out",
            e);
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(partial)) {
        for (Path file : files) {
          Files.move(
              file, target.resolve(file.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
        }
      }
      placed = true;
    }

    /** After the write, successful or not: deletes the old report or the partial directory. */
    void cleanUp() throws IOException {
      Path leftover;
      synchronized (this) {
        leftover = placed ? previous : partial;
        if (placed && Files.exists(partial, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(partial); // emptied by moveInto
        }
      }
      if (leftover == null || !Files.exists(leftover, LinkOption.NOFOLLOW_LINKS)) {
        return; // nothing replaced, or the shutdown hook or a later run deleted it
      }
      if (placed) {
        // checked again: a file someone put into the old report since the first check is kept
        ReportDirectory.Contents contents = ReportDirectory.contents(leftover);
        if (!contents.isReport()) {
          throw new IOException(
              "the report is written to "
                  + target
                  + "; the earlier report, moved to "
                  + leftover
                  + ", was kept because it now holds "
                  + contents.describeForeign());
        }
      }
      try {
        ReportDirectory.delete(leftover);
      } catch (NoSuchFileException alreadyGone) {
        // the shutdown hook or a later run deleted it
      } catch (IOException e) {
        throw new IOException(
            (placed
                    ? "the report is written to " + target + ", but the earlier report moved to "
                    : "the unfinished report in ")
                + leftover
                + " could not be deleted: "
                + e.getMessage(),
            e);
      }
    }

    /**
     * The shutdown hook: deletes the partial directory (or the old report, if the new one is in
     * place).
     */
    synchronized void abort() {
      aborted = true;
      Path leftover = placed ? previous : partial;
      if (leftover == null) {
        return;
      }
      for (int attempt = 0;
          attempt < 3 && Files.exists(leftover, LinkOption.NOFOLLOW_LINKS);
          attempt++) {
        try {
          if (placed && !ReportDirectory.contents(leftover).isReport()) {
            return; // the old report gained a file since it was checked: keep it
          }
          ReportDirectory.delete(leftover);
        } catch (IOException e) {
          // the writing thread may still be adding a file: try again
        }
      }
    }

    private void checkNotAborted() throws InterruptedIOException {
      if (aborted) {
        throw new InterruptedIOException("interrupted: the report was not written to " + target);
      }
    }
  }
}
