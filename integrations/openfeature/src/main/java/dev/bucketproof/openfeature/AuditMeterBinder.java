package dev.bucketproof.openfeature;

import dev.bucketproof.reports.assignments.FlagSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Objects;

/**
 * Exposes an {@link AuditHook} to Micrometer, for each flag configured in its FLAGS.json:
 *
 * <ul>
 *   <li>{@code bucketproof.openfeature.evaluations} (function counter; tags {@code flag}, {@code
 *       outcome}): evaluations per configured variant, read from the hook's counters;
 *   <li>{@code bucketproof.openfeature.srm.p_value} (gauge; tag {@code flag}): the anytime-valid
 *       sequential SRM p-value at the last check (1 until the first);
 *   <li>{@code bucketproof.openfeature.conflicts} (function counter; tag {@code flag}): sampled
 *       users that received two variants;
 *   <li>{@code bucketproof.openfeature.hook.failures} and {@code
 *       bucketproof.openfeature.samples.dropped} (function counters): failures swallowed by the
 *       hook, sampled evaluations dropped by a full ring.
 * </ul>
 *
 * <pre>{@code
 * new AuditMeterBinder(audit).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>Flags that are not configured are counted and snapshotted but not bound (a registry's meters
 * are fixed when bound). Micrometer is an optional dependency: this class is the only one that
 * needs it.
 *
 * <p>Thread-safety: immutable; the meters read the hook, which is thread-safe.
 */
public final class AuditMeterBinder implements MeterBinder {
  private final AuditHook hook;

  /**
   * Returns a binder of {@code hook}'s meters.
   *
   * @throws NullPointerException if {@code hook} is null
   */
  public AuditMeterBinder(AuditHook hook) {
    this.hook = Objects.requireNonNull(hook, "hook");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Map.Entry<String, FlagSettings> flag : hook.settings().flags().entrySet()) {
      String flagKey = flag.getKey();
      for (String outcome : flag.getValue().weights().keySet()) {
        FunctionCounter.builder(
                "bucketproof.openfeature.evaluations",
                hook,
                audited -> audited.evaluations(flagKey, outcome))
            .tags("flag", flagKey, "outcome", outcome)
            .description("flag evaluations per configured variant")
            .register(registry);
      }
      Gauge.builder(
              "bucketproof.openfeature.srm.p_value",
              hook,
              audited -> pValue(audited.status(flagKey)))
          .tag("flag", flagKey)
          .description("anytime-valid sequential SRM p-value at the last check")
          .register(registry);
      FunctionCounter.builder(
              "bucketproof.openfeature.conflicts",
              hook,
              audited -> {
                FlagStatus status = audited.status(flagKey);
                return status == null ? 0 : status.conflicts();
              })
          .tag("flag", flagKey)
          .description("sampled users that received two variants")
          .register(registry);
    }
    FunctionCounter.builder("bucketproof.openfeature.hook.failures", hook, AuditHook::hookFailures)
        .description("failures inside the hook, swallowed")
        .register(registry);
    FunctionCounter.builder(
            "bucketproof.openfeature.samples.dropped", hook, AuditHook::droppedSamples)
        .description("sampled evaluations dropped by a full ring")
        .register(registry);
  }

  private static double pValue(FlagStatus status) {
    return status == null || Double.isNaN(status.sequentialPValue())
        ? 1
        : status.sequentialPValue();
  }
}
