package dev.bucketproof.reports.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The maximum id length of both line readers: a line of exactly the limit is read, one byte more is
 * an error naming the line; the terminator and a byte-order mark do not count; an endless line ends
 * at once.
 */
class LineLimitTest {
  private static final int LIMIT = 5;

  @Test
  void idLineReaderAcceptsTheLimitAndNamesTheFirstLineBeyondIt() throws IOException {
    IdLineReader reader = new IdLineReader(input("\ufeff12345\r\nabcde\n123456\n"), LIMIT);
    assertEquals("12345", reader.next().text());
    assertEquals("abcde", reader.next().text());
    LineTooLongException error = assertThrows(LineTooLongException.class, reader::next);
    assertEquals(3, error.lineNumber());
    assertEquals(
        "line 3 of ids.txt is longer than the maximum id length, 5 bytes (--max-id-bytes raises it)",
        error.describe("ids.txt"));
  }

  @Test
  void byteLinesAcceptsTheLimitAndNamesTheFirstLineBeyondIt() throws IOException {
    ByteLines lines = new ByteLines(input("\ufeff12345\r\nabcde\n123456\n"), () -> {}, LIMIT);
    assertTrue(lines.next());
    assertEquals(LIMIT, lines.length());
    assertTrue(lines.next());
    assertEquals(LIMIT, lines.length());
    assertEquals(3, assertThrows(LineTooLongException.class, lines::next).lineNumber());
  }

  @Test
  void anEndlessLineEndsWithTheErrorAfterAboutTheLimit() {
    CountingZeros zeros = new CountingZeros();
    assertEquals(
        1,
        assertThrows(
                LineTooLongException.class, () -> new ByteLines(zeros, () -> {}, 1 << 20).next())
            .lineNumber());
    assertTrue(zeros.read < (1 << 20) + (1 << 17), "read " + zeros.read + " bytes");
    CountingZeros more = new CountingZeros();
    assertEquals(
        1,
        assertThrows(LineTooLongException.class, () -> new IdLineReader(more, 1 << 20).next())
            .lineNumber());
    assertTrue(more.read < (1 << 20) + (1 << 17), "read " + more.read + " bytes");
  }

  @Test
  void theLimitIsChecked() {
    assertEquals(
        "the maximum id length must be within [1, 1073741824] bytes: 0",
        assertThrows(IllegalArgumentException.class, () -> new IdLineReader(input(""), 0))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new ByteLines(input(""), () -> {}, (1 << 30) + 1));
  }

  private static InputStream input(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** /dev/zero, counting what was read. */
  private static final class CountingZeros extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return 0;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Arrays.fill(buffer, offset, offset + length, (byte) 0);
      read += length;
      return length;
    }
  }
}
