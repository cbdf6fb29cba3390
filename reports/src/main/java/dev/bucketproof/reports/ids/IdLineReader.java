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
 * silently changed. The lines are split by {@link ByteLines}, the one line reader of this module
 * (the command line's standard input and the file audit's ranges read it directly); this class only
 * decodes each line.
 *
 * <p>Thread-safety: not thread-safe; one reader per stream.
 */
public final class IdLineReader implements Closeable {
  /** The default maximum length of one line (one id), in bytes: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  /** The largest maximum a caller may set: 1 GiB (a Java array holds at most 2^31 - 1 bytes). */
  public static final int LARGEST_MAX_LINE_BYTES = 1 << 30;

  private final ByteLines lines;
  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

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
    this.lines = new ByteLines(in, () -> {}, true, checkMaxLineBytes(maxLineBytes));
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
    if (!lines.next()) {
      return null;
    }
    try {
      CharBuffer chars =
          decoder.reset().decode(ByteBuffer.wrap(lines.bytes(), lines.offset(), lines.length()));
      return new Line(lines.number(), chars.toString());
    } catch (CharacterCodingException e) {
      return new Line(lines.number(), null);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
