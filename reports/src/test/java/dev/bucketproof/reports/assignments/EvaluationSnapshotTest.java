package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.audit.Gate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot's merge is commutative and associative with an identity, on seeded random snapshots;
 * JSON round-trips; bad files give one line naming the file; and the audit of a snapshot passes an
 * even split and fails a 52/48 one (the negative control) with the assignments audit's own SRM
 * gate.
 */
class EvaluationSnapshotTest {
  static final long SEED = 0xE7A1_5EEDL;
  static final List<String> FLAGS = List.of("exp", "banner", "search");
  static final List<String> OUTCOMES = List.of("control", "treatment", "other");

  /** A seeded random snapshot: random counts, users from a pool of 64 keys, random levels. */
  static EvaluationSnapshot random(SplittableRandom random) {
    List<EvaluationSnapshot.FlagCounts> flags = new ArrayList<>();
    for (String flag : FLAGS) {
      if (random.nextInt(4) == 0) {
        continue;
      }
      Map<String, Long> outcomes = new LinkedHashMap<>();
      long evaluations = 0;
      for (String outcome : OUTCOMES) {
        if (random.nextBoolean()) {
          long count = random.nextInt(1000);
          outcomes.put(outcome, count);
          evaluations += count;
        }
      }
      long overflow = random.nextInt(3);
      int level = random.nextInt(3);
      Map<String, String> users = new TreeMap<>();
      List<String> conflicted = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        // Keys spread over the top bits so that levels 0..2 keep different users.
        String key = EvaluationSnapshot.formatKey(((long) i << 58) | 0x1234L * (i + 1));
        if (!EvaluationSnapshot.kept(key, level) || random.nextInt(3) == 0) {
          continue;
        }
        if (random.nextInt(10) == 0) {
          conflicted.add(key);
        } else {
          users.put(key, OUTCOMES.get(random.nextInt(2)));
        }
      }
      Map<String, EvaluationSnapshot.RuleCheck> rules = new TreeMap<>();
      if (random.nextBoolean()) {
        long compared = random.nextInt(100);
        rules.put("profile unleash", new EvaluationSnapshot.RuleCheck(compared, compared / 2));
      }
      flags.add(
          new EvaluationSnapshot.FlagCounts(
              flag,
              evaluations + overflow,
              random.nextInt(5),
              overflow,
              outcomes,
              level,
              users,
              conflicted,
              rules,
              List.of()));
    }
    return new EvaluationSnapshot(EvaluationSnapshot.FORMAT, flags);
  }

  @Test
  void mergeIsCommutativeAssociativeWithAnIdentity() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int trial = 0; trial < 500; trial++) {
      EvaluationSnapshot a = random(random);
      EvaluationSnapshot b = random(random);
      EvaluationSnapshot c = random(random);
      String seed = "seed " + Long.toHexString(SEED) + ", trial " + trial;
      assertEquals(a, a.merge(EvaluationSnapshot.empty()), "identity, " + seed);
      assertEquals(a, EvaluationSnapshot.empty().merge(a), "identity, " + seed);
      assertEquals(a.merge(b), b.merge(a), "commutative, " + seed + ": " + a + " / " + b);
      assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)), "associative, " + seed);
    }
  }

  @Test
  void aUserWithDifferentOutcomesOnTwoInstancesIsConflicted() {
    String key = EvaluationSnapshot.formatKey(0x0123_4567_89ab_cdefL);
    EvaluationSnapshot first = single("exp", Map.of("control", 1L), Map.of(key, "control"));
    EvaluationSnapshot second = single("exp", Map.of("treatment", 1L), Map.of(key, "treatment"));
    EvaluationSnapshot.FlagCounts merged = first.merge(second).flags().get(0);
    assertEquals(List.of(key), merged.conflictedUsers());
    assertEquals(Map.of(), merged.sampledUsers());
    assertEquals(Map.of("control", 1L, "treatment", 1L), merged.outcomes());
    assertEquals(1, first.merge(first).flags().get(0).sampledUsers().size(), "same outcome: no");
  }

  @Test
  void jsonRoundTrips(@TempDir Path directory) throws Exception {
    EvaluationSnapshot snapshot = random(new SplittableRandom(SEED));
    Path file = directory.resolve("instance-1.json");
    snapshot.write(file);
    assertEquals(snapshot, EvaluationSnapshot.read(file));
    assertEquals(snapshot.toJson(), Files.readString(file), "byte-reproducible");
  }

  @Test
  void badFilesAreOneLineNamingTheFile() {
    IllegalArgumentException notJson =
        assertThrows(IllegalArgumentException.class, () -> EvaluationSnapshot.parse("{", "a.json"));
    assertTrue(notJson.getMessage().startsWith("a.json is not a "), notJson.getMessage());
    assertTrue(!notJson.getMessage().contains("\n"), notJson.getMessage());
    IllegalArgumentException wrongFormat =
        assertThrows(
            IllegalArgumentException.class,
            () -> EvaluationSnapshot.parse("{\"format\": \"other/9\", \"flags\": []}", "b.json"));
    assertTrue(wrongFormat.getMessage().contains("format must be"), wrongFormat.getMessage());
    IllegalArgumentException badSum =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EvaluationSnapshot.parse(
                    "{\"format\": \""
                        + EvaluationSnapshot.FORMAT
                        + "\", \"flags\": [{\"flag\": \"exp\", \"evaluations\": 5, \"errors\": 0,"
                        + " \"overflow\": 0, \"outcomes\": {\"a\": 4}, \"sampleLevel\": 0,"
                        + " \"sampledUsers\": {}, \"conflictedUsers\": [], \"ruleChecks\": {},"
                        + " \"examples\": []}]}",
                    "c.json"));
    assertTrue(
        badSum.getMessage().contains("c.json") && badSum.getMessage().contains("5 != 4"),
        badSum.getMessage());
  }

  /** A snapshot of {@code users} sampled users split control/treatment by {@code controlShare}. */
  static EvaluationSnapshot split(int users, double controlShare, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, String> sampled = new TreeMap<>();
    long control = 0;
    for (int i = 0; i < users; i++) {
      String outcome = random.nextDouble() < controlShare ? "control" : "treatment";
      control += outcome.equals("control") ? 1 : 0;
      sampled.put(EvaluationSnapshot.formatKey(random.nextLong()), outcome);
    }
    Map<String, Long> outcomes = new LinkedHashMap<>();
    outcomes.put("control", control * 3); // each user evaluated 3 times
    outcomes.put("treatment", (users - control) * 3);
    return single("exp", outcomes, sampled);
  }

  static EvaluationSnapshot single(
      String flag, Map<String, Long> outcomes, Map<String, String> users) {
    long evaluations = outcomes.values().stream().mapToLong(Long::longValue).sum();
    return new EvaluationSnapshot(
        EvaluationSnapshot.FORMAT,
        List.of(
            new EvaluationSnapshot.FlagCounts(
                flag, evaluations, 0, 0, outcomes, 0, users, List.of(), Map.of(), List.of())));
  }

  static Gate srmGate(EvaluationSnapshot snapshot) {
    AssignmentSettings settings =
        AssignmentSettings.defaults()
            .withFlags(
                FlagsFile.parse(
                    "{\"exp\": {\"weights\": {\"control\": 50, \"treatment\": 50}}}", "flags"));
    AssignmentFindings findings = snapshot.audit("snapshots", settings);
    assertEquals(20_000, findings.rowsAudited(), "one row per sampled user");
    return findings.gates().stream()
        .filter(gate -> gate.name().equals("sample ratio mismatch"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theAuditPassesAnEvenSplitAndFailsFiftyTwoFortyEight() {
    Gate even = srmGate(split(20_000, 0.50, SEED));
    assertEquals(Gate.Verdict.PASS, even.verdict(), even.toString());
    Gate skewed = srmGate(split(20_000, 0.52, SEED));
    assertEquals(Gate.Verdict.FAIL, skewed.verdict(), skewed.toString());
  }
}
