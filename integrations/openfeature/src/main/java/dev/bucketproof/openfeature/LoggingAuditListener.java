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

  /**
   * Returns {@code text} with control characters, line and paragraph separators and bidirectional
   * controls as {@code \\uXXXX}: a targeting key or variant is untrusted text and must not forge a
   * log line.
   */
  static String printable(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean unsafe =
          c < 0x20
              || (c >= 0x7f && c <= 0x9f)
              || c == 0x2028
              || c == 0x2029
              || (c >= 0x202a && c <= 0x202e)
              || (c >= 0x2066 && c <= 0x2069)
              || c == 0x200e
              || c == 0x200f;
      if (unsafe && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (unsafe) {
          out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
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
                    .append(printable(name))
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
        printable(alarm.flagKey()),
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
          case VARIANT_CHANGED ->
              "got " + printable(alarm.observed()) + ", earlier " + printable(alarm.expected());
          case RULE_MISMATCH ->
              "got "
                  + printable(alarm.observed())
                  + ", the named profile computes "
                  + printable(alarm.expected());
          case UNCONFIGURED_OUTCOME ->
              "got "
                  + printable(alarm.observed())
                  + ", not among the configured "
                  + printable(alarm.expected());
        };
    return String.format(
        Locale.ROOT,
        "determinism conflict %s on flag %s: %s %s (after %,d evaluations)",
        alarm.kind(),
        printable(alarm.flagKey()),
        printable(alarm.targetingKey()),
        what,
        alarm.evaluations());
  }
}
