package dev.bucketproof.reports.text;

import java.util.Locale;

/**
 * The one display policy for untrusted text (ids, flag keys, file names, option values, CSV
 * headers): which characters are never shown raw, on any output.
 *
 * <p>Shown as a visible <code>&#92;uXXXX</code> escape (lowercase hex): the C0 controls (ESC
 * included) and DEL, the C1 controls (U+0080..U+009F, so U+0085 NEXT LINE too), the line and
 * paragraph separators U+2028 and U+2029, the bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069: "Trojan Source", CVE-2021-42574) and unpaired surrogates. A
 * backslash is doubled so that the shown text is unambiguous. Everything else, accents, CJK and
 * emoji included, is shown as it is.
 *
 * <ul>
 *   <li>a terminal, stderr, a log line: {@link #terminal}
 *   <li>HTML and Markdown: the same visible escapes, then the format's own escaping (done by the
 *       renderers' escapers on top of {@link #terminal})
 *   <li>JSON: the same characters as {@code \\uXXXX} JSON escapes ({@link #needsJsonEscape}), so
 *       the value a JSON reader gets back is exactly the untrusted text
 * </ul>
 *
 * <pre>{@code
 * Display.terminal("\u001b[31mred")      // \u001b[31mred
 * Display.terminal("user\u202egnp.exe")  // user\u202egnp.exe
 * Display.terminal("josé")               // josé
 * }</pre>
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class Display {
  private Display() {}

  /**
   * Returns whether {@code c} is never shown raw: a control (C0, DEL, C1), a line or paragraph
   * separator, or a bidirectional control.
   */
  public static boolean isHidden(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || isBidiControl(c);
  }

  /** Returns whether {@code c} is a bidirectional formatting character. */
  public static boolean isBidiControl(char c) {
    return c == '\u061C'
        || c == '\u200E'
        || c == '\u200F'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }

  /**
   * Returns whether a JSON writer must write {@code c} as a {@code \\uXXXX} escape under this
   * policy (in addition to JSON's own quote and backslash): every {@link #isHidden} character.
   */
  public static boolean needsJsonEscape(char c) {
    return isHidden(c);
  }

  /**
   * Returns {@code text} for a terminal, stderr or a one-line message: every {@link #isHidden}
   * character and every unpaired surrogate as <code>&#92;uXXXX</code>, a backslash doubled. Null
   * shows as {@code null}.
   */
  public static String terminal(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = null;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      String escape = null;
      if (c == '\\') {
        escape = "\\\\";
      } else if (isHidden(c)) {
        escape = unicodeEscape(c);
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < length
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
        escape = unicodeEscape(c);
      }
      if (escape != null) {
        if (out == null) {
          out = new StringBuilder(length + 16).append(text, 0, i);
        }
        out.append(escape);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** Returns <code>&#92;u</code> and the four lowercase hex digits of {@code c}. */
  public static String unicodeEscape(char c) {
    return String.format(Locale.ROOT, "\\u%04x", (int) c);
  }
}
