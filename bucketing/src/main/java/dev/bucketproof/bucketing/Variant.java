package dev.bucketproof.bucketing;

import java.util.Objects;

/**
 * One arm of an A/B/n split: a name and an integer weight. A variant's share of users is its weight
 * over the split's total weight.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name the variant's name, non-empty and unique within its split
 * @param weight the variant's weight, 0 or more
 */
public record Variant(String name, int weight) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty or {@code weight} is negative
   */
  public Variant {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("variant name must not be empty");
    }
    if (weight < 0) {
      throw new IllegalArgumentException(
          "variant weight must be >= 0: " + weight + " for variant " + name);
    }
  }
}
