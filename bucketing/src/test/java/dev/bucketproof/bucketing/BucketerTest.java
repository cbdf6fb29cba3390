package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BucketerTest {
  private static final long SEED = 0xB0C4E7L;

  @Test
  void aSaltedBucketerRejectsFlagKeysWithTheSeparatorSoNoTwoFlagsShareAKey() {
    // "a:b" + ":" + "c" and "a" + ":" + "b:c" are both "a:b:c": the two flags would share their
    // users.
    String message =
        "flagKey must not contain ':' in a salted bucketer, which hashes flagKey:userId (flag \"a:b\" with"
            + " user \"c\" and flag \"a\" with user \"b:c\" would hash the same key and share users): a:b";
    Bucketer salted = Bucketer.standard();
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> salted.forFlag("a:b")).getMessage());
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> salted.hashedKey("a:b", "c"))
            .getMessage());
    assertEquals(
        message,
        assertThrows(
                IllegalArgumentException.class, () -> salted.rollout(Rollout.ofPercent("a:b", 5)))
            .getMessage());
    assertEquals(
        message,
        assertThrows(
                IllegalArgumentException.class,
                () -> salted.variants(VariantSplit.of("a:b", new Variant("x", 1))))
            .getMessage());
    assertEquals("a:b:c", salted.hashedKey("a", "b:c"), "a user id may hold ':'");
    // Unsalted, the key is the user id alone: the flag key's characters do not matter.
    assertEquals("c", Bucketer.builder().unsalted().build().hashedKey("a:b", "c"));
  }

  @Test
  void bucketIsUnsignedHashModBucketCountOfFlagColonUser() {
    Bucketer bucketer = Bucketer.standard();
    for (int i = 0; i < 1000; i++) {
      String user = "user-" + i;
      long hash =
          Integer.toUnsignedLong(
              Murmur3.x86_32(("new-checkout:" + user).getBytes(StandardCharsets.UTF_8), 0));
      assertEquals((int) (hash % 100), bucketer.bucket("new-checkout", user), user);
    }
    assertEquals("new-checkout:user-1", bucketer.hashedKey("new-checkout", "user-1"));
  }

  @Test
  void bucketPlusOneIsUnleashsNormalizedNumber() {
    // Unleash's own cross-client test values: getNormalizedNumber("123", "gr1") and ("999",
    // "groupX").
    assertEquals(73, Bucketer.standard().bucket("gr1", "123") + 1);
    assertEquals(25, Bucketer.standard().bucket("groupX", "999") + 1);
  }

  @Test
  void unsaltedHashesTheUserIdAloneSoEveryFlagPicksTheSameUsers() {
    Bucketer unsalted = Bucketer.builder().unsalted().build();
    assertEquals("user-1", unsalted.hashedKey("any-flag", "user-1"));
    for (int i = 0; i < 200; i++) {
      String user = "u" + i;
      assertEquals(unsalted.bucket("flag-a", user), unsalted.bucket("flag-b", user));
      assertEquals(IdHashers.murmur3_x86_32().hash(user, 0) % 100, unsalted.bucket("flag-a", user));
    }
  }

  @Test
  void seedIsPassedToTheHasher() {
    Bucketer seeded = Bucketer.builder().seed(0x9747B28C).build();
    long hash = IdHashers.murmur3_x86_32().hash("f:u", 0x9747B28C);
    assertEquals(hash % 100, seeded.bucket("f", "u"));
  }

  @Test
  void unsignedRemainderMatchesBigIntegerForEveryKindOfHash() {
    SplittableRandom random = new SplittableRandom(SEED);
    int[] bucketCounts = {
      1, 2, 3, 7, 100, 10_000, 65_537, Integer.MAX_VALUE - 1, Integer.MAX_VALUE
    };
    long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFFFFFFL, 0x1_0000_0000L};
    for (int bucketCount : bucketCounts) {
      for (long hash : edges) {
        assertUnsignedRemainder(hash, bucketCount);
      }
      for (int i = 0; i < 10_000; i++) {
        assertUnsignedRemainder(random.nextLong(), bucketCount);
      }
    }
  }

  @Test
  void divisionFreeRemainderIsExactForEvery32BitHash() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    int[] bucketCounts = {
      1, 2, 3, 7, 100, 641, 10_000, 65_536, 1_000_003, Integer.MAX_VALUE - 1, Integer.MAX_VALUE
    };
    long[] edges = {0, 1, 2, 99, 100, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFEL, 0xFFFFFFFFL};
    for (int bucketCount : bucketCounts) {
      FlagBuckets buckets = new FlagBuckets(suffix -> 0, bucketCount, HashFamily.MURMUR3_X86_32);
      for (long hash : edges) {
        assertEquals(hash % bucketCount, buckets.remainder32(hash), hash + " mod " + bucketCount);
      }
      for (int i = 0; i < 100_000; i++) {
        long hash = random.nextLong() >>> 32;
        assertEquals(hash % bucketCount, buckets.remainder32(hash), hash + " mod " + bucketCount);
      }
    }
  }

  @Test
  void rolloutLimitOnTheLowBitsDecidesExactlyAsTheBucket() {
    SplittableRandom random = new SplittableRandom(SEED + 2);
    int[] bucketCounts = {
      1, 2, 3, 7, 100, 641, 10_000, 65_536, 1_000_003, Integer.MAX_VALUE - 1, Integer.MAX_VALUE
    };
    for (int bucketCount : bucketCounts) {
      FlagBuckets buckets = new FlagBuckets(suffix -> 0, bucketCount, HashFamily.MURMUR3_X86_32);
      int[] thresholds = {0, 1, bucketCount / 3, bucketCount / 2, bucketCount - 1, bucketCount};
      for (int threshold : thresholds) {
        long limit = buckets.lowBitsLimit(threshold);
        boolean expressible = threshold > 0 && threshold < bucketCount;
        assertEquals(expressible, limit != FlagBuckets.NO_LIMIT, bucketCount + "/" + threshold);
        if (!expressible) {
          continue;
        }
        // The first hash of bucket `threshold` and its neighbours: where an off-by-one would show.
        long boundary = (((long) threshold << 32) + bucketCount - 1) / bucketCount;
        long[] hashes = {
          0, 1, boundary - 2, boundary - 1, boundary, boundary + 1, 0xFFFFFFFEL, 0xFFFFFFFFL
        };
        for (long hash : hashes) {
          if (hash >= 0 && hash <= 0xFFFFFFFFL) {
            assertEquals(
                buckets.remainder32(hash) < threshold,
                buckets.lowBitsBelow(hash, limit),
                "hash " + hash + ", " + bucketCount + " buckets, threshold " + threshold);
          }
        }
        for (int i = 0; i < 20_000; i++) {
          long hash = random.nextLong() >>> 32;
          assertEquals(
              buckets.remainder32(hash) < threshold,
              buckets.lowBitsBelow(hash, limit),
              "hash " + hash + ", " + bucketCount + " buckets, threshold " + threshold);
        }
      }
    }
  }

  @Test
  void rolloutGateAgreesWithTheBucketForEveryHasherAndPercentage() {
    for (IdHasher hasher : IdHashers.all()) {
      for (int bucketCount : new int[] {1, 100, 10_000}) {
        Bucketer bucketer = Bucketer.builder().hasher(hasher).bucketCount(bucketCount).build();
        double[] percents =
            bucketCount == 1 ? new double[] {0, 100} : new double[] {0, 1, 5, 25, 50, 99, 100};
        for (double percent : percents) {
          RolloutGate gate = bucketer.rollout(Rollout.ofPercent("f", percent));
          for (int i = 0; i < 2000; i++) {
            String user = "user-" + i;
            assertEquals(
                gate.buckets().bucket(user) < gate.threshold(),
                gate.isEnabled(user),
                hasher + " " + bucketCount + " buckets " + percent + "% " + user);
          }
        }
      }
    }
  }

  @Test
  void negative64BitHashIsNotASignedRemainder() {
    // -1 read unsigned is 2^64 - 1 = 18446744073709551615, which is 15 mod 100; a signed remainder
    // gives -1.
    assertEquals(15, Bucketer.bucketOf(-1L, 100));
  }

  @Test
  void bucketsOfEveryHasherStayInRange() {
    int[] bucketCounts = {1, 2, 7, 100, 10_000, Integer.MAX_VALUE};
    for (IdHasher hasher : IdHashers.all()) {
      for (int bucketCount : bucketCounts) {
        FlagBuckets buckets =
            Bucketer.builder().hasher(hasher).bucketCount(bucketCount).build().forFlag("f");
        for (int i = 0; i < 2000; i++) {
          int bucket = buckets.bucket("user-" + i);
          assertTrue(
              bucket >= 0 && bucket < bucketCount, hasher + " " + bucketCount + " " + bucket);
        }
      }
    }
  }

  @Test
  void rolloutEnablesBucketsBelowTheThreshold() {
    Bucketer bucketer = Bucketer.standard();
    RolloutGate gate = bucketer.rollout(Rollout.ofPercent("f", 5));
    assertEquals(5, gate.threshold());
    int enabled = 0;
    for (int i = 0; i < 10_000; i++) {
      String user = "user-" + i;
      assertEquals(bucketer.bucket("f", user) < 5, gate.isEnabled(user), user);
      enabled += gate.isEnabled(user) ? 1 : 0;
    }
    assertTrue(enabled > 0 && enabled < 10_000, "enabled " + enabled);
    assertEquals(0, bucketer.rollout(Rollout.ofPercent("f", 0)).threshold());
    assertEquals(100, bucketer.rollout(Rollout.ofPercent("f", 100)).threshold());
    assertEquals(
        525,
        Bucketer.builder()
            .bucketCount(10_000)
            .build()
            .rollout(Rollout.ofPercent("f", 5.25))
            .threshold());
  }

  @Test
  void zeroAndFullRolloutsAreExact() {
    RolloutGate none = Bucketer.standard().rollout(Rollout.ofPercent("f", 0));
    RolloutGate all = Bucketer.standard().rollout(Rollout.ofPercent("f", 100));
    for (int i = 0; i < 5000; i++) {
      assertFalse(none.isEnabled("u" + i));
      assertTrue(all.isEnabled("u" + i));
    }
  }

  @Test
  void raisingTheRolloutOnlyAddsUsers() {
    Bucketer bucketer = Bucketer.builder().bucketCount(10_000).build();
    int[] basisPoints = {0, 1, 50, 100, 500, 2500, 2501, 5000, 9999, 10_000};
    for (int i = 0; i < 2000; i++) {
      String user = "user-" + i;
      boolean wasEnabled = false;
      for (int points : basisPoints) {
        boolean enabled = bucketer.rollout(new Rollout("f", points)).isEnabled(user);
        assertTrue(enabled || !wasEnabled, user + " dropped out when raised to " + points + " bp");
        wasEnabled = enabled;
      }
    }
  }

  @Test
  void percentagesAreExactBasisPoints() {
    assertEquals(525, Rollout.ofPercent("f", 5.25).basisPoints());
    assertEquals(1, Rollout.ofPercent("f", 0.01).basisPoints());
    assertEquals(10_000, Rollout.ofPercent("f", 100).basisPoints());
    assertEquals("12.5", Rollout.ofPercent("f", 12.5).percent().toPlainString());
    assertEquals("5", Rollout.ofPercent("f", 5).percent().toPlainString());
    assertEquals("f 0.01%", Rollout.ofPercent("f", 0.01).toString());
  }

  @Test
  void rolloutFinerThanTheBucketCountNamesTheBucketCountThatWouldExpressIt() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> Bucketer.standard().rollout(Rollout.ofPercent("f", 5.25)));
    assertEquals(
        "rolloutPercent 5.25 cannot be expressed with bucketCount 100: use a bucket count that is a"
            + " multiple of 400 (such as 10000)",
        error.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Bucketer.builder().bucketCount(7).build().rollout(Rollout.ofPercent("f", 50)));
  }

  @Test
  void badPercentagesAreRejectedWithTheValue() {
    assertMessage(
        "rolloutPercent must be within [0, 100]: 100.5", () -> Rollout.ofPercent("f", 100.5));
    assertMessage(
        "rolloutPercent must be within [0, 100]: -0.01", () -> Rollout.ofPercent("f", -0.01));
    assertMessage(
        "rolloutPercent must be a finite number: NaN", () -> Rollout.ofPercent("f", Double.NaN));
    assertMessage(
        "rolloutPercent must be a finite number: Infinity",
        () -> Rollout.ofPercent("f", Double.POSITIVE_INFINITY));
    assertMessage(
        "rolloutPercent must have at most two decimals (basis points): 5.255",
        () -> Rollout.ofPercent("f", 5.255));
    assertMessage(
        "rollout basisPoints must be within [0, 10000]: 10001", () -> new Rollout("f", 10_001));
    assertMessage("rollout basisPoints must be within [0, 10000]: -1", () -> new Rollout("f", -1));
  }

  @Test
  void badBucketCountsAndFlagKeysAreRejectedWithTheValue() {
    assertMessage(
        "bucketCount must be within [1, 2147483647]: 0", () -> Bucketer.builder().bucketCount(0));
    assertMessage(
        "bucketCount must be within [1, 2147483647]: -5", () -> Bucketer.builder().bucketCount(-5));
    assertMessage("flagKey must not be empty", () -> Bucketer.standard().bucket("", "u"));
    assertMessage("flagKey must not be empty", () -> Rollout.ofPercent("", 5));
    Bucketer sameSeeds = Bucketer.builder().seed(7).variantSeed(7).build();
    assertEquals(
        Bucketer.builder().seed(7).build().bucket("f", "u"),
        sameSeeds.bucket("f", "u"),
        "a bucketer that assigns no variants may use the variant seed as its rollout seed");
    VariantSplit split = new VariantSplit("f", List.of(new Variant("a", 1), new Variant("b", 1)));
    assertMessage(
        "variantSeed must differ from seed, or variant and rollout would be correlated: 7",
        () -> sameSeeds.variants(split));
    assertMessage(
        "variantSeed must differ from seed, or variant and rollout would be correlated: 7",
        () -> sameSeeds.explain(Rollout.ofPercent("f", 50), split, "u"));
  }

  @Test
  void nullArgumentsAreRejectedNamingTheParameter() {
    assertNpe("userId", () -> Bucketer.standard().bucket("f", null));
    assertNpe("flagKey", () -> Bucketer.standard().bucket(null, "u"));
    assertNpe("userId", () -> Bucketer.standard().hashedKey("f", null));
    assertNpe("hasher", () -> Bucketer.builder().hasher(null));
    assertNpe("rollout", () -> Bucketer.standard().rollout(null));
    assertNpe("split", () -> Bucketer.standard().variants(null));
    assertNpe("flagKey", () -> Rollout.ofPercent(null, 5));
    assertNpe("name", () -> new Variant(null, 1));
    assertNpe("variants", () -> new VariantSplit("f", null));
    assertThrows(
        NullPointerException.class,
        () -> Bucketer.standard().rollout(Rollout.ofPercent("f", 5)).isEnabled(null));
  }

  @Test
  void variantsSplitByCumulativeWeights() {
    VariantSplit split =
        VariantSplit.of("exp", new Variant("a", 10), new Variant("b", 30), new Variant("c", 60));
    VariantAssigner assigner = Bucketer.standard().variants(split);
    assertEquals(100, split.totalWeight());
    int[] counts = new int[3];
    for (int i = 0; i < 20_000; i++) {
      String user = "user-" + i;
      int bucket = assigner.bucket(user);
      String expected = bucket < 10 ? "a" : bucket < 40 ? "b" : "c";
      String actual = assigner.variant(user).name();
      assertEquals(expected, actual, user);
      assertEquals(actual, assigner.variant(user).name());
      counts[actual.charAt(0) - 'a']++;
    }
    assertTrue(
        counts[0] > 0 && counts[1] > counts[0] && counts[2] > counts[1], Arrays.toString(counts));
  }

  @Test
  void variantUsesItsOwnSeedAndTheTotalWeightAsBucketSpace() {
    Bucketer bucketer = Bucketer.standard();
    VariantAssigner assigner =
        bucketer.variants(VariantSplit.of("exp", new Variant("a", 1), new Variant("b", 2)));
    for (int i = 0; i < 500; i++) {
      String user = "u" + i;
      long hash = IdHashers.murmur3_x86_32().hash("exp:" + user, Bucketer.DEFAULT_VARIANT_SEED);
      assertEquals((int) (hash % 3), assigner.bucket(user), user);
    }
  }

  @Test
  void zeroWeightVariantIsNeverChosen() {
    VariantAssigner assigner =
        Bucketer.standard()
            .variants(VariantSplit.of("exp", new Variant("off", 0), new Variant("on", 1)));
    for (int i = 0; i < 1000; i++) {
      assertEquals("on", assigner.variant("u" + i).name());
    }
  }

  @Test
  void badVariantsAreRejectedWithTheValue() {
    assertMessage("variant weight must be >= 0: -1 for variant a", () -> new Variant("a", -1));
    assertMessage("variant name must not be empty", () -> new Variant("", 1));
    assertMessage(
        "variant names must be unique: a appears twice",
        () -> VariantSplit.of("f", new Variant("a", 1), new Variant("a", 2)));
    assertMessage(
        "variant weights must not all be zero: [Variant[name=a, weight=0], Variant[name=b, weight=0]]",
        () -> VariantSplit.of("f", new Variant("a", 0), new Variant("b", 0)));
    assertMessage("variants must not be empty for flag f", () -> VariantSplit.of("f"));
    assertMessage(
        "variant weights must total at most 2^31-1: 4294967294",
        () ->
            VariantSplit.of(
                "f", new Variant("a", Integer.MAX_VALUE), new Variant("b", Integer.MAX_VALUE)));
  }

  @Test
  void explanationShowsEveryStep() {
    Bucketer bucketer = Bucketer.standard();
    Rollout rollout = Rollout.ofPercent("gr1", 80);
    VariantSplit split =
        VariantSplit.of("gr1", new Variant("control", 50), new Variant("treatment", 50));
    Explanation explanation = bucketer.explain(rollout, split, "123");
    assertEquals("bucketproof:murmur3_x86_32", explanation.hasher());
    assertEquals("gr1:123", explanation.hashedKey());
    assertEquals(IdHashers.murmur3_x86_32().hash("gr1:123", 0), explanation.hash());
    assertEquals(72, explanation.bucket());
    assertEquals(80, explanation.threshold());
    assertTrue(explanation.enabled());
    assertEquals("80", explanation.rolloutPercent());
    assertEquals(bucketer.variants(split).variant("123").name(), explanation.variant().name());
    assertEquals(Bucketer.DEFAULT_VARIANT_SEED, explanation.variant().seed());
    assertTrue(explanation.describe().contains("bucket     72 of 100\n"), explanation.describe());
    assertTrue(
        explanation
            .describe()
            .endsWith(
                "variant    "
                    + explanation.variant().name()
                    + " (variant bucket "
                    + explanation.variant().bucket()
                    + " of 100, seed 86028157)\n"),
        explanation.describe());
    assertNull(bucketer.explain(rollout, null, "123").variant());
    assertMessage(
        "variant split is for flag other, rollout for flag gr1",
        () -> bucketer.explain(rollout, VariantSplit.of("other", new Variant("a", 1)), "123"));
  }

  @Test
  void sameBucketForEveryHasherOfAFamily() {
    List<IdHasher> utf8 = List.of(IdHashers.murmur3_x86_32(), IdHashers.murmur3_x86_32_guava());
    List<IdHasher> wide =
        List.of(IdHashers.murmur3_x64_128_openhft(), IdHashers.murmur3_x64_128_guava());
    for (List<IdHasher> family : List.of(utf8, wide)) {
      Bucketer first = Bucketer.builder().hasher(family.get(0)).bucketCount(10_000).build();
      Bucketer second = Bucketer.builder().hasher(family.get(1)).bucketCount(10_000).build();
      for (int i = 0; i < 2000; i++) {
        String user = "us\u00e9r-\uD83D\uDCB0-" + i;
        assertEquals(first.bucket("f", user), second.bucket("f", user), family + " " + user);
      }
    }
  }

  @Test
  void standardBucketerReportsItsDefaults() {
    Bucketer standard = Bucketer.standard();
    assertTrue(standard.isSalted());
    assertSame(IdHashers.murmur3_x86_32(), standard.hasher());
    assertEquals(100, standard.bucketCount());
    assertEquals(0, standard.seed());
    assertEquals(86028157, standard.variantSeed());
    assertEquals(
        "Bucketer[bucketproof:murmur3_x86_32, bucketCount=100, seed=0, variantSeed=86028157, salted]",
        standard.toString());
  }

  @Test
  void builderSettersAreReadBack() {
    Bucketer bucketer =
        Bucketer.builder()
            .hasher(IdHashers.murmur3_x86_32_js())
            .bucketCount(10_000)
            .seed(-7)
            .variantSeed(9)
            .unsalted()
            .build();
    assertFalse(bucketer.isSalted());
    assertSame(IdHashers.murmur3_x86_32_js(), bucketer.hasher());
    assertEquals(10_000, bucketer.bucketCount());
    assertEquals(-7, bucketer.seed());
    assertEquals(9, bucketer.variantSeed());
    assertEquals(
        "Bucketer[bucketproof:murmur3_x86_32_js, bucketCount=10000, seed=-7, variantSeed=9, unsalted]",
        bucketer.toString());
    assertEquals(10_000, bucketer.forFlag("f").bucketCount());
  }

  @Test
  void saltedUndoesUnsalted() {
    Bucketer salted = Bucketer.builder().unsalted().salted().build();
    assertTrue(salted.isSalted());
    assertEquals("f:u", salted.hashedKey("f", "u"));
    assertEquals(Bucketer.standard().bucket("f", "u"), salted.bucket("f", "u"));
    Bucketer unsalted = Bucketer.builder().salted().unsalted().build();
    assertFalse(unsalted.isSalted());
    assertEquals("u", unsalted.hashedKey("f", "u"));
  }

  @Test
  void gateReturnsItsRollout() {
    Rollout rollout = Rollout.ofPercent("f", 25);
    assertSame(rollout, Bucketer.standard().rollout(rollout).rollout());
  }

  private static void assertUnsignedRemainder(long hash, int bucketCount) {
    BigInteger unsigned = new BigInteger(Long.toUnsignedString(hash));
    int expected = unsigned.mod(BigInteger.valueOf(bucketCount)).intValueExact();
    assertEquals(
        expected,
        Bucketer.bucketOf(hash, bucketCount),
        () -> Long.toUnsignedString(hash) + " mod " + bucketCount);
  }

  private static void assertMessage(String expected, Executable executable) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, executable);
    assertEquals(expected, error.getMessage());
  }

  private static void assertNpe(String parameter, Executable executable) {
    NullPointerException error = assertThrows(NullPointerException.class, executable);
    assertEquals(parameter, error.getMessage());
  }
}
