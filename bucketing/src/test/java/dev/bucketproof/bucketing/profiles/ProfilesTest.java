package dev.bucketproof.bucketing.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.Murmur3;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The catalogue, its errors, and what every profile promises: buckets in range, explanations that
 * match the decisions. Agreement with the real SDKs is tested in the properties module.
 */
class ProfilesTest {
  private static final long SEED = 20261125L;
  private static final Map<String, Map<String, String>> PARAMETERS =
      Map.of(
          Profiles.LAUNCHDARKLY, Map.of(Profiles.SALT, "a1b2c3"),
          Profiles.SPLIT, Map.of(Profiles.SEED, "1234567"));

  static List<BucketingProfile> all() {
    List<BucketingProfile> profiles = new ArrayList<>();
    for (String name : Profiles.names()) {
      profiles.add(Profiles.byName(name, PARAMETERS.getOrDefault(name, Map.of())));
    }
    return profiles;
  }

  static List<String> ids() {
    SplittableRandom random = new SplittableRandom(SEED);
    List<String> ids =
        new ArrayList<>(List.of("user-123", "josé", "😀", "日本", "a\ud800b", "\udc00", "x"));
    for (int i = 0; i < 500; i++) {
      StringBuilder id = new StringBuilder();
      int length = 1 + random.nextInt(20);
      for (int j = 0; j < length; j++) {
        id.append(
            (char)
                (random.nextInt(8) == 0
                    ? 0x80 + random.nextInt(0x3000)
                    : 0x21 + random.nextInt(0x5e)));
      }
      ids.add(id.toString());
    }
    return ids;
  }

  @Test
  void everyNameGivesTheProfileOfThatName() {
    for (BucketingProfile profile : all()) {
      assertTrue(Profiles.names().contains(profile.name()), profile.name());
    }
    assertEquals(
        Profiles.names().size(), all().stream().map(BucketingProfile::name).distinct().count());
    assertSame(Bucketer.standard(), Profiles.byName("bucketproof"));
    assertEquals("bucketproof", Bucketer.standard().name());
  }

  @Test
  void bucketsLieInRangeAndMatchBucketsOf() {
    for (BucketingProfile profile : all()) {
      var buckets = profile.bucketsOf("new-checkout");
      for (String id : ids()) {
        int bucket = profile.bucket("new-checkout", id);
        assertTrue(
            bucket >= 0 && bucket < profile.bucketCount(),
            profile + " bucket " + bucket + " for " + id);
        assertEquals(bucket, buckets.applyAsInt(id), profile + " " + id);
      }
    }
  }

  @Test
  void explanationsMatchTheDecisions() {
    Rollout rollout = Rollout.ofPercent("new-checkout", 30);
    for (BucketingProfile profile : all()) {
      VariantSplit split = split(profile);
      for (String id : ids()) {
        Explanation explanation = profile.explain(rollout, split, id);
        assertEquals(profile.isEnabled(rollout, id), explanation.enabled(), profile + " " + id);
        assertEquals(
            profile.variant(split, id).map(Variant::name).orElse(Profiles.NO_VARIANT),
            explanation.variant().name(),
            profile + " " + id);
        assertEquals(profile.bucket("new-checkout", id), explanation.bucket(), profile + " " + id);
        assertTrue(explanation.describe().contains(profile.name()), explanation.describe());
      }
    }
  }

  /**
   * A split with weights each system accepts: LaunchDarkly 1/100,000, Split 100, Optimizely <=
   * 10,000.
   */
  static VariantSplit split(BucketingProfile profile) {
    int unit = profile instanceof LaunchDarklyProfile ? 1000 : 1;
    return VariantSplit.of(
        "new-checkout", new Variant("control", 50 * unit), new Variant("treatment", 50 * unit));
  }

  @Test
  void rolloutsOfZeroAndHundredPercent() {
    for (BucketingProfile profile : all()) {
      for (String id : ids()) {
        assertEquals(
            false, profile.isEnabled(Rollout.ofPercent("f", 0), id), profile + " 0% " + id);
        if (!(profile instanceof UnleashProfile) || !IdEncoding.hasUnpairedSurrogate(id)) {
          assertEquals(
              true, profile.isEnabled(Rollout.ofPercent("f", 100), id), profile + " 100% " + id);
        }
      }
    }
  }

  @Test
  void unleash9OnALatin1JvmMovesJoseButNotUser123() {
    BucketingProfile latin1 = Profiles.byName("unleash-9", Map.of("charset", "ISO-8859-1"));
    BucketingProfile unleash = Profiles.byName("unleash");
    assertNotEquals(
        unleash.bucket("profile_ui_revamp", "josé"), latin1.bucket("profile_ui_revamp", "josé"));
    assertEquals(
        unleash.bucket("profile_ui_revamp", "user-123"),
        latin1.bucket("profile_ui_revamp", "user-123"));
  }

  @Test
  void unleash9AgreesWithUnleashOnAsciiIds() {
    BucketingProfile nine = UnleashProfile.unleash9(StandardCharsets.UTF_8);
    BucketingProfile twelve = UnleashProfile.unleash();
    for (String id : ids()) {
      if (id.chars().allMatch(c -> c < 0x80)) {
        assertEquals(twelve.bucket("f", id), nine.bucket("f", id), id);
      }
    }
  }

