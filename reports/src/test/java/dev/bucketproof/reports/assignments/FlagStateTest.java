package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.AssignmentCounts.DayCount;
import dev.bucketproof.reports.assignments.AssignmentCounts.FlagCounts;
import dev.bucketproof.reports.assignments.AssignmentCounts.RuleCounts;
import dev.bucketproof.reports.assignments.AssignmentCounts.VariantCount;
import dev.bucketproof.reports.assignments.AssignmentCounts.VariantTable;
import dev.bucketproof.reports.assignments.AssignmentFindings.Mismatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One flag's counting, on rows small enough to count by hand: what it rejects (with the value in
 * the reason), its counts by outcome, variant, bucket and day, each row's outcome code, and each
 * candidate rule's tally under {@link DigitRule}, whose every decision is known.
 */
class FlagStateTest {
  private static final DigitRule DIGITS = new DigitRule("digits");

  private static Map<String, Integer> weights(Object... namesAndWeights) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (int i = 0; i < namesAndWeights.length; i += 2) {
      weights.put((String) namesAndWeights[i], (Integer) namesAndWeights[i + 1]);
    }
    return weights;
  }

  private static FlagState state(FlagSettings settings, CandidateRule... rules) {
    return new FlagState("f", 0, 1, settings, List.of(rules), null);
  }

  private static RuleCounts rule(FlagCounts counts, String name) {
    return counts.rules().stream()
        .filter(rule -> rule.rule().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aVariantOutsideTheWeightsIsRejectedNamingTheVariantAndTheWeights() {
    FlagState state = state(new FlagSettings(null, weights("control", 50, "treatment", 50), 100));
    assertNull(state.problem(AssignmentRow.variant(2, "u1", "f", "treatment")));
    assertEquals(
        "variant not in the weights: variant 'other' of flag f is not among its weights"
            + " [control, treatment]",
        state.problem(AssignmentRow.variant(3, "u1", "f", "other")));
  }

  @Test
  void theThousandAndFirstVariantIsRejectedNamingIt() {
    FlagState state = state(FlagSettings.NONE);
    for (int i = 0; i < AssignmentAudit.MAX_VARIANTS; i++) {
      AssignmentRow row = AssignmentRow.variant(i + 1, "u" + i, "f", "v" + i);
      assertNull(state.problem(row), "variant " + i);
      state.count(row, true, Days.NONE);
    }
    assertEquals(
        "too many variants: flag f has more than 1000 variants; 'v1000' is one too many",
        state.problem(AssignmentRow.variant(1_001, "u", "f", "v1000")));
    // A variant already seen is still counted.
    assertNull(state.problem(AssignmentRow.variant(1_002, "u", "f", "v999")));
    assertEquals(AssignmentAudit.MAX_VARIANTS, state.variantNames().size());
  }

  @Test
  void aBucketAtOrAboveTheBucketCountIsRejectedNamingIt() {
    FlagState state = state(new FlagSettings(null, Map.of(), 10));
    assertNull(state.problem(AssignmentRow.bucket(1, "u1", "f", 9)));
    assertEquals(
        "bucket out of range: bucket 10 of flag f is outside [0, 10); give the flag's bucket count"
            + " as \"buckets\" in --flags",
        state.problem(AssignmentRow.bucket(2, "u1", "f", 10)));
  }

  @Test
  void countsOutcomesVariantsInOrderOfFirstLineBucketsAndDays() {
    // Configured as b, a, c: c never appears; a appears first (line 3), then b (line 5).
    FlagState state =
        new FlagState(
            "f", 0, 3, new FlagSettings(null, weights("b", 1, "a", 1, "c", 1), 4), List.of(), null);
    long day0 = 0; // 1970-01-01
    long day1 = 1;
    state.count(new AssignmentRow(3, "u1", "f", true, "a", 2), true, day0);
    state.count(new AssignmentRow(5, "u2", "f", false, "b", 2), true, day1);
    state.count(new AssignmentRow(6, "u3", "f", true, "b", 0), true, day0);
    state.count(new AssignmentRow(7, "u4", "f", null, "a", 3), true, day1);
    state.count(new AssignmentRow(8, "u5", "f", null, "a", null), true, Days.NONE);
    FlagCounts counts = state.counts();
    assertEquals("f", counts.flagKey());
    assertEquals(3, counts.firstLine());
    assertEquals(5, counts.rows());
    assertEquals(3, counts.enabledRows());
    assertEquals(2, counts.enabledCount());
    assertEquals(
        List.of(new VariantCount("a", 3, 3), new VariantCount("b", 5, 2)), counts.variants());
    assertEquals(List.of(1L, 0L, 2L, 1L), toList(counts.buckets()));
    assertEquals(
        List.of(
            new DayCount("1970-01-01", Map.of("a", 1L, "b", 1L)),
            new DayCount("1970-01-02", Map.of("a", 1L, "b", 1L))),
        counts.days());
  }

  @Test
  void aDayGrowsWhenAVariantFirstSeenLaterArrives() {
    FlagState state = state(FlagSettings.NONE);
    state.count(AssignmentRow.variant(1, "u1", "f", "x"), true, 5);
    state.count(AssignmentRow.variant(2, "u2", "f", "y"), true, 6);
    state.count(AssignmentRow.variant(3, "u3", "f", "y"), true, 5);
    state.count(AssignmentRow.variant(4, "u4", "f", "z"), true, 5);
    assertEquals(
        List.of(
            new DayCount("1970-01-06", Map.of("x", 1L, "y", 1L, "z", 1L)),
            new DayCount("1970-01-07", Map.of("y", 1L))),
        state.counts().days());
  }

  @Test
  void aFlagWithoutBucketRowsHasAnEmptyHistogramAndVariantsTieOnNameOrder() {
    FlagState state = state(FlagSettings.NONE);
    // Two variants first seen on the same line number: ordered by name.
    state.count(AssignmentRow.variant(4, "u1", "f", "zeta"), true, Days.NONE);
    state.count(AssignmentRow.variant(4, "u2", "f", "alpha"), true, Days.NONE);
    FlagCounts counts = state.counts();
    assertEquals(0, counts.buckets().length);
    assertEquals(
        List.of(new VariantCount("alpha", 4, 1), new VariantCount("zeta", 4, 1)),
        counts.variants());
    assertEquals(List.of(), counts.days());
  }

  @Test
  void theOutcomeCodeDescribesTheRowAndItsMembership() {
    FlagState rollout = state(new FlagSettings(500, Map.of(), 100));
    // A variant without weights has an index once counted.
    rollout.count(AssignmentRow.variant(1, "u", "f", "treatment"), true, Days.NONE);
    long all = rollout.code(new AssignmentRow(1, "u", "f", true, "treatment", 3));
    assertEquals("enabled=true, variant=treatment, bucket=3", rollout.describe(all));
    assertTrue(FlagState.known(all));
    assertTrue(FlagState.member(all));

    long off = rollout.code(AssignmentRow.enabled(2, "u", "f", false));
    assertEquals("enabled=false", rollout.describe(off));
    assertTrue(FlagState.known(off));
    assertFalse(FlagState.member(off));

    // Bucket only: 5% of 100 buckets enables buckets [0, 5).
    long bucket4 = rollout.code(AssignmentRow.bucket(3, "u", "f", 4));
    long bucket5 = rollout.code(AssignmentRow.bucket(4, "u", "f", 5));
    long bucket0 = rollout.code(AssignmentRow.bucket(5, "u", "f", 0));
    assertEquals("bucket=4", rollout.describe(bucket4));
    assertEquals("bucket=0", rollout.describe(bucket0));
    assertTrue(FlagState.known(bucket4) && FlagState.member(bucket4));
    assertTrue(FlagState.known(bucket5) && !FlagState.member(bucket5));
    assertTrue(FlagState.member(bucket0));

    // 12.34% of 100 buckets is no whole bucket: membership unknown.
    FlagState uneven = state(new FlagSettings(1_234, Map.of(), 100));
    long unknown = uneven.code(AssignmentRow.bucket(6, "u", "f", 0));
    assertFalse(FlagState.known(unknown));
    assertFalse(FlagState.member(unknown));
    assertEquals("bucket=0", uneven.describe(unknown));
    // No rollout at all: unknown too.
    assertFalse(
        FlagState.known(state(FlagSettings.NONE).code(AssignmentRow.bucket(7, "u", "f", 0))));
  }

  @Test
  void aVariantIsAMemberUnlessItIsTheControl() {
    FlagState unnamed = state(FlagSettings.NONE);
    for (String variant : List.of("control", "OFF", "treatment")) {
      unnamed.count(AssignmentRow.variant(1, "u", "f", variant), true, Days.NONE);
    }
    long control = unnamed.code(AssignmentRow.variant(2, "u", "f", "control"));
    long off = unnamed.code(AssignmentRow.variant(2, "u", "f", "OFF"));
    long treatment = unnamed.code(AssignmentRow.variant(2, "u", "f", "treatment"));
    assertTrue(FlagState.known(control) && !FlagState.member(control));
    assertTrue(FlagState.known(off) && !FlagState.member(off), "control names ignore case");
    assertTrue(FlagState.known(treatment) && FlagState.member(treatment));
    assertEquals("variant=OFF", unnamed.describe(off));

    // With weights the first weight is the control, whatever its name.
    FlagState weighted =
        state(new FlagSettings(null, weights("treatment", 50, "control", 50), 100));
    long first = weighted.code(AssignmentRow.variant(3, "u", "f", "treatment"));
    long second = weighted.code(AssignmentRow.variant(3, "u", "f", "control"));
    assertFalse(FlagState.member(first));
    assertTrue(FlagState.member(second));
    // The enabled column decides before the variant does.
    long enabledControl = weighted.code(new AssignmentRow(4, "u", "f", true, "treatment", null));
    assertTrue(FlagState.member(enabledControl));
  }

  @Test
  void staticMembershipFollowsTheSameOrder() {
    FlagSettings none = FlagSettings.NONE;
    assertEquals(true, FlagState.member(new AssignmentRow(1, "u", "f", true, "off", 99), none));
    assertEquals(false, FlagState.member(new AssignmentRow(1, "u", "f", false, "on", 0), none));
    assertEquals(false, FlagState.member(AssignmentRow.variant(1, "u", "f", "Baseline"), none));
    assertEquals(true, FlagState.member(AssignmentRow.variant(1, "u", "f", "blue"), none));
    FlagSettings weighted = new FlagSettings(null, weights("blue", 1, "control", 1), 100);
    assertEquals(false, FlagState.member(AssignmentRow.variant(1, "u", "f", "blue"), weighted));
    assertEquals(true, FlagState.member(AssignmentRow.variant(1, "u", "f", "control"), weighted));
    FlagSettings rollout = new FlagSettings(2_000, Map.of(), 10); // buckets [0, 2)
    assertEquals(true, FlagState.member(AssignmentRow.bucket(1, "u", "f", 1), rollout));
    assertEquals(false, FlagState.member(AssignmentRow.bucket(1, "u", "f", 2), rollout));
    // 25% of 10 buckets is 2.5 buckets: cannot tell.
    assertNull(
        FlagState.member(
            AssignmentRow.bucket(1, "u", "f", 0), new FlagSettings(2_500, Map.of(), 10)));
    assertNull(FlagState.member(AssignmentRow.bucket(1, "u", "f", 0), none));
    assertEquals(
        FlagState.member(AssignmentRow.bucket(1, "u", "f", 1), rollout),
        AssignmentAudit.member(AssignmentRow.bucket(1, "u", "f", 1), rollout));
  }

  @Test
  void describeAndRemapReadTheVariantIndex() {
    FlagState state = state(FlagSettings.NONE);
    state.count(AssignmentRow.variant(1, "u", "f", "a"), true, Days.NONE);
    state.count(AssignmentRow.variant(2, "u", "f", "b"), true, Days.NONE);
    long a = state.code(AssignmentRow.variant(3, "u", "f", "a"));
    long b = state.code(new AssignmentRow(3, "u", "f", false, "b", 7));
    List<String> names = List.of("x", "y", "z");
    // a is index 0, b index 1: remapped to 2 and 0.
    int[] remap = {2, 0};
    assertEquals("variant=z", FlagState.describe(FlagState.remapVariant(a, remap), names));
    assertEquals(
        "enabled=false, variant=x, bucket=7",
        FlagState.describe(FlagState.remapVariant(b, remap), names));
    long noVariant = state.code(AssignmentRow.enabled(4, "u", "f", true));
    assertEquals(noVariant, FlagState.remapVariant(noVariant, remap));
  }

  @Test
  void aRuleComparesEachEnabledRowWithTheConfiguredRolloutAndListsMismatches() {
    // 50% of 10 buckets: the digit rule enables numbers ending in 0..4.
    FlagState state = state(new FlagSettings(5_000, Map.of(), 10), DIGITS);
    state.count(AssignmentRow.enabled(2, "u1", "f", true), true, Days.NONE); // match
    state.count(AssignmentRow.enabled(3, "u7", "f", true), true, Days.NONE); // expected false
    state.count(AssignmentRow.enabled(4, "\u00e98", "f", true), true, Days.NONE); // non-ASCII
    state.count(AssignmentRow.enabled(5, "u9", "f", false), true, Days.NONE); // match
    RuleCounts rule = rule(state.counts(), "digits");
    assertEquals(4, rule.compared());
    assertEquals(2, rule.matched());
    assertEquals(1, rule.nonAscii());
    assertEquals(
        List.of(
            new Mismatch(3, "u7", "enabled=false", "enabled=true"),
            new Mismatch(4, "\u00e98", "enabled=false", "enabled=true")),
        rule.mismatches());
    assertEquals(0, rule.enabledTable().length);
    assertEquals(0, rule.skipped());
  }

  @Test
  void aRuleComparesBucketsOnlyWhenItsBucketCountIsTheFlags() {
    FlagState state =
        state(new FlagSettings(null, Map.of(), 10), DIGITS, new DigitRule("digits-1000", 1_000));
    state.count(AssignmentRow.bucket(2, "u13", "f", 3), true, Days.NONE);
    state.count(AssignmentRow.bucket(3, "u14", "f", 5), true, Days.NONE);
    FlagCounts counts = state.counts();
    RuleCounts digits = rule(counts, "digits");
    assertEquals(2, digits.compared());
    assertEquals(1, digits.matched());
    assertEquals(List.of(new Mismatch(3, "u14", "bucket=4", "bucket=5")), digits.mismatches());
    RuleCounts other = rule(counts, "digits-1000");
    assertEquals(0, other.compared());
    assertEquals(0, other.tabled());
    assertEquals(0, other.variantTabled());
    // Rules are listed by name.
    assertEquals(
        List.of("digits", "digits-1000"), counts.rules().stream().map(RuleCounts::rule).toList());
  }

  @Test
  void aRuleComparesVariantsWithTheConfiguredWeights() {
    // Weights a, b, c: the digit rule gives variant (number mod 3), and none for multiples of 7.
    FlagState state = state(new FlagSettings(null, weights("a", 1, "b", 1, "c", 1), 100), DIGITS);
    state.count(AssignmentRow.variant(2, "u4", "f", "b"), true, Days.NONE); // 4 mod 3 = 1: b
    state.count(AssignmentRow.variant(3, "u5", "f", "b"), true, Days.NONE); // 5 mod 3 = 2: c
    state.count(AssignmentRow.variant(4, "u14", "f", "c"), true, Days.NONE); // 14: none
    RuleCounts rule = rule(state.counts(), "digits");
    assertEquals(3, rule.compared());
    assertEquals(1, rule.matched());
    assertEquals(
        List.of(
            new Mismatch(3, "u5", "variant=c", "variant=b"),
            new Mismatch(4, "u14", "variant=(none)", "variant=c")),
        rule.mismatches());
  }

  @Test
  void withoutAConfigurationRowsGoIntoTablesByRuleBucket() {
    FlagState state = state(new FlagSettings(null, Map.of(), 4), DIGITS);
    // enabled table [2 * bucket + enabled]
    state.count(AssignmentRow.enabled(2, "u0", "f", true), true, Days.NONE); // [1]
    state.count(AssignmentRow.enabled(3, "u4", "f", true), true, Days.NONE); // [1]
    state.count(AssignmentRow.enabled(4, "u5", "f", false), true, Days.NONE); // [2]
    state.count(AssignmentRow.enabled(5, "u7", "f", false), true, Days.NONE); // [6]
    // variant tables by variant, per variant bucket (number mod 4)
    state.count(AssignmentRow.variant(6, "u1", "f", "y"), true, Days.NONE);
    state.count(AssignmentRow.variant(7, "u2", "f", "x"), true, Days.NONE);
    state.count(AssignmentRow.variant(8, "u6", "f", "x"), true, Days.NONE);
    RuleCounts rule = rule(state.counts(), "digits");
    assertEquals(List.of(0L, 2L, 1L, 0L, 0L, 0L, 1L, 0L), toList(rule.enabledTable()));
    assertEquals(
        List.of(
            new VariantTable("x", new long[] {0, 0, 2, 0}),
            new VariantTable("y", new long[] {0, 1, 0, 0})),
        rule.variantTables());
    assertEquals(0, rule.compared());
    assertEquals(4, rule.tabled());
    assertEquals(3, rule.variantTabled());
  }

  @Test
  void aProfileRuleWithoutAVariantBucketTablesNoVariantRows() {
    FlagState state = state(FlagSettings.NONE, ProfileRule.of("optimizely", Map.of()));
    state.count(AssignmentRow.variant(2, "u1", "f", "y"), true, Days.NONE);
    RuleCounts rule = state.counts().rules().get(0);
    assertEquals(List.of(), rule.variantTables());
    assertEquals(0, rule.compared());
  }

  @Test
  void unconfirmedRulesRunOnSampledUsersOnlyAndCountTheRest() {
    DigitRule other = new DigitRule("other");
    FlagState state =
        new FlagState(
            "f",
            0,
            1,
            new FlagSettings(5_000, Map.of(), 10),
            List.of(DIGITS, other),
            Set.of("digits"));
    state.count(AssignmentRow.enabled(2, "u1", "f", true), false, Days.NONE);
    state.count(AssignmentRow.enabled(3, "u2", "f", true), true, Days.NONE);
    FlagCounts counts = state.counts();
    assertEquals(2, rule(counts, "digits").compared());
    assertEquals(0, rule(counts, "digits").skipped());
    assertEquals(1, rule(counts, "other").compared());
    assertEquals(1, rule(counts, "other").skipped());
  }

  @Test
  void onlyTheFirstHundredMismatchesAreKept() {
    FlagState state = state(new FlagSettings(5_000, Map.of(), 10), DIGITS);
    List<Long> lines = new ArrayList<>();
    for (int i = 0; i < AssignmentAudit.MISMATCHES_KEPT + 1; i++) {
      // numbers ending in 9 are disabled under the rule: each row is a mismatch
      state.count(AssignmentRow.enabled(i + 2, "u" + (10 * i + 9), "f", true), true, Days.NONE);
      lines.add(i + 2L);
    }
    RuleCounts rule = rule(state.counts(), "digits");
    assertEquals(101, rule.compared());
    assertEquals(0, rule.matched());
    assertEquals(lines.subList(0, 100), rule.mismatches().stream().map(Mismatch::line).toList());
  }

  @Test
  void rulesAreListedByNameWhateverTheirCandidateOrder() {
    FlagState state =
        state(
            FlagSettings.NONE, new DigitRule("zeta"), new DigitRule("alpha"), new DigitRule("mu"));
    state.count(AssignmentRow.enabled(2, "u1", "f", true), true, Days.NONE);
    assertEquals(
        List.of("alpha", "mu", "zeta"),
        state.counts().rules().stream().map(RuleCounts::rule).toList());
  }

  @Test
  void aRolloutOfZeroMakesEveryBucketANonMember() {
    FlagState none = state(new FlagSettings(0, Map.of(), 100));
    long code = none.code(AssignmentRow.bucket(2, "u", "f", 0));
    assertTrue(FlagState.known(code), "0% enables no bucket: known");
    assertFalse(FlagState.member(code));
  }

  @Test
  void variantBucketZeroIsTabled() {
    FlagState state = state(new FlagSettings(null, Map.of(), 4), DIGITS);
    state.count(AssignmentRow.variant(2, "u8", "f", "x"), true, Days.NONE);
    assertEquals(
        List.of(new VariantTable("x", new long[] {1, 0, 0, 0})),
        rule(state.counts(), "digits").variantTables());
  }

  private static List<Long> toList(long[] values) {
    List<Long> list = new ArrayList<>();
    for (long value : values) {
      list.add(value);
    }
    return list;
  }
}
