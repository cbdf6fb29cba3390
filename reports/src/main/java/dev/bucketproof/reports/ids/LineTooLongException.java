package dev.bucketproof.reports.ids;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A line longer than the maximum id length: the readers stop there, with the line's number, instead
 * of growing a buffer until the heap runs out ({@code --ids /dev/zero}).
 *
 * <p>Thread-safety: immutable.
 */
public final class LineTooLongException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long lineNumber;
  private final int maxBytes;
  private final long heapBytes;

  LineTooLongException(long lineNumber, int maxBytes) {
    this(lineNumber, maxBytes, 0);
  }

  /**
   * A line that outgrew the heap before it reached the limit: {@code heapBytes} is the JVM's
   * largest heap ({@code -Xmx}).
   */
  private LineTooLongException(long lineNumber, int maxBytes, long heapBytes) {
    super(
        String.format(
            Locale.ROOT,
            "line %d is longer than the maximum id length, %d bytes",
            lineNumber,
            maxBytes));
    this.lineNumber = lineNumber;
    this.maxBytes = maxBytes;
    this.heapBytes = heapBytes;
  }

  /**
   * Returns {@code array} grown to {@code length}, or throws this exception for line {@code
   * lineNumber} when the heap cannot hold it: a limit such as {@code --max-id-bytes 1073741824} in
   * a small heap ends with a message naming both, never with an {@link OutOfMemoryError}.
   */
  static byte[] grow(byte[] array, int length, long lineNumber, int maxBytes)
      throws LineTooLongException {
    try {
      return Arrays.copyOf(array, length);
    } catch (OutOfMemoryError e) {
      // the failed allocation is this one array; nothing else is left half-made
      throw new LineTooLongException(lineNumber, maxBytes, Runtime.getRuntime().maxMemory());
    }
  }

  /** Returns the 1-based number of the line. */
  public long lineNumber() {
    return lineNumber;
  }

  /** Returns the limit it exceeded, in bytes. */
  public int maxBytes() {
    return maxBytes;
  }

  /**
   * Returns the message for a user: the line, its source ("ids.txt", "standard input"), the limit
   * and the option that raises it.
   */
  public String describe(String source) {
    return describe(source, 0);
  }

  /**
   * Returns the message of {@link #describe(String)} for a reader that started after {@code
   * linesBefore} lines of the source (a range of a file read in parallel).
   */
  public String describe(String source, long linesBefore) {
    if (heapBytes > 0) {
      return String.format(
          Locale.ROOT,
          "line %d of %s is longer than this JVM's heap can hold (%d MiB, -Xmx) before it"
              + " reaches the limit of %d bytes: lower --max-id-bytes, or raise -Xmx",
          linesBefore + lineNumber,
          source,
          heapBytes >> 20,
          maxBytes);
    }
    return String.format(
        Locale.ROOT,
        "line %d of %s is longer than the maximum id length, %d bytes"
            + " (--max-id-bytes raises it)",
        linesBefore + lineNumber,
        source,
        maxBytes);
  }
}
