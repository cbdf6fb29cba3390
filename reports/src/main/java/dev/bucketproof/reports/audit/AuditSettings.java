package dev.bucketproof.reports.audit;

import dev.bucketproof.reports.statistics.Statistics;
import java.util.List;
import java.util.Objects;

/**
 * How an audit runs: the flag key, the rollouts to check, alpha, the salt meta-test, threads.
 *
 * <p>Thread-safety: immutable.
 *
 * @param flagKey the flag whose buckets are audited; the independence test pairs it with {@code
 *     flagKey + "/2"}, the salt meta-test uses {@code flagKey + "/salt-0"} ...
 * @param rolloutBasisPoints the rollouts whose accuracy is checked, in basis points (500 = 5%)
 * @param alpha the level of every test
 * @param saltFlagCount how many flag keys the salt meta-test compares
 * @param saltUsers how many of the first ids the salt meta-test hashes with each of them
 * @param threads worker threads; the result does not depend on it
 * @param progress told how many ids are done, from the calling thread
 */
public record AuditSettings(
    String flagKey,
    List<Integer> rolloutBasisPoints,
    double alpha,
    int saltFlagCount,
    int saltUsers,
    int threads,
    Progress progress) {
  /** The flag key audits use unless told otherwise. */
  public static final String DEFAULT_FLAG_KEY = "bucketproof-audit";

  /** Receives progress: ids done so far of an expected total (-1 when unknown). */
  @FunctionalInterface
  public interface Progress {
    /** Called after each chunk. */
    void update(long done, long total);

    /**
     * Called about every 200 ms while a file is read: lines done, bytes done of {@code totalBytes}.
     */
    default void updateBytes(long lines, long bytes, long totalBytes) {}

    /** Returns a listener that ignores progress. */
    static Progress none() {
      return (done, total) -> {};
    }
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the flag key is empty, a rollout is outside [0, 10000],
   *     alpha is outside (0, 1), or a count is below its minimum
   */
  public AuditSettings {
    Objects.requireNonNull(flagKey, "flagKey");
    if (flagKey.isEmpty()) {
      throw new IllegalArgumentException("flagKey must not be empty");
    }
    rolloutBasisPoints = List.copyOf(rolloutBasisPoints);
    for (int basisPoints : rolloutBasisPoints) {
      if (basisPoints < 0 || basisPoints > 10_000) {
        throw new IllegalArgumentException(
            "rollout basisPoints must be within [0, 10000]: " + basisPoints);
      }
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be within (0, 1): " + alpha);
    }
    if (saltFlagCount < 0 || saltUsers < 0) {
      throw new IllegalArgumentException(
          "saltFlagCount and saltUsers must be >= 0: " + saltFlagCount + ", " + saltUsers);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    Objects.requireNonNull(progress, "progress");
  }

  /**
   * Returns the defaults: flag {@code bucketproof-audit}, rollouts 1, 5, 10, 25 and 50%, alpha
   * 0.0005, 200 salt flag keys over the first 2,000 ids (20 per bin of 100: the test's power comes
   * from the 200 p-values, not from users per key), one thread per core, no progress.
   */
  public static AuditSettings defaults() {
    return new AuditSettings(
        DEFAULT_FLAG_KEY,
        List.of(100, 500, 1000, 2500, 5000),
        Statistics.ALPHA,
        200,
        2_000,
        Runtime.getRuntime().availableProcessors(),
        Progress.none());
  }

  /** Returns these settings with another flag key. */
  public AuditSettings withFlagKey(String key) {
    return new AuditSettings(
        key, rolloutBasisPoints, alpha, saltFlagCount, saltUsers, threads, progress);
  }

  /**
   * Returns these settings with another per-gate level.
   *
   * @throws IllegalArgumentException if level is not within (0, 1)
   */
  public AuditSettings withAlpha(double level) {
    return new AuditSettings(
        flagKey, rolloutBasisPoints, level, saltFlagCount, saltUsers, threads, progress);
  }

  /** Returns these settings with another number of threads. */
  public AuditSettings withThreads(int count) {
    return new AuditSettings(
        flagKey, rolloutBasisPoints, alpha, saltFlagCount, saltUsers, count, progress);
  }

  /** Returns these settings with another progress listener. */
  public AuditSettings withProgress(Progress listener) {
    return new AuditSettings(
        flagKey, rolloutBasisPoints, alpha, saltFlagCount, saltUsers, threads, listener);
  }

  /** Returns these settings with another salt meta-test size. */
  public AuditSettings withSaltMetaTest(int flagCount, int users) {
    return new AuditSettings(
        flagKey, rolloutBasisPoints, alpha, flagCount, users, threads, progress);
  }

  /** Returns these settings with other rollouts, in basis points. */
  public AuditSettings withRollouts(List<Integer> basisPoints) {
    return new AuditSettings(
        flagKey, basisPoints, alpha, saltFlagCount, saltUsers, threads, progress);
  }
}
