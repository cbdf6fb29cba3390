package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.BucketingProfile;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** The profile of a {@code bucket} or {@code explain} run with {@code --profile}. */
final class ProfileFlags {
  private ProfileFlags() {}

  /**
   * Returns the profile of {@code --profile}, with {@code --seed} passed on only when given, after
   * checking that no option of the standard bucketer ({@code --hasher}, {@code --buckets}, {@code
   * --unsalted}, and {@code extra}) was given with it: nothing is silently dropped.
   *
   * @throws IllegalArgumentException naming the option or value
   */
  static BucketingProfile profile(
      CommandSpec spec, FlagOptions options, ProfileOptions profileOptions, String... extra) {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> standardOnly = new ArrayList<>(List.of("--hasher", "--buckets", "--unsalted"));
    standardOnly.addAll(List.of(extra));
    for (String option : standardOnly) {
      if (parsed.hasMatchedOption(option)) {
        throw new IllegalArgumentException(
            option
                + " applies to the standard bucketer, not with --profile "
                + profileOptions.profile);
      }
    }
    return profileOptions.profile(parsed.hasMatchedOption("--seed") ? options.seed : null);
  }
}
