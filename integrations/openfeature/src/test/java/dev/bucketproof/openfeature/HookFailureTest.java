package dev.bucketproof.openfeature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Value;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A failure inside the hook never reaches the caller nor changes the evaluation: it is swallowed
 * and counted. The failure is a real one, not a switch in the hook: a provider whose values throw
 * from {@code equals}, which the hook calls to find the value's counter.
 */
class HookFailureTest {
  static final int EVALUATIONS = 1_000;

  @AfterAll
  static void shutdown() {
    OpenFeatureAPI.getInstance().shutdown();
  }

  /** A value whose equals throws, as a broken provider's value might. */
  static final class HostileValue extends Value {
    HostileValue(String text) {
      super(text);
    }

    @Override
    public boolean equals(Object other) {
      throw new IllegalStateException("hostile equals");
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  /** Serves a new HostileValue for every object evaluation, with no variant. */
  static final class HostileProvider implements FeatureProvider {
    @Override
    public Metadata getMetadata() {
      return () -> "hostile";
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(
        String key, Boolean defaultValue, EvaluationContext context) {
      return ProviderEvaluation.<Boolean>builder().value(true).variant("on").build();
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(
        String key, String defaultValue, EvaluationContext context) {
      return ProviderEvaluation.<String>builder().value(defaultValue).build();
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(
        String key, Integer defaultValue, EvaluationContext context) {
      return ProviderEvaluation.<Integer>builder().value(defaultValue).build();
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(
        String key, Double defaultValue, EvaluationContext context) {
      return ProviderEvaluation.<Double>builder().value(defaultValue).build();
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(
        String key, Value defaultValue, EvaluationContext context) {
      return ProviderEvaluation.<Value>builder()
          .value(new HostileValue(context.getTargetingKey()))
          .reason("TARGETING_MATCH")
          .build();
    }
  }

  @Test
  void failuresAreSwallowedCountedAndNeverChangeTheEvaluation() {
    AuditHook hook =
        new AuditHook(AuditHookSettings.defaults().withCheckPeriod(Duration.ZERO).withListeners());
    OpenFeatureAPI api = OpenFeatureAPI.getInstance();
    api.setProviderAndWait("hostile", new HostileProvider());
    Client client = api.getClient("hostile");
    client.addHooks(hook);
    for (int i = 0; i < EVALUATIONS; i++) {
      FlagEvaluationDetails<Value> details =
          client.getObjectDetails("payload", new Value("default"), new ImmutableContext("u" + i));
      assertEquals(HostileValue.class, details.getValue().getClass(), "the provider's value");
      assertEquals("u" + i, details.getValue().asString());
      assertNull(details.getErrorCode(), "no error reaches the caller");
      assertEquals("TARGETING_MATCH", details.getReason());
    }
    // The first value takes a free counter without equals; every later one calls the hostile
    // equals and fails inside the hook.
    assertEquals(EVALUATIONS - 1, hook.hookFailures());
    // A healthy flag on the same hook is unaffected.
    assertSame(Boolean.TRUE, client.getBooleanValue("healthy", false, new ImmutableContext("u")));
    hook.check();
    assertEquals(Map.of("on", 1L), hook.status("healthy").counts());
  }

  @Test
  void aListenerThatThrowsIsCountedAndTheChecksGoOn() {
    AuditListener hostile =
        new AuditListener() {
          @Override
          public void conflict(ConflictAlarm alarm) {
            throw new IllegalStateException("hostile listener");
          }
        };
    Alarms alarms = new Alarms();
    AuditHook hook =
        new AuditHook(
            AuditHookSettings.defaults()
                .withSampleLevel(0)
                .withCheckPeriod(Duration.ZERO)
                .withListeners(hostile, alarms));
    hook.record("flag", "user-1", "a");
    hook.record("flag", "user-1", "b");
    hook.check();
    assertEquals(1, hook.listenerFailures());
    assertEquals(1, alarms.conflicts.size(), "the next listener still hears it");
    assertEquals(1, hook.status("flag").conflicts());
  }
}
