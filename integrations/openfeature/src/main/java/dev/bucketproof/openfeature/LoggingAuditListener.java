package dev.bucketproof.openfeature;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each alarm as one WARN line of the logger {@code dev.bucketproof.openfeature.AuditHook}:
 *
 * <pre>{@code
 * sample ratio mismatch on flag checkout-redesign after 17,000 evaluations: sampled users
 *     control 8,833 / treatment 8,167 where weights are 50 / 50 (anytime-valid p 0.000445 <=
 *     alpha 0.0005; fixed-n chi-square p 3.26e-07)
 * determinism conflict VARIANT_CHANGED on flag checkout-redesign: user-4711 got treatment,
 *     earlier control (after 50,000 evaluations)
 * }</pre>
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class LoggingAuditListener implements AuditListener {
  private static final Logger LOG = LoggerFactory.getLogger(AuditHook.class);

  @Override
  public void sampleRatioMismatch(SrmAlarm alarm) {
    if (LOG.isWarnEnabled()) {
      LOG.warn(describe(alarm));
    }
  }

  @Override
  public void conflict(ConflictAlarm alarm) {
    if (LOG.isWarnEnabled()) {
      LOG.warn(describe(alarm));
    }
  }

  /** Returns the line logged for {@code alarm}. */
  public static String describe(SrmAlarm alarm) {
    StringBuilder observed = new StringBuilder();
    alarm
        .counts()
        .forEach(
            (name, count) ->
                observed
                    .append(observed.length() == 0 ? "" : " / ")
                    .append(name)
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%,d", count)));
    StringBuilder weights = new StringBuilder();
    alarm
        .weights()
        .values()
        .forEach(weight -> weights.append(weights.length() == 0 ? "" : " / ").append(weight));
    return String.format(
        Locale.ROOT,
        "sample ratio mismatch on flag %s after %,d evaluations: sampled users %s where weights"
            + " are %s (anytime-valid p %.3g <= alpha %s; fixed-n chi-square p %.3g)",
        alarm.flagKey(),
        alarm.evaluations(),
        observed,
        weights,
        alarm.sequentialPValue(),
        alarm.alpha(),
        alarm.fixedPValue());
  }

  /** Returns the line logged for {@code alarm}. */
  public static String describe(ConflictAlarm alarm) {
    String what =
        switch (alarm.kind()) {
          case VARIANT_CHANGED -> "got " + alarm.observed() + ", earlier " + alarm.expected();
          case RULE_MISMATCH ->
              "got " + alarm.observed() + ", the named profile computes " + alarm.expected();
          case UNCONFIGURED_OUTCOME ->
              "got " + alarm.observed() + ", not among the configured " + alarm.expected();
        };
    return String.format(
        Locale.ROOT,
        "determinism conflict %s on flag %s: %s %s (after %,d evaluations)",
        alarm.kind(),
        alarm.flagKey(),
        alarm.targetingKey(),
        what,
        alarm.evaluations());
  }
}
