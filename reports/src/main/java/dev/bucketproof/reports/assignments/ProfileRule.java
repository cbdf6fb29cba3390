package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.ProfileType;
import dev.bucketproof.bucketing.profiles.Profiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A compatibility profile as a candidate rule: the system's own decisions ({@link
 * BucketingProfile#isEnabled}, {@link BucketingProfile#variant}), so float cut-offs and per-system
 * key construction are reproduced exactly, and its bucket ({@link BucketingProfile#bucketsOf}) to
 * infer an unconfigured rollout. A rollout or split the system cannot express (Unleash takes whole
 * percents; LaunchDarkly weights total 100,000) leaves the rule unable to tell, and the row is
 * compared on the inferred cut-off instead. Profiles have no variant bucket: without weights their
 * variant rows are not compared.
 *
 * <p>Thread-safety: immutable.
 */
final class ProfileRule implements CandidateRule {
  private final BucketingProfile profile;
  private final String name;

  ProfileRule(BucketingProfile profile) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.name = "profile " + Profiles.label(profile);
  }

  /**
   * Returns a rule per profile that needs no parameter, except {@code bucketproof} (a built-in rule
   * already).
   */
  static List<CandidateRule> parameterless() {
    List<CandidateRule> rules = new ArrayList<>();
    for (ProfileType type : Profiles.types()) {
      // launchdarkly (salt or seed) and split (seed) need parameters: per flag, from FLAGS.json.
      if (!type.name().equals(Profiles.BUCKETPROOF) && !type.needsParameters()) {
        rules.add(new ProfileRule(type.create(Map.of())));
      }
    }
    return List.copyOf(rules);
  }

  /**
   * Returns the rule of profile {@code profileName} with {@code parameters}, such as {@code
   * launchdarkly} with {@code salt=abc}.
   *
   * @throws IllegalArgumentException naming the value if the profile is unknown or a parameter is
   *     wrong
   */
  static CandidateRule of(String profileName, Map<String, String> parameters) {
    return new ProfileRule(Profiles.byName(profileName, parameters));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "the "
        + Profiles.label(profile)
        + " system's own rollout and variant decision, "
        + profile.bucketCount()
        + " buckets";
  }

  @Override
  public FlagRule forFlag(String flagKey, int bucketCount, Rollout rollout, VariantSplit split) {
    ToIntFunction<CharSequence> buckets = profile.bucketsOf(flagKey);
    Rollout own = rollout == null ? null : new Rollout(flagKey, rollout.basisPoints());
    Predicate<CharSequence> enabled =
        own != null && profile.expresses(own) ? profile.enabledOf(own) : null;
    Function<CharSequence, Optional<Variant>> variants =
        split != null && profile.expresses(split) ? profile.variantsOf(split) : null;
    return new FlagRule() {
      @Override
      public int bucketCount() {
        return profile.bucketCount();
      }

      @Override
      public int bucket(String userId) {
        return buckets.applyAsInt(userId);
      }

      @Override
      public Boolean enabled(String userId) {
        return enabled == null ? null : enabled.test(userId);
      }

      @Override
      public String variant(String userId) {
        return variants == null ? null : variants.apply(userId).map(Variant::name).orElse("");
      }

      @Override
      public int variantBucket(String userId) {
        return -1;
      }
    };
  }

  @Override
  public String toString() {
    return name;
  }
}
