package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.assignments.AssignmentFindings.FlagFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.PairFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.RuleMatch;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.text.Numbers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated exports with known answers: which gates pass or fail and which rule made the file.
 * 20,000 users per flag (the rollout and SRM gates have power there: a 52/48 split gives chi-square
 * ~32).
 */
class AssignmentAuditTest {
  private static final int USERS = 20_000;

  /** The seed of the flipped rows in {@link #flippedRowsAreListedExactly}. */
  private static final long FLIP_SEED = 0xF11BL;

  @TempDir Path directory;

  private static Map<String, FlagSettings> flags(Object... keysAndSettings) {
    Map<String, FlagSettings> flags = new LinkedHashMap<>();
    for (int i = 0; i < keysAndSettings.length; i += 2) {
      flags.put((String) keysAndSettings[i], (FlagSettings) keysAndSettings[i + 1]);
    }
    return flags;
  }

  private static FlagSettings rollout(double percent) {
    return new FlagSettings((int) Math.round(percent * 100), Map.of(), 100);
  }

  private static FlagSettings weights(int control, int treatment) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put("control", control);
    weights.put("treatment", treatment);
    return new FlagSettings(null, weights, 100);
  }

  private AssignmentFindings audit(List<Exports.Row> rows, Map<String, FlagSettings> flags)
      throws IOException {
    Path file = Exports.write(directory, "export.csv", Exports.csv(rows, "\n"));
    return AssignmentFile.audit(
        file, Columns.guess(), AssignmentSettings.defaults().withFlags(flags), lines -> {});
  }

  private static FlagFindings flag(AssignmentFindings findings, String key) {
    return findings.flags().stream()
        .filter(flag -> flag.flagKey().equals(key))
        .findFirst()
        .orElseThrow();
  }

  private static Gate gate(List<Gate> gates, String prefix) {
    return gates.stream()
        .filter(gate -> gate.name().startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no gate " + prefix + " in " + gates));
  }

  @Test
  void correctSaltedRolloutAndSplitPassEveryGateAndMatchTheSaltedRuleExactly() throws IOException {
    List<Exports.Row> rows =
        new ArrayList<>(Exports.rollout(Bucketer.standard(), "new-checkout", 5, USERS));
    rows.addAll(
        Exports.split(
            Bucketer.standard(),
            VariantSplit.of("exp_12345", new Variant("control", 50), new Variant("treatment", 50)),
            USERS));
    AssignmentFindings findings =
        audit(rows, flags("new-checkout", rollout(5), "exp_12345", weights(50, 50)));

    assertEquals(2 * USERS, findings.rowsAudited());
    assertEquals(0, findings.rejects().total());
    assertEquals(List.of(), findings.failures(), () -> "failures: " + findings.failures());
    assertTrue(
        findings.gates().stream().allMatch(Gate::passed), () -> "gates: " + findings.gates());
    assertTrue(gate(flag(findings, "new-checkout").gates(), "rollout 5%").passed());
    assertTrue(gate(flag(findings, "exp_12345").gates(), "sample ratio mismatch").passed());
    PairFindings pair = findings.pairs().get(0);
    assertNotNull(pair.gate(), pair.measured());
    assertTrue(pair.gate().passed(), pair.measured());
    assertEquals(USERS, pair.sharedUsers());
    for (String key : List.of("new-checkout", "exp_12345")) {
      FlagFindings flag = flag(findings, key);
      RuleMatch best = flag.best();
      assertEquals("salted murmur3_x86_32", best.rule(), key);
      assertEquals(USERS, best.rowsCompared(), key);
      assertEquals(USERS, best.rowsMatched(), key);
      assertEquals(List.of(), best.firstMismatches(), key);
      // The non-ASCII ids separate the UTF-8 family from the browser's bytes. Unleash's rule is the
      // same
      // salted murmur3_x86_32 (its normalized number is bucket + 1, its variant seed 86028157 is
      // ours), so its
      // profiles tie, as they must; Unleash 9's variants differ.
      List<String> tied = flag.tiedBest().stream().map(RuleMatch::rule).toList();
      assertEquals(
          key.equals("new-checkout")
              ? List.of("salted murmur3_x86_32", "profile unleash", "profile unleash-9")
              : List.of("salted murmur3_x86_32", "profile unleash"),
          tied,
          key);
    }
    RuleMatch browser =
        flag(findings, "new-checkout").matches().stream()
            .filter(match -> match.rule().equals("salted murmur3_x86_32_js"))
            .findFirst()
            .orElseThrow();
    assertTrue(browser.share() < 1 && browser.share() > 0.98, () -> "browser bytes: " + browser);
    assertEquals(
        browser.mismatches(),
        browser.nonAsciiMismatches(),
        "only non-ASCII ids can differ between the two");
  }

  @Test
  void withoutFlagsTheRolloutIsInferredAndTheGatesThatNeedAConfigurationAreAbsent()
      throws IOException {
    List<Exports.Row> rows = Exports.rollout(Bucketer.standard(), "new-checkout", 5, USERS);
    AssignmentFindings findings = audit(rows, Map.of());
    FlagFindings flag = flag(findings, "new-checkout");
    // Without the intended percentage the rollout gate cannot decide: inconclusive, never pass.
    assertEquals(1, flag.gates().size(), flag.gates().toString());
    assertTrue(gate(flag.gates(), "rollout").inconclusive(), flag.gates().toString());
    RuleMatch best = flag.best();
    assertEquals("salted murmur3_x86_32", best.rule());
    assertEquals(1.0, best.share());
    assertEquals("rollout 5%", best.inferred());
    assertFalse(best.mismatchesListed());
    // A split without weights: the rule is completed with each variant bucket's most common
    // variant.
    List<Exports.Row> split =
        Exports.split(
            Bucketer.standard(),
            VariantSplit.of(
                "exp", new Variant("control", 10), new Variant("a", 30), new Variant("b", 60)),
            USERS);
    FlagFindings variants = flag(audit(split, Map.of()), "exp");
    assertEquals("salted murmur3_x86_32", variants.best().rule());
    assertEquals(1.0, variants.best().share());
    assertTrue(
        gate(variants.gates(), "sample ratio mismatch").inconclusive(),
        variants.gates().toString());
    RuleMatch unsalted =
        variants.matches().stream()
            .filter(match -> match.rule().equals("unsalted murmur3_x86_32"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        unsalted.share() < 0.65,
        () -> "a wrong rule reproduces about the largest variant's share: " + unsalted);
  }

  @Test
  void unsaltedMurmurAcrossThreeFlagsFailsIndependenceAndIsNamed() throws IOException {
    Bucketer unsalted = Bucketer.builder().unsalted().build();
    List<Exports.Row> rows = new ArrayList<>();
    rows.addAll(Exports.rollout(unsalted, "canary-a", 5, USERS));
    rows.addAll(Exports.rollout(unsalted, "canary-b", 10, USERS));
    rows.addAll(Exports.rollout(unsalted, "canary-c", 20, USERS));
    AssignmentFindings findings =
        audit(
            rows, flags("canary-a", rollout(5), "canary-b", rollout(10), "canary-c", rollout(20)));

    assertEquals(3, findings.pairs().size());
    for (PairFindings pair : findings.pairs()) {
      assertNotNull(pair.gate(), pair.measured());
      assertFalse(pair.gate().passed(), pair.measured());
      assertTrue(pair.measured().contains("enable the same users"), pair.measured());
    }
    PairFindings ab = findings.pairs().get(0);
    // Unsalted, canary-a's users are all inside canary-b: overlap = canary-a's share, not 5% x 10%.
    assertEquals(
        ab.table()[1][0] + ab.table()[1][1],
        ab.table()[1][1],
        "every canary-a user is in canary-b");
    for (String key : List.of("canary-a", "canary-b", "canary-c")) {
      FlagFindings flag = flag(findings, key);
      assertEquals("unsalted murmur3_x86_32", flag.best().rule(), key);
      assertEquals(1.0, flag.best().share(), key);
      assertTrue(
          gate(flag.gates(), "rollout").passed(), key + ": the rollouts themselves are accurate");
    }
    // The positive control of the same gate: salted flags at the same percentages are independent.
    List<Exports.Row> salted = new ArrayList<>();
    salted.addAll(Exports.rollout(Bucketer.standard(), "canary-a", 5, USERS));
    salted.addAll(Exports.rollout(Bucketer.standard(), "canary-b", 10, USERS));
    AssignmentFindings control =
        audit(salted, flags("canary-a", rollout(5), "canary-b", rollout(10)));
    assertTrue(control.pairs().get(0).gate().passed(), control.pairs().get(0).measured());
  }

  @Test
  void aSplitOf52To48ConfiguredAs50To50IsASampleRatioMismatch() throws IOException {
    List<Exports.Row> rows =
        Exports.split(
            Bucketer.standard(),
            VariantSplit.of("exp_12345", new Variant("control", 52), new Variant("treatment", 48)),
            USERS);
    AssignmentFindings findings = audit(rows, flags("exp_12345", weights(50, 50)));
    FlagFindings flag = flag(findings, "exp_12345");
    Gate srm = gate(flag.gates(), "sample ratio mismatch");
    assertFalse(srm.passed(), srm.measured());
    assertTrue(flag.sampleRatioMismatch().pValue() < 1e-5, srm.measured());
    // The rule is right but the weights are not: the salted rule reproduces most rows, not all.
    assertEquals("salted murmur3_x86_32", flag.best().rule());
    assertTrue(
        flag.best().share() > 0.95 && flag.best().share() < 0.99,
        () -> "share " + flag.best().share());
  }

  @Test
  void flippedRowsAreListedExactly() throws IOException {
    List<Exports.Row> rows = Exports.rollout(Bucketer.standard(), "new-checkout", 10, USERS);
    List<Long> flipped = Exports.flip(rows, 0.01, FLIP_SEED);
    AssignmentFindings findings = audit(rows, flags("new-checkout", rollout(10)));
    RuleMatch best = flag(findings, "new-checkout").best();
    String context = "seed " + FLIP_SEED + ", " + flipped.size() + " rows flipped";
    assertEquals("salted murmur3_x86_32", best.rule(), context);
    assertEquals(flipped.size(), best.mismatches(), context);
    assertTrue(best.share() > 0.985 && best.share() < 0.995, context + ": share " + best.share());
    List<Long> listed =
        best.firstMismatches().stream().map(AssignmentFindings.Mismatch::line).toList();
    // Data row i is on line i + 1, below the header.
    List<Long> expected =
        flipped.stream().limit(AssignmentAudit.MISMATCHES_KEPT).map(index -> index + 1).toList();
    assertEquals(expected, listed, context);
  }

  @Test
  void aBucketColumnIsCheckedForUniformityAndMatchedBucketForBucket() throws IOException {
    Bucketer bucketer = Bucketer.standard();
    List<Exports.Row> rows = new ArrayList<>();
    List<Exports.Row> skewed = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      rows.add(
          Exports.Row.bucket(
              Exports.userId(i), "search", bucketer.bucket("search", Exports.userId(i))));
      // The negative control: String.hashCode of sequential ids, a known-bad bucketer.
      skewed.add(
          Exports.Row.bucket(
              Exports.userId(i),
              "search",
              Math.floorMod(("search:" + Exports.userId(i)).hashCode(), 100)));
    }
    FlagFindings good = flag(audit(rows, Map.of()), "search");
    assertTrue(gate(good.gates(), "uniformity").passed(), good.gates().toString());
    assertEquals(1.0, good.best().share());
    assertEquals("salted murmur3_x86_32", good.best().rule());
    FlagFindings bad = flag(audit(skewed, Map.of()), "search");
    assertFalse(gate(bad.gates(), "uniformity").passed(), bad.gates().toString());
    assertTrue(
        bad.best().share() < 0.05, () -> "no known rule made hashCode buckets: " + bad.best());
  }

  @Test
  void exportsMadeByAProfileAreNamedByIt() throws IOException {
    BucketingProfile optimizely = Profiles.byName("optimizely");
    BucketingProfile launchDarkly = Profiles.byName("launchdarkly", Map.of("salt", "f3a1"));
    List<Exports.Row> rows = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      rows.add(
          Exports.Row.enabled(
              Exports.userId(i),
              "opt",
              optimizely.isEnabled(Rollout.ofPercent("opt", 12.5), Exports.userId(i))));
      rows.add(
          Exports.Row.enabled(
              Exports.userId(i),
              "ld",
              launchDarkly.isEnabled(Rollout.ofPercent("ld", 30), Exports.userId(i))));
    }
    Map<String, FlagSettings> flags =
        flags(
            "opt",
            new FlagSettings(1_250, Map.of(), 100),
            "ld",
            new FlagSettings(3_000, Map.of(), 100, Map.of("launchdarkly", Map.of("salt", "f3a1"))));
    AssignmentFindings findings = audit(rows, flags);
    assertEquals(
        "profile optimizely",
        flag(findings, "opt").best().rule(),
        () -> flag(findings, "opt").matches().toString());
    assertEquals(1.0, flag(findings, "opt").best().share());
    assertEquals("profile launchdarkly salt=f3a1", flag(findings, "ld").best().rule());
    assertEquals(1.0, flag(findings, "ld").best().share());
    assertTrue(
        flag(findings, "opt").matches().stream()
            .noneMatch(match -> match.rule().startsWith("profile launchdarkly")),
        "a per-flag profile is tried on its flag only");
  }

  @Test
  void theSameUserAndFlagWithTwoOutcomesIsAConflictWithItsLine() {
    List<AssignmentRow> rows = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      rows.add(AssignmentRow.enabled(i + 1, "user-" + i, "flag", i % 2 == 0));
    }
    rows.add(AssignmentRow.enabled(1_001, "user-7", "flag", true)); // was false: a conflict
    rows.add(AssignmentRow.enabled(1_002, "user-8", "flag", true)); // was true: a duplicate
    AssignmentFindings findings = AssignmentAudit.run("rows", rows, AssignmentSettings.defaults());
    assertEquals(1, findings.conflictCount());
    assertEquals(1, findings.duplicates());
    AssignmentFindings.Conflict conflict = findings.conflicts().get(0);
    assertEquals(1_001, conflict.line());
    assertEquals("user-7", conflict.userId());
    assertEquals("enabled=false", conflict.earlier());
    assertEquals("enabled=true", conflict.later());
  }

  @Test
  void perUserStateIsBoundedBySamplingAndTheUnsaltedFileStillFails() {
    Bucketer unsalted = Bucketer.builder().unsalted().build();
    List<AssignmentRow> rows = new ArrayList<>();
    long line = 1;
    for (String flag : List.of("canary-a", "canary-b")) {
      var gate = unsalted.rollout(Rollout.ofPercent(flag, 20));
      for (int i = 0; i < USERS; i++) {
        rows.add(
            AssignmentRow.enabled(
                line++, Exports.userId(i), flag, gate.isEnabled(Exports.userId(i))));
      }
    }
    int capacity = 4_096;
    AssignmentFindings findings =
        AssignmentAudit.run(
            "rows", rows.stream(), AssignmentSettings.defaults().withSampleCapacity(capacity));
    assertTrue(
        findings.sampleLevel() >= 3,
        "40,000 entries in 4,096 need a 1/8 sample: level " + findings.sampleLevel());
    assertTrue(findings.sampleEntries() <= capacity, "entries " + findings.sampleEntries());
    PairFindings pair = findings.pairs().get(0);
    assertTrue(pair.sharedUsers() < USERS / 4 && pair.sharedUsers() > USERS / 64, pair.measured());
    assertFalse(pair.gate().passed(), pair.measured());
    assertTrue(pair.measured().contains("sample of users"), pair.measured());
  }

  @Test
  void fewSharedUsersMakeThePairUntestedNotFailed() {
    List<AssignmentRow> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(AssignmentRow.enabled(2L * i + 1, "user-" + i, "a", i % 2 == 0));
      rows.add(AssignmentRow.enabled(2L * i + 2, "user-" + i, "b", i % 3 == 0));
    }
    PairFindings pair =
        AssignmentAudit.run("rows", rows, AssignmentSettings.defaults()).pairs().get(0);
    assertTrue(pair.gate().inconclusive(), pair.gate().describe());
    assertTrue(
        pair.gate().usersNeeded() >= AssignmentAudit.MIN_SHARED_USERS, pair.gate().describe());
    assertTrue(
        pair.measured().contains("share 50 sampled users; independence needs 100"),
        pair.measured());
  }

  /**
   * Under --family-alpha a pair's text names the level Holm across every gate put in force, not the
   * level Holm over the pairs alone would have given (the decision used the former).
   */
  @Test
  void aPairsTextNamesTheFamilyLevelInForce() {
    List<AssignmentRow> rows = new ArrayList<>();
    Bucketer unsalted = Bucketer.builder().unsalted().build();
    Map<String, FlagSettings> flags = new LinkedHashMap<>();
    long line = 1;
    for (String flag : List.of("canary-a", "canary-b", "canary-c")) {
      flags.put(flag, new FlagSettings(500, Map.of(), 100));
      for (int user = 0; user < 4_000; user++) {
        String id = "user-" + user;
        rows.add(
            AssignmentRow.enabled(
                ++line, id, flag, unsalted.rollout(Rollout.ofPercent(flag, 5)).isEnabled(id)));
      }
    }
    AssignmentFindings pairsOnly =
        AssignmentAudit.run("export", rows, AssignmentSettings.defaults().withFlags(flags));
    AssignmentFindings decided = pairsOnly.withFamilyAlpha(0.01);
    assertTrue(pairsOnly.pairs().get(0).gate().measured().endsWith(" over 3 pairs)"));
    for (PairFindings pair : decided.pairs()) {
      Gate gate = pair.gate();
      assertEquals(Gate.Verdict.FAIL, gate.verdict());
      String level = Numbers.probability(gate.level());
      String family = Numbers.probability(0.01);
      assertTrue(
          gate.measured()
              .endsWith(
                  "Holm level " + level + " across all 6 gates at family alpha " + family + ")"),
          gate.measured());
      assertEquals(gate.measured(), pair.measured());
      assertFalse(gate.validity().contains("over the pairs"), gate.validity());
    }
  }
}
