package dev.bucketproof.reports.audit;

import dev.bucketproof.bucketing.BucketingProfile;
import java.util.List;

/**
 * What the report says about the compatibility profiles: who flips between the systems users move
 * between, per population, and each system's own rollout bias, computed exactly.
 *
 * <p>Thread-safety: immutable.
 *
 * @param agreements one per population, in the report's order
 * @param biases every profile at every percentage
 * @param alpha the level at which an effect is called visible (80% power)
 * @param keyRules whether each audited rule's hashed key is ambiguous (two flags sharing users)
 */
public record SystemFindings(
    List<SystemAgreement> agreements,
    List<SystemBias> biases,
    double alpha,
    List<KeyRule> keyRules) {
  /** The population sizes at which the report says whether a bias is visible. */
  public static final List<Long> SIZES = List.of(10_000L, 1_000_000L);

  /**
   * Whether one rule's hashed key can be read two ways, so that two flags share users.
   *
   * @param profile the rule's name
   * @param collision {@code "none: ..."} with the reason, or {@code "ambiguous: ..."} with an
   *     example
   */
  public record KeyRule(String profile, String collision) {
    /** Returns whether two (flag, user) pairs can hash the same key. */
    public boolean ambiguous() {
      return !collision.startsWith("none");
    }
  }

  /** Copies the lists. */
  public SystemFindings {
    agreements = List.copyOf(agreements);
    biases = List.copyOf(biases);
    keyRules = List.copyOf(keyRules);
  }

  /** Returns the key rules of {@code profiles}, in their order. */
  public static List<KeyRule> keyRules(List<? extends BucketingProfile> profiles) {
    return profiles.stream()
        .map(profile -> new KeyRule(profile.name(), profile.keyCollision()))
        .toList();
  }
}
