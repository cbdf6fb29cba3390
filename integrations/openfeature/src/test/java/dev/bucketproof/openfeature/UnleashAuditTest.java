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
import dev.openfeature.sdk.Value;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The hook on a second real provider: OpenFeature's Unleash provider 0.1.3-alpha over the Unleash
 * Java SDK 12.2.3, bootstrapped from a local features document (no network). Unleash names the
 * variant, and sticks it to the context's {@code userId}. A 500/500 split raises nothing and agrees
 * with the {@code unleash} profile; 520/480 where FLAGS.json says 500/500 raises the SRM alarm;
 * swapping the variants' order halfway (a config change) is caught by the determinism check.
 */
class UnleashAuditTest {
  static final String FLAG = "checkout-redesign";
  static final String FLAGS_JSON =
      "{\"checkout-redesign\": {\"weights\": {\"control\": 500, \"treatment\": 500},"
          + " \"profiles\": {\"unleash\": {}}}}";

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

  static void evaluate(Client client, AuditHook hook, List<String> users) {
    int evaluations = 0;
    for (String user : users) {
      // Unleash reads the user from the context's userId; the hook reads the targeting key.
      client.getStringValue(
          FLAG, "none", new ImmutableContext(user, Map.of("userId", new Value(user))));
      if (++evaluations % FlagdAuditTest.CHECK_EVERY == 0) {
        hook.check();
      }
    }
    hook.check();
  }

  @Test
  void anEvenSplitRaisesNoAlarmAndFollowsTheUnleashRule() {
    Alarms alarms = new Alarms();
    AuditHook hook = hook(alarms);
    Client client =
        client(
            "unleash-even", Providers.unleash(Providers.unleashSplit(FLAG, 500, 500, false)), hook);
    evaluate(client, hook, Providers.users(50_000));

    FlagStatus status = hook.status(FLAG);
    assertEquals(50_000, status.evaluations(), status.toString());
    assertEquals(
        Map.of(
            "control",
            status.counts().get("control"),
            "treatment",
            status.counts().get("treatment")),
        status.counts(),
        "only the configured variants");
    assertTrue(alarms.srm.isEmpty() && alarms.conflicts.isEmpty(), alarms.toString());
    assertEquals(50_000, status.ruleCompared(), status.toString());
    assertEquals(status.ruleCompared(), status.ruleMatched(), status.toString());
  }

  @Test
  void fiftyTwoFortyEightRaisesTheAlarm() {
    Alarms alarms = new Alarms();
    AuditHook hook = hook(alarms);
    Client client =
        client(
            "unleash-52", Providers.unleash(Providers.unleashSplit(FLAG, 520, 480, false)), hook);
    evaluate(client, hook, Providers.users(100_000));

    assertEquals(1, alarms.srm.size(), alarms.toString());
    AuditListener.SrmAlarm alarm = alarms.srm.get(0);
    System.out.printf(
        Locale.ROOT,
        "Unleash 520/480 against 500/500: the anytime-valid SRM alarm fired at %,d evaluations"
            + " (checked every %,d; p %.3g, fixed-n p %.3g)%n",
        alarm.evaluations(),
        FlagdAuditTest.CHECK_EVERY,
        alarm.sequentialPValue(),
        alarm.fixedPValue());
    assertTrue(alarm.counts().get("control") > alarm.counts().get("treatment"), alarm.toString());
    assertNotNull(alarms.conflict(ConflictKind.RULE_MISMATCH), alarms.toString());
    assertNull(alarms.conflict(ConflictKind.VARIANT_CHANGED), alarms.toString());
  }

  @Test
  void swappingTheVariantsHalfwayIsCaught() {
    // A second client on a provider whose config lists the variants the other way round, as a
    // second service version or a config change would: both clients carry the one hook. (Replacing
    // the provider of one domain instead makes Unleash 12 fail most evaluations while the old
    // client shuts down: the hook counts those as errors, not as assignments.)
    Alarms alarms = new Alarms();
    AuditHook hook = hook(alarms);
    Client before =
        client(
            "unleash-before",
            Providers.unleash(Providers.unleashSplit(FLAG, 500, 500, false)),
            hook);
    Client after =
        client(
            "unleash-after", Providers.unleash(Providers.unleashSplit(FLAG, 500, 500, true)), hook);
    List<String> users = Providers.users(10_000);
    evaluate(before, hook, users);
    assertTrue(alarms.conflicts.isEmpty(), alarms.toString());
    evaluate(after, hook, users);

    AuditListener.ConflictAlarm changed = alarms.conflict(ConflictKind.VARIANT_CHANGED);
    assertNotNull(changed, alarms.toString());
    assertTrue(users.contains(changed.targetingKey()), changed.toString());
    FlagStatus status = hook.status(FLAG);
    assertEquals(0, status.errors(), status.toString());
    assertTrue(status.conflicts() > 1_000, status.toString());
    assertTrue(alarms.srm.isEmpty(), "the split stayed even: " + alarms);
  }
}
