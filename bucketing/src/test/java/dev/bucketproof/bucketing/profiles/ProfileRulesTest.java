package dev.bucketproof.bucketing.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.VariantSplit;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The details of the profiles that the SDKs' recorded decisions do not reach: argument checks and
 * their messages, labels as the command line spells them, the key collisions each profile names,
 * rollout shares counted by hand, the float cut-offs at their exact boundaries, the parameters'
 * choices, and published hash values (FNV-1a's and SHA-1's test vectors).
 */
class ProfileRulesTest {
  private static final double TWO_32 = 4294967296.0;

  /** Shares are rounded to 16 digits; one hash in 2^32 is 2.3e-10. */
  private static final double ONE_IN_10_13 = 1e-13;

  @Test
  void constructorsNameTheParameterTheConstraintAndTheValue() {
    assertEquals(
        "split trafficAllocation must be within [0, 100]: 101",
        assertThrows(
                IllegalArgumentException.class,
                () -> new SplitProfile("split", 1, SplitProfile.Algorithm.MURMUR, 101, 0))
            .getMessage());
    assertEquals(
        "split trafficAllocation must be within [0, 100]: -1",
        assertThrows(
                IllegalArgumentException.class,
                () -> SplitProfile.split(1).withTrafficAllocation(-1, 0))
            .getMessage());
    assertEquals(0, SplitProfile.split(1).withTrafficAllocation(0, 0).trafficAllocation());
    assertEquals(100, SplitProfile.split(1).withTrafficAllocation(100, 0).trafficAllocation());

    for (int version : new int[] {0, 3}) {
      assertEquals(
          "growthbook hash version must be 1 or 2: " + version,
          assertThrows(
                  IllegalArgumentException.class,
                  () ->
                      new GrowthBookProfile(
                          "growthbook",
                          version,
                          GrowthBookProfile.Encoding.JS,
                          StandardCharsets.UTF_8,
                          1))
              .getMessage());
    }
    GrowthBookProfile growthBook = GrowthBookProfile.growthBook(2, GrowthBookProfile.Encoding.JS);
    for (double coverage : new double[] {-0.01, 1.01, Double.NaN}) {
      assertEquals(
          "growthbook coverage must be within [0, 1]: " + coverage,
          assertThrows(IllegalArgumentException.class, () -> growthBook.withCoverage(coverage))
              .getMessage());
    }
    assertEquals(0, growthBook.withCoverage(0).coverage());
    assertEquals(1, growthBook.withCoverage(1).coverage());
    assertEquals(1, GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.JS).version());

    assertEquals(
        "launchdarkly needs exactly one of salt or seed: salt=s, seed=7",
        assertThrows(
                IllegalArgumentException.class,
                () -> new LaunchDarklyProfile("launchdarkly", ".", "s", 7))
            .getMessage());
    assertEquals(
        "launchdarkly needs exactly one of salt or seed: salt=null, seed=null",
        assertThrows(
                IllegalArgumentException.class,
                () -> new LaunchDarklyProfile("launchdarkly", ".", null, null))
            .getMessage());

