package dev.bucketproof.reports.ids;

import java.io.IOException;
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

  LineTooLongException(long lineNumber, int maxBytes) {
    super(
        String.format(
            Locale.ROOT,
            "line %d is longer than the maximum id length, %d bytes",
            lineNumber,
            maxBytes));
    this.lineNumber = lineNumber;
    this.maxBytes = maxBytes;
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
    return String.format(
        Locale.ROOT,
        "line %d of %s is longer than the maximum id length, %d bytes"
            + " (--max-id-bytes raises it)",
        linesBefore + lineNumber,
        source,
        maxBytes);
  }
}
