package dev.bucketproof.reports.render;

import java.util.Locale;

/**
 * Escaping for the renderers: ids made visible, HTML and Markdown escaping.
 *
 * <p>Thread-safety: stateless.
 */
final class Escapes {
  private Escapes() {}


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
        out.append(c == '\\' ? "\\\\" : String.format(Locale.ROOT, "\\u%04x", (int) c));
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



}
