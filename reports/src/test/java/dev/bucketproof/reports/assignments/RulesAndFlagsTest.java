package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The candidate rules give the decisions of the bucketers and profiles they are made of (those
 * decide independently, in the bucketing module), sized to the flag's bucket count; and FLAGS.json
 * names every mistake with the file, the flag, the key and the value.
 */
class RulesAndFlagsTest {
  private static final VariantSplit SPLIT =
      VariantSplit.of("f", new Variant("control", 30), new Variant("treatment", 70));
  private static final List<String> USERS =
      List.of("user-1", "user-2", "jos\u00e9", "user-42", "\u65e5\u672c", "x");

  @TempDir Path directory;

  @Test
  void builtInRulesAreSaltedThenUnsaltedThenTheParameterlessProfiles() {
    List<String> names = CandidateRules.builtIn().stream().map(CandidateRule::name).toList();
    assertEquals("salted murmur3_x86_32", names.get(0));
    int firstUnsalted = names.indexOf("unsalted murmur3_x86_32");
    assertTrue(firstUnsalted > 0, names.toString());
    assertTrue(names.subList(0, firstUnsalted).stream().allMatch(n -> n.startsWith("salted ")));
    int firstProfile =
        names.indexOf(
            names.stream().filter(n -> n.startsWith("profile ")).findFirst().orElseThrow());
    assertEquals(2 * firstUnsalted, firstProfile, "as many unsalted rules as salted");
    assertTrue(names.contains("profile optimizely"), names.toString());
    assertTrue(
        names.stream().noneMatch(n -> n.startsWith("profile launchdarkly")), names.toString());
    assertTrue(names.stream().noneMatch(n -> n.startsWith("profile split")), names.toString());
    assertTrue(names.stream().noneMatch(n -> n.equals("profile bucketproof")), names.toString());
    CandidateRule salted = CandidateRules.builtIn().get(0);
    assertTrue(
        salted
            .description()
            .startsWith("murmur3_x86_32(flagKey + \":\" + userId, seed 0) mod N (hashers: "),
        salted.description());
    assertEquals("salted murmur3_x86_32", salted.toString());
    CandidateRule unsalted = CandidateRules.builtIn().get(firstUnsalted);
    assertTrue(
        unsalted.description().startsWith("murmur3_x86_32(userId, seed 0) mod N"),
        unsalted.description());
    assertTrue(
        CandidateRules.builtIn().stream()
            .anyMatch(
                rule ->
                    rule.description()
                        .startsWith(
                            "seed-style murmurhash-js: murmurhash.v3(userId) % N < rollout")),
        "the npm seed-style rule is named");
  }

  @Test
  void aBucketerRuleDecidesAsItsBucketerAtTheFlagsBucketCount() {
    CandidateRule rule =
        CandidateRules.of("standard", "the standard bucketer", Bucketer.standard());
    assertEquals("standard", rule.name());
    assertEquals("the standard bucketer", rule.description());
    Rollout rollout = Rollout.ofPercent("f", 30);
    CandidateRule.FlagRule same = rule.forFlag("f", 100, rollout, SPLIT);
    Bucketer thousand = Bucketer.builder().bucketCount(1_000).build();
    CandidateRule.FlagRule resized = rule.forFlag("f", 1_000, rollout, null);
    Bucketer variantHash =
        Bucketer.builder().bucketCount(100).seed(Bucketer.DEFAULT_VARIANT_SEED).build();
    for (String user : USERS) {
      assertEquals(Bucketer.standard().bucket("f", user), same.bucket(user), user);
      assertEquals(Bucketer.standard().isEnabled(rollout, user), same.enabled(user), user);
      assertEquals(
          Bucketer.standard().variant(SPLIT, user).orElseThrow().name(), same.variant(user), user);
      assertEquals(variantHash.bucket("f", user), same.variantBucket(user), user);
      assertEquals(thousand.bucket("f", user), resized.bucket(user), user);
      assertEquals(thousand.isEnabled(rollout, user), resized.enabled(user), user);
      assertNull(resized.variant(user), "no split configured");
    }
    assertEquals(100, same.bucketCount());
    assertEquals(1_000, resized.bucketCount());
    // 12.34% of 100 buckets is no whole number of buckets: the rule cannot tell.
    CandidateRule.FlagRule uneven = rule.forFlag("f", 100, new Rollout("f", 1_234), null);
    assertNull(uneven.enabled("user-1"));
    assertNull(rule.forFlag("f", 100, null, null).enabled("user-1"));
  }

  @Test
  void anUnsaltedRuleGivesAUserOneBucketForEveryFlag() {
    Bucketer unsalted = Bucketer.builder().unsalted().hasher(IdHashers.murmur3_x86_32()).build();
    CandidateRule rule = CandidateRules.of("unsalted", "", unsalted);
    CandidateRule.FlagRule a = rule.forFlag("a", 50, null, null);
    CandidateRule.FlagRule b = rule.forFlag("b", 50, null, null);
    Bucketer fifty = Bucketer.builder().unsalted().bucketCount(50).build();
    for (String user : USERS) {
      assertEquals(a.bucket(user), b.bucket(user), user);
      assertEquals(fifty.bucket("any", user), a.bucket(user), user);
    }
  }

