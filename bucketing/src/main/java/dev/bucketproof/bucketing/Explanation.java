package dev.bucketproof.bucketing;

import java.util.List;

/**
 * Every step of one rollout decision, as {@link Bucketer#explain} computed it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param hasher the hasher's name, such as {@code bucketproof:murmur3_x86_32}
 * @param hashedKey the string that was hashed ({@code flagKey:userId}, or {@code userId} unsalted)
 * @param seed the rollout seed
 * @param hash the hash, to be read as unsigned ({@link Long#toUnsignedString})
 * @param bucketCount the number of buckets
 * @param bucket {@code unsigned(hash) mod bucketCount}
 * @param rolloutPercent the rollout's percentage, exact, such as {@code 12.5}
 * @param threshold the number of enabled buckets: buckets [0, threshold) are enabled
 * @param enabled whether {@code bucket < threshold}
 * @param variant the variant choice, or null when no split was given
 * @param steps the system's own rule, one step per line (a profile's float cut-off, its key layout);
 *     empty for the standard bucketer
 */
public record Explanation(
    String hasher,
    String hashedKey,
    int seed,
    long hash,
    int bucketCount,
    int bucket,
    String rolloutPercent,
    int threshold,
    boolean enabled,
    VariantChoice variant,
    List<String> steps) {

  /** Copies {@code steps}. */
  public Explanation {
    steps = List.copyOf(steps);
  }

  /** Returns the explanation of a decision with no system-specific steps. */
  public Explanation(String hasher, String hashedKey, int seed, long hash, int bucketCount, int bucket,
      String rolloutPercent, int threshold, boolean enabled, VariantChoice variant) {
    this(hasher, hashedKey, seed, hash, bucketCount, bucket, rolloutPercent, threshold, enabled, variant,
        List.of());
  }

  /**
   * The variant step of a decision.
   *
   * @param name the chosen variant, or {@code (none)} when the system gives none
   * @param seed the variant seed
   * @param bucket the variant bucket, in [0, totalWeight)
   * @param totalWeight the sum of the split's weights
   */
  public record VariantChoice(String name, int seed, int bucket, int totalWeight) {}

  /** Returns a few lines that a person reads: one step per line. */
  public String describe() {
    StringBuilder text = new StringBuilder()
        .append("hasher     ").append(hasher).append('\n')
        .append("key        ").append(hashedKey).append('\n')
        .append("seed       ").append(Integer.toUnsignedString(seed)).append('\n')
        .append("hash       ").append(Long.toUnsignedString(hash)).append('\n')
        .append("bucket     ").append(bucket).append(" of ").append(bucketCount).append('\n')
        .append("rollout    ").append(rolloutPercent).append("% -> buckets [0, ").append(threshold).append(")\n")
        .append("enabled    ").append(enabled).append('\n');
    for (String step : steps) {
      text.append("rule       ").append(step).append('\n');
    }
    if (variant != null) {
      text.append("variant    ").append(variant.name()).append(" (variant bucket ").append(variant.bucket())
          .append(" of ").append(variant.totalWeight()).append(", seed ")
          .append(Integer.toUnsignedString(variant.seed())).append(")\n");
    }
    return text.toString();
  }
}
