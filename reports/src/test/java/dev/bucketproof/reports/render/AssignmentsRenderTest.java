package dev.bucketproof.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.AssignmentAudit;
import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentRow;
import dev.bucketproof.reports.assignments.AssignmentSettings;
import dev.bucketproof.reports.assignments.FlagSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assignments report escapes every value from the export and is byte-reproducible. */
class AssignmentsRenderTest {
  private static AssignmentFindings findings() {
    List<AssignmentRow> rows = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      // Every user enabled at a configured 50%: about half the rows differ from every rule and are
      // listed.
      rows.add(AssignmentRow.enabled(i + 1, "<b>user</b>&" + i, "<script>flag", true));
    }
    return AssignmentAudit.run(
        "<export>.csv",
        rows,
        AssignmentSettings.defaults()
            .withFlags(Map.of("<script>flag", new FlagSettings(5_000, Map.of(), 100))));
  }

  @Test
  void everyValueFromTheExportIsEscaped() {
    String html = AssignmentsHtml.render(findings());
    assertFalse(html.contains("<b>user"), "user id escaped");
    assertFalse(html.contains("<script>"), "flag escaped");
    assertTrue(
        html.contains("&lt;b&gt;user&lt;/b&gt;&amp;"),
        "the escaped id is listed among the mismatches");
    assertFalse(AssignmentsMarkdown.render(findings()).contains("<script>"), "markdown escaped");
  }

  @Test
  void theSameFindingsGiveTheSameBytes() {
    assertEquals(AssignmentsJson.render(findings()), AssignmentsJson.render(findings()));
    assertEquals(AssignmentsHtml.render(findings()), AssignmentsHtml.render(findings()));
    assertTrue(
        AssignmentsJson.render(findings()).contains("\"gatesFailed\": 1"),
        "the 50% rollout with every row enabled fails");
  }
}
