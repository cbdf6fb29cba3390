package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.profiles.Profiles;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that choose a compatibility profile and its parameters, shared by {@code bucket} and
 * {@code explain}. {@code --flag} carries each system's per-flag key (Unleash's group id,
 * Optimizely's experiment id, LaunchDarkly's and flagd's flag key, GrowthBook's seed); Split hashes
 * the id alone and takes the split's seed from {@code --seed}.
 */
final class ProfileOptions {
  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "decide as this system does: bucketproof, unleash, unleash-9, optimizely, launchdarkly,"
              + " flagd-0.11, flagd, split, growthbook, growthbook-v1 (see `hashers`)")
  String profile;

  @Mixin ProfileParameters parameters = new ProfileParameters();

  /**
   * Returns the profile of {@code --profile} with the parameters given, {@code seed} being the
   * explicit {@code --seed} or null.
   *
   * @throws IllegalArgumentException naming the value for an unknown profile, a parameter the
   *     profile does not take, or a missing required one
   */
  BucketingProfile profile(String seed) {
    return Profiles.byName(profile, parameters.given(seed));
  }

  /**
   * Checks that no profile parameter was given without {@code --profile}.
   *
   * @throws IllegalArgumentException naming the first such option
   */
  void requireNoParametersWithoutProfile() {
    if (profile == null) {
      for (Map.Entry<String, String> entry : parameters.given(null).entrySet()) {
        throw new IllegalArgumentException(
            "--" + entry.getKey() + " applies only with --profile: " + entry.getValue());
      }
    }
  }
}
