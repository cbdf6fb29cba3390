package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Known values per hasher, and every hasher against its family's reference on many inputs. */
class IdHashersTest {
  private static final long CROSS_CHECK_SEED = 0x5eed_0001L;
  private static final int[] SEEDS = {
    0, 1, 42, 0x9747B28C, Integer.MAX_VALUE, Integer.MIN_VALUE, -1
  };

  static List<IdHasher> hashers() {
    return IdHashers.all();
  }

  static List<IdHasher> utf8x86Hashers() {
    return family(HashFamily.MURMUR3_X86_32);
  }

  private static List<IdHasher> family(HashFamily family) {
    return IdHashers.all().stream().filter(h -> h.family() == family).collect(Collectors.toList());
  }

  @Test
  void catalogueHasTheFiveNamedHashersInOrder() {
    assertEquals(
        List.of(
            "bucketproof:murmur3_x86_32:murmur3_x86_32",
            "guava:murmur3_x86_32:murmur3_x86_32",
            "openhft:murmur3_x64_128:murmur3_x64_128",
            "guava:murmur3_x64_128:murmur3_x64_128",
            "bucketproof:murmur3_x86_32_js:murmur3_x86_32_js"),
        IdHashers.all().stream()
            .map(h -> h.name() + ":" + h.family())
            .collect(Collectors.toList()));
    for (IdHasher hasher : IdHashers.all()) {
      assertSame(hasher, IdHashers.byName(hasher.name()));
      assertEquals(hasher.name(), hasher.toString());
      assertTrue(hasher.name().endsWith(":" + hasher.family().id()), hasher.name());
    }
    assertSame(IdHashers.murmur3_x86_32(), IdHashers.all().get(0));
  }

