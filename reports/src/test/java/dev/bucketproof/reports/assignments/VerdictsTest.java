package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.AssignmentCounts.DayCount;
import dev.bucketproof.reports.assignments.AssignmentCounts.FlagCounts;
import dev.bucketproof.reports.assignments.AssignmentCounts.Overlap;
import dev.bucketproof.reports.assignments.AssignmentCounts.RuleCounts;
import dev.bucketproof.reports.assignments.AssignmentCounts.UserCounts;
import dev.bucketproof.reports.assignments.AssignmentCounts.VariantCount;
import dev.bucketproof.reports.assignments.AssignmentCounts.VariantTable;
import dev.bucketproof.reports.assignments.AssignmentFindings.FlagFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.PairFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.RuleMatch;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * The verdicts drawn from counts written by hand: each gate's sentence with the numbers it must
 * hold (chi-square statistics worked out here), the inferred cut-off of an unconfigured rollout,
 * the order of the rules, and Holm's step-down over the pairs, whose first acceptance stops the
 * rejections.
 */
class VerdictsTest {
  private static final double ALPHA = 0.0005;

  private static Map<String, Integer> weights(Object... namesAndWeights) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (int i = 0; i < namesAndWeights.length; i += 2) {
      weights.put((String) namesAndWeights[i], (Integer) namesAndWeights[i + 1]);
    }
    return weights;
  }

  private static FlagCounts flag(
      String key, long rows, long enabledRows, long enabledCount, List<VariantCount> variants) {
    return new FlagCounts(
        key, 1, rows, enabledRows, enabledCount, variants, new long[0], List.of(), List.of());
  }

  private static FlagCounts buckets(String key, long... buckets) {
    long rows = 0;
    for (long count : buckets) {
      rows += count;
    }
    return new FlagCounts(key, 1, rows, 0, 0, List.of(), buckets, List.of(), List.of());
  }

  private static AssignmentCounts counts(UserCounts users, FlagCounts... flags) {
    long rows = 0;
    for (FlagCounts flag : flags) {
      rows += flag.rows();
    }
    return new AssignmentCounts(
        rows, rows, AssignmentCounts.RejectCounts.EMPTY, List.of(flags), users);
  }

  private static AssignmentSettings settings(Object... keysAndSettings) {
    Map<String, FlagSettings> flags = new LinkedHashMap<>();
    for (int i = 0; i < keysAndSettings.length; i += 2) {
      flags.put((String) keysAndSettings[i], (FlagSettings) keysAndSettings[i + 1]);
    }
    return AssignmentSettings.defaults().withFlags(flags).withCandidates(List.of());
  }

  private static FlagFindings only(AssignmentCounts counts, AssignmentSettings settings) {
    AssignmentFindings findings = counts.findings("src", settings);
    assertEquals(1, findings.flags().size());
    return findings.flags().get(0);
  }

  private static Gate gate(FlagFindings flag, String prefix) {
    return flag.gates().stream()
        .filter(gate -> gate.name().startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no gate " + prefix + " in " + flag.gates()));
  }

  private static double chiSquareTail(double statistic) {
    return 1 - new ChiSquaredDistribution(1).cumulativeProbability(statistic);
  }

  // --- no usable rows ---------------------------------------------------------------------------

  @Test
  void anExportWithoutUsableRowsIsAnErrorListingTheFirstThreeRejects() {
    AssignmentAudit audit = new AssignmentAudit("src", AssignmentSettings.defaults());
    audit.acceptFields(2, "", "f", "true", null, null);
    audit.acceptFields(3, "u", "", "true", null, null);
    audit.acceptFields(4, "u", "f", "yes", null, null);
    audit.acceptFields(5, "u", "f", null, null, "-3");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, audit::finish);
    assertEquals(
        "src: no readable rows (4 rejected); line 2: no user id, line 3: no flag key, line 4:"
            + " enabled must be true/false, 1/0 or on/off: 'yes'",
        error.getMessage());
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> AssignmentAudit.run("nothing", List.of(), AssignmentSettings.defaults()));
    assertEquals("nothing: no readable rows (0 rejected)", none.getMessage());
  }

  @Test
  void asManyRejectsAsRowsIsAReportOneMoreIsAnError() {
    AssignmentAudit even = new AssignmentAudit("src", AssignmentSettings.defaults());
    even.accept(AssignmentRow.enabled(1, "u1", "f", true));
    even.acceptFields(2, "u2", "f", null, null, null);
    AssignmentFindings findings = even.finish();
    assertEquals(1, findings.rowsAudited());
    assertEquals(1, findings.rejects().total());
    assertEquals(Map.of("no outcome", 1L), findings.rejects().byReason());

    AssignmentAudit odd = new AssignmentAudit("src", AssignmentSettings.defaults());
    odd.accept(AssignmentRow.enabled(1, "u1", "f", true));
    odd.acceptFields(2, "u2", "f", null, null, null);
    odd.acceptFields(3, "u3", "f", null, null, "x");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, odd::finish);
    assertEquals(
        "src is mostly unreadable: 2 rows rejected, 1 used; line 2: no outcome: enabled, variant"
            + " and bucket are all empty, line 3: bucket must be an integer >= 0: 'x'",
        error.getMessage());
  }

  @Test
  void withoutRejectsTheReasonsAreAnEmptyMap() {
    AssignmentFindings findings =
        counts(UserCounts.EMPTY, flag("f", 2, 2, 1, List.of()))
            .findings("src", AssignmentSettings.defaults());
    assertEquals(Map.of(), findings.rejects().byReason());
    assertEquals(0, findings.rejects().total());
    assertEquals(2, findings.rowsAudited());
  }

  // --- rollout ----------------------------------------------------------------------------------

  @Test
  void anUnconfiguredRolloutIsInconclusiveAndSaysWhatWasSeen() {
    FlagFindings flag = only(counts(UserCounts.EMPTY, flag("f", 4, 4, 3, List.of())), settings());
    Gate rollout = gate(flag, "rollout");
    assertEquals("rollout", rollout.name());
    assertEquals(Gate.Verdict.INCONCLUSIVE, rollout.verdict());
    assertEquals(
        "3 of 4 rows enabled (75.00%); no rollout configured for this flag (--flags)",
        rollout.measured());
    assertEquals("exact binomial, needs the intended percentage", rollout.validity());
    assertEquals(Verdicts.NOT_CONFIGURED, rollout.power());
    assertEquals(1, rollout.pValue());
    assertEquals(1, flag.gates().size(), "no SRM or uniformity gate without their columns");
    assertNull(flag.rolloutAccuracy());
  }

  @Test
  void aConfiguredRolloutPassesOnItsShareAndFailsFarFromIt() {
    AssignmentSettings half = settings("f", new FlagSettings(5_000, Map.of(), 100));
    FlagFindings even =
        only(counts(UserCounts.EMPTY, flag("f", 1_000, 1_000, 500, List.of())), half);
    Gate passed = gate(even, "rollout 50%");
    assertEquals(Gate.Verdict.PASS, passed.verdict(), passed.describe());
    assertEquals(500, even.rolloutAccuracy().enabled());
    FlagFindings none = only(counts(UserCounts.EMPTY, flag("f", 1_000, 1_000, 0, List.of())), half);
    assertEquals(Gate.Verdict.FAIL, gate(none, "rollout 50%").verdict());
    // Rows without an enabled outcome give the rollout nothing to test: no rollout gate.
    FlagFindings variantsOnly =
        only(
            counts(UserCounts.EMPTY, flag("f", 3, 0, 0, List.of(new VariantCount("x", 1, 3)))),
            half);
    assertTrue(
        variantsOnly.gates().stream().noneMatch(gate -> gate.name().startsWith("rollout")),
        variantsOnly.gates().toString());
  }

  // --- sample ratio mismatch --------------------------------------------------------------------

  @Test
  void twoVariantsAreComparedWithTheirWeightsByTheExactBinomialTest() {
    AssignmentSettings settings =
        settings("f", new FlagSettings(null, weights("control", 1, "treatment", 1), 100));
    FlagFindings flag =
        only(
            counts(
                UserCounts.EMPTY,
                flag(
                    "f",
                    100,
                    0,
                    0,
                    List.of(
                        new VariantCount("treatment", 1, 60), new VariantCount("control", 2, 40)))),
            settings);
    // (40 - 50)^2 / 50 + (60 - 50)^2 / 50 = 4; two-sided exact p = 2 P(X <= 40), X ~ B(100, 1/2)
    double exact = 2 * new BinomialDistribution(100, 0.5).cumulativeProbability(40);
    Gate srm = gate(flag, "sample ratio mismatch");
    assertEquals(
        "control / treatment observed 40 / 60, expected 50 / 50; chi-square 4.00, df 1, p = "
            + String.format(Locale.ROOT, "%.4f", exact),
        srm.measured());
    assertEquals(exact, flag.sampleRatioMismatch().pValue(), 1e-12);
    assertEquals(Gate.Verdict.PASS, srm.verdict(), "p 0.0569 is above alpha 0.0005");
    assertTrue(
        srm.validity()
            .startsWith("exact binomial (smallest expected count 50.00); smallest attainable"),
        srm.validity());
    assertEquals(List.of("control", "treatment"), List.copyOf(flag.variantCounts().keySet()));
    assertTrue(srm.power().text().startsWith("catches the smallest variant"), srm.power().text());
    // 1,000 rows 600 / 400: p about 2.7e-10, below alpha
    FlagFindings skewed =
        only(
            counts(
                UserCounts.EMPTY,
                flag(
                    "f",
                    1_000,
                    0,
                    0,
                    List.of(
                        new VariantCount("control", 1, 600),
                        new VariantCount("treatment", 2, 400)))),
            settings);
    assertEquals(Gate.Verdict.FAIL, gate(skewed, "sample ratio mismatch").verdict());
  }

  @Test
  void configuredVariantsComeFirstWithZeroForTheUnseen() {
    AssignmentSettings settings =
        settings("f", new FlagSettings(null, weights("b", 1, "a", 1, "c", 1), 100));
    FlagFindings flag =
        only(
            counts(
                UserCounts.EMPTY,
                flag(
                    "f",
                    30,
                    0,
                    0,
                    List.of(new VariantCount("a", 1, 10), new VariantCount("b", 2, 20)))),
            settings);
    assertEquals(List.of("b", "a", "c"), List.copyOf(flag.variantCounts().keySet()));
    assertEquals(List.of(20L, 10L, 0L), List.copyOf(flag.variantCounts().values()));
    Gate srm = gate(flag, "sample ratio mismatch");
    assertTrue(
        srm.measured().startsWith("b / a / c observed 20 / 10 / 0, expected 10 / 10 / 10;"),
        srm.measured());
  }

  @Test
  void rowsInAVariantOfWeightZeroFailTheSplitOnTheCount() {
    AssignmentSettings settings =
        settings("f", new FlagSettings(null, weights("on", 1, "off", 0), 100));
    FlagFindings flag =
        only(
            counts(
                UserCounts.EMPTY,
                flag(
                    "f",
                    12,
                    0,
                    0,
                    List.of(new VariantCount("on", 1, 10), new VariantCount("off", 3, 2)))),
            settings);
    Gate srm = gate(flag, "sample ratio mismatch");
    assertEquals("variant off has weight 0 but 2 rows", srm.measured());
    assertEquals(Gate.Verdict.FAIL, srm.verdict());
    assertEquals("exact count, valid at any size", srm.validity());
    assertEquals(1, srm.power().effect());
    assertNull(flag.sampleRatioMismatch());
  }

  /**
   * A split that gives every user one variant ({@code "weights": {"control": 0, "treatment": 100}},
   * an experiment rolled out to all) is an exact count: it passes while no row is in a variant of
   * weight 0. Before the fix the audit of such an export threw "a split needs at least 2 variants
   * with weight > 0" and gave no report at all.
   */
  @Test
  void aSplitWithASingleVariantOfWeightAboveZeroIsAnExactCount() {
    AssignmentSettings settings =
        AssignmentSettings.defaults()
            .withCandidates(List.of())
            .withFlags(
                FlagsFile.parse(
                    "{\"f\": {\"weights\": {\"control\": 0, \"treatment\": 100}}}", "flags.json"));
    List<AssignmentRow> rows = new ArrayList<>();
    for (int user = 0; user < 10; user++) {
      rows.add(AssignmentRow.variant(user + 1, "u" + user, "f", "treatment"));
    }
    FlagFindings all = AssignmentAudit.run("src", rows, settings).flags().get(0);
    Gate srm = gate(all, "sample ratio mismatch");
    assertEquals(Gate.Verdict.PASS, srm.verdict(), srm.describe());
    assertEquals(
        "all 10 rows in variant treatment, the only variant of weight > 0", srm.measured());
    assertEquals("exact count, valid at any size", srm.validity());
    assertNull(all.sampleRatioMismatch());
    rows.add(AssignmentRow.variant(11, "u10", "f", "control"));
    Gate failed =
        gate(AssignmentAudit.run("src", rows, settings).flags().get(0), "sample ratio mismatch");
    assertEquals(Gate.Verdict.FAIL, failed.verdict());
    assertEquals("variant control has weight 0 but 1 rows", failed.measured());
  }

  @Test
  void aSplitWithoutWeightsIsInconclusiveAndCountsTheVariants() {
    FlagFindings flag =
        only(
            counts(
                UserCounts.EMPTY,
                flag(
                    "f",
                    1_234,
                    0,
                    0,
                    List.of(new VariantCount("x", 1, 1_000), new VariantCount("y", 2, 234)))),
            settings());
    Gate srm = gate(flag, "sample ratio mismatch");
    assertEquals(Gate.Verdict.INCONCLUSIVE, srm.verdict());
    assertEquals(
        "1,234 rows in 2 variants; no weights configured for this flag (--flags)", srm.measured());
    assertEquals("chi-square, needs the intended weights", srm.validity());
  }

  @Test
  void configuredWeightsWithoutVariantRowsGiveNoSplitGate() {
    AssignmentSettings settings =
        settings("f", new FlagSettings(null, weights("control", 1, "treatment", 1), 100));
    FlagFindings flag = only(counts(UserCounts.EMPTY, flag("f", 10, 10, 5, List.of())), settings);
    assertTrue(
        flag.gates().stream().noneMatch(gate -> gate.name().equals("sample ratio mismatch")),
        flag.gates().toString());
    assertNull(flag.sampleRatioMismatch());
  }

  @Test
  void aSplitTooSmallToDecideSaysHowManyRowsItNeeds() {
    // weights 1 : 1, 8 rows (3 / 5): no outcome of 8 rows reaches p 0.0005 (2 x 0.5^8 = 0.0078);
    // the smallest variant's share is 1/2, so 5 expected rows need 10.
    AssignmentSettings settings =
        settings("f", new FlagSettings(null, weights("a", 1, "b", 1), 100));
    FlagFindings flag =
        only(
            counts(
                UserCounts.EMPTY,
                flag(
                    "f",
                    8,
                    0,
                    0,
                    List.of(new VariantCount("a", 1, 3), new VariantCount("b", 2, 5)))),
            settings);
    Gate srm = gate(flag, "sample ratio mismatch");
    assertEquals(Gate.Verdict.INCONCLUSIVE, srm.verdict(), srm.describe());
    assertEquals(10, srm.usersNeeded());
    // A variant of weight 0 without rows takes no part in the smallest expected count.
    AssignmentSettings zero =
        settings("f", new FlagSettings(null, weights("a", 0, "b", 1, "c", 1), 100));
    FlagFindings withZero =
        only(
            counts(
                UserCounts.EMPTY,
                flag(
                    "f",
                    20,
                    0,
                    0,
                    List.of(new VariantCount("b", 1, 10), new VariantCount("c", 2, 10)))),
            zero);
    Gate srmZero = gate(withZero, "sample ratio mismatch");
    assertTrue(srmZero.validity().contains("(smallest expected count 10.00)"), srmZero.validity());
  }

  @Test
  void theSplitsPowerIsTheSameNumberInItsSentence() {
    AssignmentSettings settings =
        settings("f", new FlagSettings(null, weights("control", 1, "treatment", 1), 100));
    FlagFindings flag =
        only(
            counts(
                UserCounts.EMPTY,
                flag(
                    "f",
                    10_000,
                    0,
                    0,
                    List.of(
                        new VariantCount("control", 1, 5_000),
                        new VariantCount("treatment", 2, 5_000)))),
            settings);
    Gate.Power power = gate(flag, "sample ratio mismatch").power();
    assertEquals("percent of the smallest variant's share", power.unit());
    assertTrue(power.effect() > 0 && power.effect() < 100, power.text());
    assertEquals(
        "catches the smallest variant "
            + String.format(Locale.ROOT, "%.2f", power.effect())
            + "% off its weight (noncentral chi-square)",
        power.text());
    FlagFindings tiny =
        only(
            counts(
                UserCounts.EMPTY,
                flag(
                    "f",
                    2,
                    0,
                    0,
                    List.of(
                        new VariantCount("control", 1, 1), new VariantCount("treatment", 2, 1)))),
            settings);
    Gate.Power none = gate(tiny, "sample ratio mismatch").power();
    assertTrue(Double.isNaN(none.effect()), none.text());
    assertEquals("no error of a variant's share is caught with 80% power at 2 rows", none.text());
  }

  // --- uniformity -------------------------------------------------------------------------------

  @Test
  void theBucketColumnIsTestedForUniformityWithItsChiSquare() {
    AssignmentSettings two = settings("f", new FlagSettings(null, Map.of(), 2));
    FlagFindings flag = only(counts(UserCounts.EMPTY, buckets("f", 30, 10)), two);
    Gate uniformity = gate(flag, "uniformity of the bucket column");
    // (30 - 20)^2 / 20 + (10 - 20)^2 / 20 = 10
    assertTrue(
        uniformity.measured().startsWith("chi-square 10.0, df 1, p = "), uniformity.measured());
    assertTrue(uniformity.measured().endsWith(", 40 rows in 2 buckets"), uniformity.measured());
    assertTrue(
        uniformity.validity().contains("(expected 20.00 per bucket; chi-square needs >= 5)"),
        uniformity.validity());
    assertEquals("2", uniformity.id().parameter());
    assertEquals(List.of(30L, 10L), List.of(flag.bucketCounts()[0], flag.bucketCounts()[1]));
    // 3 rows in 10 buckets cannot decide: 5 per bucket need 50 rows.
    FlagFindings few =
        only(
            counts(UserCounts.EMPTY, buckets("f", 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)),
            settings("f", new FlagSettings(null, Map.of(), 10)));
    Gate undecided = gate(few, "uniformity of the bucket column");
    assertEquals(Gate.Verdict.INCONCLUSIVE, undecided.verdict(), undecided.describe());
    assertEquals(50, undecided.usersNeeded());
    // One bucket cannot be uneven: no gate.
    FlagFindings single =
        only(
            counts(UserCounts.EMPTY, buckets("f", 40)),
            settings("f", new FlagSettings(null, Map.of(), 1)));
    assertTrue(single.gates().isEmpty(), single.gates().toString());
    assertNull(single.uniformity());
  }

  // --- the fingerprint --------------------------------------------------------------------------

  private static RuleCounts tabled(String rule, long... enabledTable) {
    return new RuleCounts(rule, 0, 0, 0, List.of(), enabledTable, List.of(), 0);
  }

  @Test
  void theInferredCutOffIsTheThresholdThatMatchesMostRows() {
    // per bucket {disabled, enabled}: {0, 3}, {1, 2}, {4, 0}, {2, 1}
    // matches(t) = enabled below t + disabled from t: t=0: 7, 1: 10, 2: 11, 3: 7, 4: 6
    RuleMatch match = Verdicts.FlagVerdicts.match(tabled("r", 0, 3, 1, 2, 4, 0, 2, 1), "a rule");
    assertEquals(13, match.rowsCompared());
    assertEquals(11, match.rowsMatched());
    assertEquals("rollout 50%", match.inferred());
    assertFalse(match.mismatchesListed());
    assertEquals("a rule", match.description());
    // Three buckets, best cut-off 1: 33.3333% (four decimals, trailing zeros stripped).
    RuleMatch third = Verdicts.FlagVerdicts.match(tabled("r", 0, 5, 5, 0, 5, 0), "");
    assertEquals(15, third.rowsMatched());
    assertEquals("rollout 33.3333%", third.inferred());
    // All disabled: cut-off 0.
    RuleMatch zero = Verdicts.FlagVerdicts.match(tabled("r", 2, 0, 3, 0), "");
    assertEquals("rollout 0%", zero.inferred());
    assertEquals(5, zero.rowsMatched());
    // All enabled: cut-off at the last bucket.
    RuleMatch full = Verdicts.FlagVerdicts.match(tabled("r", 0, 2, 0, 3), "");
    assertEquals("rollout 100%", full.inferred());
    assertEquals(5, full.rowsMatched());
  }

  @Test
  void amongEquallyGoodCutOffsTheLowestIsInferred() {
    // {1, 1}, {1, 1}: t = 0, 1, 2 all match 2 rows; the first wins.
    RuleMatch tie = Verdicts.FlagVerdicts.match(tabled("r", 1, 1, 1, 1), "");
    assertEquals(2, tie.rowsMatched());
    assertEquals("rollout 0%", tie.inferred());
    // {0, 1}, {1, 0}, {0, 1}, {1, 0}: t = 1 and t = 3 both match 3 rows; 25% wins.
    RuleMatch later = Verdicts.FlagVerdicts.match(tabled("r", 0, 1, 1, 0, 0, 1, 1, 0), "");
    assertEquals(3, later.rowsMatched());
    assertEquals("rollout 25%", later.inferred());
  }

  @Test
  void variantRowsAreMatchedByEachVariantBucketsMostCommonVariant() {
    RuleCounts rule =
        new RuleCounts(
            "r",
            2,
            1,
            1,
            List.of(),
            new long[0],
            List.of(
                new VariantTable("a", new long[] {5, 0, 2}),
                new VariantTable("b", new long[] {1, 4, 2})),
            0);
    RuleMatch match = Verdicts.FlagVerdicts.match(rule, "");
    // compared: 2 at once + 14 tabled; matched: 1 + (5 + 4 + 2)
    assertEquals(16, match.rowsCompared());
    assertEquals(12, match.rowsMatched());
    assertEquals("each variant bucket's most common variant", match.inferred());
    assertEquals(1, match.nonAsciiMismatches());
    assertFalse(match.mismatchesListed());
    RuleCounts both =
        new RuleCounts(
            "r",
            0,
            0,
            0,
            List.of(),
            new long[] {0, 1, 1, 0},
            List.of(new VariantTable("a", new long[] {1, 0})),
            0);
    assertEquals(
        "rollout 50%; each variant bucket's most common variant",
        Verdicts.FlagVerdicts.match(both, "").inferred());
    RuleMatch compared =
        Verdicts.FlagVerdicts.match(
            new RuleCounts("r", 10, 9, 0, List.of(), new long[0], List.of(), 0), "");
    assertNull(compared.inferred());
    assertTrue(compared.mismatchesListed());
    assertEquals(10, compared.rowsCompared());
    assertEquals(9, compared.rowsMatched());
  }

  @Test
  void rulesAreRankedByShareUncomparedLastTiesInCandidateOrder() {
    List<CandidateRule> candidates =
        List.of(new DigitRule("first"), new DigitRule("second"), new DigitRule("third"));
    List<RuleCounts> rules = new ArrayList<>();
    rules.add(new RuleCounts("first", 0, 0, 0, List.of(), new long[0], List.of(), 0));
    rules.add(new RuleCounts("second", 10, 8, 0, List.of(), new long[0], List.of(), 3));
    rules.add(new RuleCounts("third", 10, 8, 0, List.of(), new long[0], List.of(), 0));
    rules.add(new RuleCounts("zero", 10, 0, 0, List.of(), new long[0], List.of(), 0));
    rules.add(new RuleCounts("another", 10, 9, 0, List.of(), new long[0], List.of(), 0));
    FlagCounts counts = new FlagCounts("f", 1, 10, 10, 5, List.of(), new long[0], rules, List.of());
    FlagFindings flag =
        only(
            new AssignmentCounts(
                10, 10, AssignmentCounts.RejectCounts.EMPTY, List.of(counts), UserCounts.EMPTY),
            settings().withCandidates(candidates));
    assertEquals(
        List.of("another", "second", "third", "zero", "first"),
        flag.matches().stream().map(RuleMatch::rule).toList());
    assertEquals("another", flag.matches().get(0).description(), "a rule not among the candidates");
    assertEquals(
        "digits of the id mod N (ranked on a 1/64 sample of users, not run on every row)",
        flag.matches().get(1).description());
    assertEquals("digits of the id mod N", flag.matches().get(2).description());
    assertEquals("another", flag.best().rule());
  }

  // --- sequential -------------------------------------------------------------------------------

  @Test
  void aSequentialPathNeedsWeightsAllAboveZeroAndDays() {
    List<DayCount> days = List.of(new DayCount("2026-12-01", Map.of("a", 10L, "b", 10L)));
    FlagCounts timed =
        new FlagCounts(
            "f",
            1,
            20,
            0,
            0,
            List.of(new VariantCount("a", 1, 10), new VariantCount("b", 2, 10)),
            new long[0],
            List.of(),
            days);
    FlagFindings even =
        only(
            counts(UserCounts.EMPTY, timed),
            settings("f", new FlagSettings(null, weights("a", 1, "b", 1), 100)));
    assertEquals(1, even.sequential().days().size());
    assertEquals(
        List.of(10L, 10L),
        List.of(
            even.sequential().days().get(0).counts()[0],
            even.sequential().days().get(0).counts()[1]));
    assertNull(even.sequential().firstCrossing());
    FlagFindings zeroWeight =
        only(
            counts(UserCounts.EMPTY, timed),
            settings("f", new FlagSettings(null, weights("a", 1, "b", 0, "c", 1), 100)));
    assertNull(zeroWeight.sequential());
    FlagFindings unweighted = only(counts(UserCounts.EMPTY, timed), settings());
    assertNull(unweighted.sequential());
    FlagCounts untimed =
        new FlagCounts("f", 1, 20, 0, 0, timed.variants(), new long[0], List.of(), List.of());
    assertNull(
        only(
                counts(UserCounts.EMPTY, untimed),
                settings("f", new FlagSettings(null, weights("a", 1, "b", 1), 100)))
            .sequential(),
        "weights but no days");
  }

  @Test
  void theFirstCrossingIsTheFirstDayAtOrBelowAlpha() {
    // 500 rows all in a on a 50/50 split: far below alpha after the first day, and after the
    // second; the crossing is the first.
    List<DayCount> days =
        List.of(
            new DayCount("2026-12-01", Map.of("a", 500L)),
            new DayCount("2026-12-02", Map.of("a", 500L)));
    FlagCounts timed =
        new FlagCounts(
            "f",
            1,
            1_000,
            0,
            0,
            List.of(new VariantCount("a", 1, 1_000)),
            new long[0],
            List.of(),
            days);
    AssignmentFindings.SequentialPath path =
        only(
                counts(UserCounts.EMPTY, timed),
                settings("f", new FlagSettings(null, weights("a", 1, "b", 1), 100)))
            .sequential();
    assertEquals("2026-12-01", path.firstCrossing());
    assertEquals(ALPHA, path.alpha());
    assertEquals(
        List.of(500L, 0L), List.of(path.days().get(0).counts()[0], path.days().get(0).counts()[1]));
    assertEquals(
        List.of(1_000L, 0L),
        List.of(path.days().get(1).counts()[0], path.days().get(1).counts()[1]));
    assertTrue(path.days().get(1).pValue() <= path.days().get(0).pValue());
  }

  // --- pairs ------------------------------------------------------------------------------------

  private static UserCounts overlaps(int sampleLevel, Overlap... overlaps) {
    return new UserCounts(0, 0, List.of(), sampleLevel, 0, List.of(overlaps));
  }

  /** A 2 x 2 table of 400 users, 200 in each flag, with {@code 100 + excess} in both. */
  private static long[][] table(int excess) {
    return new long[][] {{100 + excess, 100 - excess}, {100 - excess, 100 + excess}};
  }

  private static PairFindings pair(AssignmentFindings findings, String a, String b) {
    return findings.pairs().stream()
        .filter(pair -> pair.flagA().equals(a) && pair.flagB().equals(b))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void holmStopsRejectingAtTheFirstAcceptance() {
    // chi-square = 400 (400 d)^2 / 200^4 = 0.04 d^2: d = 30 -> 36, d = 11 -> 4.84 (p 0.0278),
    // d = 10 -> 4 (p 0.0455). At alpha 0.05 the levels are 0.05/3, 0.05/2, 0.05 in order of p:
    // b x c (p ~ 2e-9) is rejected, a x c (0.0278 > 0.025) accepted, and so a x b, though
    // 0.0455 <= 0.05. The pairs are listed in flag order, not in order of p.
    AssignmentCounts counts =
        counts(
            overlaps(
                0,
                new Overlap("a", "b", table(10)),
                new Overlap("a", "c", table(11)),
                new Overlap("b", "c", table(30))),
            flag("a", 400, 400, 200, List.of()),
            flag("b", 400, 400, 200, List.of()),
            flag("c", 400, 400, 200, List.of()));
    AssignmentFindings findings = counts.findings("src", settings().withAlpha(0.05));
    assertEquals(
        List.of("a", "a", "b"), findings.pairs().stream().map(PairFindings::flagA).toList());
    PairFindings ab = pair(findings, "a", "b");
    PairFindings ac = pair(findings, "a", "c");
    PairFindings bc = pair(findings, "b", "c");
    assertEquals(0.05, ab.holmLevel(), 1e-15);
    assertEquals(0.05 / 2, ac.holmLevel(), 1e-15);
    assertEquals(0.05 / 3, bc.holmLevel(), 1e-15);
    assertEquals(Gate.Verdict.PASS, ab.gate().verdict(), "Holm stopped at the second pair");
    assertEquals(Gate.Verdict.PASS, ac.gate().verdict());
    assertEquals(Gate.Verdict.FAIL, bc.gate().verdict());
    assertEquals(36, bc.independence().statistic(), 1e-9);
    assertEquals(chiSquareTail(4.84), ac.gate().pValue(), 1e-12);
    assertTrue(
        bc.measured()
            .startsWith(
                "flags b and c enable the same users: overlap 32.50% where independence predicts"
                    + " 25.00% (400 shared users, chi-square 36.0, df 1, p = "),
        bc.measured());
    assertTrue(bc.measured().endsWith(", Holm level 0.0167 over 3 pairs)"), bc.measured());
    assertTrue(
        ac.measured().startsWith("flags a and c pick independent users: overlap 27.75% where"),
        ac.measured());
    assertEquals(bc.measured(), bc.gate().measured());
    assertEquals("b x c", bc.gate().target());
    assertEquals("independence b x c", bc.gate().name());
    assertEquals(0, bc.gate().usersNeeded());
    // The power: the excess share of users in both flags its test catches, in the sentence too.
    Gate.Power power = bc.gate().power();
    assertEquals("percentage points", power.unit());
    assertTrue(power.effect() > 0 && power.effect() < 25, power.text());
    assertEquals(
        "catches users in both flags at "
            + Numbers.percentBrief(0.25 + power.effect() / 100)
            + " instead of 25.00% ("
            + String.format(Locale.ROOT, "%.3f", power.effect())
            + " points; noncentral chi-square)",
        power.text());
  }

  @Test
  void aCellOfExactlyFiveExpectedUsersIsTestable() {
    // in a: 10 of 100, in b: 50 of 100: the smallest expected cell is 10 * 50 / 100 = 5
    AssignmentCounts counts =
        counts(
            overlaps(0, new Overlap("a", "b", new long[][] {{45, 45}, {5, 5}})),
            flag("a", 100, 100, 10, List.of()),
            flag("b", 100, 100, 50, List.of()));
    PairFindings pair = counts.findings("src", settings()).pairs().get(0);
    assertEquals(0, pair.independence().statistic(), 1e-12);
    assertEquals(Gate.Verdict.PASS, pair.gate().verdict());
  }

  @Test
  void theSmallestExpectedCellUsesTheSmallerSideOfEachFlag() {
    // a enables 97 of 100 (3 not), b 10: the smallest cell is 3 * 10 / 100 = 0.3 users; and the
    // same with the flags' roles swapped.
    AssignmentCounts counts =
        counts(
            overlaps(
                0,
                new Overlap("a", "b", new long[][] {{0, 3}, {90, 7}}),
                new Overlap("c", "d", new long[][] {{0, 90}, {3, 7}})),
            flag("a", 100, 100, 97, List.of()),
            flag("b", 100, 100, 10, List.of()),
            flag("c", 100, 100, 10, List.of()),
            flag("d", 100, 100, 97, List.of()));
    AssignmentFindings findings = counts.findings("src", settings());
    for (PairFindings pair : List.of(pair(findings, "a", "b"), pair(findings, "c", "d"))) {
      // rate 3 * 10 / 100^2 = 0.003: 5 / 0.003 = 1,666.7 -> 1,667 shared users
      assertEquals(
          "flags "
              + pair.flagA()
              + " and "
              + pair.flagB()
              + ": the smallest expected cell is 0.30 users (100 shared); the chi-square test"
              + " needs >= 5, about 1,667 shared users",
          pair.measured());
      assertEquals(1_667, pair.gate().usersNeeded());
    }
  }

  @Test
  void flagsThatAvoidEachOthersUsersFailAndTheSampleIsNamed() {
    AssignmentCounts counts =
        counts(
            overlaps(2, new Overlap("a", "b", table(-30))),
            flag("a", 400, 400, 200, List.of()),
            flag("b", 400, 400, 200, List.of()));
    PairFindings pair = counts.findings("src", settings()).pairs().get(0);
    assertEquals(Gate.Verdict.FAIL, pair.gate().verdict());
    assertTrue(
        pair.measured()
            .startsWith(
                "flags a and b avoid each other's users: overlap 17.50% where independence"
                    + " predicts 25.00% (400 shared users, a 1/4 sample of users, chi-square 36.0"),
        pair.measured());
    assertTrue(pair.measured().endsWith(", Holm level 5.00e-04 over 1 pairs)"), pair.measured());
  }

  @Test
  void theTableIsReadForTheFlagsInFileOrder() {
    // b is seen before a: the pair is (b, a) and its table is transposed from the stored (a, b).
    long[][] stored = {{50, 30}, {15, 5}}; // [inA][inB]
    FlagCounts b =
        new FlagCounts("b", 1, 100, 100, 35, List.of(), new long[0], List.of(), List.of());
    FlagCounts a =
        new FlagCounts("a", 2, 100, 100, 20, List.of(), new long[0], List.of(), List.of());
    AssignmentCounts counts =
        new AssignmentCounts(
            200,
            200,
            AssignmentCounts.RejectCounts.EMPTY,
            List.of(b, a),
            overlaps(0, new Overlap("a", "b", stored)));
    PairFindings pair = counts.findings("src", settings()).pairs().get(0);
    assertEquals("b", pair.flagA());
    assertEquals("a", pair.flagB());
    assertEquals(
        List.of(50L, 15L, 30L, 5L),
        List.of(pair.table()[0][0], pair.table()[0][1], pair.table()[1][0], pair.table()[1][1]));
  }

  @Test
  void pairsWithTooFewSharedUsersAreInconclusiveAndSayHowManyAreNeeded() {
    AssignmentCounts counts =
        counts(
            overlaps(
                0,
                new Overlap("a", "b", new long[][] {{20, 20}, {5, 5}}),
                new Overlap("a", "c", new long[][] {{95, 0}, {3, 2}}),
                new Overlap("b", "c", new long[][] {{0, 0}, {60, 60}})),
            flag("a", 100, 100, 5, List.of()),
            flag("b", 100, 100, 50, List.of()),
            flag("c", 100, 100, 2, List.of()),
            flag("d", 100, 100, 2, List.of()));
    AssignmentFindings findings = counts.findings("src", settings());
    assertEquals(3, findings.pairs().size(), "flag d shares no users: no pair");

    PairFindings few = pair(findings, "a", "b");
    assertEquals("flags a and b share 50 sampled users; independence needs 100", few.measured());
    assertEquals(Gate.Verdict.INCONCLUSIVE, few.gate().verdict());
    assertNull(few.independence());
    // rate = min(10, 40) * min(25, 25) / 50^2 = 0.1: 50 users, raised to the floor of 100
    assertEquals(100, few.gate().usersNeeded());
    assertEquals(few.measured(), few.gate().measured());
    assertTrue(Double.isNaN(few.holmLevel()));

    PairFindings sparse = pair(findings, "a", "c");
    // in a: 5, in c: 2 of 100 shared; smallest expected cell 5 * 2 / 100 = 0.1 -> 5 / 0.001
    assertEquals(
        "flags a and c: the smallest expected cell is 0.10 users (100 shared); the chi-square test"
            + " needs >= 5, about 5,000 shared users",
        sparse.measured());
    assertEquals(5_000, sparse.gate().usersNeeded());

    PairFindings all = pair(findings, "b", "c");
    assertEquals(
        "flags b and c: the smallest expected cell is 0.00 users (120 shared); the chi-square test"
            + " needs >= 5 (a flag enables all or none of them)",
        all.measured());
    assertEquals(0, all.gate().usersNeeded());
    assertTrue(
        all.gate()
            .validity()
            .startsWith("chi-square on the 2x2 overlap, needs >= 100 shared users"));
  }
}
