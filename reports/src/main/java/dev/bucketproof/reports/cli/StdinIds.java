package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.reports.ids.ByteLines;
import dev.bucketproof.reports.ids.LineTooLongException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ids of a streaming filter: the arguments, or else the lines of standard input read as bytes
 * ({@link ByteLines}), each passed to the filter where it lies. Lines that are not valid UTF-8 are
 * not refused: each is the string the WHATWG decoder makes of it (invalid bytes as U+FFFD), as the
 * library's byte-level API decides it, and the filter reports how many there were, and where, on
 * stderr.
 *
 * <p>Thread-safety: not thread-safe; one per command run.
 */
final class StdinIds {
  private static final int LINE_NUMBERS_KEPT = 10;

  private final int maxIdBytes;
  private long invalidLines;
  private final List<Long> invalidNumbers = new ArrayList<>();
  private long blankLines;
  private final List<Long> blankNumbers = new ArrayList<>();

  /** Returns the ids of one run, lines of standard input at most {@code maxIdBytes} long. */
  StdinIds(int maxIdBytes) {
    this.maxIdBytes = maxIdBytes;
  }

  /** Receives one id as a string (an argument). */
  @FunctionalInterface
  interface TextAction {
    void accept(String id) throws IOException;
  }

  /** Receives one line of standard input as bytes, valid or not. */
  @FunctionalInterface
  interface BytesAction {
    void accept(byte[] bytes, int offset, int length) throws IOException;
  }

  /**
   * Passes each argument to {@code text}, or when there are none each line of {@code in} to {@code
   * bytes}, flushing {@code output} whenever the input pauses and at the end.
   */
  void forEach(
      List<String> ids, InputStream in, LineOutput output, TextAction text, BytesAction bytes)
      throws IOException {
    if (ids != null && !ids.isEmpty()) {
      for (String id : ids) {
        text.accept(id);
      }
    } else {
      ByteLines lines = new ByteLines(in, output::flush, maxIdBytes);
      while (next(lines)) {
        if (lines.length() == 0) {
          // A blank line is not a user: skipped and counted, as report --ids and compare --ids do.
          blankLines++;
          if (blankNumbers.size() < LINE_NUMBERS_KEPT) {
            blankNumbers.add(lines.number());
          }
          continue;
        }
        if (!IdEncoding.isValidUtf8(lines.bytes(), lines.offset(), lines.length())) {
          invalidLines++;
          if (invalidNumbers.size() < LINE_NUMBERS_KEPT) {
            invalidNumbers.add(lines.number());
          }
        }
        bytes.accept(lines.bytes(), lines.offset(), lines.length());
      }
    }
    output.flush();
  }

  private static boolean next(ByteLines lines) throws IOException {
    try {
      return lines.next();
    } catch (LineTooLongException e) {
      throw new IllegalArgumentException(e.describe("standard input"), e);
    }
  }

  /**
   * Tells on {@code err} how many lines were blank (skipped) and how many were not valid UTF-8,
   * when there were any.
   */
  void reportInvalid(PrintWriter err) {
    if (blankLines > 0) {
      err.println(
          String.format(
              Locale.ROOT,
              "bucketproof: %,d blank line%s of standard input %s skipped (line%s %s%s):"
                  + " an empty id is not a user",
              blankLines,
              blankLines == 1 ? "" : "s",
              blankLines == 1 ? "was" : "were",
              blankNumbers.size() == 1 ? "" : "s",
              join(blankNumbers),
              blankLines > blankNumbers.size() ? ", ..." : ""));
    }
    if (invalidLines == 0) {
      return;
    }
    String numbers = join(invalidNumbers);
    err.println(
        String.format(
            Locale.ROOT,
            "bucketproof: %,d line%s of standard input %s not valid UTF-8 (line%s %s%s):"
                + " each was decided as the string it decodes to, invalid bytes as U+FFFD",
            invalidLines,
            invalidLines == 1 ? "" : "s",
            invalidLines == 1 ? "was" : "were",
            invalidNumbers.size() == 1 ? "" : "s",
            numbers,
            invalidLines > invalidNumbers.size() ? ", ..." : ""));
  }

  private static String join(List<Long> numbers) {
    StringBuilder text = new StringBuilder();
    for (Long number : numbers) {
      text.append(text.length() == 0 ? "" : ", ").append(number);
    }
    return text.toString();
  }
}