  @Test
  void aProfileRuleDecidesAsItsProfile() {
    CandidateRule rule = ProfileRule.of("launchdarkly", Map.of("salt", "f3a1"));
    BucketingProfile profile = Profiles.byName("launchdarkly", Map.of("salt", "f3a1"));
    assertEquals("profile launchdarkly salt=f3a1", rule.name());
    assertEquals(rule.name(), rule.toString());
    assertEquals(
        "the launchdarkly salt=f3a1 system's own rollout and variant decision, "
            + profile.bucketCount()
            + " buckets",
        rule.description());
    Rollout rollout = Rollout.ofPercent("f", 30);
    VariantSplit split =
        new VariantSplit(
            "f", List.of(new Variant("control", 30_000), new Variant("treatment", 70_000)));
    CandidateRule.FlagRule flag = rule.forFlag("f", 100, rollout, split);
    for (String user : USERS) {
      assertEquals(profile.isEnabled(rollout, user), flag.enabled(user), user);
      assertEquals(
          profile.variant(split, user).map(Variant::name).orElse(""), flag.variant(user), user);
      assertEquals(profile.bucketsOf("f").applyAsInt(user), flag.bucket(user), user);
      assertEquals(-1, flag.variantBucket(user));
    }
    assertEquals(profile.bucketCount(), flag.bucketCount());
    CandidateRule.FlagRule unconfigured = rule.forFlag("f", 100, null, null);
    assertNull(unconfigured.enabled("user-1"));
    assertNull(unconfigured.variant("user-1"));
    // Unleash takes whole percents only: 12.5% is a rollout it cannot express.
    CandidateRule.FlagRule unleash =
        ProfileRule.of("unleash", Map.of()).forFlag("f", 100, Rollout.ofPercent("f", 12.5), null);
    assertNull(unleash.enabled("user-1"));
  }

  // --- FLAGS.json -------------------------------------------------------------------------------

  private static String error(String json) {
    return assertThrows(IllegalArgumentException.class, () -> FlagsFile.parse(json, "f.json"))
        .getMessage();
  }

  @Test
  void everyKindOfValueInTheWrongPlaceIsNamed() {
    assertEquals(
        "f.json: flag a: must be an object such as {\"rollout\": 5}: 5", error("{\"a\": 5}"));
    assertEquals(
        "f.json: flag a: weights must be an object such as {\"control\": 50, \"treatment\": 50}:"
            + " [50,50]",
        error("{\"a\": {\"weights\": [50, 50]}}"));
    assertEquals(
        "f.json: flag a: weight of variant b must be an integer: 3000000000",
        error("{\"a\": {\"weights\": {\"b\": 3000000000, \"c\": 1}}}"));
    assertEquals(
        "f.json: flag a: weight of variant b must be an integer: \"1\"",
        error("{\"a\": {\"weights\": {\"b\": \"1\", \"c\": 1}}}"));
    assertEquals(
        "f.json: flag a: buckets must be an integer: 2.5", error("{\"a\": {\"buckets\": 2.5}}"));
    assertEquals(
        "f.json: flag a: buckets must be an integer: 3000000000",
        error("{\"a\": {\"buckets\": 3000000000}}"));
    assertEquals(
        "f.json: flag a: profiles must be an object such as {\"launchdarkly\": {\"salt\":"
            + " \"f3a1\"}}: [\"unleash\"]",
        error("{\"a\": {\"profiles\": [\"unleash\"]}}"));
    assertEquals(
        "f.json: flag a: parameters of profile split must be an object: 1234",
        error("{\"a\": {\"profiles\": {\"split\": 1234}}}"));
    assertEquals(
        "f.json: flag a: parameter seed of profile split must be a string or number: null",
        error("{\"a\": {\"profiles\": {\"split\": {\"seed\": null}}}}"));
    assertEquals(
        "f.json: flag a: parameter seed of profile split must be a string or number: [1]",
        error("{\"a\": {\"profiles\": {\"split\": {\"seed\": [1]}}}}"));
    assertTrue(
        error("{\"a\": {\"profiles\": {\"nosuch\": {}}}}").startsWith("f.json: flag a: "),
        "the profile's own check, prefixed with the file and flag");
    assertEquals(
        "f.json: flag \\u001b[31m: unknown key rollout_ (known: rollout, weights, buckets,"
            + " profiles)",
        error("{\"\\u001b[31m\": {\"rollout_\": 5}}"));
    assertEquals(
        "f.json must be a JSON object keyed by flag, such as {\"new-checkout\": {\"rollout\": 5}}",
        error("5"));
  }

  @Test
  void parametersAreReadAsTextAndTheDefaultsFillTheRest() {
    Map<String, FlagSettings> flags =
        FlagsFile.parse(
            "{\"a\": {}, \"b\": {\"profiles\": {\"split\": {\"seed\": 1234}},"
                + " \"weights\": {\"x\": 0, \"y\": 3}}}",
            "f.json");
    assertEquals(FlagSettings.DEFAULT_BUCKET_COUNT, flags.get("a").bucketCount());
    assertNull(flags.get("a").rolloutBasisPoints());
    assertEquals(Map.of(), flags.get("a").weights());
    assertEquals(Map.of("split", Map.of("seed", "1234")), flags.get("b").profiles());
    assertEquals(Map.of("x", 0, "y", 3), flags.get("b").weights());
  }

  @Test
  void aFileIsNamedInItsErrors() throws IOException {
    Path bad = Files.writeString(directory.resolve("flags.json"), "{\"a\": {\"rollout\": }}");
    String message =
        assertThrows(IllegalArgumentException.class, () -> FlagsFile.read(bad)).getMessage();
    assertTrue(message.startsWith(bad + " is not valid JSON: line 1, column "), message);
    Path good = Files.writeString(directory.resolve("good.json"), "{\"a\": {\"rollout\": 5}}");
    assertEquals(500, FlagsFile.read(good).get("a").rolloutBasisPoints());
    assertThrows(NoSuchFileException.class, () -> FlagsFile.read(directory.resolve("none.json")));
  }
}
