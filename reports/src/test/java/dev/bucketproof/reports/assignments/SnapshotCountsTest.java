package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.EvaluationSnapshot.Example;
import dev.bucketproof.reports.assignments.EvaluationSnapshot.FlagCounts;
import dev.bucketproof.reports.assignments.EvaluationSnapshot.RuleCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's evaluation snapshot on examples small enough to follow: its checks (each error names
 * the flag and the value), the merge of two instances' users and examples, the audit's counts made
 * from it (one row per sampled user, rejects for outcomes outside the weights), and the files of a
 * snapshot directory.
 */
class SnapshotCountsTest {
  @TempDir Path directory;

  private static String key(long value) {
    return EvaluationSnapshot.formatKey(value);
  }

  private static FlagCounts flag(
      String name,
      Map<String, Long> outcomes,
      int level,
      Map<String, String> users,
      List<String> conflicted,
      Map<String, RuleCheck> rules,
      List<Example> examples) {
    long evaluations = outcomes.values().stream().mapToLong(Long::longValue).sum();
    return new FlagCounts(
        name, evaluations, 0, 0, outcomes, level, users, conflicted, rules, examples);
  }

  private static String error(Runnable action) {
    return assertThrows(IllegalArgumentException.class, action::run).getMessage();
  }

  @Test
  void flagCountsAreCheckedNamingTheFlagAndTheValue() {
    assertEquals(
        "flag must not be empty",
        error(
            () ->
                new FlagCounts(
                    "", 0, 0, 0, Map.of(), 0, Map.of(), List.of(), Map.of(), List.of())));
    assertEquals(
        "flag f: counts must be >= 0: -1, 0",
        error(
            () ->
                new FlagCounts(
                    "f", -1, 0, 0, Map.of(), 0, Map.of(), List.of(), Map.of(), List.of())));
    assertEquals(
        "flag f: counts must be >= 0: 0, -1",
        error(
            () ->
                new FlagCounts(
                    "f", 0, -1, 0, Map.of(), 0, Map.of(), List.of(), Map.of(), List.of())));
    assertEquals(
        "flag f: counts must be >= 0: 0, 0",
        error(
            () ->
                new FlagCounts(
                    "f", 0, 0, -1, Map.of(), 0, Map.of(), List.of(), Map.of(), List.of())));
    assertEquals(
        "flag f: outcome counts must be named and >= 0: {a=-1}",
        error(
            () ->
                new FlagCounts(
                    "f", 0, 0, 0, Map.of("a", -1L), 0, Map.of(), List.of(), Map.of(), List.of())));
    assertEquals(
        "flag f: outcome counts must be named and >= 0: {=1}",
        error(
            () ->
                new FlagCounts(
                    "f", 1, 0, 0, Map.of("", 1L), 0, Map.of(), List.of(), Map.of(), List.of())));
    assertEquals(
        "flag f: evaluations must be the outcomes plus overflow: 4 != 5",
        error(
            () ->
                new FlagCounts(
                    "f", 4, 0, 2, Map.of("a", 3L), 0, Map.of(), List.of(), Map.of(), List.of())));
    assertEquals(
        "flag f: sampleLevel must be within [0, 32]: 33",
        error(
            () ->
                new FlagCounts(
                    "f", 0, 0, 0, Map.of(), 33, Map.of(), List.of(), Map.of(), List.of())));
    assertEquals(
        "flag f: sampleLevel must be within [0, 32]: -1",
        error(
            () ->
                new FlagCounts(
                    "f", 0, 0, 0, Map.of(), -1, Map.of(), List.of(), Map.of(), List.of())));
    assertEquals(
        32,
        new FlagCounts("f", 0, 0, 0, Map.of(), 32, Map.of(), List.of(), Map.of(), List.of())
            .sampleLevel());
    assertEquals(
        "a user key must be 16 hex digits: 123",
        error(
            () ->
                new FlagCounts(
                    "f",
                    0,
                    0,
                    0,
                    Map.of(),
                    0,
                    Map.of("123", "a"),
                    List.of(),
                    Map.of(),
                    List.of())));
    assertEquals(
        "a user key must be 16 hex digits: 000000000000000g",
        error(
            () ->
                new FlagCounts(
                    "f",
                    0,
                    0,
                    0,
                    Map.of(),
                    0,
                    Map.of(),
                    List.of("000000000000000g"),
                    Map.of(),
                    List.of())));
    assertEquals(
        "a rule check needs 0 <= matched <= compared: 3 of 2", error(() -> new RuleCheck(2, 3)));
    assertEquals(
        "a rule check needs 0 <= matched <= compared: -1 of 2", error(() -> new RuleCheck(2, -1)));
    assertEquals(
        "a rule check needs 0 <= matched <= compared: 0 of -1", error(() -> new RuleCheck(-1, 0)));
    assertEquals(
        "format must be bucketproof-evaluation-snapshot/1: v2",
        error(() -> new EvaluationSnapshot("v2", List.of())));
    FlagCounts f = flag("f", Map.of(), 0, Map.of(), List.of(), Map.of(), List.of());
    assertEquals(
        "flag f appears twice",
        error(() -> new EvaluationSnapshot(EvaluationSnapshot.FORMAT, List.of(f, f))));
  }

