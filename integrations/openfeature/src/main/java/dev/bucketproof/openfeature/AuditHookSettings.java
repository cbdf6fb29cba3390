package dev.bucketproof.openfeature;

import dev.bucketproof.reports.assignments.FlagSettings;
import dev.bucketproof.reports.assignments.FlagsFile;
import dev.bucketproof.reports.statistics.Statistics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an {@link AuditHook} audits: each flag's intended weights (the FLAGS.json layout of {@code
 * report --assignments}), the bounds on its memory, the sample of targeting keys for the
 * determinism check, the level of the alarms and how often the checks run.
 *
 * <p>Memory is bounded by these numbers, never by evaluations or users: {@code maxFlags x
 * maxOutcomes} striped counters (one {@link java.util.concurrent.atomic.LongAdder} each, 1 to cores
 * cells of 128 bytes), a ring of {@code ringCapacity x 20} bytes, and a table of at most {@code
 * sampleCapacity} sampled (user, flag) pairs (16 to 32 bytes each).
 *
 * <p>Thread-safety: immutable.
 *
 * @param flags each flag's configuration, keyed by flag; other flags are counted, not tested
 * @param maxFlags the most flags counted (1..65,536); evaluations of further flags are counted
 *     together as untracked
 * @param maxOutcomes the most distinct variants (or values) counted per flag (2..1,024); further
 *     ones are counted together as overflow
 * @param ringCapacity the sampled evaluations in flight to the checking thread, a power of two
 *     (2..2^24); an evaluation that finds the ring full is not sampled (counted as dropped)
 * @param sampleCapacity the most sampled (user, flag) pairs kept for the determinism check
 *     (1..2^26); beyond it the sample halves (a consistent sample: a user kept is kept for every
 *     flag)
 * @param sampleLevel the sample at start: targeting keys whose sampling hash has its top {@code
 *     sampleLevel} bits 0, that is 1/2^sampleLevel of users (0..31)
 * @param alpha the level of the sample ratio mismatch alarm (the anytime-valid test: checking after
 *     every evaluation keeps the false-alarm rate at most alpha), in (0, 1)
 * @param concentration the concentration of the sequential test's Dirichlet prior (default 10,000,
 *     as Optimizely's {@code ssrm}), > 0
 * @param checkPeriod how often the background thread drains the ring and runs the checks; {@link
 *     Duration#ZERO} for no thread (the owner calls {@link AuditHook#check()})
 * @param examplesKept the conflicts and rule mismatches kept as examples per flag (0..1,000)
 * @param listeners who hears the alarms, in order
 */
public record AuditHookSettings(
    Map<String, FlagSettings> flags,
    int maxFlags,
    int maxOutcomes,
    int ringCapacity,
    int sampleCapacity,
    int sampleLevel,
    double alpha,
    double concentration,
    Duration checkPeriod,
    int examplesKept,
    List<AuditListener> listeners) {
  /** The default concentration of the sequential test's prior. */
  public static final double DEFAULT_CONCENTRATION = 10_000;

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException naming the parameter and the value when one is out of range
   */
  public AuditHookSettings {
    flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    listeners = List.copyOf(listeners);
    Objects.requireNonNull(checkPeriod, "checkPeriod");
    check("maxFlags", maxFlags, 1, 1 << 16);
    check("maxOutcomes", maxOutcomes, 2, 1024);
    check("ringCapacity", ringCapacity, 2, 1 << 24);
    if (Integer.bitCount(ringCapacity) != 1) {
      throw new IllegalArgumentException("ringCapacity must be a power of two: " + ringCapacity);
    }
    check("sampleCapacity", sampleCapacity, 1, 1 << 26);
    check("sampleLevel", sampleLevel, 0, 31);
    check("examplesKept", examplesKept, 0, 1000);
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be within (0, 1): " + alpha);
    }
    if (!(concentration > 0) || Double.isInfinite(concentration)) {
      throw new IllegalArgumentException("concentration must be > 0 and finite: " + concentration);
    }
    if (checkPeriod.isNegative()) {
      throw new IllegalArgumentException("checkPeriod must be >= 0: " + checkPeriod);
    }
    for (Map.Entry<String, FlagSettings> flag : flags.entrySet()) {
      for (Integer weight : flag.getValue().weights().values()) {
        if (weight == 0) {
          // The sequential test's prior needs every share > 0; a weight-0 variant is an alarm of
          // its own (an outcome outside the weights).
          throw new IllegalArgumentException(
              "flag " + flag.getKey() + ": weights must be > 0 here: " + flag.getValue().weights());
        }
      }
    }
  }

  /**
   * Returns no configured flags; 1,024 flags of 64 outcomes; a ring of 16,384; 2^20 sampled pairs
   * from 1/16 of users; alpha 0.0005; concentration 10,000; checks every second; 10 examples; the
   * SLF4J listener.
   */
  public static AuditHookSettings defaults() {
    return new AuditHookSettings(
        Map.of(),
        1024,
        64,
        1 << 14,
        1 << 20,
        4,
        Statistics.ALPHA,
        DEFAULT_CONCENTRATION,
        Duration.ofSeconds(1),
        10,
        List.of(new LoggingAuditListener()));
  }

  /**
   * Returns these settings with the flags of a FLAGS.json file.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is not the FLAGS.json layout (the message names the
   *     file, flag, key and value)
   */
  public AuditHookSettings withFlagsFile(Path flagsJson) throws IOException {
    return withFlags(FlagsFile.read(flagsJson));
  }

  /** Returns these settings with {@code flags} configured. */
  public AuditHookSettings withFlags(Map<String, FlagSettings> flags) {
    return new AuditHookSettings(
        flags,
        maxFlags,
        maxOutcomes,
        ringCapacity,
        sampleCapacity,
        sampleLevel,
        alpha,
        concentration,
        checkPeriod,
        examplesKept,
        listeners);
  }

  /** Returns these settings with the memory bounds given. */
  public AuditHookSettings withBounds(
      int maxFlags, int maxOutcomes, int ringCapacity, int sampleCapacity) {
    return new AuditHookSettings(
        flags,
        maxFlags,
        maxOutcomes,
        ringCapacity,
        sampleCapacity,
        sampleLevel,
        alpha,
        concentration,
        checkPeriod,
        examplesKept,
        listeners);
  }

  /** Returns these settings sampling 1/2^level of targeting keys at start. */
  public AuditHookSettings withSampleLevel(int level) {
    return new AuditHookSettings(
        flags,
        maxFlags,
        maxOutcomes,
        ringCapacity,
        sampleCapacity,
        level,
        alpha,
        concentration,
        checkPeriod,
        examplesKept,
        listeners);
  }

  /** Returns these settings with the alarm level {@code alpha}. */
  public AuditHookSettings withAlpha(double alpha) {
    return new AuditHookSettings(
        flags,
        maxFlags,
        maxOutcomes,
        ringCapacity,
        sampleCapacity,
        sampleLevel,
        alpha,
        concentration,
        checkPeriod,
        examplesKept,
        listeners);
  }

  /** Returns these settings checking every {@code period} ({@link Duration#ZERO}: no thread). */
  public AuditHookSettings withCheckPeriod(Duration period) {
    return new AuditHookSettings(
        flags,
        maxFlags,
        maxOutcomes,
        ringCapacity,
        sampleCapacity,
        sampleLevel,
        alpha,
        concentration,
        period,
        examplesKept,
        listeners);
  }

  /** Returns these settings with {@code listeners} instead of the current ones. */
  public AuditHookSettings withListeners(AuditListener... listeners) {
    return new AuditHookSettings(
        flags,
        maxFlags,
        maxOutcomes,
        ringCapacity,
        sampleCapacity,
        sampleLevel,
        alpha,
        concentration,
        checkPeriod,
        examplesKept,
        List.of(listeners));
  }

  private static void check(String name, int value, int low, int high) {
    if (value < low || value > high) {
      throw new IllegalArgumentException(
          name + " must be within [" + low + ", " + high + "]: " + value);
    }
  }
}
