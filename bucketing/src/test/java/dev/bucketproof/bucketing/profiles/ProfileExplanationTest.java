package dev.bucketproof.bucketing.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.Murmur3;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each profile's explanation of one decision, field by field and line by line, against the system's
 * rule worked by hand for user {@code user-123} in flag {@code new-checkout} at 30%: the hash from
 * an implementation outside this package (the reference-checked {@link Murmur3}, the JDK's SHA-1
 * and {@code String.hashCode}, FNV-1a written out below), the key, bucket, cut-off and variant from
 * the rule as each class's javadoc states it.
 */
class ProfileExplanationTest {
  private static final String FLAG = "new-checkout";
  private static final String USER = "user-123";
  private static final Rollout THIRTY = Rollout.ofPercent(FLAG, 30);

  private static VariantSplit halves(int weight) {
    return VariantSplit.of(FLAG, new Variant("control", weight), new Variant("treatment", weight));
  }

  private static long murmur3(String key, int seed) {
    return Integer.toUnsignedLong(Murmur3.x86_32(key.getBytes(StandardCharsets.UTF_8), seed));
  }

  @Test
  void unleash() {
    String key = FLAG + ":" + USER;
    long hash = murmur3(key, 0);
    int bucket = (int) (hash % 100);
    int target = (int) (murmur3(key, 86028157) % 100) + 1;
    Explanation expected =
        new Explanation(
            "unleash",
            key,
            0,
            hash,
            100,
            bucket,
            "30",
            30,
            bucket + 1 <= 30,
            new Explanation.VariantChoice(
                target <= 50 ? "control" : "treatment", 86028157, target - 1, 100),
            List.of(
                "key flagKey + \":\" + userId, bytes in UTF-8",
                "normalized = hash % 100 + 1 = "
                    + (bucket + 1)
                    + "; enabled iff "
                    + (bucket + 1)
                    + " <= 30",
                "variant target = hash(key, 86028157) % 100 + 1 = "
                    + target
                    + "; first variant whose running weight >= "
                    + target));
    assertEquals(expected, UnleashProfile.unleash().explain(THIRTY, halves(50), USER));
  }

  /**
   * 9.x in a Latin-1 JVM with a group id; an ASCII id has no byte >= 0x80, so the sign-extended
   * tail hashes as the reference does.
   */
  @Test
  void unleash9WithAGroupId() {
    String key = "checkout:" + USER;
    long hash = murmur3(key, 0);
    int bucket = (int) (hash % 100);
    Explanation expected =
        new Explanation(
            "unleash-9",
            key,
            0,
            hash,
            100,
            bucket,
            "30",
            30,
            bucket + 1 <= 30,
            null,
            List.of(
                "key groupId + \":\" + userId, bytes in ISO-8859-1, murmur3 with sign-extended tail"
                    + " bytes",
                "normalized = hash % 100 + 1 = "
                    + (bucket + 1)
                    + "; enabled iff "
                    + (bucket + 1)
                    + " <= 30"));
    assertEquals(
        expected,
        UnleashProfile.unleash9(StandardCharsets.ISO_8859_1)
            .withGroupId("checkout")
            .explain(THIRTY, null, USER));
  }

  /**
   * The 12.x engine refuses an id with an unpaired surrogate: disabled, no variant, and a line that
   * says why; the hash is still shown, of the key with U+FFFD (EF BF BD).
   */
  @Test
  void unleashRejectsAnUnpairedSurrogate() {
    String id = "a\ud800b";
    byte[] bytes = {
      'n',
      'e',
      'w',
      '-',
      'c',
      'h',
      'e',
      'c',
      'k',
      'o',
      'u',
      't',
      ':',
      'a',
      (byte) 0xef,
      (byte) 0xbf,
      (byte) 0xbd,
      'b'
    };
    long hash = Integer.toUnsignedLong(Murmur3.x86_32(bytes, 0));
    int bucket = (int) (hash % 100);
    long variantHash = Integer.toUnsignedLong(Murmur3.x86_32(bytes, 86028157));
    int target = (int) (variantHash % 100) + 1;
    Explanation explanation = UnleashProfile.unleash().explain(THIRTY, halves(50), id);
    assertEquals(hash, explanation.hash());
    assertEquals(bucket, explanation.bucket());
    assertEquals(false, explanation.enabled());
    assertEquals(
        new Explanation.VariantChoice("(none)", 86028157, target - 1, 100), explanation.variant());
    assertEquals(
        "the id holds an unpaired surrogate: the engine rejects it, disabled",
        explanation.steps().get(3));
    assertEquals(4, explanation.steps().size());
  }

