package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.AssignmentCounts.FlagCounts;
import dev.bucketproof.reports.assignments.AssignmentCounts.Overlap;
import dev.bucketproof.reports.assignments.AssignmentCounts.UserCounts;
import dev.bucketproof.reports.assignments.AssignmentFindings.FlagFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.PairFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.RuleMatch;
import dev.bucketproof.reports.audit.Gate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The findings' sentences and Holm across every gate, on counts written by hand: which gates could
 * fail and the false-alarm bound they give, the headline and line summary, a rule's sentence, the
 * tied rules, and a pair restated at the level Holm across the report put in force.
 */
class FindingsTextTest {
  private static FlagCounts enabled(String key, long rows, long enabled) {
    return new FlagCounts(
        key, 1, rows, rows, enabled, List.of(), new long[0], List.of(), List.of());
  }

  /** A 2 x 2 table of 400 users, 200 in each flag, with {@code 100 + excess} in both. */
  private static long[][] table(int excess) {
    return new long[][] {{100 + excess, 100 - excess}, {100 - excess, 100 + excess}};
  }

  private static AssignmentFindings findings(
      AssignmentSettings settings, UserCounts users, FlagCounts... flags) {
    long rows = 0;
    for (FlagCounts flag : flags) {
      rows += flag.rows();
    }
    return new AssignmentCounts(
            rows + 1, rows, AssignmentCounts.RejectCounts.EMPTY, List.of(flags), users)
        .findings("src", settings);
  }

  private static AssignmentSettings rollouts(String... keys) {
    Map<String, FlagSettings> flags = new LinkedHashMap<>();
    for (String key : keys) {
      flags.put(key, new FlagSettings(5_000, Map.of(), 100));
    }
    return AssignmentSettings.defaults().withCandidates(List.of()).withFlags(flags);
  }

  private static UserCounts pairs(Overlap... overlaps) {
    return new UserCounts(0, 0, List.of(), 0, 0, List.of(overlaps));
  }

  @Test
  void theFalseAlarmBoundCountsTheGatesThatCouldFailAndThePairsOnce() {
    // Two configured rollouts that pass, one unconfigured (it cannot fail), one tested pair.
    AssignmentFindings findings =
        findings(
            rollouts("a", "b"),
            pairs(new Overlap("a", "b", table(0))),
            enabled("a", 400, 200),
            enabled("b", 400, 200),
            enabled("c", 400, 100));
    assertEquals(4, findings.gates().size());
    assertEquals(
        "Chance that a correct export fails at least one of the 4 gates (3 that could fail): at"
            + " most 0.15% (Bonferroni), at alpha 0.0005 per gate and Holm at 0.0005 over the"
            + " pairs.",
        findings.falseAlarmText());
    assertEquals("No gate failed: 3 passed, 1 inconclusive", findings.headline());
    assertEquals(1, findings.inconclusive().size());
    assertEquals(List.of(), findings.failures());
    assertEquals(
        "Chance that a correct export fails at least one of the 4 gates: at most 1% (Holm-Bonferroni"
            + " across every flag's and pair's gates at level 0.01).",
        findings.withFamilyAlpha(0.01).falseAlarmText());
    // Without a tested pair, no pair term; the bound is capped at 100%.
    AssignmentFindings untested =
        findings(
            rollouts("a", "b").withAlpha(0.4),
            UserCounts.EMPTY,
            enabled("a", 400, 200),
            enabled("b", 400, 200),
            enabled("c", 400, 200));
    assertEquals(
        "Chance that a correct export fails at least one of the 3 gates (2 that could fail): at"
            + " most 80% (Bonferroni), at alpha 0.4 per gate and Holm at 0.4 over the pairs.",
        untested.falseAlarmText());
    AssignmentFindings capped =
        findings(
            rollouts("a", "b", "c").withAlpha(0.4),
            UserCounts.EMPTY,
            enabled("a", 400, 200),
            enabled("b", 400, 200),
            enabled("c", 400, 200));
    assertTrue(
        capped.falseAlarmText().contains(" at most 100% (Bonferroni)"), capped.falseAlarmText());
  }

  @Test
  void theHeadlineCountsFailuresAndInconclusiveGates() {
    AssignmentFindings passed = findings(rollouts("a"), UserCounts.EMPTY, enabled("a", 400, 200));
    assertEquals("All 1 gates passed", passed.headline());
    AssignmentFindings failed =
        findings(
            rollouts("a", "b"),
            UserCounts.EMPTY,
            enabled("a", 400, 0),
            enabled("b", 400, 200),
            enabled("c", 4, 2));
    assertEquals("1 of 3 gates failed, 1 inconclusive", failed.headline());
    assertEquals("rollout 50%", failed.failures().get(0).name());
    AssignmentFindings failedOnly = findings(rollouts("a"), UserCounts.EMPTY, enabled("a", 400, 0));
    assertEquals("1 of 1 gates failed", failedOnly.headline());
  }

  @Test
  void theLineSummaryNamesTheHeaderOnlyWhenThereIsOne() {
    AssignmentFindings withHeader =
        findings(rollouts("a"), UserCounts.EMPTY, enabled("a", 1_000_000, 500_000));
    assertEquals(
        "1,000,001 lines read = 1,000,000 rows audited + 0 rejected + 1 header",
        withHeader.lineSummary());
    AssignmentFindings inMemory =
        AssignmentAudit.run(
            "rows",
            List.of(AssignmentRow.enabled(1, "u", "f", true)),
            AssignmentSettings.defaults().withCandidates(List.of()));
    assertEquals("1 lines read = 1 rows audited + 0 rejected", inMemory.lineSummary());
  }

