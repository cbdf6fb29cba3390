package dev.bucketproof.reports.text;

import com.google.common.escape.Escaper;
import com.google.common.escape.Escapers;
import com.google.common.html.HtmlEscapers;

/**
 * Escaping for the renderers: Guava's {@link HtmlEscapers} for HTML, a Guava {@link Escapers} table
 * for Markdown, and ids and flag keys made visible. Every escaper here follows the one display
 * policy of {@link Display}: controls (C0 but the line end, DEL, C1), the separators U+2028 and
 * U+2029 and the bidirectional controls (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C)
 * are shown as <code>&#92;u202e</code> text: in an id or a flag key they would otherwise reorder or
 * hide what a reader sees ("Trojan Source", CVE-2021-42574).
 *
 * <pre>{@code
 * Escapes.html("<b>user" + (char) 0x202E + "gnp.exe")   // &lt;b&gt;user&#92;u202egnp.exe
 * Escapes.markdownCode("a`b")                   // ``a`b``
 * }</pre>
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
@SuppressWarnings("EscapedEntity") // the examples show escaped output, entities and all
public final class Escapes {
  private static final Escaper HIDDEN = withHidden(Escapers.builder()).build();
  private static final Escaper HTML = HtmlEscapers.htmlEscaper();
  private static final Escaper MARKDOWN = markdownEscaper();

  private Escapes() {}

  /**
   * Returns {@code id} with controls, DEL, bidirectional controls and unpaired surrogates shown as
   * <code>&#92;uXXXX</code> (lowercase hex), and a backslash doubled so that the shown text is
   * unambiguous.
   */
  public static String visible(String id) {
    return Display.terminal(id);
  }

  /**
   * Escapes text for HTML element content and quoted attribute values; bidirectional controls
   * shown.
   */
  public static String html(String text) {
    return HTML.escape(loneSurrogates(HIDDEN.escape(text)));
  }

  /**
   * Escapes text for Markdown and a table cell: a backslash before {@code |\`*_[]<>#}, line ends as
   * spaces.
   */
  public static String markdown(String text) {
    return MARKDOWN.escape(text);
  }

  /**
   * Returns {@code text} as a whole Markdown code span, fences included: backslash escapes do not
   * work inside a code span, so the fence is one backtick longer than the longest run of backticks
   * in the text (CommonMark 0.31, 6.1), with a space inside each fence when the text starts or ends
   * with one. The text is first made {@link #visible} (a line end shows as its escape). Not for
   * table cells, where a {@code |} would still end the cell.
   */
  public static String markdownCode(String text) {
    String content = visible(text);
    int longest = 0;
    int run = 0;
    for (int i = 0; i < content.length(); i++) {
      run = content.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String pad = content.startsWith("`") || content.endsWith("`") ? " " : "";
    return fence + pad + content + pad + fence;
  }

  /**
   * Returns {@code text} with each unpaired surrogate replaced by its <code>&#92;uXXXX</code>
   * escape (lowercase hex), pairs kept. Hand-written: Guava's code-point escapers throw on an
   * unpaired surrogate and its char escapers cannot tell a lone surrogate from half of a pair;
   * Jackson 2.20 has no such setting either (see {@link Json}).
   */
  public static String loneSurrogates(String text) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16);
      }
      out.append(text, copied, i).append(unicodeEscape(c));
      copied = i + 1;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** Adds every character that {@link Display#isHidden} never shows raw, but a line end. */
  private static Escapers.Builder withHidden(Escapers.Builder builder) {
    for (char c = 0; c < 0x2070; c++) {
      if (Display.isHidden(c) && c != '\n') {
        builder.addEscape(c, unicodeEscape(c));
      }
    }
    return builder;
  }

  private static Escaper markdownEscaper() {
    Escapers.Builder builder = withHidden(Escapers.builder());
    for (char c : "|\\`*_[]<>#".toCharArray()) {
      builder.addEscape(c, "\\" + c);
    }
    return builder.addEscape('\n', " ").addEscape('\r', " ").build();
  }

  private static String unicodeEscape(char c) {
    return Display.unicodeEscape(c);
  }
}
