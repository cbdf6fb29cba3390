package dev.bucketproof.reports.audit;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.ids.IdSource;
import dev.bucketproof.reports.ids.Population;
import java.io.IOException;
import java.util.ArrayList;
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

  /**
   * Returns the agreement of the systems users move between, per source (a generated population
   * capped at {@link SystemAgreement#MAX_USERS} ids; two sources capped to the same population
   * count once), the exact bias of each of {@code profiles} at {@link SystemBias#REPORT_PERCENTS}
   * ({@code bucketproof} added first when missing) and their key rules.
   *
   * @throws IOException if reading a source fails
   */
  public static SystemFindings measure(
      List<BucketingProfile> profiles, List<IdSource> sources, String flagKey, double alpha)
      throws IOException {
    List<SystemAgreement.Pair> pairs = SystemAgreement.pairs(flagKey);
    List<SystemAgreement> agreements = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (IdSource source : sources) {
      IdSource capped = source;
      if (source instanceof Population population) {
        long size = Math.min(population.size(), SystemAgreement.MAX_USERS);
        capped = Population.of(population.shape(), size);
        if (seen.contains(capped.name())) {
          continue;
        }
      }
      seen.add(capped.name());
      agreements.add(SystemAgreement.run(capped, flagKey, pairs));
    }
    List<BucketingProfile> measured = new ArrayList<>(profiles);
    if (measured.stream().noneMatch(profile -> profile.name().equals(Profiles.BUCKETPROOF))) {
      measured.add(0, Bucketer.standard());
    }
    List<SystemBias> biases = SystemBias.of(measured, SystemBias.REPORT_PERCENTS);
    return new SystemFindings(agreements, biases, alpha, keyRules(measured));
  }

  /** Returns the key rules of {@code profiles}, in their order. */
  public static List<KeyRule> keyRules(List<? extends BucketingProfile> profiles) {
    return profiles.stream()
        .map(profile -> new KeyRule(profile.name(), profile.keyCollision()))
        .toList();
  }
}
