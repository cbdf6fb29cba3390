package dev.bucketproof.bucketing.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutShare;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The registry table and what each profile says about itself: parameters with types and defaults,
 * report defaults that make a profile, rollout shares that agree with the decisions, weight units
 * that the system takes. Also the worked example of README "Adding a profile".
 */
class ProfileTypeTest {

  @Test
  void everyNameIsRegisteredOnceAndNamesItsProfile() {
    Set<String> seen = new HashSet<>();
    for (ProfileType type : Profiles.types()) {
      assertTrue(seen.add(type.name()), "registered twice: " + type.name());
      assertEquals(type, Profiles.type(type.name()));
      assertEquals(type.name(), type.reportProfile().name(), "report profile of " + type.name());
      assertFalse(type.decisionRule().isBlank(), type.name());
      assertFalse(type.weightUnit().isBlank(), type.name());
      assertFalse(type.verifiedAgainst().isBlank(), type.name());
    }
    assertEquals(Profiles.names(), Profiles.types().stream().map(ProfileType::name).toList());
    assertEquals(Profiles.BUCKETPROOF, Profiles.names().get(0));
  }

  @Test
  void anUnknownNameIsRefusedAndNeverBecomesAnotherProfile() {
    for (String name : List.of("growthbook-v3", "GrowthBook", "", " unleash", "all")) {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> Profiles.type(name), name);
      assertTrue(error.getMessage().startsWith("unknown profile: " + name + " (known: "), name);
    }
  }

  @Test
  void parametersStateTheirTypeNeedAndDefault() {
    ProfileType split = Profiles.type(Profiles.SPLIT);
    assertEquals(List.of(Profiles.SEED, Profiles.ALGORITHM), names(split.parameters()));
    assertEquals(Parameter.Type.INTEGER, split.parameters().get(0).type());
    assertEquals(Parameter.Need.REQUIRED, split.parameters().get(0).need());
    assertEquals(List.of("legacy", "murmur"), split.parameters().get(1).choices());
    assertEquals("murmur", split.parameters().get(1).defaultValue());
    assertTrue(split.needsParameters());
    assertEquals(Map.of(Profiles.SEED, "1"), split.reportDefaults());

    ProfileType launchDarkly = Profiles.type(Profiles.LAUNCHDARKLY);
    assertTrue(launchDarkly.parameters().stream().allMatch(p -> p.need() == Parameter.Need.ONE_OF));
    assertTrue(launchDarkly.needsParameters());

    assertFalse(Profiles.type(Profiles.UNLEASH_9).needsParameters());
    assertEquals(
        "UTF-8",
        Profiles.type(Profiles.UNLEASH_9).parameters().stream()
            .filter(p -> p.name().equals(Profiles.CHARSET))
            .findFirst()
            .orElseThrow()
            .defaultValue());
  }

  @Test
  void reportDefaultsFillOnlyWhatNothingGivenStandsFor() {
    ProfileType launchDarkly = Profiles.type(Profiles.LAUNCHDARKLY);
    assertEquals(Map.of(Profiles.SALT, "bucketproof"), launchDarkly.withReportDefaults(Map.of()));
    assertEquals(
        Map.of(Profiles.SEED, "7"), launchDarkly.withReportDefaults(Map.of(Profiles.SEED, "7")));
    assertEquals(
        Map.of(Profiles.SEED, "9"),
        Profiles.type(Profiles.SPLIT).withReportDefaults(Map.of(Profiles.SEED, "9")));
    assertEquals(
        Map.of(Profiles.GROUP_ID, "g"),
        Profiles.type(Profiles.UNLEASH).withReportDefaults(Map.of(Profiles.GROUP_ID, "g")));
  }

  @Test
  void choicesIgnoreCaseAndTheSpellingOfTheDash() {
    assertEquals(
        FlagdProfile.flagd(FlagdProfile.Encoding.UTF_8),
        Profiles.byName(Profiles.FLAGD, Map.of(Profiles.ENCODING, "UTF_8")));
    assertEquals(
        SplitProfile.split(3).withAlgorithm(SplitProfile.Algorithm.LEGACY),
        Profiles.byName(
            Profiles.SPLIT, Map.of(Profiles.SEED, " 3 ", Profiles.ALGORITHM, "Legacy")));
    assertThrows(
        IllegalArgumentException.class,
        () -> Profiles.byName(Profiles.SPLIT, Map.of(Profiles.SEED, "4294967296")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Profiles.byName(Profiles.LAUNCHDARKLY, Map.of(Profiles.SALT, "s", Profiles.SEED, "1")));
  }

  @Test
  void aRegisteredTypeIsCheckedWhenItIsMade() {
    Parameter seed = Parameter.required("seed", Parameter.Type.INTEGER, "a seed");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ProfileType(
                "twice", "r", "u", "v", List.of(seed, seed), Map.of(), a -> Profiles.byName("x")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ProfileType("stray", "r", "u", "v", List.of(seed), Map.of("salt", "s"), a -> null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Parameter(
                "p", Parameter.Type.TEXT, List.of("a"), Parameter.Need.OPTIONAL, null, "d"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Parameter("p", Parameter.Type.TEXT, List.of(), Parameter.Need.REQUIRED, "x", "d"));
  }

  /**
   * README "Adding a profile", worked: a system that hashes {@code userId + "/" + flagKey} with
   * Unleash's murmur3 rule is one {@link ProfileType} whose factory makes the profile; once it is a
   * line in {@link Profiles}' table, {@code --profile NAME} and the report take it.
   */
  @Test
  void workedExampleOfANewProfile() {
    ProfileType example =
        new ProfileType(
            "example",
            "unsigned(murmur3_x86_32(groupId + \":\" + userId)) % 100 + 1 <= p",
            "percent (weights total 100)",
            "example-sdk 1.0.0",
            List.of(
                Parameter.optional(
                    Profiles.GROUP_ID, Parameter.Type.TEXT, null, "the group id (default: flag)")),
            Map.of(Profiles.GROUP_ID, "all-flags"),
            arguments -> UnleashProfile.unleash().withGroupId(arguments.text(Profiles.GROUP_ID)));
    BucketingProfile made = example.reportProfile();
    assertEquals(made.bucket("one-flag", "user-1"), made.bucket("other-flag", "user-1"));
    assertFalse(example.needsParameters());
    assertEquals(
        "profile example takes no parameter seed (given: 1; it takes: group-id)",
        assertThrows(IllegalArgumentException.class, () -> example.create(Map.of("seed", "1")))
            .getMessage());
  }

  @Test
  void rolloutSharesAgreeWithTheDecisionsRule() {
    for (BucketingProfile profile : reportProfiles()) {
      for (String percent : List.of("0", "1", "12.5", "30", "100")) {
        Rollout rollout = Rollout.ofPercent("f", Double.parseDouble(percent));
        RolloutShare share = profile.rolloutShare(rollout);
        String where = profile.label() + " at " + percent + "%: " + share;
        assertEquals(profile.expresses(rollout), share.expressible(), where);
        if (share.expressible()) {
          assertEquals(rollout.basisPoints() / 10000.0, share.share(), 0.0011, where);
          assertFalse(share.rule().isBlank(), where);
        }
      }
    }
  }

  @Test
  void exactSharesOfKnownRules() {
    double remainder = 30 * ((1L << 32) / 100 + 1) / Math.pow(2, 32);
    Rollout thirty = Rollout.ofPercent("f", 30);
    assertEquals(remainder, UnleashProfile.unleash().rolloutShare(thirty).share(), 1e-15);
    assertEquals(remainder, SplitProfile.split(1).rolloutShare(thirty).share(), 1e-15);
    assertEquals(
        0.5, OptimizelyProfile.optimizely().rolloutShare(Rollout.ofPercent("f", 50)).share(), 0);
    assertEquals(
        0.011,
        GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.JS)
            .rolloutShare(Rollout.ofPercent("f", 1))
            .share(),
        1e-6);
    assertFalse(UnleashProfile.unleash().rolloutShare(Rollout.ofPercent("f", 12.5)).expressible());
    // flagd 0.11 maps Integer.MIN_VALUE to -100, below every cut-off: 0% enables 1 hash in 2^32
    assertEquals(
        1 / Math.pow(2, 32),
        FlagdProfile.flagd011().rolloutShare(Rollout.ofPercent("f", 0)).share(),
        1e-24);
  }

  @Test
  void launchDarklysCountStopsAtTheFloatCutOff() {
    float divisor = (float) 0xFFFFFFFFFFFFFFFL;
    long count = LaunchDarklyProfile.enabledCount(30_000);
    float cutOff = 30_000 / 100000f;
    assertTrue((count - 1) / divisor < cutOff);
    assertFalse(count / divisor < cutOff);
  }

  @Test
  void weightUnitsAreWhatTheSystemTakes() {
    for (BucketingProfile profile : reportProfiles()) {
      int half = profile.weightTotal() / 2;
      VariantSplit split =
          VariantSplit.of("f", new Variant("control", half), new Variant("treatment", half));
      assertTrue(profile.expresses(split), profile.label());
      profile.variant(split, "user-1");
    }
    VariantSplit percent = VariantSplit.of("f", new Variant("a", 50), new Variant("b", 50));
    assertFalse(LaunchDarklyProfile.withSalt("s").expresses(percent));
    VariantSplit over = VariantSplit.of("f", new Variant("a", 6000), new Variant("b", 6000));
    assertFalse(OptimizelyProfile.optimizely().expresses(over));
  }

  @Test
  void expressesTellsWhetherTheDecisionTakesTheRollout() {
    Rollout fine = Rollout.ofPercent("f", 12.5);
    for (BucketingProfile profile : reportProfiles()) {
      boolean takes;
      try {
        profile.isEnabled(fine, "user-1");
        takes = true;
      } catch (IllegalArgumentException refused) {
        takes = false;
      }
      assertEquals(takes, profile.expresses(fine), profile.label());
    }
  }

  private static List<BucketingProfile> reportProfiles() {
    return Profiles.types().stream().map(ProfileType::reportProfile).toList();
  }

  private static List<String> names(List<Parameter> parameters) {
    return parameters.stream().map(Parameter::name).toList();
  }
}
