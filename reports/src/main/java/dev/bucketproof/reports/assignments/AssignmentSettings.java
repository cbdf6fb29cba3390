package dev.bucketproof.reports.assignments;

import dev.bucketproof.reports.statistics.Statistics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an assignments audit runs: each flag's configuration, the candidate rules of the fingerprint,
 * the bound on per-user state, and the level of every gate.
 *
 * <p>Thread-safety: immutable.
 *
 * @param flags the configured flags, keyed by flag; a flag not here is audited as {@link
 *     FlagSettings#NONE}
 * @param candidates the rules the fingerprint tries, in order (ties are reported in this order)
 * @param sampleCapacity the most (user, flag) pairs kept for conflicts and overlap, 1..2^30; beyond
 *     it the users are sampled (see {@link AssignmentAudit})
 * @param alpha the level of each gate, and the family-wise level of the pair tests, in (0, 1)
 */
public record AssignmentSettings(
    Map<String, FlagSettings> flags,
    List<CandidateRule> candidates,
    int sampleCapacity,
    double alpha) {
  /**
   * The default bound on per-user state: 2^20 (user, flag) pairs: 16 to 64 MiB of hash tables (16
   * bytes a slot, one to four slots a pair).
   */
  public static final int DEFAULT_SAMPLE_CAPACITY = 1 << 20;

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if {@code flags}, {@code candidates} or an element is null
   * @throws IllegalArgumentException if the capacity is outside [1, 2^30] or alpha outside (0, 1)
   */
  public AssignmentSettings {
    flags =
        Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(flags, "flags")));
    candidates = List.copyOf(candidates);
    if (sampleCapacity < 1 || sampleCapacity > 1 << 30) {
      throw new IllegalArgumentException(
          "sampleCapacity must be within [1, 1073741824]: " + sampleCapacity);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be within (0, 1): " + alpha);
    }
  }

  /** Returns no configured flags, the built-in rules, the default capacity and alpha 0.0005. */
  public static AssignmentSettings defaults() {
    return new AssignmentSettings(
        Map.of(), CandidateRules.builtIn(), DEFAULT_SAMPLE_CAPACITY, Statistics.ALPHA);
  }

  /** Returns these settings with {@code flags} configured. */
  public AssignmentSettings withFlags(Map<String, FlagSettings> flags) {
    return new AssignmentSettings(flags, candidates, sampleCapacity, alpha);
  }

  /** Returns these settings with the fingerprint trying {@code candidates}. */
  public AssignmentSettings withCandidates(List<CandidateRule> candidates) {
    return new AssignmentSettings(flags, candidates, sampleCapacity, alpha);
  }

  /**
   * Returns these settings with every gate at level {@code alpha}.
   *
   * @throws IllegalArgumentException if alpha is not within (0, 1)
   */
  public AssignmentSettings withAlpha(double alpha) {
    return new AssignmentSettings(flags, candidates, sampleCapacity, alpha);
  }

  /** Returns these settings keeping at most {@code sampleCapacity} (user, flag) pairs. */
  public AssignmentSettings withSampleCapacity(int sampleCapacity) {
    return new AssignmentSettings(flags, candidates, sampleCapacity, alpha);
  }

  /** Returns the configuration of {@code flagKey}, or {@link FlagSettings#NONE}. */
  public FlagSettings flag(String flagKey) {
    return flags.getOrDefault(flagKey, FlagSettings.NONE);
  }
}
