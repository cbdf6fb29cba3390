package dev.bucketproof.reports.cli;

import java.util.ArrayList;
import java.util.List;

/** Parsing shared by the commands: seeds and comma-separated lists. */
final class Arguments {
  private Arguments() {}

  /**
   * Parses a 32-bit seed: signed or unsigned decimal ({@code -1}, {@code 4294967295}) or {@code 0x}
   * hex.
   *
   * @throws IllegalArgumentException if the text is not a 32-bit value
   */
  static int parseSeed(String text) {
    return parseSeed("--seed", text);
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
    throw new IllegalArgumentException(
        parameter + " must be a 32-bit value (signed or unsigned decimal, or 0x hex): " + text);
  }

  /**
   * Splits comma-separated option values ({@code --hasher a,b} or {@code --hasher a b}) and trims
   * each entry. An empty entry ({@code a,,b}, a trailing comma) and an entry given twice are errors
   * naming {@code option}: nothing is dropped and nothing counted twice.
   *
   * @throws IllegalArgumentException for an empty or repeated entry
   */
  static List<String> split(String option, List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String value : values) {
        for (String part : value.split(",", -1)) {
          String entry = part.trim();
          if (entry.isEmpty()) {
            throw new IllegalArgumentException(
                option + " has an empty entry (a stray comma?): " + value);
          }
          if (out.contains(entry)) {
            throw new IllegalArgumentException(option + " lists " + entry + " twice");
          }
          out.add(entry);
        }
      }
    }
    return out;
  }

  /**
   * Splits comma-separated entries like {@link #split} but allows repeats (counts, weights); an
   * empty entry is an error naming {@code option}.
   *
   * @throws IllegalArgumentException for an empty entry
   */
  static List<String> entries(String option, List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String value : values) {
        for (String part : value.split(",", -1)) {
          String entry = part.trim();
          if (entry.isEmpty()) {
            throw new IllegalArgumentException(
                option + " has an empty entry (a stray comma?): " + value);
          }
          out.add(entry);
        }
      }
    }
    return out;
  }

  /**
   * Parses a count: decimal digits, at most {@link Long#MAX_VALUE}.
   *
   * @throws IllegalArgumentException naming {@code option} and the text otherwise
   */
  static long parseCount(String option, String text) {
    if (!text.matches("[0-9]+")) {
      throw new IllegalArgumentException(option + " must be a whole number >= 0: " + text);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " must be at most " + Long.MAX_VALUE + ": " + text);
    }
  }

  /**
   * Parses a non-negative plain decimal number ({@code 50}, {@code 12.5}, {@code 0.0005}), the one
   * grammar of {@link NumberGrammar}: no exponent, sign, hex or suffix ({@code 1e3}, {@code 5d},
   * {@code 0x1p2}, {@code NaN}).
   *
   * @throws IllegalArgumentException naming {@code option} and the text otherwise
   */
  static double parseDecimal(String option, String text) {
    if (!text.matches("[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException(
          option
              + " must be a plain decimal number >= 0 (digits, an optional fraction; no exponent,"
              + " sign or comma): "
              + text);
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          option + " must be at most " + Double.MAX_VALUE + ": " + text);
    }
    return value;
  }
}