  @Test
  void holmAcrossEveryGateRestatesThePairsAtTheLevelInForce() {
    // chi-square 0.04 d^2: d = 30 -> 36 (p ~ 2e-9), d = 11 -> 4.84 (p 0.0278), d = 10 -> 4 (p
    // 0.0455). With the three unconfigured rollouts (they cannot fail), Holm at 0.05 over the
    // three pairs: levels 0.05/3, 0.05/2, 0.05; the second is accepted, so the third is too.
    AssignmentFindings pairsOnly =
        findings(
            AssignmentSettings.defaults().withCandidates(List.of()).withAlpha(0.05),
            pairs(
                new Overlap("a", "b", table(30)),
                new Overlap("a", "c", table(11)),
                new Overlap("b", "c", table(10))),
            enabled("a", 400, 200),
            enabled("b", 400, 200),
            enabled("c", 400, 200));
    AssignmentFindings family = pairsOnly.withFamilyAlpha(0.05);
    assertEquals(0.05, family.familyAlpha());
    assertTrue(Double.isNaN(pairsOnly.familyAlpha()));
    List<Gate.Verdict> verdicts =
        family.pairs().stream().map(pair -> pair.gate().verdict()).toList();
    assertEquals(List.of(Gate.Verdict.FAIL, Gate.Verdict.PASS, Gate.Verdict.PASS), verdicts);
    PairFindings ab = family.pairs().get(0);
    assertEquals(0.05 / 3, ab.holmLevel(), 1e-15);
    assertEquals(0.05 / 2, family.pairs().get(1).holmLevel(), 1e-15);
    assertTrue(
        ab.measured().endsWith("Holm level 0.0167 across all 6 gates at family alpha 0.0500)"),
        ab.measured());
    assertEquals(ab.measured(), ab.gate().measured());
    assertTrue(
        ab.gate().validity().endsWith("Holm across every gate of the report"),
        ab.gate().validity());
    assertEquals(ab.table(), pairsOnly.pairs().get(0).table());
    // The flags' gates cannot fail: kept as they were.
    for (int i = 0; i < 3; i++) {
      assertEquals(pairsOnly.flags().get(i).gates(), family.flags().get(i).gates());
    }
    assertEquals(pairsOnly.rowsAudited(), family.rowsAudited());
    assertEquals(pairsOnly.linesRead(), family.linesRead());
  }

  @Test
  void holmAcrossEveryGateDecidesTheFlagsGatesToo() {
    // 400 rows at 50%: 200 enabled passes, 0 enabled fails at any level.
    AssignmentFindings each =
        findings(
            rollouts("a", "b"), UserCounts.EMPTY, enabled("a", 400, 0), enabled("b", 400, 200));
    AssignmentFindings family = each.withFamilyAlpha(0.01);
    Gate failed = family.flags().get(0).gates().get(0);
    Gate passed = family.flags().get(1).gates().get(0);
    assertEquals(Gate.Verdict.FAIL, failed.verdict());
    assertEquals(0.01 / 2, failed.level(), 1e-15);
    assertEquals(Gate.Verdict.PASS, passed.verdict());
    assertEquals(0.01, passed.level(), 1e-15);
  }

  private static RuleMatch match(
      String rule, long compared, long matched, String inferred, long nonAscii) {
    return new RuleMatch(
        rule, "", compared, matched, inferred, inferred == null, nonAscii, List.of());
  }

  @Test
  void aRulesSentenceSaysWhatItReproducesAndWhatDiffers() {
    assertEquals(
        "100.00% of 120,000 rows match r", match("r", 120_000, 120_000, null, 0).sentence());
    assertEquals(
        "98.70% of 120,000 rows match r (completed with rollout 5%); 1,560 rows differ, all"
            + " non-ASCII ids",
        match("r", 120_000, 118_440, "rollout 5%", 1_560).sentence());
    assertEquals(
        "50.00% of 4 rows match r; 2 rows differ, 1 of them non-ASCII ids",
        match("r", 4, 2, null, 1).sentence());
    assertEquals("75.00% of 4 rows match r; 1 rows differ", match("r", 4, 3, null, 0).sentence());
    assertEquals(0, match("r", 0, 0, null, 0).share());
    assertEquals(1, match("r", 4, 3, null, 0).mismatches());
  }

  private static FlagFindings withMatches(RuleMatch... matches) {
    return new FlagFindings(
        "f",
        FlagSettings.NONE,
        0,
        0,
        0,
        Map.of(),
        new long[0],
        null,
        null,
        null,
        List.of(matches),
        List.of(),
        null);
  }

  @Test
  void theFingerprintNamesTheRulesTiedWithTheBest() {
    FlagFindings tied =
        withMatches(
            match("best", 10, 9, null, 0),
            match("same share", 20, 18, null, 0),
            match("worse", 10, 8, null, 0),
            match("none", 0, 0, null, 0));
    assertEquals(
        List.of("best", "same share"), tied.tiedBest().stream().map(RuleMatch::rule).toList());
    assertEquals(
        "90.00% of 10 rows match best; 1 rows differ (tied: same share)", tied.fingerprint());
    FlagFindings alone = withMatches(match("best", 10, 9, null, 0), match("worse", 10, 8, null, 0));
    assertEquals("90.00% of 10 rows match best; 1 rows differ", alone.fingerprint());
    FlagFindings nothing = withMatches(match("none", 0, 0, null, 0));
    assertNull(nothing.best());
    assertNull(nothing.fingerprint());
    assertEquals(List.of(), nothing.tiedBest());
    assertNull(withMatches().best());
  }
}
