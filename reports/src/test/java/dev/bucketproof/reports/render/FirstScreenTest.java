package dev.bucketproof.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import dev.bucketproof.reports.assignments.AssignmentAudit;
import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentRow;
import dev.bucketproof.reports.assignments.AssignmentSettings;
import dev.bucketproof.reports.assignments.FlagSettings;
import dev.bucketproof.reports.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first screen and the skeleton both reports share: the diagnosis in the red box (and none for
 * a correct export), the chance baseline of "Which rule made this?", the shared style sheet, the
 * calibration statistic and the cut of very long ids.
 */
class FirstScreenTest {
  private static final List<String> FLAGS = List.of("canary-a", "canary-b", "canary-c");
  private static final long SEED = 0x5EED0021L;

  /** Three 5% rollouts over 6,000 users, decided by {@code bucketer}, every flag configured. */
  private static AssignmentFindings export(Bucketer bucketer) {
    List<AssignmentRow> rows = new ArrayList<>();
    long line = 1;
    for (String flag : FLAGS) {
      RolloutGate gate = bucketer.rollout(Rollout.ofPercent(flag, 5));
      for (int user = 0; user < 6_000; user++) {
        String id = "user-" + user;
        rows.add(AssignmentRow.enabled(++line, id, flag, gate.isEnabled(id)));
      }
    }
    return AssignmentAudit.run(
        "export.csv",
        rows,
        AssignmentSettings.defaults()
            .withFlags(
                Map.of(
                    "canary-a", new FlagSettings(500, Map.of(), 100),
                    "canary-b", new FlagSettings(500, Map.of(), 100),
                    "canary-c", new FlagSettings(500, Map.of(), 100))));
  }

  @Test
  void theRedBoxNamesTheUnsaltedRule() {
    AssignmentFindings unsalted = export(Bucketer.builder().unsalted().build());
    String diagnosis = AssignmentChecks.diagnosis(unsalted);
    assertTrue(
        diagnosis.startsWith(
            "These assignments were made by unsalted murmur3_x86_32: every flag picks the same"
                + " users"),
        diagnosis);
    String html = AssignmentsHtml.render(unsalted);
    assertTrue(html.contains("<p class=\"verdict bad\">"), "red box");
    assertTrue(
        html.indexOf("every flag picks the same users") < html.indexOf("Health checks"),
        "the diagnosis is above the health checks");
    assertEquals(1, count(html, "<h2 id=\"failed\">Failed gates</h2>"), "one titled table");
  }

  @Test
  void aCorrectExportHasNoDiagnosis() {
    AssignmentFindings salted = export(Bucketer.standard());
    assertEquals(List.of(), salted.failures());
    assertEquals("", AssignmentChecks.diagnosis(salted));
    assertTrue(AssignmentsHtml.render(salted).contains("<p class=\"verdict ok\">"));
  }

  @Test
  void wrongRulesAreShownAgainstTheChanceBaseline() {
    AssignmentFindings salted = export(Bucketer.standard());
    AssignmentFindings.FlagFindings flag = salted.flags().get(0);
    double share = (double) flag.enabledCount() / flag.enabledRows();
    assertEquals(share * share + (1 - share) * (1 - share), AssignmentChecks.chance(flag), 1e-12);
    // The unsalted rule is wrong here: it reproduces about the chance share, so about 0 beyond it.
    AssignmentFindings.RuleMatch wrong =
        flag.matches().stream()
            .filter(match -> match.rule().equals("unsalted murmur3_x86_32"))
            .findFirst()
            .orElseThrow();
    double beyond = AssignmentChecks.beyondChance(wrong, AssignmentChecks.chance(flag));
    assertTrue(Math.abs(beyond) < 0.1, "beyond chance " + beyond + " for " + wrong);
    assertEquals(1.0, AssignmentChecks.beyondChance(flag.best(), AssignmentChecks.chance(flag)));
    String html = AssignmentsHtml.render(salted);
    assertTrue(html.contains("Chance baseline"), "stated above the table");
    assertTrue(html.contains("Not compared: LaunchDarkly"), "why two systems are missing");
    assertTrue(html.contains("rollout 5% (configured)"), "the cut-off column is never empty");
  }

  @Test
  void bothReportsShareOneStyleSheet(@TempDir Path directory) throws IOException {
    String assignments = AssignmentsHtml.render(export(Bucketer.standard()));
    Report report = SampleReport.build(directory);
    String ids = ReportHtml.render(report);
    long missed = report.speedClaims().stream().filter(claim -> !claim.met()).count();
    int box = ids.indexOf("<p class=\"verdict");
    String verdict = ids.substring(box, ids.indexOf("</p>", box));
    assertEquals(missed > 0, verdict.contains("speed targets missed"), "first screen: " + verdict);
    assertEquals(style(ids), style(assignments));
    assertTrue(ids.contains("<h2 id=\"health-checks\">Health checks</h2>"));
    assertTrue(assignments.contains("<h2 id=\"health-checks\">Health checks</h2>"));
  }

  @Test
  void theCalibrationStatisticRejectsPValuesPiledNearZero() {
    double[] even = new double[200];
    double[] small = new double[200];
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < even.length; i++) {
      even[i] = random.nextDouble();
      small[i] = random.nextDouble() * 0.2;
    }
    Arrays.sort(even);
    Arrays.sort(small);
    assertTrue(Page.uniformKs(even)[1] > 0.01, "uniform p-values, seed " + SEED);
    assertTrue(Page.uniformKs(small)[1] < 1e-6, "p-values below 0.2, seed " + SEED);
  }

  /**
   * The calibration test's figures agree with SciPy's exact one-sample test ({@code
   * ks_uniform_vectors.py} beside this test's resources): the statistic to 1e-12, the p-value to
   * 1e-6 relative where it is above 1e-300 (commons-statistics switches to its asymptotic form for
   * large samples).
   */
  @Test
  void theCalibrationStatisticAgreesWithSciPy() throws IOException {
    try (InputStream in =
        FirstScreenTest.class.getResourceAsStream(
            "/dev/bucketproof/reports/render/ks_uniform_vectors.tsv")) {
      List<String> lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
      assertEquals(6, lines.size());
      for (String line : lines) {
        String[] field = line.split("\t");
        int n = Integer.parseInt(field[0]);
        double c = Double.parseDouble(field[1]);
        double e = Double.parseDouble(field[2]);
        double[] sample = new double[n];
        for (int i = 0; i < n; i++) {
          sample[i] = Math.pow((i + c) / n, e);
        }
        double[] ks = Page.uniformKs(sample);
        double statistic = Double.parseDouble(field[3]);
        double pValue = Double.parseDouble(field[4]);
        assertEquals(statistic, ks[0], 1e-12, line);
        assertEquals(pValue, ks[1], 1e-6 * pValue + 1e-300, line);
      }
    }
  }

  @Test
  void aLongIdIsCutSayingSo() {
    String shortId = "josé-42";
    assertEquals("josé-42", Page.id(shortId));
    String longId = "x".repeat(1_024);
    String shown = Page.id(longId);
    assertTrue(shown.startsWith("x".repeat(Page.ID_SHOWN) + "…"), shown);
    assertTrue(shown.contains("(1,024 characters; the whole id is in report.json)"), shown);
    assertFalse(shown.contains("x".repeat(Page.ID_SHOWN + 1)), shown);
  }

  private static String style(String html) {
    return html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
