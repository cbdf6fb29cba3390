package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-level API: every hasher, prefixed function and decision returns for UTF-8 bytes exactly
 * what it returns for the string those bytes decode to (WHATWG decoding for invalid bytes),
 * whatever the offset, the prefix's pending bytes and the kind of {@code ByteBuffer}.
 */
class Utf8IdsTest {
  private static final long SEED = 0x5EED_B17E5L;
  private static final int[] SEEDS = {0, 1, -1, 0x9747b28c, 86028157};
  private static final String[] PREFIXES = {
    "", "f:", "ab:", "abc:", "flag:", "checkout:", "caf\u00e9:", "\uD83D\uDCB0:", "x\uD83D"
  };

  static Stream<IdHasher> hashers() {
    return IdHashers.all().stream();
  }

  @Test
  void decodingFollowsWhatwg() {
    assertDecodes("", "");
    assertDecodes("41 62 63", "Abc");
    assertDecodes("c3 a9", "\u00e9");
    assertDecodes("f0 9f 98 80", "\uD83D\uDE00");
    assertDecodes("c3 28", "\uFFFD(");
    assertDecodes("80", "\uFFFD");
    assertDecodes("ff fe", "\uFFFD\uFFFD");
    assertDecodes("c0 af", "\uFFFD\uFFFD"); // overlong '/'
    assertDecodes("e0 80 af", "\uFFFD\uFFFD\uFFFD"); // overlong, lead E0 needs A0..BF
    assertDecodes("ed a0 80", "\uFFFD\uFFFD\uFFFD"); // an encoded surrogate
    assertDecodes("f4 90 80 80", "\uFFFD\uFFFD\uFFFD\uFFFD"); // above U+10FFFF
    assertDecodes("e2 82", "\uFFFD"); // cut short by the end: one U+FFFD
    assertDecodes("e2 82 41", "\uFFFDA"); // cut short by 'A', which is decoded again
    assertDecodes("f0 9f 98", "\uFFFD");
    assertDecodes("f0 9f 41 98 80", "\uFFFDA\uFFFD\uFFFD");
    assertDecodes("ef bf bd", "\uFFFD"); // a real U+FFFD is valid
  }

