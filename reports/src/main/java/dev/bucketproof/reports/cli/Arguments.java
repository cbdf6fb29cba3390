package dev.bucketproof.reports.cli;

import dev.bucketproof.reports.ids.IdLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Parsing shared by the commands: seeds, comma-separated lists, and ids from arguments or stdin. */
final class Arguments {
  private Arguments() {}

  /**
   * Parses a 32-bit seed: signed or unsigned decimal ({@code -1}, {@code 4294967295}) or {@code 0x} hex.
   *
   * @throws IllegalArgumentException if the text is not a 32-bit value
   */
  static int parseSeed(String text) {
    return parseSeed("seed", text);
  }

  /**
   * Parses a 32-bit seed as {@link #parseSeed(String)} does; an error names {@code parameter}.
   *
   * @throws IllegalArgumentException if the text is not a 32-bit value
   */
  static int parseSeed(String parameter, String text) {
    try {
      if (text.startsWith("0x") || text.startsWith("0X")) {
        return Integer.parseUnsignedInt(text.substring(2), 16);
      }
      long value = Long.parseLong(text);
      if (value >= Integer.MIN_VALUE && value <= 0xFFFF_FFFFL) {
        return (int) value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(parameter + " must be a 32-bit value (signed or unsigned decimal, or 0x hex): " + text);
  }

  /** Passes each id to {@code action}: the arguments, or else the lines of {@code in}. */
  static void forEachId(List<String> ids, InputStream in, IdAction action) throws IOException {
    if (ids != null && !ids.isEmpty()) {
      for (String id : ids) {
        action.accept(id);
      }
      return;
    }
    IdLineReader reader = new IdLineReader(in);
    IdLineReader.Line line;
    while ((line = reader.next()) != null) {
      if (line.invalid()) {
        throw new IllegalArgumentException("line " + line.number() + " of standard input is not valid UTF-8");
      }
      action.accept(line.text());
    }
  }

  /** Receives one id. */
  @FunctionalInterface
  interface IdAction {
    void accept(String id) throws IOException;
  }

  /** Splits comma-separated option values and trims them. */
  static List<String> split(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String value : values) {
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            out.add(part.trim());
          }
        }
      }
    }
    return out;
  }
}
