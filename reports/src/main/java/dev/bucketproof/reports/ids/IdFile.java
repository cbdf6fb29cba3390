package dev.bucketproof.reports.ids;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ids read from a user's file: UTF-8, one id per line ({@code \n} or {@code \r\n}), a byte-order mark
 * skipped. Blank lines and lines that are not valid UTF-8 are rejected, counted and reported with their
 * line numbers; nothing is dropped silently: lines read = ids audited + lines rejected.
 *
 * <p>Thread-safety: immutable; each read opens the file anew.
 */
public final class IdFile implements IdSource {
  private final Path path;

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
  public long expectedSize() {
    return -1;
  }

  @Override
  public String description() {
    return "ids from " + path;
  }

  /**
   * Streams the file's ids and returns how its lines were used.
   *
   * @throws NoSuchFileException if the file does not exist
   * @throws IOException if it cannot be read
   */
  @Override
  public Optional<LineReport> forEachChunk(int chunkSize, ChunkConsumer consumer) throws IOException {
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
    return Optional.of(new LineReport(lines, ids, blank, List.copyOf(blankNumbers), invalid, List.copyOf(invalidNumbers)));
  }

  private static void keep(List<Long> numbers, long number) {
    if (numbers.size() < LineReport.LINE_NUMBERS_KEPT) {
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