    assertEquals(
        "groupId must not be empty (omit it to use the flag name)",
        assertThrows(IllegalArgumentException.class, () -> UnleashProfile.unleash().withGroupId(""))
            .getMessage());
    assertEquals(null, UnleashProfile.unleash().withGroupId("g").withGroupId(null).groupId());
    assertFalse(UnleashProfile.unleash().withRejection(false).rejectsUnpairedSurrogates());
  }

  /**
   * The label is what the report and the command line print: the name, then the parameters that
   * differ from the defaults, as {@code --profile} takes them; the registry makes the same profile
   * back from it.
   */
  @Test
  void labelsAreTheCommandLineSpellingAndMakeTheProfileBack() {
    Map<String, BucketingProfile> labels = new LinkedHashMap<>();
    labels.put("unleash", UnleashProfile.unleash());
    labels.put("unleash group-id=checkout", UnleashProfile.unleash().withGroupId("checkout"));
    labels.put("unleash-9", UnleashProfile.unleash9(StandardCharsets.UTF_8));
    labels.put(
        "unleash-9 charset=ISO-8859-1", UnleashProfile.unleash9(StandardCharsets.ISO_8859_1));
    labels.put("optimizely", OptimizelyProfile.optimizely());
    labels.put("launchdarkly salt=a1b2c3", LaunchDarklyProfile.withSalt("a1b2c3"));
    labels.put("launchdarkly seed=61", LaunchDarklyProfile.withSeed(61));
    labels.put("flagd-0.11", FlagdProfile.flagd011());
    labels.put("flagd", FlagdProfile.flagd(FlagdProfile.Encoding.UTF_8));
    labels.put("flagd encoding=imurmurhash", FlagdProfile.flagd(FlagdProfile.Encoding.IMURMURHASH));
    labels.put("split seed=7", SplitProfile.split(7));
    labels.put(
        "split seed=7 algorithm=legacy",
        SplitProfile.split(7).withAlgorithm(SplitProfile.Algorithm.LEGACY));
    labels.put(
        "growthbook encoding=js", GrowthBookProfile.growthBook(2, GrowthBookProfile.Encoding.JS));
    labels.put(
        "growthbook-v1 encoding=kotlin",
        GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.KOTLIN));
    labels.put(
        "growthbook encoding=java charset=ISO-8859-1",
        new GrowthBookProfile(
            "growthbook", 2, GrowthBookProfile.Encoding.JAVA, StandardCharsets.ISO_8859_1, 1));
    labels.forEach(
        (label, profile) -> {
          assertEquals(label, profile.label());
          assertEquals(label, Profiles.label(profile));
          String[] words = label.split(" ");
          Map<String, String> parameters = new LinkedHashMap<>();
          for (int w = 1; w < words.length; w++) {
            String[] pair = words[w].split("=", 2);
            parameters.put(pair[0], pair[1]);
          }
          assertEquals(profile, Profiles.byName(words[0], parameters), label);
        });
    // what the registry cannot make is still shown
    assertEquals(
        "split seed=7 traffic-allocation=60",
        SplitProfile.split(7).withTrafficAllocation(60, 3).label());
    assertEquals(
        "growthbook encoding=js coverage=0.5",
        GrowthBookProfile.growthBook(2, GrowthBookProfile.Encoding.JS).withCoverage(0.5).label());
  }

  /** Each profile names a collision of its key layout; the two keys it names are one key. */
  @Test
  void keyCollisionsNameKeysThatAreTheSame() {
    FlagdProfile flagd = FlagdProfile.flagd(FlagdProfile.Encoding.UTF_8);
    assertEquals(
        "ambiguous: no separator, so flag \"ab\" with user \"c\" and flag \"a\" with user \"bc\""
            + " hash the same key",
        flagd.keyCollision());
    assertEquals(flagd.hashedKey("ab", "c"), flagd.hashedKey("a", "bc"));
    FlagdProfile flagdColon = new FlagdProfile("flagd", ":", false, FlagdProfile.Encoding.UTF_8);
    assertEquals(
        "ambiguous: flag \"a:b\" with user \"c\" and flag \"a\" with user \"b:c\" hash the same key",
        flagdColon.keyCollision());
    assertEquals(flagdColon.hashedKey("a:b", "c"), flagdColon.hashedKey("a", "b:c"));

    UnleashProfile unleash = UnleashProfile.unleash();
    assertEquals(
        "ambiguous: group \"a:b\" with user \"c\" and group \"a\" with user \"b:c\" hash the same"
            + " key (Unleash allows \":\" in both)",
        unleash.keyCollision());
    assertEquals(unleash.hashedKey("a:b", "c"), unleash.hashedKey("a", "b:c"));
    UnleashProfile unleashJoined =
        new UnleashProfile(
            "unleash",
            "",
            UnleashProfile.SEED,
            UnleashProfile.VARIANT_SEED,
            StandardCharsets.UTF_8,
            false,
            null,
            true);
    assertEquals(
        "ambiguous: no separator, so group \"ab\" with user \"c\" and group \"a\" with user \"bc\""
            + " hash the same key",
        unleashJoined.keyCollision());
    assertEquals(unleashJoined.hashedKey("ab", "c"), unleashJoined.hashedKey("a", "bc"));

    OptimizelyProfile optimizely = OptimizelyProfile.optimizely();
    assertEquals(
        "ambiguous: no separator, so user \"12\" in experiment \"3\" and user \"1\" in experiment"
            + " \"23\" hash the same key",
        optimizely.keyCollision());
    assertEquals(optimizely.hashedKey("3", "12"), optimizely.hashedKey("23", "1"));
    OptimizelyProfile optimizelyColon =
        new OptimizelyProfile("optimizely", ":", OptimizelyProfile.SEED, true);
    assertEquals(
        "ambiguous: user \"a:b\" in experiment \"c\" and user \"a\" in experiment \"b:c\" hash the"
            + " same key",
        optimizelyColon.keyCollision());
    assertEquals(optimizelyColon.hashedKey("c", "a:b"), optimizelyColon.hashedKey("b:c", "a"));

    LaunchDarklyProfile salted = LaunchDarklyProfile.withSalt("c");
    assertEquals(
        "ambiguous: flag \"a.b\" with salt \"c\" and flag \"a\" with salt \"b.c\" hash the same"
            + " key for every user",
        salted.keyCollision());
    assertEquals(
        salted.hashedKey("a.b", "u"), LaunchDarklyProfile.withSalt("b.c").hashedKey("a", "u"));
    LaunchDarklyProfile seeded = LaunchDarklyProfile.withSeed(61);
    assertEquals(
        "ambiguous: every flag with seed 61 hashes seed + \".\" + key, so such flags share users",
        seeded.keyCollision());
    assertEquals("61.u", seeded.hashedKey("one-flag", "u"));
    assertEquals(seeded.hashedKey("one-flag", "u"), seeded.hashedKey("other-flag", "u"));

    GrowthBookProfile v1 = GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.JS);
    assertEquals(
        "ambiguous: no separator, so user \"ab\" with seed \"c\" and user \"a\" with seed \"bc\""
            + " hash the same key",
        v1.keyCollision());
    assertEquals(v1.hashedKey("c", "ab"), v1.hashedKey("bc", "a"));
    GrowthBookProfile v2 = GrowthBookProfile.growthBook(2, GrowthBookProfile.Encoding.JS);
    assertEquals(
        "ambiguous: no separator inside the first hash, so seed \"ab\" with user \"c\" and seed"
            + " \"a\" with user \"bc\" hash the same key",
        v2.keyCollision());
    assertEquals(v2.hashedKey("ab", "c"), v2.hashedKey("a", "bc"));
  }

  /** Every profile refuses an empty flag key, and an explanation of two different flags. */
  @Test
  void anEmptyFlagKeyAndMismatchedFlagsAreRefused() {
    for (BucketingProfile profile : ProfilesTest.all()) {
      assertEquals(
          "flagKey must not be empty",
          assertThrows(
                  IllegalArgumentException.class, () -> profile.bucket("", "u"), profile.label())
              .getMessage());
      VariantSplit other = ProfilesTest.split(profile);
      assertThrows(
          IllegalArgumentException.class,
          () -> profile.explain(Rollout.ofPercent("other-flag", 30), other, "u"),
          profile.label());
    }
  }

  /**
   * Shares counted by hand. 2^32 = 42,949,672 * 100 + 96 = 429,496 * 10,000 + 7,296 = 4,294,967 *
   * 1,000 + 296; 2^31 = 21,474,836 * 100 + 48.
   */
  @Test
  void rolloutSharesCountedByHand() {
    Rollout thirty = Rollout.ofPercent("f", 30);
    // Split legacy, abs(signed h % 100) < 30: h >= 0 in [0, 2^31), and -h in [1, 2^31]
    long legacyThirty = (21_474_836L * 30 + 30) + (21_474_836L * 30 + 30 - 1);
    SplitProfile legacy = SplitProfile.split(1).withAlgorithm(SplitProfile.Algorithm.LEGACY);
    assertEquals(legacyThirty / TWO_32, legacy.rolloutShare(thirty).share(), ONE_IN_10_13);
    assertEquals("abs(signed h % 100) + 1 <= 30", legacy.rolloutShare(thirty).rule());
    long legacyHalf = (21_474_836L * 50 + 48) + (21_474_836L * 50 + 49 - 1);
    assertEquals(
        legacyHalf / TWO_32, legacy.rolloutShare(Rollout.ofPercent("f", 50)).share(), ONE_IN_10_13);
    assertEquals(0, legacy.rolloutShare(Rollout.ofPercent("f", 0)).share(), ONE_IN_10_13);
    assertEquals(1, legacy.rolloutShare(Rollout.ofPercent("f", 100)).share(), ONE_IN_10_13);
    assertFalse(legacy.rolloutShare(Rollout.ofPercent("f", 12.5)).expressible());
    assertFalse(SplitProfile.split(1).rolloutShare(Rollout.ofPercent("f", 12.5)).expressible());
    assertEquals(
        (42_949_672L * 30 + 30) / TWO_32,
        SplitProfile.split(1).rolloutShare(thirty).share(),
        ONE_IN_10_13);

    // flagd and Optimizely: floor(h * 10000 / 2^32) < 3000 iff h < ceil(0.3 * 2^32) = 1288490189
    assertEquals(
        1_288_490_189L / TWO_32,
        FlagdProfile.flagd(FlagdProfile.Encoding.UTF_8).rolloutShare(thirty).share(),
        ONE_IN_10_13);
    assertEquals(
        1_288_490_189L / TWO_32,
        OptimizelyProfile.optimizely().rolloutShare(thirty).share(),
        ONE_IN_10_13);

    // GrowthBook v1, 1%: n = k / 1000 <= 0.01 for k = 0..10, each k < 296 one of 4,294,968 hashes
    GrowthBookProfile v1 = GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.JS);
    assertEquals(
        11 * 4_294_968L / TWO_32, v1.rolloutShare(Rollout.ofPercent("f", 1)).share(), ONE_IN_10_13);
    assertEquals("h % 1000 / 1000 <= 0.01", v1.rolloutShare(Rollout.ofPercent("f", 1)).rule());
    // k = 0..999 at 100%: 296 * 4,294,968 + 704 * 4,294,967 = 2^32
    assertEquals(1, v1.rolloutShare(Rollout.ofPercent("f", 100)).share(), ONE_IN_10_13);
    // GrowthBook v2, 30%: k = 0..3000 of 10,000, each k < 7296 one of 429,497 hashes
    GrowthBookProfile v2 = GrowthBookProfile.growthBook(2, GrowthBookProfile.Encoding.JS);
    assertEquals(3001 * 429_497L / TWO_32, v2.rolloutShare(thirty).share(), ONE_IN_10_13);
    assertEquals(
        "h % 10000 / 10000 <= 0.3 (outer FNV taken as uniform)", v2.rolloutShare(thirty).rule());
    // a coverage of 0 enables nobody (the force rule is skipped), though n = 0 <= 0
    assertEquals(0, v2.rolloutShare(Rollout.ofPercent("f", 0)).share(), ONE_IN_10_13);
    assertEquals(0, v1.rolloutShare(Rollout.ofPercent("f", 0)).share(), ONE_IN_10_13);
  }

  /**
   * flagd 0.11 enables abs(h) = x twice for each x > 0 below the float cut-off, once for x = 0, and
   * Integer.MIN_VALUE (bucket -100) always: the count is 2 * (the first x at or above the cut-off).
   */
  @Test
  void flagd011CountStopsAtTheFloatCutOff() {
    for (int basisPoints : new int[] {1, 100, 3000, 5000, 9999, 10_000}) {
      float cutOff = basisPoints * 100 / 10000f;
      long count = FlagdProfile.legacyEnabledCount(basisPoints);
      assertEquals(0, count % 2, "count at " + basisPoints);
      long first = count / 2;
      assertTrue((int) (first - 1) * 1.0f / Integer.MAX_VALUE * 100 < cutOff, "x below");
      assertFalse((int) first * 1.0f / Integer.MAX_VALUE * 100 < cutOff, "x at the cut-off");
    }
    assertEquals(1, FlagdProfile.legacyEnabledCount(0));
  }

  /**
   * The float cut-offs at their exact boundaries. LaunchDarkly: the first variation whose running
   * sum exceeds the bucket, the last when the bucket is 1.0f. flagd 0.11: hash 2^30 is bucket 2^30
   * / 2^31 * 100 = 50.0f exactly, which is not below the first half's sum 50.0f; hash
   * Integer.MAX_VALUE is bucket 100.0f, below no sum (no variant); Integer.MIN_VALUE is -100.0f,
   * below every sum.
   */
  @Test
  void floatCutOffsAtTheirBoundaries() {
    int[] halves = {50_000, 50_000};
    assertEquals(0, LaunchDarklyProfile.pick(halves, 0.49999997f));
    assertEquals(1, LaunchDarklyProfile.pick(halves, 0.5f));
    assertEquals(1, LaunchDarklyProfile.pick(halves, 1.0f));
    assertEquals(2, LaunchDarklyProfile.pick(new int[] {10_000, 0, 90_000}, 0.1f));

    FlagdProfile legacy = FlagdProfile.flagd011();
    assertEquals(50.0f, FlagdProfile.legacyBucket(1 << 30));
    assertEquals(1, legacy.pick(new int[] {1, 1}, 1 << 30));
    assertEquals(0, legacy.pick(new int[] {1, 1}, (1 << 30) - 256));
    assertEquals(2, legacy.pick(new int[] {1, 0, 1}, 1 << 30));
    assertEquals(-1, legacy.pick(new int[] {1, 1}, Integer.MAX_VALUE));
    assertEquals(0, legacy.pick(new int[] {1, 1}, Integer.MIN_VALUE));

    FlagdProfile flagd = FlagdProfile.flagd(FlagdProfile.Encoding.UTF_8);
    // (2^31 * 2) >>> 32 = 1: the second of two equal weights
    assertEquals(1, flagd.pick(new int[] {1, 1}, Integer.MIN_VALUE));
    assertEquals(0, flagd.pick(new int[] {1, 1}, Integer.MAX_VALUE));
    assertEquals(2, flagd.pick(new int[] {1, 0, 1}, Integer.MIN_VALUE));
    assertEquals(-1, flagd.pick(new int[] {0, 0}, 12345));
    assertEquals(9_999, FlagdProfile.scaledBucket(-1, 10_000));
  }

  @Test
  void choicesAreMatchedWholeIgnoringCaseAndTheDash() {
    Parameter encoding =
        Parameter.choice("encoding", FlagdProfile.Encoding.class, FlagdProfile.Encoding.UTF_8, "d");
    assertEquals(List.of("utf-8", "imurmurhash"), encoding.choices());
    assertEquals("utf-8", encoding.defaultValue());
    assertEquals(Parameter.Type.CHOICE, encoding.type());
    assertEquals(Parameter.Need.OPTIONAL, encoding.need());
    assertEquals(0, encoding.choice("utf-8"));
    assertEquals(0, encoding.choice("UTF_8"));
    assertEquals(1, encoding.choice("imurmurhash"));
    assertEquals(1, encoding.choice("IMurmurHash"));
    for (String wrong : List.of("imurmurhas", "imurmurhashx", "utf-16", "utf8", "")) {
      assertEquals(
          "encoding must be one of utf-8, imurmurhash: " + wrong,
          assertThrows(IllegalArgumentException.class, () -> encoding.choice(wrong)).getMessage());
    }

    Parameter salt = Parameter.oneOf("salt", Parameter.Type.TEXT, "the salt");
    assertEquals(Parameter.Need.ONE_OF, salt.need());
    assertEquals(null, salt.defaultValue());
    assertEquals(
        "a needed parameter has no default: salt",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Parameter(
                        "salt", Parameter.Type.TEXT, List.of(), Parameter.Need.ONE_OF, "x", "d"))
            .getMessage());
    assertEquals("x", Parameter.optional("p", Parameter.Type.TEXT, "x", "d").defaultValue());
    assertEquals(
        "choices go with type CHOICE only: p",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Parameter(
                        "p", Parameter.Type.CHOICE, List.of(), Parameter.Need.OPTIONAL, null, "d"))
            .getMessage());
  }

  /** A value is checked against its type even when the factory does not read it. */
  @Test
  void everyGivenValueIsCheckedAgainstItsType() {
    ProfileType ignoring =
        new ProfileType(
            "ignoring",
            "r",
            "u",
            "v",
            List.of(
                Parameter.optional(Profiles.SEED, Parameter.Type.INTEGER, null, "a seed"),
                Parameter.optional(Profiles.CHARSET, Parameter.Type.CHARSET, null, "a charset"),
                Parameter.choice(
                    Profiles.ALGORITHM,
                    SplitProfile.Algorithm.class,
                    SplitProfile.Algorithm.MURMUR,
                    "an algorithm")),
            Map.of(),
            arguments -> OptimizelyProfile.optimizely());
    assertEquals(OptimizelyProfile.optimizely(), ignoring.create(Map.of(Profiles.SEED, "7")));
    assertEquals(
        "seed must be a 32-bit integer: 7x",
        assertThrows(
                IllegalArgumentException.class, () -> ignoring.create(Map.of(Profiles.SEED, "7x")))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> ignoring.create(Map.of(Profiles.CHARSET, "no-such-charset")))
            .getMessage()
            .startsWith("charset is not one this JVM supports: no-such-charset"));
    assertEquals(
        "algorithm must be one of legacy, murmur: md5",
        assertThrows(
                IllegalArgumentException.class,
                () -> ignoring.create(Map.of(Profiles.ALGORITHM, "md5")))
            .getMessage());
    assertEquals(Set.of("algorithm", "seed"), Profiles.parameters(Profiles.SPLIT));
  }

  /** Published test vectors: FNV-1a 32 (the FNV authors' test suite) and SHA-1 (FIPS 180-2). */
  @Test
  void publishedHashValues() {
    assertEquals(0x811c9dc5, SystemHashes.fnv1a32Units(""));
    assertEquals(0xe40c292c, SystemHashes.fnv1a32Units("a"));
    assertEquals(0xbf9cf968, SystemHashes.fnv1a32Units("foobar"));
    assertEquals(0x811c9dc5, SystemHashes.fnv1a32Bytes(new byte[0]));
    assertEquals(0xe40c292c, SystemHashes.fnv1a32Bytes(new byte[] {'a'}));
    assertEquals(
        0xbf9cf968, SystemHashes.fnv1a32Bytes("foobar".getBytes(StandardCharsets.US_ASCII)));
    // SHA-1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d: the first 15 hex digits
    assertEquals(0xa9993e364706816L, SystemHashes.sha1Top60("abc"));
    // SHA-1("") = da39a3ee 5e6b4b0d ...
    assertEquals(0xda39a3ee5e6b4b0L, SystemHashes.sha1Top60(""));
  }

  /**
   * The SDKs' on-the-fly UTF-8 at each boundary, by hand: 1 byte below U+0080, 2 below U+0800, 3
   * outside the surrogates; a surrogate with a following char is combined with it as a pair ({@code
   * ((c - 0xD7C0) << 10) + (next & 0x3FF)}, four bytes), a surrogate at the end is three bytes.
   */
  @Test
  void lenientUtf8AtEachBoundary() {
    assertBytes("7f", "\u007f");
    assertBytes("c2 80", "\u0080");
    assertBytes("df bf", "\u07ff");
    assertBytes("e0 a0 80", "\u0800");
    assertBytes("ed 9f bf", "\ud7ff");
    assertBytes("ee 80 80", "\ue000");
    assertBytes("ef bf bf", "\uffff");
    // U+D800 then 'b': (0x40 << 10) + 0x62 = 0x10062
    assertBytes("f0 90 81 a2", "\ud800b");
    // U+DFFF then 'a': (0x83F << 10) + 0x61 = 0x20FC61, its first byte 0xF0 | 8
    assertBytes("f8 8f b1 a1", "\udfffa");
    // a proper pair: U+1F600
    assertBytes("f0 9f 98 80", "\ud83d\ude00");
    assertBytes("61 ed a0 80", "a\ud800");
    assertBytes("ed b0 80", "\udc00");
  }

  private static void assertBytes(String hex, String id) {
    StringBuilder actual = new StringBuilder();
    for (byte b : SystemHashes.lenientUtf8(id)) {
      actual.append(actual.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xff));
    }
    assertEquals(hex, actual.toString(), hex);
  }
}