  @Test
  void unknownHasherNameIsAnErrorThatListsTheKnownOnes() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> IdHashers.byName("murmur3"));
    assertTrue(
        error
            .getMessage()
            .startsWith("unknown hasher: murmur3 (known: bucketproof:murmur3_x86_32,"),
        error.getMessage());
    assertThrows(NullPointerException.class, () -> IdHashers.byName(null));
  }

  @ParameterizedTest
  @MethodSource("utf8x86Hashers")
  void utf8x86HashersMatchPublishedVectors(IdHasher hasher) {
    assertHash(hasher, 0x00000000, "", 0);
    assertHash(hasher, 0x514E28B7, "", 1);
    assertHash(hasher, 0x81F16F39, "", 0xFFFFFFFF);
    assertHash(hasher, 0x7FA09EA6, "a", 0x9747B28C);
    assertHash(hasher, 0x74875592, "ab", 0x9747B28C);
    assertHash(hasher, 0xC84A62DD, "abc", 0x9747B28C);
    assertHash(hasher, 0xF0478627, "abcd", 0x9747B28C);
    assertHash(hasher, 0x248BFA47, "hello", 0);
    assertHash(hasher, 0xC0363E43, "Hello, world!", 0);
    assertHash(hasher, 0x24884CBA, "Hello, world!", 0x9747B28C);
    assertHash(hasher, 0xD58063C1, "\u03C0\u03C0\u03C0\u03C0\u03C0\u03C0\u03C0\u03C0", 0x9747B28C);
    assertHash(hasher, 0x2E4FF723, "The quick brown fox jumps over the lazy dog", 0);
    assertHash(hasher, 0x9F709A47, "user-123", 0);
    assertHash(hasher, 0x38D60CDC, "550e8400-e29b-41d4-a716-446655440000", 0);
    assertHash(hasher, 0x51D029E5, "jos\u00E9", 0);
    assertHash(hasher, 0xC4D9F942, "\u65E5\u672C", 0);
    assertHash(hasher, 0xA767EF4C, "\uD83D\uDCB0", 0);
    assertHash(hasher, 0xBD8BD7B8, "surrogate pair \uD83D\uDCB0", 0);
  }

  @Test
  void x64_128HashersMatchPublishedVectorsAndTheUnsignedSeed() {
    for (IdHasher hasher : family(HashFamily.MURMUR3_X64_128)) {
      assertEquals(0L, hasher.hash("", 0), hasher.name());
      assertEquals(0xcbd8a7b341bd9b02L, hasher.hash("hello", 0), hasher.name());
      assertEquals(
          0xe34bbc7bbc071b6cL,
          hasher.hash("The quick brown fox jumps over the lazy dog", 0),
          hasher.name());
      // The C reference zero-extends seed 0xFFFFFFFF; Guava and openhft alone would give
      // c0eb3c1697185396.
      assertEquals(0x347bad75d7575e14L, hasher.hash("hello", 0xFFFFFFFF), hasher.name());
    }
  }

  @Test
  void unpairedSurrogateIsHashedAsReplacementCharacterNotQuestionMark() {
    long replacement =
        Integer.toUnsignedLong(
            Murmur3.x86_32(new byte[] {'a', (byte) 0xef, (byte) 0xbf, (byte) 0xbd}, 0));
    long questionMark =
        Integer.toUnsignedLong(Murmur3.x86_32("a?".getBytes(StandardCharsets.UTF_8), 0));
    assertNotEquals(replacement, questionMark);
    for (IdHasher hasher : utf8x86Hashers()) {
      assertEquals(replacement, hasher.hash("a\uD800", 0), hasher.name());
      assertEquals(replacement, hasher.hash("a\uDC00", 0), hasher.name());
      assertEquals(hasher.hash("a\uFFFD", 0), hasher.hash("a\uDBFF", 0), hasher.name());
    }
  }

  @Test
  void browserHasherHashesTheLowByteOfEachChar() {
    IdHasher js = IdHashers.murmur3_x86_32_js();
    assertEquals(0x248BFA47L, js.hash("hello", 0));
    assertEquals(js.hash("\u0000", 0), js.hash("\u0100", 0));
    assertEquals(
        Integer.toUnsignedLong(Murmur3.x86_32(new byte[] {'j', 'o', 's', (byte) 0xe9}, 0)),
        js.hash("jos\u00e9", 0));
  }

  /**
   * Every length 0..1023, ASCII and mixed Unicode, every seed: each hasher equals its family's
   * reference.
   */
  @ParameterizedTest
  @MethodSource("hashers")
  void everyLengthAgreesWithTheFamilyReference(IdHasher hasher) {
    SplittableRandom random = new SplittableRandom(CROSS_CHECK_SEED);
    for (int length = 0; length < 1024; length++) {
      String ascii = randomAscii(random, length);
      String unicode = TestIds.mixedUnicode(random, length);
      int seed = SEEDS[length % SEEDS.length];
      assertFamilyAgrees(hasher, ascii, seed);
      assertFamilyAgrees(hasher, unicode, seed);
    }
  }

  /**
   * U+007F is the last char of the 4-char ASCII fast path and U+0080 the first that must leave it
   * (2 bytes, C2 80). Each sits at every position of ids up to 12 chars, after prefixes that leave
   * 0..3 bytes pending, so it falls in every slot of a block. The fast path tests the OR of 4
   * chars, so the other chars are letters or NUL: only with NUL does that OR equal exactly 0x80.
   */
  @ParameterizedTest
  @MethodSource("hashers")
  void asciiFastPathEndsExactlyAtU0080(IdHasher hasher) {
    String[] prefixes = {"", "f", "fl", "fla", "flag:"};
    String[] fillers = {
      "abcdefghijkl",
      "\0\0\0\0\0\0\0\0\0\0\0\0",
      "\u0080\u0080\u0080\u0080\u0080\u0080\u0080\u0080\u0080\u0080\u0080\u0080"
    };
    for (char boundary : new char[] {'\u007F', '\u0080'}) {
      for (String filler : fillers) {
        for (int length = 1; length <= 12; length++) {
          for (int position = 0; position < length; position++) {
            char[] chars = filler.substring(0, length).toCharArray();
            chars[position] = boundary;
            String id = new String(chars);
            assertFamilyAgrees(hasher, id, 0);
            for (String prefix : prefixes) {
              long expected = hasher.family().referenceHash(prefix + id, 0);
              assertEquals(
                  expected,
                  hasher.prefixed(prefix, 0).hash(id),
                  () -> hasher.name() + " prefix " + prefix + " id " + TestIds.escape(id));
            }
          }
        }
      }
    }
  }

  @Test
  void u0080IsTwoUtf8BytesNotOneAsciiByte() {
    long twoBytes =
        Integer.toUnsignedLong(
            Murmur3.x86_32(new byte[] {'a', 'b', 'c', (byte) 0xc2, (byte) 0x80}, 0));
    long oneByte =
        Integer.toUnsignedLong(Murmur3.x86_32(new byte[] {'a', 'b', 'c', (byte) 0x80}, 0));
    assertNotEquals(twoBytes, oneByte);
    assertEquals(twoBytes, IdHashers.murmur3_x86_32().hash("abc\u0080", 0));
    // A block of four U+0080 ORs to exactly 0x80: eight bytes C2 80 C2 80 ..., not four bytes 80 80
    // 80 80.
    byte[] eight = {
      (byte) 0xc2,
      (byte) 0x80,
      (byte) 0xc2,
      (byte) 0x80,
      (byte) 0xc2,
      (byte) 0x80,
      (byte) 0xc2,
      (byte) 0x80
    };
    assertEquals(
        Integer.toUnsignedLong(Murmur3.x86_32(eight, 0)),
        IdHashers.murmur3_x86_32().hash("\u0080\u0080\u0080\u0080", 0));
    assertEquals(
        Integer.toUnsignedLong(Murmur3.x86_32(new byte[] {0, 0, 0, (byte) 0xc2, (byte) 0x80}, 0)),
        IdHashers.murmur3_x86_32().hash("\0\0\0\u0080", 0));
    assertEquals(
        Integer.toUnsignedLong(Murmur3.x86_32(new byte[] {'a', 'b', 'c', 0x7f}, 0)),
        IdHashers.murmur3_x86_32().hash("abc\u007F", 0));
  }

  /**
   * A surrogate pair, a lone high and a lone low surrogate at every position of strings up to 9
   * units.
   */
  @ParameterizedTest
  @MethodSource("hashers")
  void surrogatesAtEveryPositionAgreeWithTheFamilyReference(IdHasher hasher) {
    String[] inserts = {"\uD83D\uDCB0", "\uD83D", "\uDCB0", "\uDCB0\uD83D", "\u00e9", "\u65e5"};
    for (int length = 0; length <= 9; length++) {
      String base = "abcdefghij".substring(0, length);
      for (int position = 0; position <= length; position++) {
        for (String insert : inserts) {
          String id = base.substring(0, position) + insert + base.substring(position);
          assertFamilyAgrees(hasher, id, 0);
          assertFamilyAgrees(hasher, id, 0x9747B28C);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("hashers")
  void acceptsAnyCharSequence(IdHasher hasher) {
    String id = "caf\u00e9-\uD83D\uDCB0-user";
    assertEquals(hasher.hash(id, 7), hasher.hash(new StringBuilder(id), 7), hasher.name());
  }

  @ParameterizedTest
  @MethodSource("hashers")
  void prefixedEqualsHashOfTheConcatenation(IdHasher hasher) {
    SplittableRandom random = new SplittableRandom(CROSS_CHECK_SEED + 1);
    String[] prefixes = {
      "", "f:", "ab:", "abc:", "flag:", "caf\u00e9:", "\uD83D\uDCB0:", "x\uD83D", "\uDC00", "\u00e9"
    };
    for (String prefix : prefixes) {
      for (int length = 0; length < 40; length++) {
        String suffix =
            length % 2 == 0 ? randomAscii(random, length) : TestIds.mixedUnicode(random, length);
        for (int seed : SEEDS) {
          long expected = hasher.hash(prefix + suffix, seed);
          long actual = hasher.prefixed(prefix, seed).hash(suffix);
          assertEquals(
              expected,
              actual,
              () ->
                  hasher.name()
                      + " prefix "
                      + TestIds.escape(prefix)
                      + " suffix "
                      + TestIds.escape(suffix)
                      + " seed "
                      + seed);
        }
      }
      // A prefix ending in a high surrogate joins a suffix starting with a low one into one pair.
      assertEquals(
          hasher.hash(prefix + "\uDCB0z", 0),
          hasher.prefixed(prefix, 0).hash("\uDCB0z"),
          hasher.name());
    }
  }

  @ParameterizedTest
  @MethodSource("hashers")
  void nullIdIsRejectedNamingTheParameter(IdHasher hasher) {
    assertThrows(NullPointerException.class, () -> hasher.hash(null, 0), hasher.name());
    assertThrows(
        NullPointerException.class, () -> hasher.prefixed("f:", 0).hash(null), hasher.name());
  }

  @Test
  void thirtyTwoBitFamiliesReturnUnsignedValues() {
    for (IdHasher hasher : IdHashers.all()) {
      if (hasher.family().bits() == 32) {
        for (int i = 0; i < 1000; i++) {
          long hash = hasher.hash("user-" + i, 0);
          assertTrue(hash >= 0 && hash < (1L << 32), hasher.name() + " " + hash);
        }
      }
    }
  }

  private static void assertFamilyAgrees(IdHasher hasher, String id, int seed) {
    long expected = hasher.family().referenceHash(id, seed);
    long actual = hasher.hash(id, seed);
    if (expected != actual) {
      throw new AssertionError(
          String.format(
              "%s disagrees with %s reference for seed %d, length %d, id %s:"
                  + " expected %x, got %x",
              hasher.name(),
              hasher.family(),
              seed,
              id.length(),
              TestIds.escape(id),
              expected,
              actual));
    }
  }

  private static String randomAscii(SplittableRandom random, int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append((char) random.nextInt(0x20, 0x7f));
    }
    return id.toString();
  }

  private static void assertHash(IdHasher hasher, int expected, String id, int seed) {
    long actual = hasher.hash(id, seed);
    assertEquals(
        Integer.toUnsignedLong(expected),
        actual,
        () ->
            String.format(
                "%s \"%s\" seed %08x: %08x", hasher.name(), TestIds.escape(id), seed, actual));
  }
}
