package dev.bucketproof.reports.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EscapesTest {
  private static final char RLO = 0x202E;
  private static final char LRI = 0x2066;

  @Test
  void htmlEscapesMarkupAndShowsBidiControls() {
    assertEquals(
        "&lt;script&gt;alert(&#39;\u00e9&#39;)&lt;/script&gt;&amp;&quot;",
        Escapes.html("<script>alert('\u00e9')</script>&\""));
    assertEquals(
        "user\\u202egnp.exe \\u2066x\\u2069 \\u200e\\u200f\\u061c \\u202a\\u202b\\u202c\\u202d \\u2067\\u2068",
        Escapes.html(
            "user"
                + RLO
                + "gnp.exe "
                + LRI
                + "x\u2069 \u200e\u200f\u061c \u202a\u202b\u202c\u202d \u2067\u2068"));
    assertEquals(
        "caf\u00e9 \uD83D\uDCB0 \u05e9\u05dc\u05d5\u05dd",
        Escapes.html("caf\u00e9 \uD83D\uDCB0 \u05e9\u05dc\u05d5\u05dd"),
        "letters of any direction, and emoji, stay as they are");
  }

  @Test
  void visibleShowsControlsBidiAndLoneSurrogatesAndDoublesBackslashes() {
    assertEquals(
        "a\\u0000b\\u0009c\\u007f\\\\d\\u202e", Escapes.visible("a\u0000b\tc\u007f\\d" + RLO));
    assertEquals(
        "lone\\ud800 x \\udc00 pair\uD83D\uDCB0 end\\ud83d",
        Escapes.visible("lone\uD800 x \uDC00 pair\uD83D\uDCB0 end\uD83D"));
  }

  @Test
  void markdownEscapesPunctuationAndShowsBidiControls() {
    assertEquals(
        "\\|a\\\\b\\`c\\*d\\_e\\[f\\]g\\<h\\>i\\#j k l\\u202e",
        Escapes.markdown("|a\\b`c*d_e[f]g<h>i#j\nk\rl" + RLO));
  }

  @Test
  void aBacktickInACodeSpanNoLongerEndsIt() {
    assertEquals("`flag`", Escapes.markdownCode("flag"));
    assertEquals("``a`b``", Escapes.markdownCode("a`b"));
    assertEquals("``` a``b` ```", Escapes.markdownCode("a``b`"));
    assertEquals("`` `x ``", Escapes.markdownCode("`x"));
    assertEquals("`a\\u202eb\\u000ac`", Escapes.markdownCode("a" + RLO + "b\nc"));
    assertEquals(
        "`<b>\\\\`",
        Escapes.markdownCode("<b>\\"),
        "inside a code span nothing but backticks is special");
  }
}
