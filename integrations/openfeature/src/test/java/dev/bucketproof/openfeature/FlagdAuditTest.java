package dev.bucketproof.openfeature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.openfeature.AuditListener.ConflictKind;
import dev.bucketproof.reports.assignments.FlagsFile;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The hook on the real OpenFeature SDK 1.22.0 with flagd's in-process provider 0.11.15 reading a
 * flag file: a 50/50 {@code fractional} split raises no alarm in 100,000 evaluations, a 52/48 split
 * where FLAGS.json says 50/50 raises the sequential SRM alarm, and a config change that re-buckets
 * users halfway is caught by the determinism check and by the flagd profile's rule. The hook checks
 * after every {@value #CHECK_EVERY} evaluations, so the evaluation count at an alarm is exact and
 * reproducible.
 */
class FlagdAuditTest {
  static final int CHECK_EVERY = 1_000;
  static final String FLAG = "checkout-redesign";
  static final String FLAGS_JSON =
      "{\"checkout-redesign\": {\"weights\": {\"control\": 50, \"treatment\": 50},"
          + " \"profiles\": {\"flagd-0.11\": {}}}}";

  @AfterAll
  static void shutdown() {
    OpenFeatureAPI.getInstance().shutdown();
  }

  static AuditHook hook(Alarms alarms) {
    return new AuditHook(
        AuditHookSettings.defaults()
            .withFlags(FlagsFile.parse(FLAGS_JSON, "FLAGS.json"))
            .withSampleLevel(0)
            .withCheckPeriod(Duration.ZERO)
            .withListeners(alarms, new LoggingAuditListener()));
  }

  static Client client(String domain, FeatureProvider provider, AuditHook hook) {
    OpenFeatureAPI api = OpenFeatureAPI.getInstance();
    api.setProviderAndWait(domain, provider);
    Client client = api.getClient(domain);
    client.addHooks(hook);
    return client;
  }

  /** Evaluates the flag for each user in turn, checking every CHECK_EVERY evaluations. */
  static void evaluate(Client client, AuditHook hook, List<String> users, int rounds) {
    int evaluations = 0;
    for (int round = 0; round < rounds; round++) {
      for (String user : users) {
        client.getStringValue(FLAG, "none", new ImmutableContext(user));
        if (++evaluations % CHECK_EVERY == 0) {
          hook.check();
        }
      }
    }
    hook.check();
  }

  @Test
  void fiftyFiftyRaisesNoAlarmIn100000Evaluations() {
    Alarms alarms = new Alarms();
    AuditHook hook = hook(alarms);
    Client client =
        client("fifty-fifty", Providers.flagd(Providers.flagdSplit(FLAG, 50, 50, null)), hook);
    evaluate(client, hook, Providers.users(50_000), 2); // every user twice: determinism checked

    FlagStatus status = hook.status(FLAG);
    assertEquals(100_000, status.evaluations(), status.toString());
    assertTrue(alarms.srm.isEmpty() && alarms.conflicts.isEmpty(), alarms.toString());
    assertTrue(status.sequentialPValue() > 0.0005, status.toString());
    assertEquals(0, status.conflicts(), status.toString());
    assertEquals(50_000, status.sampledUsers(), "every user sampled at level 0");
    // The flagd-0.11 profile reproduces every sampled evaluation.
    assertEquals(100_000, status.ruleCompared(), status.toString());
    assertEquals(status.ruleCompared(), status.ruleMatched(), status.toString());
    assertEquals(0, hook.hookFailures());
    assertEquals(0, hook.droppedSamples());
  }

  @Test
  void fiftyTwoFortyEightRaisesTheAlarm() {
    Alarms alarms = new Alarms();
    AuditHook hook = hook(alarms);
    Client client =
        client("fifty-two", Providers.flagd(Providers.flagdSplit(FLAG, 52, 48, null)), hook);
    evaluate(client, hook, Providers.users(100_000), 1);

    assertEquals(1, alarms.srm.size(), "fires once: " + alarms);
    AuditListener.SrmAlarm alarm = alarms.srm.get(0);
    System.out.printf(
        Locale.ROOT,
        "flagd 52/48 against 50/50: the anytime-valid SRM alarm fired at %,d evaluations of %,d"
            + " distinct users (checked every %,d; p %.3g, fixed-n p %.3g)%n",
        alarm.evaluations(),
        alarm.users(),
        CHECK_EVERY,
        alarm.sequentialPValue(),
        alarm.fixedPValue());
    assertTrue(alarm.evaluations() <= 100_000, alarm.toString());
    assertTrue(alarm.counts().get("control") > alarm.counts().get("treatment"), alarm.toString());
    // The named profile under 50/50 disagrees with the users flagd moved to reach 52%.
    assertNotNull(alarms.conflict(ConflictKind.RULE_MISMATCH), alarms.toString());
    assertNull(alarms.conflict(ConflictKind.VARIANT_CHANGED), alarms.toString());
    FlagStatus status = hook.status(FLAG);
    assertEquals(alarm.evaluations(), status.srmAlarmAt());
  }

  @Test
  void aConfigChangeHalfwayIsCaughtByTheDeterminismCheck() {
    Alarms alarms = new Alarms();
    AuditHook hook = hook(alarms);
    String domain = "flip";
    Client client = client(domain, Providers.flagd(Providers.flagdSplit(FLAG, 50, 50, null)), hook);
    List<String> users = Providers.users(10_000);
    evaluate(client, hook, users, 1);
    assertTrue(alarms.conflicts.isEmpty(), "no conflict before the change: " + alarms);

    // Same weights, a new bucketing key: the split stays 50/50, half the users change variant.
    OpenFeatureAPI.getInstance()
        .setProviderAndWait(domain, Providers.flagd(Providers.flagdSplit(FLAG, 50, 50, "v2-")));
    evaluate(client, hook, users, 1);

    AuditListener.ConflictAlarm changed = alarms.conflict(ConflictKind.VARIANT_CHANGED);
    assertNotNull(changed, alarms.toString());
    assertTrue(users.contains(changed.targetingKey()), changed.toString());
    assertTrue(changed.evaluations() > 0, changed.toString());
    FlagStatus status = hook.status(FLAG);
    // About half the 10,000 users moved: 5,000 +- 5 standard deviations (50).
    assertTrue(Math.abs(status.conflicts() - 5_000) < 250, status.toString());
    assertEquals(
        1,
        alarms.conflicts.stream().filter(a -> a.kind() == ConflictKind.VARIANT_CHANGED).count(),
        "fires once per kind");
    assertNotNull(alarms.conflict(ConflictKind.RULE_MISMATCH), alarms.toString());
    assertTrue(alarms.srm.isEmpty(), "the split itself stayed 50/50: " + alarms);
  }
}