  @Test
  void groupIdReplacesTheFlagKey() {
    BucketingProfile grouped = Profiles.byName("unleash", Map.of("group-id", "checkout"));
    assertEquals(
        UnleashProfile.unleash().bucket("checkout", "user-1"),
        grouped.bucket("any-flag", "user-1"));
  }

  @Test
  void unknownProfileNamesTheValueAndTheKnownNames() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Profiles.byName("unleesh"));
    assertTrue(
        error.getMessage().startsWith("unknown profile: unleesh (known: bucketproof, unleash"),
        error.getMessage());
  }

  @Test
  void splitWithoutSeedIsRejected() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Profiles.byName("split"));
    assertEquals(
        "profile split requires seed (the split's integer seed): none given", error.getMessage());
    assertEquals(
        "seed must be a 32-bit integer: 12x",
        assertThrows(
                IllegalArgumentException.class,
                () -> Profiles.byName("split", Map.of("seed", "12x")))
            .getMessage());
  }

  @Test
  void launchDarklyNeedsSaltOrSeed() {
    assertEquals(
        "profile launchdarkly requires exactly one of salt or seed: salt=null, seed=null",
        assertThrows(IllegalArgumentException.class, () -> Profiles.byName("launchdarkly"))
            .getMessage());
  }

  @Test
  void launchDarklyWeightsMustTotal100000() {
    BucketingProfile launchDarkly = LaunchDarklyProfile.withSalt("s");
    VariantSplit split = VariantSplit.of("f", new Variant("a", 60_000), new Variant("b", 30_000));
    assertEquals(
        "launchdarkly variant weights are in 1/100000 and must total 100000: 90000 for flag f",
        assertThrows(IllegalArgumentException.class, () -> launchDarkly.variant(split, "u"))
            .getMessage());
  }

  @Test
  void splitAndOptimizelyWeightsAreChecked() {
    VariantSplit thirds = VariantSplit.of("f", new Variant("a", 50), new Variant("b", 60));
    assertEquals(
        "split partition sizes are whole percents and must total 100: 110 for flag f",
        assertThrows(
                IllegalArgumentException.class, () -> SplitProfile.split(1).variant(thirds, "u"))
            .getMessage());
    VariantSplit over = VariantSplit.of("f", new Variant("a", 6000), new Variant("b", 6000));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> OptimizelyProfile.optimizely().variant(over, "u"))
            .getMessage()
            .contains("must total at most 10000: 12000"));
  }

  @Test
  void wholePercentSystemsRejectFinerRollouts() {
    assertEquals(
        "unleash rollouts take whole percents (0..100): 12.5",
        assertThrows(
                IllegalArgumentException.class,
                () -> UnleashProfile.unleash().isEnabled(Rollout.ofPercent("f", 12.5), "u"))
            .getMessage());
  }

  @Test
  void parametersAProfileDoesNotTakeAreRejectedNotDropped() {
    assertEquals(
        "profile optimizely takes no parameter salt (given: s; it takes: none)",
        assertThrows(
                IllegalArgumentException.class,
                () -> Profiles.byName("optimizely", Map.of("salt", "s")))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> Profiles.byName("unleash-9", Map.of("charset", "EBCDIC-XX")))
            .getMessage()
            .startsWith("charset is not one this JVM supports: EBCDIC-XX"));
    assertEquals(
        "encoding must be one of utf-8, imurmurhash: latin1",
        assertThrows(
                IllegalArgumentException.class,
                () -> Profiles.byName("flagd", Map.of("encoding", "latin1")))
            .getMessage());
  }

  @Test
  void growthBookV1HasOneThousandBucketsAndAnInclusiveCutOff() {
    GrowthBookProfile v1 = GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.JS);
    assertEquals(1000, v1.bucketCount());
    for (String id : ids()) {
      double n = v1.value("f", id);
      assertEquals(n <= 0.3 && !id.isEmpty(), v1.isEnabled(Rollout.ofPercent("f", 30), id), id);
    }
  }

  @Test
  void imurmurhashIsMurmur3OverLowBytesBelow0x100() {
    for (String id : List.of("", "a", "ab", "abc", "abcd", "abcde", "josé", "Zoë ñ", "ÿÿÿÿÿÿÿ")) {
      assertEquals(
          Murmur3.x86_32(IdEncoding.utf16LowBytes(id), 0), SystemHashes.imurmurhash(id, 0), id);
    }
  }

  @Test
  void signExtendedTailDiffersOnlyWhenATailByteIsAtLeast0x80() {
    byte[] ascii = "abcde".getBytes(StandardCharsets.UTF_8);
    assertEquals(SystemHashes.murmur3(ascii, 0), SystemHashes.murmur3SignExtendedTail(ascii, 0));
    byte[] accent = "abcdé".getBytes(StandardCharsets.UTF_8); // 6 bytes: tail C3 A9
    assertNotEquals(
        SystemHashes.murmur3(accent, 0), SystemHashes.murmur3SignExtendedTail(accent, 0));
    byte[] blockOnly = "abé".getBytes(StandardCharsets.UTF_8); // 4 bytes: no tail
    assertEquals(
        SystemHashes.murmur3(blockOnly, 0), SystemHashes.murmur3SignExtendedTail(blockOnly, 0));
  }

  @Test
  void lenientUtf8IsUtf8ForWellFormedText() {
    for (String id : List.of("josé", "😀 ok", "日本語", "a")) {
      assertEquals(new String(SystemHashes.lenientUtf8(id), StandardCharsets.UTF_8), id);
    }
  }
}