  @Test
  void split() {
    long hash = murmur3(USER, 7);
    int bucket = (int) (hash % 100);
    Explanation expected =
        new Explanation(
            "split",
            USER,
            7,
            hash,
            100,
            bucket,
            "30",
            30,
            bucket + 1 <= 30,
            new Explanation.VariantChoice(
                bucket + 1 <= 50 ? "control" : "treatment", 7, bucket, 100),
            List.of(
                "key = bucketing key alone, MURMUR, seed 7",
                "bucket = abs(hash % 100) + 1 = "
                    + (bucket + 1)
                    + "; enabled iff "
                    + (bucket + 1)
                    + " <= 30",
                "traffic allocation 100% (seed 0): in"));
    assertEquals(expected, SplitProfile.split(7).explain(THIRTY, halves(50), USER));
  }

  /**
   * Split's legacy hash is {@code String.hashCode} XOR the seed, signed; {@code abs(h % 100) + 1}.
   * With a traffic allocation of 60%, the allocation bucket (seed 3) above 60 takes the user out.
   */
  @Test
  void splitLegacyWithATrafficAllocation() {
    for (String id : List.of(USER, "user-124", "user-125", "user-126")) {
      int bucket = Math.abs((id.hashCode() ^ 7) % 100);
      int allocationBucket = Math.abs((id.hashCode() ^ 3) % 100) + 1;
      boolean in = allocationBucket <= 60;
      Explanation expected =
          new Explanation(
              "split",
              id,
              7,
              0,
              100,
              bucket,
              "30",
              30,
              in && bucket + 1 <= 30,
              new Explanation.VariantChoice(
                  !in ? "(none)" : bucket + 1 <= 50 ? "control" : "treatment", 7, bucket, 100),
              List.of(
                  "key = bucketing key alone, LEGACY, seed 7",
                  "bucket = abs(hash % 100) + 1 = "
                      + (bucket + 1)
                      + "; enabled iff "
                      + (bucket + 1)
                      + " <= 30",
                  "traffic allocation 60% (seed 3): " + (in ? "in" : "out")));
      assertEquals(
          expected,
          SplitProfile.split(7)
              .withAlgorithm(SplitProfile.Algorithm.LEGACY)
              .withTrafficAllocation(60, 3)
              .explain(THIRTY, halves(50), id),
          id);
    }
  }

  @Test
  void optimizely() {
    String key = USER + FLAG;
    long hash = murmur3(key, 1);
    int bucket = (int) (hash * 10000 >>> 32);
    Explanation expected =
        new Explanation(
            "optimizely",
            key,
            1,
            hash,
            10000,
            bucket,
            "30",
            3000,
            bucket < 3000,
            new Explanation.VariantChoice(
                bucket < 5000 ? "control" : "treatment", 1, bucket, 10000),
            List.of(
                "key userId + \"\" + experimentId, UTF-8 (SDK surrogate handling)",
                "bucket = floor(10000 * hash / 2^32) = "
                    + bucket
                    + "; enabled iff "
                    + bucket
                    + " < endOfRange 3000",
                "variants: first allocation whose endOfRange (running weight sum) > bucket "
                    + bucket));
    assertEquals(expected, OptimizelyProfile.optimizely().explain(THIRTY, halves(5000), USER));
  }

  /** Canonical UTF-8 and a separator: the first line says so; 2 basis points of traffic. */
  @Test
  void optimizelyWithASeparatorAndLittleTraffic() {
    String key = USER + ":" + FLAG;
    long hash = murmur3(key, 1);
    int bucket = (int) (hash * 10000 >>> 32);
    Explanation explanation =
        new OptimizelyProfile("optimizely", ":", 1, false).explain(THIRTY, halves(1), USER);
    assertEquals(key, explanation.hashedKey());
    assertEquals(bucket, explanation.bucket());
    assertEquals(
        new Explanation.VariantChoice(
            bucket < 1 ? "control" : bucket < 2 ? "treatment" : "(none)", 1, bucket, 2),
        explanation.variant());
    assertEquals("key userId + \":\" + experimentId, UTF-8", explanation.steps().get(0));
  }

