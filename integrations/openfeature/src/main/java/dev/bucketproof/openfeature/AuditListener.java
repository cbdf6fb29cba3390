package dev.bucketproof.openfeature;

import java.util.Map;

/**
 * Hears the alarms of an {@link AuditHook}. Each alarm fires once per flag (and, for conflicts,
 * once per {@link ConflictKind}), on the hook's checking thread, never on the thread that evaluated
 * the flag. An exception thrown here is counted ({@link AuditHook#listenerFailures()}) and
 * otherwise ignored.
 *
 * <p>Implementations must be safe to call from the checking thread.
 */
public interface AuditListener {
  /** Called once when a flag's anytime-valid sequential SRM p-value first reaches alpha. */
  default void sampleRatioMismatch(SrmAlarm alarm) {}

  /** Called once per flag and {@link ConflictKind}, at the first conflict of that kind. */
  default void conflict(ConflictAlarm alarm) {}

  /** What can make a flag's assignments inconsistent. */
  enum ConflictKind {
    /**
     * One targeting key received two outcomes of one flag: a bucketing defect or a config change.
     */
    VARIANT_CHANGED,
    /** The outcome differs from the one the flag's named bucketproof profile computes. */
    RULE_MISMATCH,
    /** An outcome that is not among the flag's configured weights. */
    UNCONFIGURED_OUTCOME
  }

  /**
   * A flag's split departs from its weights.
   *
   * @param flagKey the flag
   * @param evaluations the flag's evaluations counted when the check looked (the alarm's "at")
   * @param users the sampled users of the configured variants at that look: the test counts each
   *     user once, at its first outcome (repeated evaluations of one user are not independent)
   * @param counts sampled users per configured variant at that look, in FLAGS.json order
   * @param weights the configured weights, in order
   * @param sequentialPValue the anytime-valid p-value (running minimum over looks), <= alpha
   * @param fixedPValue the fixed-n chi-square p-value at the same counts (valid for this one look
   *     only)
   * @param alpha the level
   */
  record SrmAlarm(
      String flagKey,
      long evaluations,
      long users,
      Map<String, Long> counts,
      Map<String, Integer> weights,
      double sequentialPValue,
      double fixedPValue,
      double alpha) {}

  /**
   * A determinism conflict.
   *
   * @param kind what kind
   * @param flagKey the flag
   * @param targetingKey the user it was seen on
   * @param expected the outcome the user had before ({@link ConflictKind#VARIANT_CHANGED}), the
   *     profile's outcome ({@link ConflictKind#RULE_MISMATCH}), or the configured variants
   * @param observed the outcome the user got
   * @param evaluations the flag's evaluations counted when it was found
   */
  record ConflictAlarm(
      ConflictKind kind,
      String flagKey,
      String targetingKey,
      String expected,
      String observed,
      long evaluations) {}
}
