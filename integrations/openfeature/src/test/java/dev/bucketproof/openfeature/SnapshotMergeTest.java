package dev.bucketproof.openfeature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.assignments.EvaluationSnapshot;
import dev.bucketproof.reports.assignments.FlagsFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Two simulated instances of a service, each evaluating a seeded share of the same stream, merge to
 * exactly the snapshot one instance would have made of the whole stream: counts, errors, the
 * sampled users and their outcomes, the conflicted users (also those whose two outcomes came from
 * different instances), and the rule checks. Only the conflict examples differ (each instance keeps
 * its first ones): they are compared as sets.
 */
class SnapshotMergeTest {
  static final long SEED = 0x5_4A95_407L;
  static final int EVALUATIONS = 60_000;
  static final String FLAGS_JSON =
      "{\"exp\": {\"weights\": {\"control\": 50, \"treatment\": 50},"
          + " \"profiles\": {\"bucketproof\": {}}},"
          + " \"banner\": {\"weights\": {\"a\": 1, \"b\": 1, \"c\": 2}}}";

  static AuditHook instance() {
    return new AuditHook(
        AuditHookSettings.defaults()
            .withFlags(FlagsFile.parse(FLAGS_JSON, "FLAGS.json"))
            .withSampleLevel(2)
            .withCheckPeriod(Duration.ZERO)
            .withListeners());
  }

  /** The variant a healthy instance serves: a salted hash, as a real bucketer would. */
  static String variant(String flag, String user, List<String> variants) {
    long hash = IdHashers.murmur3_x86_32().hash(flag + ":" + user, 0);
    return variants.get((int) (hash % variants.size()));
  }

  @Test
  void twoInstancesMergeToWhatOneWouldHaveCounted() {
    AuditHook one = instance();
    AuditHook first = instance();
    AuditHook second = instance();
    SplittableRandom random = new SplittableRandom(SEED);
    List<String> users = Providers.users(8_000);
    for (int i = 0; i < EVALUATIONS; i++) {
      String user = users.get(random.nextInt(users.size()));
      boolean onSecond = random.nextBoolean();
      AuditHook instance = onSecond ? second : first;
      String flag = random.nextInt(3) == 0 ? "banner" : "exp";
      String variant =
          flag.equals("exp")
              ? variant(flag, user, List.of("control", "treatment"))
              : variant(flag, user, List.of("a", "b", "c", "c"));
      if (onSecond && flag.equals("exp") && user.hashCode() % 11 == 0) {
        // The second instance runs another version that buckets some users differently: their
        // two outcomes are only seen together in the merge.
        variant = variant.equals("control") ? "treatment" : "control";
      }
      if (i % 997 == 0) {
        variant = "unconfigured";
      }
      one.record(flag, user, variant);
      instance.record(flag, user, variant);
      if (i % 5_000 == 0) {
        first.check();
        second.check();
        one.check();
      }
    }
    EvaluationSnapshot merged =
        EvaluationSnapshot.parse(first.snapshot().toJson(), "first")
            .merge(EvaluationSnapshot.parse(second.snapshot().toJson(), "second"));
    EvaluationSnapshot single = one.snapshot();

    assertEquals(withoutExamples(single), withoutExamples(merged));
    assertEquals(
        withoutExamples(single),
        withoutExamples(second.snapshot().merge(first.snapshot())),
        "commutative");
    EvaluationSnapshot.FlagCounts exp = merged.flags().get(1);
    assertEquals("exp", exp.flag());
    assertTrue(exp.conflicts() > 50, "cross-instance conflicts found: " + exp.conflicts());
    assertTrue(
        exp.ruleChecks().get("profile bucketproof").compared()
            > exp.ruleChecks().get("profile bucketproof").matched(),
        "the second instance's users break the rule: " + exp.ruleChecks());
    assertEquals(EVALUATIONS, merged.flags().stream().mapToLong(f -> f.evaluations()).sum());
  }

  static EvaluationSnapshot withoutExamples(EvaluationSnapshot snapshot) {
    List<EvaluationSnapshot.FlagCounts> flags = new ArrayList<>();
    for (EvaluationSnapshot.FlagCounts flag : snapshot.flags()) {
      flags.add(
          new EvaluationSnapshot.FlagCounts(
              flag.flag(),
              flag.evaluations(),
              flag.errors(),
              flag.overflow(),
              flag.outcomes(),
              flag.sampleLevel(),
              flag.sampledUsers(),
              flag.conflictedUsers(),
              flag.ruleChecks(),
              List.of()));
    }
    return new EvaluationSnapshot(EvaluationSnapshot.FORMAT, flags);
  }
}