  private static long sha1Top60(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(key.getBytes(StandardCharsets.UTF_8));
      long top = 0;
      for (int i = 0; i < 8; i++) {
        top = top << 8 | (digest[i] & 0xff);
      }
      return top >>> 4;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void launchDarkly() {
    String key = FLAG + ".a1b2c3." + USER;
    long hash = sha1Top60(key);
    float value = hash / (float) (1L << 60);
    int bucket = (int) Math.floor((double) value * 100000);
    Explanation expected =
        new Explanation(
            "launchdarkly",
            key,
            0,
            hash,
            100000,
            bucket,
            "30",
            30000,
            value < 0.3f,
            new Explanation.VariantChoice(
                value < 0.5f ? "control" : "treatment", 0, bucket, 100000),
            List.of(
                "key flagKey + \".\" + salt + \".\" + contextKey, SHA-1 of UTF-8, first 15 hex"
                    + " digits = "
                    + hash,
                "bucket = (float) " + hash + " / 2^60 = " + value,
                "enabled iff bucket < 30000 / 100000f (float running sum)"));
    assertEquals(
        expected, LaunchDarklyProfile.withSalt("a1b2c3").explain(THIRTY, halves(50_000), USER));
  }

  @Test
  void launchDarklySeeded() {
    String key = "61." + USER;
    long hash = sha1Top60(key);
    float value = hash / (float) (1L << 60);
    Explanation explanation =
        LaunchDarklyProfile.withSeed(61).explain(THIRTY, halves(50_000), USER);
    assertEquals(key, explanation.hashedKey());
    assertEquals(61, explanation.seed());
    assertEquals(hash, explanation.hash());
    assertEquals(value < 0.3f, explanation.enabled());
    assertEquals(
        new Explanation.VariantChoice(
            value < 0.5f ? "control" : "treatment",
            61,
            (int) Math.floor((double) value * 100000),
            100000),
        explanation.variant());
    assertEquals(
        "key seed + \".\" + contextKey, SHA-1 of UTF-8, first 15 hex digits = " + hash,
        explanation.steps().get(0));
  }

  @Test
  void flagd() {
    String key = FLAG + USER;
    long hash = murmur3(key, 0);
    long scaled = hash * 10000 >>> 32;
    long variantBucket = hash * 2 >>> 32;
    Explanation expected =
        new Explanation(
            "flagd",
            key,
            0,
            hash,
            100,
            (int) (hash * 100 >>> 32),
            "30",
            30,
            scaled < 3000,
            new Explanation.VariantChoice(
                variantBucket < 1 ? "control" : "treatment", 0, (int) variantBucket, 2),
            List.of(
                "key flagKey + \"\" + targetingKey, UTF_8",
                "bucket = ("
                    + hash
                    + " * 10000) >>> 32 = "
                    + scaled
                    + "; enabled iff bucket < 3000"));
    assertEquals(
        expected, FlagdProfile.flagd(FlagdProfile.Encoding.UTF_8).explain(THIRTY, halves(1), USER));
  }

  @Test
  void flagd011() {
    String key = FLAG + USER;
    int hash = (int) murmur3(key, 0);
    float bucket = Math.abs(hash) * 1.0f / Integer.MAX_VALUE * 100;
    int whole = Math.max(0, Math.min(99, (int) Math.floor(bucket)));
    Explanation expected =
        new Explanation(
            "flagd-0.11",
            key,
            0,
            Integer.toUnsignedLong(hash),
            100,
            whole,
            "30",
            30,
            bucket < 30f,
            new Explanation.VariantChoice(
                bucket < 50f ? "control" : bucket < 100f ? "treatment" : "(none)", 0, whole, 2),
            List.of(
                "key flagKey + \"\" + targetingKey, UTF_8",
                "bucket = abs("
                    + hash
                    + ") * 1.0f / Integer.MAX_VALUE * 100 = "
                    + bucket
                    + "; enabled iff bucket < 3000 * 100 / 10000f"));
    assertEquals(expected, FlagdProfile.flagd011().explain(THIRTY, halves(1), USER));
  }

  /** FNV-1a 32 over UTF-16 units, as the FNV authors define it (offset basis, prime). */
  private static long fnv1a(String text) {
    int hash = 0x811c9dc5;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * 0x01000193;
    }
    return Integer.toUnsignedLong(hash);
  }

