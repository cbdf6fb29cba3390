package dev.bucketproof.reports.ids;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ids read from a user's file: UTF-8, one id per line ({@code \n} or {@code \r\n}), a byte-order
 * mark skipped. Blank lines and lines that are not valid UTF-8 are rejected, counted and reported
 * with their line numbers; nothing is dropped silently: lines read = ids audited + lines rejected.
 *
 * <p>Thread-safety: immutable; each read opens the file anew.
 */
public final class IdFile implements IdSource {
  private final Path path;
  private final int maxIdBytes;

  /**
   * Returns the source of the ids in {@code path}, each at most {@link
   * IdLineReader#DEFAULT_MAX_LINE_BYTES} (1 MiB) long; the file is read when the audit streams it.
   *
   * @throws NullPointerException if {@code path} is null
   */
  public IdFile(Path path) {
    this(path, IdLineReader.DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * Returns the source of the ids in {@code path}, each at most {@code maxIdBytes} bytes of UTF-8
   * long.
   *
   * @throws NullPointerException if {@code path} is null
   * @throws IllegalArgumentException if {@code maxIdBytes} is outside [1, 2^30]
   */
  public IdFile(Path path, int maxIdBytes) {
    this.path = Objects.requireNonNull(path, "path");
    this.maxIdBytes = IdLineReader.checkMaxLineBytes(maxIdBytes);
  }

  /** Returns the file. */
  public Path path() {
    return path;
  }

  /** Returns the longest id accepted, in bytes of UTF-8; a longer line is an error. */
  public int maxIdBytes() {
    return maxIdBytes;
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
   * @throws FileSystemException if it is a directory
   * @throws IOException if it cannot be read, or a line is longer than the maximum id length (the
   *     message names the file, the line and the limit)
   */
  @Override
  public Optional<LineReport> forEachChunk(int chunkSize, ChunkConsumer consumer)
      throws IOException {
    long ids = 0;
    long blank = 0;
    long invalid = 0;
    List<Long> blankNumbers = new ArrayList<>();
    List<Long> invalidNumbers = new ArrayList<>();
    long lines = 0;
    if (Files.isDirectory(path)) {
      throw new FileSystemException(
          path.toString(), null, "is a directory, not a file of ids (one per line)");
    }
    try (InputStream in = Files.newInputStream(path);
        IdLineReader reader = new IdLineReader(in, maxIdBytes)) {
      List<String> batch = new ArrayList<>(chunkSize);
      long batchStart = 0;
      IdLineReader.Line line;
      while ((line = next(reader)) != null) {
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
    return Optional.of(
        new LineReport(
            lines, ids, blank, List.copyOf(blankNumbers), invalid, List.copyOf(invalidNumbers)));
  }

  /**
   * Returns the next line; an error names the file (a failed read() says only "Input/output
   * error").
   */
  private IdLineReader.Line next(IdLineReader reader) throws IOException {
    try {
      return reader.next();
    } catch (LineTooLongException e) {
      throw new IOException(e.describe(path.toString()), e);
    } catch (FileSystemException e) {
      throw e;
    } catch (IOException e) {
      throw new FileSystemException(path.toString(), null, "cannot read: " + e.getMessage());
    }
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
