package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.profiles.Profiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code report --profile NAME...}: audit compatibility profiles beside the hashers (every gate
 * runs on each profile's own buckets: Unleash 100, Optimizely 10,000, LaunchDarkly 100,000,
 * GrowthBook v1 1,000) and add the sections "Agreement between systems" and "Bias of each system's
 * rule". {@code all} names every profile with the report's parameters (LaunchDarkly salt {@code
 * bucketproof}, Split seed 1); the parameter options go to the named profiles that take them.
 */
final class ReportProfileOptions {
  @Option(
      names = "--profile",
      arity = "1..*",
      paramLabel = "NAME",
      description = "also audit these systems' bucketing (or all) and compare them: see `hashers`")
  List<String> profiles;

  @Option(
      names = "--salt",
      description = "launchdarkly: the flag's salt (default with all: bucketproof)")
  String salt;

  @Option(
      names = "--seed",
      description = "split, launchdarkly: the integer seed (default with all: split 1)")
  String seed;

  @Option(names = "--group-id", paramLabel = "ID", description = "unleash, unleash-9: the group id")
  String groupId;

  @Option(names = "--charset", description = "unleash-9, growthbook (--encoding java): the charset")
  String charset;

  @Option(
      names = "--encoding",
      description = "flagd: utf-8 or imurmurhash; growthbook: js, java or kotlin")
  String encoding;

  @Option(names = "--algorithm", description = "split: murmur or legacy")
  String algorithm;

  /** Returns the profiles asked for, in order, or an empty list. */
  List<BucketingProfile> chosen() {
    Map<String, String> given = new LinkedHashMap<>();
    putIfGiven(given, Profiles.SALT, salt);
    putIfGiven(given, Profiles.SEED, seed);
    putIfGiven(given, Profiles.GROUP_ID, groupId);
    putIfGiven(given, Profiles.CHARSET, charset);
    putIfGiven(given, Profiles.ENCODING, encoding);
    putIfGiven(given, Profiles.ALGORITHM, algorithm);
    List<String> names = Arguments.split("--profile", profiles);
    if (names.isEmpty()) {
      if (!given.isEmpty()) {
        throw new IllegalArgumentException(
            "--" + given.keySet().iterator().next() + " applies only with --profile");
      }
      return List.of();
    }
    boolean all = names.contains("all");
    if (all && names.size() > 1) {
      throw new IllegalArgumentException(
          "--profile all names every profile; name no others with it: " + names);
    }
    List<BucketingProfile> chosen = new ArrayList<>();
    List<String> used = new ArrayList<>();
    for (String name : all ? Profiles.names() : names) {
      Map<String, String> parameters = new LinkedHashMap<>();
      given.forEach(
          (key, value) -> {
            if (Profiles.parameters(name).contains(key)) {
              parameters.put(key, value);
              used.add(key);
            }
          });
      chosen.add(
          Profiles.byName(
              name, all ? Profiles.type(name).withReportDefaults(parameters) : parameters));
    }
    for (String key : given.keySet()) {
      if (!used.contains(key)) {
        throw new IllegalArgumentException(
            "--" + key + " is taken by none of the profiles " + names + ": " + given.get(key));
      }
    }
    return chosen;
  }

  private static void putIfGiven(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