  @Test
  void growthBook() {
    String key = FLAG + USER;
    long hash = fnv1a(Long.toString(fnv1a(key)));
    int bucket = (int) (hash % 10000);
    double n = bucket / 10000.0;
    Explanation expected =
        new Explanation(
            "growthbook",
            key,
            0,
            hash,
            10000,
            bucket,
            "30",
            3000,
            n <= 0.3,
            new Explanation.VariantChoice(n < 0.5 ? "control" : "treatment", 0, bucket, 10000),
            List.of(
                "fnv1a32(str(fnv1a32(seed + userId))), JS encoding = " + hash,
                "n = hash % 10000 / 10000 = " + n + "; enabled iff n <= coverage 0.3"));
    assertEquals(
        expected,
        GrowthBookProfile.growthBook(2, GrowthBookProfile.Encoding.JS)
            .explain(THIRTY, halves(50), USER));
  }

  /**
   * Version 1, Kotlin's bytes (an ASCII id: its units), coverage 0.5: the ranges are [0, 0.25) and
   * [0.5, 0.75); an n outside both gets no variant.
   */
  @Test
  void growthBookV1WithCoverage() {
    for (String id : List.of(USER, "user-124", "user-125", "user-126", "user-127")) {
      String key = id + FLAG;
      long hash = fnv1a(key);
      int bucket = (int) (hash % 1000);
      double n = bucket / 1000.0;
      String variant = n < 0.25 ? "control" : n >= 0.5 && n < 0.75 ? "treatment" : "(none)";
      Explanation expected =
          new Explanation(
              "growthbook-v1",
              key,
              0,
              hash,
              1000,
              bucket,
              "30",
              300,
              n <= 0.3,
              new Explanation.VariantChoice(variant, 0, bucket, 1000),
              List.of(
                  "fnv1a32(userId + seed), KOTLIN encoding = " + hash,
                  "n = hash % 1000 / 1000 = " + n + "; enabled iff n <= coverage 0.3"));
      assertEquals(
          expected,
          GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.KOTLIN)
              .withCoverage(0.5)
              .explain(THIRTY, halves(50), id),
          id);
    }
  }

  /**
   * Each rule's cut-off at the user's own bucket, worked by hand: a rollout ending exactly at the
   * bucket leaves the user out where the rule is {@code bucket < cut-off} (Optimizely, flagd,
   * Unleash and Split at {@code bucket + 1 <= p}), and takes the user in where it is {@code n <=
   * coverage} (GrowthBook).
   */
  @Test
  void cutOffsAtTheUsersOwnBucket() {
    int optimizely = (int) (murmur3(USER + FLAG, 1) * 10000 >>> 32);
    assertCutOff(OptimizelyProfile.optimizely(), optimizely, false);
    assertEquals(
        false,
        OptimizelyProfile.optimizely()
            .explain(new Rollout(FLAG, optimizely), null, USER)
            .enabled());
    assertEquals(
        true,
        OptimizelyProfile.optimizely()
            .explain(new Rollout(FLAG, optimizely + 1), null, USER)
            .enabled());

    int flagd = (int) (murmur3(FLAG + USER, 0) * 10000 >>> 32);
    assertCutOff(FlagdProfile.flagd(FlagdProfile.Encoding.UTF_8), flagd, false);

    int unleash = (int) (murmur3(FLAG + ":" + USER, 0) % 100);
    assertCutOff(UnleashProfile.unleash(), 100 * unleash, false);
    int split = (int) (murmur3(USER, 7) % 100);
    assertCutOff(SplitProfile.split(7), 100 * split, false);

    int growthBook = (int) (fnv1a(Long.toString(fnv1a(FLAG + USER))) % 10000);
    assertCutOff(GrowthBookProfile.growthBook(2, GrowthBookProfile.Encoding.JS), growthBook, true);
  }

  /**
   * The rollout of {@code basisPoints} enables the user iff {@code inclusive}; one step of the
   * system's unit (a basis point, or a percent for whole-percent systems) further, always.
   */
  private static void assertCutOff(BucketingProfile profile, int basisPoints, boolean inclusive) {
    int step = profile.expresses(Rollout.ofPercent(FLAG, 12.5)) ? 1 : 100;
    if (basisPoints > 0 || inclusive) {
      assertEquals(
          inclusive,
          profile.isEnabled(new Rollout(FLAG, basisPoints), USER),
          profile.label() + " at " + basisPoints);
    }
    int next = inclusive ? basisPoints - step : basisPoints + step;
    if (next > 0 && next <= Rollout.FULL) {
      assertEquals(
          !inclusive,
          profile.isEnabled(new Rollout(FLAG, next), USER),
          profile.label() + " at " + next);
    }
  }

  /**
   * GrowthBook: an empty id is in no rollout and no experiment, even at 100% (the SDK skips a rule
   * whose hash attribute is empty).
   */
  @Test
  void growthBookSkipsAnEmptyId() {
    for (int version : new int[] {1, 2}) {
      GrowthBookProfile profile =
          GrowthBookProfile.growthBook(version, GrowthBookProfile.Encoding.JS);
      assertEquals(false, profile.isEnabled(Rollout.ofPercent(FLAG, 100), ""));
      assertEquals(Optional.empty(), profile.variant(halves(50), ""));
    }
  }

  /**
   * Unleash's bytes: 9.x's {@code getBytes} turns an unpaired surrogate into {@code ?}; a non-UTF-8
   * charset is used as given. The ids are chosen so that the tail is ASCII, where the sign-extended
   * tail hashes as the reference does.
   */
  @Test
  void unleashBytesInTheCharsetGiven() {
    byte[] question = "f:a?b".getBytes(StandardCharsets.US_ASCII);
    assertEquals(
        Integer.toUnsignedLong(Murmur3.x86_32(question, 0)) % 100,
        UnleashProfile.unleash9(StandardCharsets.UTF_8).bucket("f", "a\ud800b"));
    byte[] latin1 = {'f', ':', 'j', 'o', 's', (byte) 0xe9, 'x'};
    UnleashProfile latin1Reference =
        new UnleashProfile(
            "unleash",
            ":",
            0,
            UnleashProfile.VARIANT_SEED,
            StandardCharsets.ISO_8859_1,
            false,
            null,
            true);
    assertEquals(
        Integer.toUnsignedLong(Murmur3.x86_32(latin1, 0)) % 100,
        latin1Reference.bucket("f", "jos\u00e9x"));
  }

  /**
   * flagd 0.11 at bucket 100.0f: user-30326825 in new-checkout hashes to -2147483613 (found by a
   * search over user-N; 128 of the 2^32 hashes do this), whose float bucket {@code abs(h) * 1.0f /
   * Integer.MAX_VALUE * 100} rounds to exactly 100.0f. It is below no running sum: no variant, and
   * not enabled even at 100% (the provider's fractional operator returns null, so the default
   * variant); {@link FlagdProfile#bucket} clamps it to 99. The flagd provider 0.11.15 decides the
   * same (properties, FlagdAgreementTest.profileAgreesOnAnIdAtBucket100).
   */
  @Test
  void flagd011GivesNoVariantAtBucket100() {
    String id = "user-30326825";
    int hash = (int) murmur3(FLAG + id, 0);
    assertEquals(-2147483613, hash);
    assertEquals(100f, Math.abs(hash) * 1.0f / Integer.MAX_VALUE * 100);
    FlagdProfile legacy = FlagdProfile.flagd011();
    assertEquals(Optional.empty(), legacy.variant(halves(1), id));
    assertEquals("(none)", legacy.explain(THIRTY, halves(1), id).variant().name());
    assertEquals(99, legacy.bucket(FLAG, id));
    assertEquals(false, legacy.isEnabled(Rollout.ofPercent(FLAG, 100), id));
  }
}
