package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bucketproof.reports.statistics.Statistics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link AuditSettings}: the defaults, each wither, and each refusal at the edge of its range. */
class AuditSettingsTest {

  private static final AuditSettings DEFAULTS = AuditSettings.defaults();

  private static String refusal(Executable settings) {
    return assertThrows(IllegalArgumentException.class, settings).getMessage();
  }

  private static AuditSettings with(List<Integer> rollouts, double alpha, int flags, int users) {
    return new AuditSettings("f", rollouts, alpha, flags, users, 1, AuditSettings.Progress.none());
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertEquals("bucketproof-audit", DEFAULTS.flagKey());
    assertEquals(List.of(100, 500, 1000, 2500, 5000), DEFAULTS.rolloutBasisPoints());
    assertEquals(Statistics.ALPHA, DEFAULTS.alpha());
    assertEquals(200, DEFAULTS.saltFlagCount());
    assertEquals(2_000, DEFAULTS.saltUsers());
    assertEquals(Runtime.getRuntime().availableProcessors(), DEFAULTS.threads());
  }

  @Test
  void eachWitherChangesItsComponentAndNothingElse() {
    AuditSettings.Progress progress = (done, total) -> {};
    AuditSettings changed =
        DEFAULTS
            .withFlagKey("checkout")
            .withAlpha(0.01)
            .withThreads(3)
            .withProgress(progress)
            .withSaltMetaTest(50, 700)
            .withRollouts(List.of(0, 10_000));
    assertEquals(
        new AuditSettings("checkout", List.of(0, 10_000), 0.01, 50, 700, 3, progress), changed);
    assertEquals("checkout", DEFAULTS.withFlagKey("checkout").flagKey());
    assertEquals(DEFAULTS.alpha(), DEFAULTS.withFlagKey("checkout").alpha());
    assertEquals(0.01, DEFAULTS.withAlpha(0.01).alpha());
    assertEquals(DEFAULTS.flagKey(), DEFAULTS.withAlpha(0.01).flagKey());
    assertSame(progress, DEFAULTS.withProgress(progress).progress());
    assertNotSame(DEFAULTS.progress(), progress);
  }

  @Test
  void theRolloutsAreCopied() {
    List<Integer> rollouts = new ArrayList<>(List.of(100));
    AuditSettings settings = with(rollouts, 0.01, 0, 0);
    rollouts.add(200);
    assertEquals(List.of(100), settings.rolloutBasisPoints());
  }

  @Test
  void eachComponentIsRefusedJustOutsideItsRangeAndAcceptedAtItsEdge() {
    assertEquals("flagKey must not be empty", refusal(() -> DEFAULTS.withFlagKey("")));
    assertEquals(
        "flagKey",
        assertThrows(NullPointerException.class, () -> DEFAULTS.withFlagKey(null)).getMessage());
    assertEquals(
        "rollout basisPoints must be within [0, 10000]: -1",
        refusal(() -> with(List.of(-1), 0.01, 0, 0)));
    assertEquals(
        "rollout basisPoints must be within [0, 10000]: 10001",
        refusal(() -> with(List.of(5, 10_001), 0.01, 0, 0)));
    assertEquals(List.of(0, 10_000), with(List.of(0, 10_000), 0.01, 0, 0).rolloutBasisPoints());
    for (double alpha : new double[] {0, 1, Double.NaN}) {
      assertEquals(
          "alpha must be within (0, 1): " + alpha, refusal(() -> DEFAULTS.withAlpha(alpha)));
    }
    assertEquals(Math.nextUp(0.0), DEFAULTS.withAlpha(Math.nextUp(0.0)).alpha());
    assertEquals(
        "saltFlagCount and saltUsers must be >= 0: -1, 5",
        refusal(() -> DEFAULTS.withSaltMetaTest(-1, 5)));
    assertEquals(
        "saltFlagCount and saltUsers must be >= 0: 5, -1",
        refusal(() -> DEFAULTS.withSaltMetaTest(5, -1)));
    assertEquals(0, DEFAULTS.withSaltMetaTest(0, 0).saltUsers());
    assertEquals("threads must be >= 1: 0", refusal(() -> DEFAULTS.withThreads(0)));
    assertEquals(1, DEFAULTS.withThreads(1).threads());
    assertEquals(
        "progress",
        assertThrows(NullPointerException.class, () -> DEFAULTS.withProgress(null)).getMessage());
  }
}
