package dev.bucketproof.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Ids read from a user's file: UTF-8, one id per line ({@code \n} or {@code \r\n}), a byte-order mark
 * skipped. Blank lines and lines that are not valid UTF-8 are rejected, counted and reported with their
 * line numbers; nothing is dropped silently: lines read = ids audited + lines rejected.
 *
 * <p>Thread-safety: not thread-safe; {@link #lineReport()} describes the last completed read.
 */
public final class IdFile implements IdSource {
  /** How many line numbers of each kind of rejection the report lists. */
  public static final int LINE_NUMBERS_KEPT = 20;

  private final Path path;
  private LineReport lineReport;

  /**
   * Returns the source of the ids in {@code path}; the file is read when the audit streams it.
   *
   * @throws NullPointerException if {@code path} is null
   */
  public IdFile(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  /** Returns the file. */
  public Path path() {
    return path;
  }

  @Override
  public String name() {
    return String.valueOf(path.getFileName());
  }

  @Override
  public String description() {
    return "ids from " + path;
  }

  /**
   * How the lines of a file were used.
   *
   * @param linesRead every line of the file
   * @param idsAudited lines that became ids
   * @param blankLines lines that were empty (after removing the terminator)
   * @param blankLineNumbers the first {@value #LINE_NUMBERS_KEPT} of them
   * @param invalidLines lines that were not valid UTF-8
   * @param invalidLineNumbers the first {@value #LINE_NUMBERS_KEPT} of them
   */
  public record LineReport(long linesRead, long idsAudited, long blankLines, List<Long> blankLineNumbers,
      long invalidLines, List<Long> invalidLineNumbers) {
    /** Returns the lines rejected: blank plus invalid. */
    public long linesRejected() {
      return blankLines + invalidLines;
    }

    /** Returns a sentence such as "10,002 lines read = 10,000 ids audited + 2 rejected (...)". */
    public String summary() {
      StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
          "%,d lines read = %,d ids audited + %,d lines rejected", linesRead, idsAudited, linesRejected()));
      if (blankLines > 0) {
        text.append(String.format(Locale.ROOT, "; %,d blank (lines %s%s)", blankLines, join(blankLineNumbers),
            blankLines > blankLineNumbers.size() ? ", ..." : ""));
      }
      if (invalidLines > 0) {
        text.append(String.format(Locale.ROOT, "; %,d not valid UTF-8 (lines %s%s)", invalidLines,
            join(invalidLineNumbers), invalidLines > invalidLineNumbers.size() ? ", ..." : ""));
      }
      return text.toString();
    }

    private static String join(List<Long> numbers) {
      StringBuilder text = new StringBuilder();
      for (Long number : numbers) {
        text.append(text.length() == 0 ? "" : ", ").append(number);
      }
      return text.toString();
    }
  }

  /** Returns how the lines of the last complete read were used, or null before the first one. */
  public LineReport lineReport() {
    return lineReport;
  }

  /**
   * Streams the file's ids.
   *
   * @throws NoSuchFileException if the file does not exist
   * @throws IOException if it cannot be read
   */
  @Override
  public void forEachChunk(int chunkSize, ChunkConsumer consumer) throws IOException {
    long ids = 0;
    long blank = 0;
    long invalid = 0;
    List<Long> blankNumbers = new ArrayList<>();
    List<Long> invalidNumbers = new ArrayList<>();
    long lines = 0;
    try (InputStream in = Files.newInputStream(path); IdLineReader reader = new IdLineReader(in)) {
      List<String> batch = new ArrayList<>(chunkSize);
      long batchStart = 0;
      IdLineReader.Line line;
      while ((line = reader.next()) != null) {
        lines++;
        if (line.invalid()) {
          invalid++;
          keep(invalidNumbers, line.number());
        } else if (line.text().isEmpty()) {
          blank++;
          keep(blankNumbers, line.number());
        } else {
          batch.add(line.text());
          ids++;
          if (batch.size() == chunkSize) {
            consumer.accept(chunk(batchStart, batch));
            batchStart += batch.size();
            batch = new ArrayList<>(chunkSize);
          }
        }
      }
      if (!batch.isEmpty()) {
        consumer.accept(chunk(batchStart, batch));
      }
    }
    lineReport = new LineReport(lines, ids, blank, List.copyOf(blankNumbers), invalid, List.copyOf(invalidNumbers));
  }

  private static void keep(List<Long> numbers, long number) {
    if (numbers.size() < LINE_NUMBERS_KEPT) {
      numbers.add(number);
    }
  }

  private static Chunk chunk(long start, List<String> ids) {
    String[] array = ids.toArray(new String[0]);
    return new Chunk() {
      @Override
      public long start() {
        return start;
      }

      @Override
      public int size() {
        return array.length;
      }

      @Override
      public String id(int offset) {
        return array[offset];
      }
    };
  }
}
