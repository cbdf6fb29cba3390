package dev.bucketproof.reports.ids;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads ids one per line from UTF-8 bytes. A line ends at {@code \n} or {@code \r\n}; the id is the
 * whole line without its terminator, spaces included. A byte-order mark at the start is skipped. A
 * line that is not valid UTF-8 is returned as {@link Line#invalid()} with its number, never
 * silently changed.
 *
 * <p>Thread-safety: not thread-safe; one reader per stream.
 */
public final class IdLineReader implements Closeable {
  /** The default maximum length of one line (one id), in bytes: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  /** The largest maximum a caller may set: 1 GiB (a Java array holds at most 2^31 - 1 bytes). */
  public static final int LARGEST_MAX_LINE_BYTES = 1 << 30;

  private static final int BUFFER_SIZE = 1 << 16;

  private final InputStream in;
  private final int maxLineBytes;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private long lineNumber;
  private boolean atStart = true;

  /** One line: its 1-based number, and its text or null when it is not valid UTF-8. */
  public record Line(long number, String text) {
    /** Returns whether the line is not valid UTF-8. */
    public boolean invalid() {
      return text == null;
    }
  }

  /** Returns a reader of the lines of {@code in}, at most {@link #DEFAULT_MAX_LINE_BYTES} each. */
  public IdLineReader(InputStream in) {
    this(in, DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * Returns a reader of the lines of {@code in}, each at most {@code maxLineBytes} bytes long
   * without its terminator; a longer line is a {@link LineTooLongException}.
   *
   * @throws IllegalArgumentException if {@code maxLineBytes} is outside [1, {@link
   *     #LARGEST_MAX_LINE_BYTES}]
   */
  public IdLineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = checkMaxLineBytes(maxLineBytes);
  }

  /**
   * Returns {@code maxLineBytes} after checking it is within [1, {@link #LARGEST_MAX_LINE_BYTES}].
   *
   * @throws IllegalArgumentException otherwise
   */
  public static int checkMaxLineBytes(int maxLineBytes) {
    if (maxLineBytes < 1 || maxLineBytes > LARGEST_MAX_LINE_BYTES) {
      throw new IllegalArgumentException(
          "the maximum id length must be within [1, "
              + LARGEST_MAX_LINE_BYTES
              + "] bytes: "
              + maxLineBytes);
    }
    return maxLineBytes;
  }

  /**
   * Returns the next line, or null at the end of the input.
   *
   * @throws LineTooLongException if the line is longer than the maximum (a {@code \r} before the
   *     {@code \n} and the byte-order mark do not count)
   * @throws IOException if reading fails
   */
  public Line next() throws IOException {
    int length = 0;
    boolean sawAny = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (!sawAny) {
            return null;
          }
          break;
        }
      }
      sawAny = true;
      byte b = buffer[position++];
      if (b == '\n') {
        break;
      }
      if (length == line.length) {
        // room for the limit plus a byte-order mark and a \r, which do not count
        if (length >= maxLineBytes + 4) {
          throw new LineTooLongException(lineNumber + 1, maxLineBytes);
        }
        line =
            LineTooLongException.grow(
                line,
                (int) Math.min(line.length * 2L, maxLineBytes + 4L),
                lineNumber + 1,
                maxLineBytes);
      }
      line[length++] = b;
    }
    lineNumber++;
    int offset = 0;
    if (atStart) {
      atStart = false;
      if (length >= 3
          && (line[0] & 0xff) == 0xEF
          && (line[1] & 0xff) == 0xBB
          && (line[2] & 0xff) == 0xBF) {
        offset = 3;
      }
    }
    if (length > offset && line[length - 1] == '\r') {
      length--;
    }
    if (length - offset > maxLineBytes) {
      throw new LineTooLongException(lineNumber, maxLineBytes);
    }
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, offset, length - offset));
      return new Line(lineNumber, chars.toString());
    } catch (CharacterCodingException e) {
      return new Line(lineNumber, null);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
