package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What {@link Explanation#describe()} prints: one line per step, whatever the id holds. */
class ExplanationTest {
  @Test
  void anIdCannotForgeALineOrReachTheTerminalRaw() {
    String id = "u1\nenabled    true\u001b[2J\u0007";
    String text = Bucketer.standard().explain(Rollout.ofPercent("f", 0), null, id).describe();
    assertEquals(7, text.split("\n").length, text);
    assertTrue(text.contains("key        f:u1\\nenabled    true\\u001b[2J\\u0007\n"), text);
    assertTrue(text.contains("enabled    false\n"), "the real decision: " + text);
    assertFalse(
        text.chars().anyMatch(c -> c < 0x20 && c != '\n'), "no raw control character: " + text);
  }

  @Test
  void escapeWritesEveryInvisibleOrReorderingCharacterVisibly() {
    assertEquals(
        "plain caf\u00e9 \ud83d\ude00", Explanation.escape("plain caf\u00e9 \ud83d\ude00"));
    assertEquals(
        "a\\\\n",
        Explanation.escape("a\\n"),
        "a backslash is escaped, so \\n in an id stays distinguishable");
    assertEquals(
        "\\n\\r\\t\\u0000\\u001b\\u007f\\u0085\\u009f",
        Explanation.escape("\n\r\t\u0000\u001b\u007f\u0085\u009f"));
    assertEquals("\\u2028\\u2029", Explanation.escape("\u2028\u2029"));
    assertEquals(
        "abc\\u202edef\\u2066\\u2069\\u200e\\u200f\\u061c",
        Explanation.escape("abc\u202edef\u2066\u2069\u200e\u200f\u061c"));
    assertEquals("\\ud800x\\udc00", Explanation.escape("\ud800x\udc00"), "unpaired surrogates");
  }
}
