package dev.bucketproof.reports.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.report.Report;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids and flag keys reach index.html and summary.md escaped, with bidirectional controls shown, not
 * obeyed.
 */
class ReportEscapingTest {
  /** Every bidirectional formatting character: embeddings, overrides, isolates, marks. */
  private static final String BIDI =
      "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";

  @TempDir static Path directory;

  private static String html;
  private static String markdown;

  @BeforeAll
  static void render() throws IOException {
    Report report = SampleReport.build(directory);
    html = ReportHtml.render(report);
    markdown = ReportMarkdown.render(report);
  }

  @Test
  void noBidiControlReachesTheHtmlOrTheMarkdown() {
    for (char c : BIDI.toCharArray()) {
      assertFalse(html.indexOf(c) >= 0, String.format("U+%04X in index.html", (int) c));
      assertFalse(markdown.indexOf(c) >= 0, String.format("U+%04X in summary.md", (int) c));
    }
  }

  @Test
  void theOverrideInAnIdAndTheIsolateInTheFlagKeyAreShown() {
    assertTrue(html.contains("user\\u202egnp.exe"), "the id with its override shown");
    assertTrue(
        html.contains("Flag <code>flag &lt;b&gt;`|\\u2066x</code>"), "the flag key shown in HTML");
  }

  @Test
  void aBacktickInTheFlagKeyDoesNotEndItsCodeSpan() {
    assertTrue(
        markdown.contains("Flag ``flag <b>`|\\u2066x``, 100 buckets"), markdown.substring(0, 400));
  }
}
