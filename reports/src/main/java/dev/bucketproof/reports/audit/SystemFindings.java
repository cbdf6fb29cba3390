package dev.bucketproof.reports.audit;

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
 */
public record SystemFindings(List<SystemAgreement> agreements, List<SystemBias> biases, double alpha) {
  /** The population sizes at which the report says whether a bias is visible. */
  public static final List<Long> SIZES = List.of(10_000L, 1_000_000L);

  /** Copies the lists. */
  public SystemFindings {
    agreements = List.copyOf(agreements);
    biases = List.copyOf(biases);
  }
}