  @Test
  void keysAreSixteenHexDigitsAndSampledByTheirTopBits() {
    assertEquals("00000000000000ff", key(255));
    assertEquals("ffffffffffffffff", key(-1));
    assertTrue(EvaluationSnapshot.kept(key(-1), 0));
    assertTrue(EvaluationSnapshot.kept(key(0x0fffffffffffffffL), 4));
    assertFalse(EvaluationSnapshot.kept(key(0x1000000000000000L), 4));
    assertTrue(EvaluationSnapshot.kept(key(0x1000000000000000L), 3));
    assertFalse(EvaluationSnapshot.kept(key(1), 64));
  }

  @Test
  void mergingTwoInstancesKeepsUsersInsideTheLargerLevelAndFindsNewConflicts() {
    String low = key(0x0000_0000_0000_0001L); // kept at any level up to 63
    String mid = key(0x4000_0000_0000_0000L); // top bits 01: kept at level 1, not 2
    String other = key(0x0000_0000_0000_0002L);
    String conflicted = key(0x0000_0000_0000_0003L);
    Map<String, String> first = new LinkedHashMap<>();
    first.put(low, "a");
    first.put(mid, "a");
    first.put(other, "a");
    Map<String, String> second = new LinkedHashMap<>();
    second.put(low, "a");
    second.put(other, "b");
    second.put(conflicted, "b");
    FlagCounts one =
        flag(
            "f", Map.of("a", 3L), 1, first, List.of(), Map.of("p", new RuleCheck(4, 3)), List.of());
    FlagCounts two =
        flag(
            "f",
            Map.of("a", 1L, "b", 2L),
            2,
            second,
            List.of(conflicted),
            Map.of("p", new RuleCheck(2, 2), "q", new RuleCheck(1, 0)),
            List.of());
    FlagCounts merged =
        new EvaluationSnapshot(EvaluationSnapshot.FORMAT, List.of(one))
            .merge(new EvaluationSnapshot(EvaluationSnapshot.FORMAT, List.of(two)))
            .flags()
            .get(0);
    assertEquals(2, merged.sampleLevel());
    assertEquals(Map.of(low, "a"), merged.sampledUsers(), "mid is outside level 2");
    assertEquals(List.of(other, conflicted), merged.conflictedUsers());
    assertEquals(2, merged.conflicts());
    assertEquals(Map.of("a", 4L, "b", 2L), merged.outcomes());
    assertEquals(6, merged.evaluations());
    assertEquals(Map.of("p", new RuleCheck(6, 5), "q", new RuleCheck(1, 0)), merged.ruleChecks());
  }

