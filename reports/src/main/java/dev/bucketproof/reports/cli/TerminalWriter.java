package dev.bucketproof.reports.cli;

import dev.bucketproof.reports.text.Display;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Standard error as a terminal shows it: every character that {@link Display#isHidden} never shows
 * raw (ESC, the other controls, C1, U+2028, U+2029, bidirectional controls) is written as its
 * visible <code>&#92;uXXXX</code> escape, whatever message carries it (a file name, a CSV header, a
 * flag key, an option's value). Line ends, carriage returns (progress redraws its line) and tabs
 * pass. The sites that name an untrusted value also escape it with {@link Display#terminal}; this
 * writer is the net under them, so that no message reaches a terminal raw.
 *
 * <p>Thread-safety: as the wrapped writer.
 */
final class TerminalWriter extends FilterWriter {
  TerminalWriter(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    if (shown((char) c)) {
      out.write(c);
    } else {
      out.write(Display.unicodeEscape((char) c));
    }
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (!shown(chars[i])) {
        out.write(chars, start, i - start);
        out.write(Display.unicodeEscape(chars[i]));
        start = i + 1;
      }
    }
    out.write(chars, start, end - start);
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    write(text.toCharArray(), offset, length);
  }

  private static boolean shown(char c) {
    return c == '\n' || c == '\r' || c == '\t' || !Display.isHidden(c);
  }
}
