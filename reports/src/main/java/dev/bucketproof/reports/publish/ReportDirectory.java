package dev.bucketproof.reports.publish;

import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a directory holds, seen by the report writer: nothing, a report bucketproof wrote itself, or
 * something else (which the writer never deletes).
 *
 * <p>A report directory is recognised by the marker file {@value #MARKER}, whose first line is
 * {@value #MARKER_FIRST_LINE}, and by holding nothing but regular files named {@code index.html},
 * {@code report.json} and {@code summary.md} beside it. A user's file of any other name, a
 * subdirectory, or a symbolic link makes the directory "not a report".
 *
 * <p>Thread-safety: stateless.
 */
final class ReportDirectory {
  /** The marker file that every report directory, finished or partial, holds. */
  static final String MARKER = ".bucketproof-report";

  /** The first line of the marker file. */
  static final String MARKER_FIRST_LINE = "bucketproof report directory";

  /** The marker's text: what it is for, so that a user who finds it knows. */
  static final String MARKER_TEXT =
      MARKER_FIRST_LINE
          + "\n"
          + "Written by `bucketproof report`, which replaces this directory only while it holds this file and\n"
          + "nothing but index.html, report.json and summary.md (and the browser check's browser-1280.png and\n"
          + "browser-390.png); with anything else in it, it refuses.\n";

  /** The files a report holds beside the marker. */
  static final Set<String> REPORT_FILES = Set.of("index.html", "report.json", "summary.md");

  /**
   * The screenshots the browser check ({@code mvn -Pbrowser}) saves beside a report, for CI to
   * publish.
   */
  static final Set<String> SCREENSHOTS = Set.of("browser-1280.png", "browser-390.png");

  /** How many foreign names a refusal lists before "and N more". */
  private static final int NAMES_SHOWN = 5;

  private ReportDirectory() {}

  /**
   * The entries of one directory, split into the marker, the report's own files and everything
   * else.
   *
   * @param entryCount every entry, hidden ones included
   * @param marked whether the marker file is there, regular, with the right first line
   * @param foreign the names that are not the report's (a trailing {@code /} for a directory),
   *     sorted; without the marker, every name
   */
  record Contents(int entryCount, boolean marked, List<String> foreign) {
    Contents {
      foreign = List.copyOf(foreign);
    }

    /** Whether the directory is empty. */
    boolean empty() {
      return entryCount == 0;
    }

    /** Whether the directory is a report that bucketproof wrote and that holds nothing else. */
    boolean isReport() {
      return marked && foreign.isEmpty();
    }

    /** Names the foreign entries, at most {@value #NAMES_SHOWN} of them, for a message. */
    String describeForeign() {
      List<String> shown = foreign.subList(0, Math.min(NAMES_SHOWN, foreign.size()));
      String names = String.join(", ", shown);
      return foreign.size() > shown.size()
          ? names + " and " + (foreign.size() - shown.size()) + " more"
          : names;
    }
  }

  /** Reads what {@code directory} holds; it must exist and be a directory. */
  static Contents contents(Path directory) throws IOException {
    int entryCount = 0;
    boolean marked = false;
    List<String> foreign = new ArrayList<>();
    List<String> reportFiles = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        entryCount++;
        String name = entry.getFileName().toString();
        boolean regular = Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
        if (name.equals(MARKER) && regular && hasMarkerText(entry)) {
          marked = true;
        } else if (regular && (REPORT_FILES.contains(name) || SCREENSHOTS.contains(name))) {
          reportFiles.add(name);
        } else {
          foreign.add(Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name);
        }
      }
    }
    if (!marked) {
      foreign.addAll(reportFiles); // without the marker, an index.html may be the user's own
    }
    foreign.sort(null);
    return new Contents(entryCount, marked, foreign);
  }

  /** Writes the marker file into {@code directory}. */
  static void mark(Path directory) throws IOException {
    Files.writeString(directory.resolve(MARKER), MARKER_TEXT, StandardCharsets.UTF_8);
  }

  /**
   * Deletes {@code directory} and everything in it, without following symbolic links (Guava's
   * {@link MoreFiles#deleteRecursively}, which uses a secure directory stream where the platform
   * has one). Call it only on a directory whose {@link #contents} said {@link Contents#isReport()}.
   */
  static void delete(Path directory) throws IOException {
    // ALLOW_INSECURE still uses the secure stream where there is one (Linux, macOS); elsewhere the
    // contents check before this call has already ruled out links and subdirectories.
    MoreFiles.deleteRecursively(directory, RecursiveDeleteOption.ALLOW_INSECURE);
  }

  /**
   * Deletes the leftovers of interrupted runs beside a report: directories named {@code
   * .NAME.partial-PID-*} or {@code .NAME.previous-PID-*} whose process {@code PID} is no longer
   * running and that hold the marker and nothing but report files. Anything else is left alone.
   *
   * @return the directories deleted
   */
  static List<Path> removeStale(Path parent, String name) throws IOException {
    List<Path> removed = new ArrayList<>();
    String partial = workingPrefix(name) + "partial-";
    String previous = workingPrefix(name) + "previous-";
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(
            parent,
            entry -> {
              String entryName = entry.getFileName().toString();
              return entryName.startsWith(partial) || entryName.startsWith(previous);
            })) {
      for (Path entry : entries) {
        if (isStale(entry, name)
            && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
            && isLeftover(contents(entry))) {
          delete(entry);
          removed.add(entry);
        }
      }
    }
    return removed;
  }

  /**
   * Whether a working directory left by a dead writer may be deleted: a report (the marker and
   * report files only), or empty (the writer died between creating it and writing the marker).
   */
  private static boolean isLeftover(Contents contents) {
    return contents.isReport() || contents.empty();
  }

  /**
   * The longest report name used as it is in a working name; a longer one is shortened and hashed
   * so that {@code .NAME.partial-PID-RANDOM} stays within the usual 255-byte file-name limit.
   */
  static final int LONGEST_NAME_KEPT = 100;

  /**
   * Returns the start of every working name beside report {@code name}: {@code .NAME.}, or for a
   * name longer than {@value #LONGEST_NAME_KEPT} UTF-8 bytes its first 60 characters, {@code ~} and
   * 16 hex digits of the SHA-256 of the whole name.
   */
  static String workingPrefix(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= LONGEST_NAME_KEPT) {
      return "." + name + ".";
    }
    String digest = Hashing.sha256().hashBytes(bytes).toString().substring(0, 16);
    int cut = 60;
    if (Character.isHighSurrogate(name.charAt(cut - 1))) {
      cut--;
    }
    return "." + name.substring(0, cut) + "~" + digest + ".";
  }

  /**
   * Returns the name of a working directory beside report {@code name}, for the current process.
   */
  static String workingName(String name, String kind, long nonce) {
    return workingPrefix(name)
        + kind
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + Long.toHexString(nonce);
  }

  /**
   * Whether a working directory's writer (the PID in its name) is no longer running: gone, or a
   * zombie that its parent has not reaped yet (a killed process is dead even then).
   */
  private static boolean isStale(Path entry, String name) {
    String rest = entry.getFileName().toString().substring(workingPrefix(name).length());
    int dash = rest.indexOf('-');
    int secondDash = rest.indexOf('-', dash + 1);
    if (dash < 0 || secondDash < 0) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(rest.substring(dash + 1, secondDash));
    } catch (NumberFormatException e) {
      return false;
    }
    return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true) || isZombie(pid);
  }

  /** Whether {@code /proc/PID/stat} says the process is a zombie (state Z); false without /proc. */
  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int end = stat.lastIndexOf(')');
      return end >= 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean hasMarkerText(Path marker) throws IOException {
    byte[] expected = MARKER_FIRST_LINE.getBytes(StandardCharsets.UTF_8);
    try (InputStream in = Files.newInputStream(marker, LinkOption.NOFOLLOW_LINKS)) {
      byte[] first = in.readNBytes(expected.length);
      return Arrays.equals(first, expected);
    }
  }
}
