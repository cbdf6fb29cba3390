package dev.bucketproof.bucketing;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The variants of one flag's A/B/n experiment. A user's variant is chosen by cumulative weight
 * ranges over {@code unsigned(hash) mod totalWeight}, hashed with the bucketer's variant seed,
 * which differs from its rollout seed so that variant and rollout membership are independent. With
 * weights 10/30/60 the variant buckets [0, 10) get the first variant, [10, 40) the second, [40,
 * 100) the third.
 *
 * <p>Thread-safety: immutable.
 *
 * @param flagKey the flag's key, non-empty
 * @param variants at least one variant, distinct names, weights not all zero, total at most 2^31-1
 */
public record VariantSplit(String flagKey, List<Variant> variants) {
  /**
   * Validates the components and copies the list.
   *
   * @throws NullPointerException if {@code flagKey}, {@code variants} or a variant is null (the
   *     message names the parameter, or the variant's index)
   * @throws IllegalArgumentException if {@code flagKey} is empty, the list is empty, two variants
   *     share a name, the weights are all zero, or their total exceeds 2^31-1
   */
  public VariantSplit {
    BucketingProfile.requireFlagKey(flagKey);
    Objects.requireNonNull(variants, "variants");
    for (int i = 0; i < variants.size(); i++) {
      if (variants.get(i) == null) {
        throw new NullPointerException("variants[" + i + "] is null for flag " + flagKey);
      }
    }
    variants = List.copyOf(variants);
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("variants must not be empty for flag " + flagKey);
    }
    Set<String> names = new HashSet<>();
    long total = 0;
    for (Variant variant : variants) {
      if (!names.add(variant.name())) {
        throw new IllegalArgumentException(
            "variant names must be unique: " + variant.name() + " appears twice");
      }
      total += variant.weight();
    }
    if (total == 0) {
      throw new IllegalArgumentException("variant weights must not all be zero: " + variants);
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("variant weights must total at most 2^31-1: " + total);
    }
  }

  /**
   * Returns the split of {@code flagKey} into {@code variants}, in order.
   *
   * @throws NullPointerException if an argument or a variant is null (the message names its index)
   * @throws IllegalArgumentException as the constructor does
   */
  public static VariantSplit of(String flagKey, Variant... variants) {
    Objects.requireNonNull(variants, "variants");
    return new VariantSplit(flagKey, Arrays.asList(variants));
  }

  /** Returns the sum of the weights: the size of the variant bucket space. */
  public int totalWeight() {
    int total = 0;
    for (Variant variant : variants) {
      total += variant.weight();
    }
    return total;
  }
}