  @Test
  void mergedExamplesAreSortedDeduplicatedAndCapped() {
    List<Example> left = new ArrayList<>();
    List<Example> right = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      left.add(new Example("VARIANT_CHANGED", String.format("u%02d", i), "a", "b"));
      right.add(new Example("VARIANT_CHANGED", String.format("u%02d", 2 * i), "a", "b"));
    }
    right.add(new Example("RULE_MISMATCH", "z", "a", "b"));
    FlagCounts merged =
        flag("f", Map.of(), 0, Map.of(), List.of(), Map.of(), left)
            .merge(flag("f", Map.of(), 0, Map.of(), List.of(), Map.of(), right));
    List<Example> examples = merged.examples();
    assertEquals(EvaluationSnapshot.EXAMPLES_KEPT, examples.size());
    assertEquals(new Example("RULE_MISMATCH", "z", "a", "b"), examples.get(0), "kind first");
    // Then u00..u18 without repeats: u00, u01, ..., u14, u16, u18 (u00-u14 from both sides once).
    assertEquals("u00", examples.get(1).user());
    assertEquals("u01", examples.get(2).user());
    assertEquals("u14", examples.get(15).user());
    assertEquals("u16", examples.get(16).user());
    assertEquals("u22", examples.get(19).user());
  }

  @Test
  void theAuditCountsOneRowPerSampledUserAndRejectsOutcomesOutsideTheWeights() {
    Map<String, String> users = new LinkedHashMap<>();
    users.put(key(1), "control");
    users.put(key(2), "treatment");
    users.put(key(3), "treatment");
    users.put(key(4), "ghost");
    Map<String, Long> outcomes = new LinkedHashMap<>();
    outcomes.put("never", 5L); // evaluated, but no sampled user got it
    outcomes.put("control", 10L);
    outcomes.put("treatment", 20L);
    outcomes.put("ghost", 1L);
    List<Example> examples =
        List.of(
            new Example("RULE_MISMATCH", "alice", "control", "treatment"),
            new Example("UNCONFIGURED_OUTCOME", "bob", "", "ghost"),
            new Example("VARIANT_CHANGED", "carol", "control", "treatment"));
    FlagCounts exp =
        flag(
            "exp",
            outcomes,
            3,
            users,
            List.of(key(5)),
            Map.of("profile unleash", new RuleCheck(10, 9)),
            examples);
    FlagCounts other =
        flag("other", Map.of("on", 2L), 1, Map.of(key(6), "on"), List.of(), Map.of(), List.of());
    EvaluationSnapshot snapshot =
        new EvaluationSnapshot(EvaluationSnapshot.FORMAT, List.of(other, exp));
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put("control", 50);
    weights.put("treatment", 50);
    AssignmentSettings settings =
        AssignmentSettings.defaults()
            .withFlags(Map.of("exp", new FlagSettings(null, weights, 100)));
    AssignmentCounts counts = snapshot.counts(settings);
    assertEquals(4, counts.rows(), "3 sampled users of exp in the weights, 1 of other");
    assertEquals(5, counts.lines());
    assertEquals(1, counts.rejects().total());
    assertEquals(
        List.of(
            new AssignmentFindings.RejectedLine(
                1,
                "1 sampled users: variant 'ghost' of flag exp is not among its weights [control,"
                    + " treatment]")),
        counts.rejects().first());
    assertEquals(
        List.of(new AssignmentCounts.Reason("variant not in the weights", 1, 1)),
        counts.rejects().reasons());
    AssignmentCounts.FlagCounts expCounts = counts.flags().get(0);
    assertEquals("exp", expCounts.flagKey(), "flags sorted by key: exp on line 1");
    assertEquals(1, expCounts.firstLine());
    assertEquals(3, expCounts.rows());
    assertEquals(
        List.of(
            new AssignmentCounts.VariantCount("control", 1, 1),
            new AssignmentCounts.VariantCount("treatment", 1, 2)),
        expCounts.variants());
    AssignmentCounts.RuleCounts rule = expCounts.rules().get(0);
    assertEquals("profile unleash", rule.rule());
    assertEquals(10, rule.compared());
    assertEquals(9, rule.matched());
    assertEquals(
        List.of(
            new AssignmentFindings.Mismatch(1, "alice", "variant=control", "variant=treatment")),
        rule.mismatches());
    assertEquals(2, counts.flags().get(1).firstLine());
    AssignmentCounts.UserCounts userCounts = counts.users();
    assertEquals(1, userCounts.conflicts());
    assertEquals(
        List.of(
            new AssignmentFindings.Conflict(
                1, "carol", "exp", "variant=control", "variant=treatment")),
        userCounts.examples());
    assertEquals(3, userCounts.sampleLevel(), "the largest level");
    assertEquals(6, userCounts.sampledPairs(), "4 + 1 conflicted of exp, 1 of other");
    AssignmentFindings findings = snapshot.audit("snapshots", settings);
    assertEquals(4, findings.rowsAudited());
    assertEquals("snapshots", findings.source());
  }

  @Test
  void aDirectoryOfSnapshotsIsMergedAndItsMistakesAreNamed() throws IOException {
    String user = key(7);
    EvaluationSnapshot a =
        new EvaluationSnapshot(
            EvaluationSnapshot.FORMAT,
            List.of(
                flag(
                    "f", Map.of("on", 2L), 0, Map.of(user, "on"), List.of(), Map.of(), List.of())));
    EvaluationSnapshot b =
        new EvaluationSnapshot(
            EvaluationSnapshot.FORMAT,
            List.of(
                flag(
                    "f",
                    Map.of("off", 1L),
                    0,
                    Map.of(user, "off"),
                    List.of(),
                    Map.of(),
                    List.of())));
    Path snapshots = Files.createDirectory(directory.resolve("snapshots"));
    a.write(snapshots.resolve("a.json"));
    b.write(snapshots.resolve("b.json"));
    Files.writeString(snapshots.resolve("notes.txt"), "not a snapshot");
    Files.createDirectory(snapshots.resolve("dir.json"));
    EvaluationSnapshot merged = EvaluationSnapshot.readDirectory(snapshots);
    assertEquals(a.merge(b), merged);
    assertEquals(List.of(user), merged.flags().get(0).conflictedUsers());
    try (var listed = Files.list(snapshots)) {
      assertTrue(
          listed.noneMatch(path -> path.getFileName().toString().endsWith(".tmp")),
          "no temporary file left");
    }

    Path empty = Files.createDirectory(directory.resolve("empty"));
    assertEquals(
        "--snapshots " + empty + " holds no *.json snapshot file",
        error(
            () -> {
              try {
                EvaluationSnapshot.readDirectory(empty);
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            }));
    Path file = snapshots.resolve("a.json");
    assertEquals(
        "--snapshots must name a directory: " + file,
        error(
            () -> {
              try {
                EvaluationSnapshot.readDirectory(file);
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            }));
    assertEquals(
        "x.json is not a snapshot: it is empty",
        error(() -> EvaluationSnapshot.parse("null", "x.json")));
    String bad = error(() -> EvaluationSnapshot.parse("{\"format\": 1,\n \"flags\": 2}", "y.json"));
    assertTrue(bad.startsWith("y.json is not a bucketproof-evaluation-snapshot/1 snapshot: "), bad);
    assertTrue(bad.endsWith(")") && bad.contains("(line 2, column "), bad);
    assertFalse(bad.contains("\n"), bad);
  }
}
