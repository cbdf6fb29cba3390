package dev.bucketproof.openfeature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bucketproof.openfeature.AuditListener.ConflictAlarm;
import dev.bucketproof.openfeature.AuditListener.ConflictKind;
import org.junit.jupiter.api.Test;

/** The logged line: one line whatever the targeting key holds. */
class LoggingAuditListenerTest {
  @Test
  void untrustedTextCannotForgeALogLine() {
    String line =
        LoggingAuditListener.describe(
            new ConflictAlarm(
                ConflictKind.VARIANT_CHANGED,
                "exp",
                "user\n2026-12-02 WARN forged\u202e",
                "control",
                "treatment",
                42));
    assertEquals(
        "determinism conflict VARIANT_CHANGED on flag exp: user\\u000a2026-12-02 WARN"
            + " forged\\u202e got treatment, earlier control (after 42 evaluations)",
        line);
  }
}
