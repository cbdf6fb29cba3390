package dev.bucketproof.reports;

import java.util.Locale;

/** Formatting shared by the report renderers: numbers in {@code Locale.ROOT}, escaping for HTML and Markdown. */
final class Text {
  private Text() {}

  static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }

  /** Returns {@code id} with control chars and unpaired surrogates shown as {@code \\uXXXX}. */
  static String visible(String id) {
    StringBuilder out = new StringBuilder(id.length());
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < id.length()
          && Character.isLowSurrogate(id.charAt(i + 1));
      if (pairedHigh) {
        out.append(c).append(id.charAt(++i));
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\\') {
        out.append(c == '\\' ? "\\\\" : format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String html(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Escapes text for a Markdown table cell. */
  static String markdown(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("|\\`*_[]<>#".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c == '\n' || c == '\r' ? ' ' : c);
    }
    return out.toString();
  }

  /** Returns a decimal without exponent: 0.0005, not 5.0E-4. */
  static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String percent(double share) {
    return format("%.3f%%", share * 100);
  }

  static String probability(double p) {
    return p >= 0.001 ? format("%.4f", p) : format("%.2e", p);
  }
}
