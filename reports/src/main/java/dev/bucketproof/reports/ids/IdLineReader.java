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
import java.util.Arrays;

/**
 * Reads ids one per line from UTF-8 bytes. A line ends at {@code \n} or {@code \r\n}; the id is the whole
 * line without its terminator, spaces included. A byte-order mark at the start is skipped. A line that is
 * not valid UTF-8 is returned as {@link Line#invalid()} with its number, never silently changed.
 *
 * <p>Thread-safety: not thread-safe; one reader per stream.
 */
public final class IdLineReader implements Closeable {
  private static final int BUFFER_SIZE = 1 << 16;

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
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

  /** Returns a reader of the lines of {@code in}; it does not buffer beyond what it returns. */
  public IdLineReader(InputStream in) {
    this.in = in;
  }

  /** Returns the next line, or null at the end of the input. */
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
        line = Arrays.copyOf(line, line.length * 2);
      }
      line[length++] = b;
    }
    lineNumber++;
    int offset = 0;
    if (atStart) {
      atStart = false;
      if (length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
        offset = 3;
      }
    }
    if (length > offset && line[length - 1] == '\r') {
      length--;
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
