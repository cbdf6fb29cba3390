package dev.bucketproof.reports.ids;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads lines as byte ranges of one buffer, without decoding them and without a {@code String} or a
 * copy per line: the line rule of {@link IdLineReader} (a line ends at {@code \n} or {@code \r\n};
 * the last line needs no terminator; a byte-order mark at the start is skipped), for callers that
 * hash the bytes where they lie.
 *
 * <pre>{@code
 * ByteLines lines = new ByteLines(System.in, () -> out.flush());
 * while (lines.next()) {
 *   boolean on = gate.isEnabledUtf8(lines.bytes(), lines.offset(), lines.length());
 * }
 * }</pre>
 *
 * <p>Before a read that may block (the input has no byte {@link InputStream#available()
 * available}), the reader runs {@code beforeWait}: a filter flushes its output there, so that an
 * interactive pipe sees each answer before it types the next id, while a file is read in 64 KiB
 * blocks with no flush.
 *
 * <p>Thread-safety: not thread-safe; one reader per stream. The range of a line is valid until the
 * next call to {@link #next}.
 */
public final class ByteLines {
  private static final int BUFFER_SIZE = 1 << 16;

  private final InputStream in;
  private final IoAction beforeWait;
  private final boolean skipByteOrderMark;
  private final int maxLineBytes;
  private byte[] buffer = new byte[BUFFER_SIZE];
  private int start;
  private int limit;
  private boolean ended;
  private long number;
  private int lineOffset;
  private int lineLength;

  /** Runs before a read that may block. */
  @FunctionalInterface
  public interface IoAction {
    /** Runs the action. */
    void run() throws IOException;
  }

  /**
   * Returns a reader of the lines of {@code in} that runs {@code beforeWait} before each read that
   * may block.
   *
   * @throws NullPointerException if an argument is null
   */
  public ByteLines(InputStream in, IoAction beforeWait) {
    this(in, beforeWait, true, IdLineReader.DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * Returns a reader of the lines of {@code in}, which skips a byte-order mark at the start only
   * when {@code skipByteOrderMark} (false for a part of a file that does not start at its
   * beginning).
   *
   * @throws NullPointerException if an argument is null
   */
  public ByteLines(InputStream in, IoAction beforeWait, boolean skipByteOrderMark) {
    this(in, beforeWait, skipByteOrderMark, IdLineReader.DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * Returns a reader as {@link #ByteLines(InputStream, IoAction)} does whose lines are at most
   * {@code maxLineBytes} long; a longer line is a {@link LineTooLongException}, and the buffer
   * never grows much beyond the limit ({@code /dev/zero} as input ends with that error, not out of
   * memory).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code maxLineBytes} is outside [1, 2^30]
   */
  public ByteLines(InputStream in, IoAction beforeWait, int maxLineBytes) {
    this(in, beforeWait, true, maxLineBytes);
  }

  /**
   * Returns a reader with every choice: the byte-order mark and the maximum line length.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code maxLineBytes} is outside [1, 2^30]
   */
  public ByteLines(
      InputStream in, IoAction beforeWait, boolean skipByteOrderMark, int maxLineBytes) {
    this.in = Objects.requireNonNull(in, "in");
    this.beforeWait = Objects.requireNonNull(beforeWait, "beforeWait");
    this.skipByteOrderMark = skipByteOrderMark;
    this.maxLineBytes = IdLineReader.checkMaxLineBytes(maxLineBytes);
  }

  /** Returns a reader of the lines of {@code in}. */
  public ByteLines(InputStream in) {
    this(in, () -> {});
  }

  /**
   * Moves to the next line and returns true, or returns false at the end of the input.
   *
   * @throws LineTooLongException if the line is longer than the maximum
   * @throws IOException if reading fails
   */
  public boolean next() throws IOException {
    int scanned = start;
    while (true) {
      int newline = indexOfNewline(buffer, scanned, limit);
      if (newline >= 0) {
        setLine(start, newline);
        start = newline + 1;
        return true;
      }
      scanned = limit;
      if (ended) {
        if (start == limit) {
          return false;
        }
        setLine(start, limit);
        start = limit;
        return true;
      }
      int kept = limit - start;
      fill();
      scanned = start + kept;
    }
  }

  /** Returns the buffer that holds the current line. */
  public byte[] bytes() {
    return buffer;
  }

  /** Returns where the current line starts in {@link #bytes()}. */
  public int offset() {
    return lineOffset;
  }

  /** Returns the length of the current line in bytes, without its terminator. */
  public int length() {
    return lineLength;
  }

  /** Returns the 1-based number of the current line. */
  public long number() {
    return number;
  }

  private void setLine(int from, int to) throws LineTooLongException {
    number++;
    if (number == 1
        && skipByteOrderMark
        && to - from >= 3
        && (buffer[from] & 0xff) == 0xEF
        && (buffer[from + 1] & 0xff) == 0xBB
        && (buffer[from + 2] & 0xff) == 0xBF) {
      from += 3;
    }
    if (to > from && buffer[to - 1] == '\r') {
      to--;
    }
    if (to - from > maxLineBytes) {
      throw new LineTooLongException(number, maxLineBytes);
    }
    lineOffset = from;
    lineLength = to - from;
  }

  /**
   * Moves the unread bytes to the front (growing the buffer for a line longer than it) and reads
   * more.
   */
  private void fill() throws IOException {
    int kept = limit - start;
    if (kept > maxLineBytes + 4) {
      // room for the limit plus a byte-order mark and a \r, which do not count
      throw new LineTooLongException(number + 1, maxLineBytes);
    }
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, kept);
    } else if (kept == buffer.length) {
      buffer =
          LineTooLongException.grow(
              buffer,
              (int) Math.min(buffer.length * 2L, maxLineBytes + 5L + BUFFER_SIZE),
              number + 1,
              maxLineBytes);
    }
    start = 0;
    limit = kept;
    if (in.available() <= 0) {
      beforeWait.run();
    }
    int read = in.read(buffer, limit, buffer.length - limit);
    if (read < 0) {
      ended = true;
    } else {
      limit += read;
    }
  }

  private static int indexOfNewline(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
