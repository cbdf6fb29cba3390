package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one flag was configured to do: its rollout percentage, its variant weights, or both, and the
 * number of buckets of its bucket column. A flag with neither rollout nor weights still gets the
 * uniformity and independence checks; its rollout and SRM gates are inconclusive.
 *
 * <p>Thread-safety: immutable.
 *
 * @param rolloutBasisPoints the intended rollout in basis points (500 = 5%), or null
 * @param weights the intended variant weights in order (the first is the control), or empty
 * @param bucketCount the number of buckets of the export's bucket column, 1..1,000,000 (default
 *     100)
 * @param profiles compatibility profiles to try on this flag beyond the built-in rules, by profile
 *     name, with their parameters (LaunchDarkly's {@code salt} or {@code seed}, Split's {@code
 *     seed})
 */
public record FlagSettings(
    Integer rolloutBasisPoints,
    Map<String, Integer> weights,
    int bucketCount,
    Map<String, Map<String, String>> profiles) {
  /** The bucket count of a flag that does not name one: 1% steps. */
  public static final int DEFAULT_BUCKET_COUNT = 100;

  /** The largest bucket count: a histogram of 8 MB per flag. */
  public static final int MAX_BUCKET_COUNT = 1_000_000;

  /** A flag that is not configured. */
  public static final FlagSettings NONE = new FlagSettings(null, Map.of(), DEFAULT_BUCKET_COUNT);

  /**
   * Validates the components and copies the weights, keeping their order.
   *
   * @throws NullPointerException if {@code weights} is null
   * @throws IllegalArgumentException if the rollout is outside [0, 10000] basis points, a weight is
   *     negative or its name empty, the weights are all zero or there is only one, or the bucket
   *     count is outside [1, 1000000]
   */
  public FlagSettings {
    if (rolloutBasisPoints != null
        && (rolloutBasisPoints < 0 || rolloutBasisPoints > Rollout.FULL)) {
      throw new IllegalArgumentException(
          "rollout must be within [0, 100]: " + rolloutBasisPoints / 100.0);
    }
    Objects.requireNonNull(weights, "weights");
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    if (!weights.isEmpty()) {
      if (weights.size() < 2) {
        throw new IllegalArgumentException("weights need at least 2 variants: " + weights);
      }
      long total = 0;
      for (Map.Entry<String, Integer> entry : weights.entrySet()) {
        if (entry.getKey().isEmpty()) {
          throw new IllegalArgumentException("variant names must not be empty: " + weights);
        }
        if (entry.getValue() == null || entry.getValue() < 0) {
          throw new IllegalArgumentException(
              "weight of variant " + entry.getKey() + " must be >= 0: " + entry.getValue());
        }
        total += entry.getValue();
      }
      if (total == 0 || total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("weights must total within [1, 2147483647]: " + total);
      }
    }
    if (bucketCount < 1 || bucketCount > MAX_BUCKET_COUNT) {
      throw new IllegalArgumentException("buckets must be within [1, 1000000]: " + bucketCount);
    }
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    Objects.requireNonNull(profiles, "profiles")
        .forEach((name, parameters) -> copy.put(name, Map.copyOf(parameters)));
    profiles = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns settings without extra profiles.
   *
   * @throws IllegalArgumentException as the canonical constructor
   */
  public FlagSettings(Integer rolloutBasisPoints, Map<String, Integer> weights, int bucketCount) {
    this(rolloutBasisPoints, weights, bucketCount, Map.of());
  }

  /** Returns the configured rollout of {@code flagKey}, or null. */
  public Rollout rollout(String flagKey) {
    return rolloutBasisPoints == null ? null : new Rollout(flagKey, rolloutBasisPoints);
  }

  /** Returns the rules of the extra profiles, in order. */
  List<CandidateRule> profileRules() {
    List<CandidateRule> rules = new ArrayList<>();
    profiles.forEach((name, parameters) -> rules.add(ProfileRule.of(name, parameters)));
    return rules;
  }

  /** Returns whether a rollout percentage is configured. */
  public boolean hasRollout() {
    return rolloutBasisPoints != null;
  }

  /** Returns whether variant weights are configured. */
  public boolean hasWeights() {
    return !weights.isEmpty();
  }

  /** Returns the configured split of {@code flagKey}, or null when no weights are configured. */
  public VariantSplit split(String flagKey) {
    if (weights.isEmpty()) {
      return null;
    }
    List<Variant> variants = new ArrayList<>();
    weights.forEach((name, weight) -> variants.add(new Variant(name, weight)));
    return new VariantSplit(flagKey, variants);
  }

  /** Returns the rollout as a percentage string, such as {@code 5} or {@code 12.5}, or null. */
  public String rolloutPercent() {
    return rolloutBasisPoints == null
        ? null
        : new Rollout("flag", rolloutBasisPoints).percent().toPlainString();
  }
}