  @Test
  void decodingAgreesWithTheStandardOnRandomBytesAndWithTheJdkOnValidOnes() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int n = 0; n < 20_000; n++) {
      byte[] bytes = randomBytes(random, random.nextInt(0, 24));
      String decoded = IdEncoding.decodeUtf8(bytes, 0, bytes.length);
      assertEquals(
          TestIds.escape(TestIds.whatwgDecode(bytes)), TestIds.escape(decoded), () -> hex(bytes));
      if (jdkAccepts(bytes)) {
        assertEquals(new String(bytes, StandardCharsets.UTF_8), decoded, () -> hex(bytes));
      }
      assertEquals(
          jdkAccepts(bytes), IdEncoding.isValidUtf8(bytes, 0, bytes.length), () -> hex(bytes));
    }
  }

  @Test
  void validityAgreesWithTheJdkOnEveryLeadAndSecondByte() {
    // Every lead and second byte, each third and fourth byte class (ASCII, continuation bounds,
    // lead),
    // each length 2..4 and behind an ASCII run that the 8-byte skip passes over: 1,179,648 inputs.
    byte[] classes = {0x41, (byte) 0x80, (byte) 0xbf, (byte) 0xc0};
    for (int lead = 0; lead < 256; lead++) {
      for (int second = 0; second < 256; second++) {
        for (byte third : classes) {
          for (byte fourth : classes) {
            byte[] bytes = {
              0x61,
              0x62,
              0x63,
              0x64,
              0x65,
              0x66,
              0x67,
              0x68,
              (byte) lead,
              (byte) second,
              third,
              fourth
            };
            for (int length = 10; length <= bytes.length; length++) {
              byte[] input = Arrays.copyOf(bytes, length);
              assertEquals(
                  jdkAccepts(input), IdEncoding.isValidUtf8(input, 0, length), () -> hex(input));
            }
          }
        }
      }
    }
  }

  /** Whether the JDK's decoder, set to report malformed input, accepts {@code bytes}. */
  private static boolean jdkAccepts(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void validityCheck() {
    assertTrue(IdEncoding.isValidUtf8(new byte[0], 0, 0));
    byte[] uuid = "0f8fad5b-d9cb-469f-a165-70867728950e".getBytes(StandardCharsets.US_ASCII);
    assertTrue(IdEncoding.isValidUtf8(uuid, 0, uuid.length));
    byte[] accents = "jos\u00e9 \uD83D\uDE00 \u4e2d\u6587 \u0000".getBytes(StandardCharsets.UTF_8);
    assertTrue(IdEncoding.isValidUtf8(accents, 0, accents.length));
    byte[] cut = HexFormat.ofDelimiter(" ").parseHex("41 42 43 44 45 46 47 48 c3");
    assertFalse(IdEncoding.isValidUtf8(cut, 0, cut.length));
    assertTrue(IdEncoding.isValidUtf8(cut, 0, cut.length - 1));
  }

  @ParameterizedTest
  @MethodSource("hashers")
  void bytesHashAsTheStringTheyDecodeTo(IdHasher hasher) {
    for (byte[] id : ids()) {
      String decoded = TestIds.whatwgDecode(id);
      for (int seed : SEEDS) {
        long expected = hasher.hash(decoded, seed);
        assertEquals(
            expected, hasher.hashUtf8(id, 0, id.length, seed), () -> describe(hasher, id, seed));
        byte[] padded = padded(id, 3, 5);
        assertEquals(
            expected,
            hasher.hashUtf8(padded, 3, id.length, seed),
            () -> describe(hasher, id, seed));
        assertEquals(
            expected,
            hasher.hashUtf8(ByteBuffer.wrap(padded, 3, id.length), seed),
            () -> describe(hasher, id, seed));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("hashers")
  void prefixedBytesHashAsThePrefixedString(IdHasher hasher) {
    for (String prefix : PREFIXES) {
      for (int seed : SEEDS) {
        IdHasher.Prefixed prefixed = hasher.prefixed(prefix, seed);
        for (byte[] id : ids()) {
          long expected = prefixed.hash(TestIds.whatwgDecode(id));
          byte[] padded = padded(id, 7, 1);
          String message = describe(hasher, id, seed) + " prefix " + TestIds.escape(prefix);
          assertEquals(expected, prefixed.hashUtf8(padded, 7, id.length), message);
          assertEquals(expected, prefixed.hashUtf8(ByteBuffer.wrap(padded, 7, id.length)), message);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("hashers")
  void everyKindOfBufferGivesTheSameHashAndKeepsItsPosition(IdHasher hasher) {
    byte[] id = "caf\u00e9-\uD83D\uDE00-user-42".getBytes(StandardCharsets.UTF_8);
    long expected = hasher.hash(new String(id, StandardCharsets.UTF_8), 0);
    ByteBuffer direct = ByteBuffer.allocateDirect(id.length + 4);
    direct.position(2);
    direct.put(id);
    direct.position(2).limit(2 + id.length);
    ByteBuffer heap = ByteBuffer.wrap(padded(id, 2, 2), 2, id.length);
    ByteBuffer readOnly = heap.asReadOnlyBuffer();
    ByteBuffer slice = ByteBuffer.wrap(padded(id, 5, 0)).position(5).slice();
    for (ByteBuffer buffer : List.of(direct, heap, readOnly, slice)) {
      int position = buffer.position();
      assertEquals(expected, hasher.hashUtf8(buffer, 0), () -> hasher.name() + " " + buffer);
      assertEquals(
          expected, hasher.prefixed("", 0).hashUtf8(buffer), () -> hasher.name() + " " + buffer);
      assertEquals(position, buffer.position(), () -> hasher.name() + " moved " + buffer);
    }
  }

  @ParameterizedTest
  @MethodSource("hashers")
  void decisionsOnBytesEqualDecisionsOnTheString(IdHasher hasher) {
    for (int bucketCount : new int[] {2, 100, 10_000}) {
      Bucketer bucketer = Bucketer.builder().hasher(hasher).bucketCount(bucketCount).build();
      FlagBuckets buckets = bucketer.forFlag("checkout");
      RolloutGate gate = bucketer.rollout(Rollout.ofPercent("checkout", 50));
      VariantAssigner assigner =
          bucketer.variants(
              VariantSplit.of(
                  "checkout",
                  new Variant("control", 10),
                  new Variant("blue", 30),
                  new Variant("green", 60)));
      for (byte[] id : ids()) {
        String decoded = TestIds.whatwgDecode(id);
        byte[] padded = padded(id, 1, 1);
        ByteBuffer buffer = ByteBuffer.wrap(padded, 1, id.length);
        String message = describe(hasher, id, 0) + " buckets " + bucketCount;
        assertEquals(buckets.hash(decoded), buckets.hashUtf8(padded, 1, id.length), message);
        assertEquals(buckets.bucket(decoded), buckets.bucketUtf8(padded, 1, id.length), message);
        assertEquals(buckets.bucket(decoded), buckets.bucketUtf8(buffer), message);
        assertEquals(gate.isEnabled(decoded), gate.isEnabledUtf8(padded, 1, id.length), message);
        assertEquals(gate.isEnabled(decoded), gate.isEnabledUtf8(buffer), message);
        assertEquals(
            assigner.variant(decoded), assigner.variantUtf8(padded, 1, id.length), message);
        assertEquals(assigner.variant(decoded), assigner.variantUtf8(buffer), message);
        assertEquals(assigner.bucket(decoded), assigner.bucketUtf8(padded, 1, id.length), message);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("hashers")
  void badArgumentsAreRejected(IdHasher hasher) {
    NullPointerException npe =
        assertThrows(NullPointerException.class, () -> hasher.hashUtf8((byte[]) null, 0, 0, 0));
    assertEquals("utf8", npe.getMessage(), hasher.name());
    assertThrows(
        NullPointerException.class, () -> hasher.hashUtf8((ByteBuffer) null, 0), hasher.name());
    assertThrows(
        NullPointerException.class,
        () -> hasher.prefixed("f:", 0).hashUtf8((byte[]) null, 0, 0),
        hasher.name());
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> hasher.hashUtf8(new byte[4], 2, 3, 0),
        hasher.name());
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> hasher.hashUtf8(new byte[4], -1, 1, 0),
        hasher.name());
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> hasher.prefixed("f:", 0).hashUtf8(new byte[4], 0, 5),
        hasher.name());
    RolloutGate gate = Bucketer.builder().hasher(hasher).build().rollout(Rollout.ofPercent("f", 5));
    NullPointerException gateNpe =
        assertThrows(NullPointerException.class, () -> gate.isEnabledUtf8((byte[]) null, 0, 0));
    assertEquals("userId", gateNpe.getMessage(), hasher.name());
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> gate.isEnabledUtf8(new byte[2], 1, 2),
        hasher.name());
  }

  /** Valid and invalid UTF-8 of every length 0..40, and the cases that decoders get wrong. */
  private static List<byte[]> ids() {
    List<byte[]> ids = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(SEED);
    for (int length = 0; length <= 40; length++) {
      ids.add(randomAscii(random, length));
      ids.add(TestIds.mixedUnicode(random, length).getBytes(StandardCharsets.UTF_8));
      ids.add(IdEncoding.utf8(TestIds.mixedUnicode(random, length)));
      ids.add(randomBytes(random, length));
    }
    HexFormat hex = HexFormat.ofDelimiter(" ");
    for (String invalid :
        List.of(
            "c3 28",
            "80",
            "ff",
            "c0 af",
            "ed a0 80",
            "ed b0 80",
            "f4 90 80 80",
            "e2 82",
            "f0 9f 98",
            "41 42 43 e2 82",
            "31 32 33 34 35 36 37 38 c3",
            "ef bf bd",
            "f0 9f 98 80 f0 9f")) {
      ids.add(hex.parseHex(invalid));
    }
    return ids;
  }

  /**
   * Bytes weighted toward UTF-8's edges: ASCII, continuation bytes, every kind of lead, and
   * 0xC0/0xF5+.
   */
  private static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      int roll = random.nextInt(6);
      bytes[i] =
          (byte)
              switch (roll) {
                case 0, 1 -> random.nextInt(0x20, 0x80);
                case 2 -> random.nextInt(0x80, 0xc0);
                case 3 -> random.nextInt(0xc0, 0xe0);
                case 4 -> random.nextInt(0xe0, 0xf0);
                default -> random.nextInt(0xf0, 0x100);
              };
    }
    return bytes;
  }

  private static byte[] randomAscii(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(0x20, 0x7f);
    }
    return bytes;
  }

  private static byte[] padded(byte[] id, int before, int after) {
    byte[] padded = new byte[before + id.length + after];
    Arrays.fill(padded, (byte) 0xc3);
    System.arraycopy(id, 0, padded, before, id.length);
    return padded;
  }

  private static void assertDecodes(String hexBytes, String expected) {
    byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(hexBytes);
    assertEquals(
        TestIds.escape(expected),
        TestIds.escape(IdEncoding.decodeUtf8(bytes, 0, bytes.length)),
        hexBytes);
    assertEquals(jdkAccepts(bytes), IdEncoding.isValidUtf8(bytes, 0, bytes.length), hexBytes);
  }

  private static String describe(IdHasher hasher, byte[] id, int seed) {
    return hasher.name() + " bytes [" + hex(id) + "] seed " + seed;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
