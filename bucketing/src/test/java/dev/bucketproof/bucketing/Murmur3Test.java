package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known values of the byte-level reference, from src/test/resources/murmur3-reference.tsv and
 * SMHasher.
 */
class Murmur3Test {

  @Test
  void x86_32MatchesPublishedByteVectors() {
    assertHash(0x00000000, "", 0x00000000);
    assertHash(0x514E28B7, "", 0x00000001);
    assertHash(0x81F16F39, "", 0xFFFFFFFF);
    assertHash(0x76293B50, "ffffffff", 0);
    assertHash(0xF55B516B, "21436587", 0);
    assertHash(0x2362F9DE, "21436587", 0x5082EDEE);
    assertHash(0x7E4A8634, "214365", 0);
    assertHash(0xA0F7B07A, "2143", 0);
    assertHash(0x72661CF4, "21", 0);
    assertHash(0x2362F9DE, "00000000", 0);
    assertHash(0x85F0B427, "000000", 0);
    assertHash(0x30F4C306, "0000", 0);
    assertHash(0x514E28B7, "00", 0);
  }

  @Test
  void x86_32MatchesPublishedStringVectors() {
    assertUtf8Hash(0xB3DD93FA, "abc", 0);
    assertUtf8Hash(0x248BFA47, "hello", 0);
    assertUtf8Hash(0xC0363E43, "Hello, world!", 0);
    assertUtf8Hash(0xFAF6CDB3, "Hello, world!", 0x000004D2);
    assertUtf8Hash(0x24884CBA, "Hello, world!", 0x9747B28C);
    assertUtf8Hash(0x7FA09EA6, "a", 0x9747B28C);
    assertUtf8Hash(0x74875592, "ab", 0x9747B28C);
    assertUtf8Hash(0xC84A62DD, "abc", 0x9747B28C);
    assertUtf8Hash(0xF0478627, "abcd", 0x9747B28C);
    assertUtf8Hash(0x5A97808A, "aaaa", 0x9747B28C);
    assertUtf8Hash(0xD58063C1, "\u03C0\u03C0\u03C0\u03C0\u03C0\u03C0\u03C0\u03C0", 0x9747B28C);
    assertUtf8Hash(0x2FA826CD, "The quick brown fox jumps over the lazy dog", 0x9747B28C);
    assertUtf8Hash(0x2E4FF723, "The quick brown fox jumps over the lazy dog", 0);
    assertUtf8Hash(0x9F709A47, "user-123", 0);
    assertUtf8Hash(0x38D60CDC, "550e8400-e29b-41d4-a716-446655440000", 0);
    assertUtf8Hash(0x7C2D87B0, "550e8400-e29b-41d4-a716-446655440000", 0x9747B28C);
    assertUtf8Hash(0x51D029E5, "jos\u00E9", 0);
    assertUtf8Hash(0xC4D9F942, "\u65E5\u672C", 0);
    assertUtf8Hash(0xA767EF4C, "\uD83D\uDCB0", 0);
    assertUtf8Hash(0xBD8BD7B8, "surrogate pair \uD83D\uDCB0", 0);
  }

  @Test
  void x64_128MatchesPublishedVectors() {
    assertHash128(0x0000000000000000L, 0x0000000000000000L, "", 0);
    assertHash128(0xcbd8a7b341bd9b02L, 0x5b1e906a48ae1d19L, "hello", 0);
    assertHash128(
        0xe34bbc7bbc071b6cL, 0x7a433ca9c49a9347L, "The quick brown fox jumps over the lazy dog", 0);
  }

  @Test
  void x64_128ZeroExtendsANegativeSeedAsTheCReferenceDoes() {
    long[] hash = Murmur3.x64_128("hello".getBytes(StandardCharsets.UTF_8), 0xFFFFFFFF);
    assertEquals(0x347bad75d7575e14L, hash[0], () -> "h1 " + Long.toHexString(hash[0]));
  }

  @Test
  void x86_32PassesTheSmhasherVerificationValue() {
    assertEquals(
        0xB0F57EE3, smhasherVerification(32, (key, seed) -> le32(Murmur3.x86_32(key, seed))));
  }

  @Test
  void x64_128PassesTheSmhasherVerificationValue() {
    assertEquals(
        0x6384BA69,
        smhasherVerification(
            128,
            (key, seed) -> {
              long[] hash = Murmur3.x64_128(key, seed);
              byte[] out = new byte[16];
              for (int i = 0; i < 8; i++) {
                out[i] = (byte) (hash[0] >>> (8 * i));
                out[8 + i] = (byte) (hash[1] >>> (8 * i));
              }
              return out;
            }));
  }

  @Test
  void rangeOverloadHashesOnlyTheRange() {
    byte[] padded = "xxhelloyy".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x248BFA47, Murmur3.x86_32(padded, 2, 5, 0));
  }

  /**
   * SMHasher VerificationTest: hash keys {0}, {0,1}, ... with seed 256 - i, then hash the hashes.
   */
  static int smhasherVerification(int bits, HashBytes function) {
    int hashBytes = bits / 8;
    byte[] key = new byte[256];
    byte[] hashes = new byte[hashBytes * 256];
    for (int i = 0; i < 256; i++) {
      key[i] = (byte) i;
      byte[] prefix = Arrays.copyOf(key, i);
      System.arraycopy(function.hash(prefix, 256 - i), 0, hashes, i * hashBytes, hashBytes);
    }
    byte[] fin = function.hash(hashes, 0);
    return (fin[0] & 0xff) | (fin[1] & 0xff) << 8 | (fin[2] & 0xff) << 16 | (fin[3] & 0xff) << 24;
  }

  interface HashBytes {
    byte[] hash(byte[] key, int seed);
  }

  private static byte[] le32(int value) {
    return new byte[] {
      (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)
    };
  }

  private static void assertHash(int expected, String hexBytes, int seed) {
    int actual = Murmur3.x86_32(HexFormat.of().parseHex(hexBytes), seed);
    assertEquals(
        expected, actual, () -> String.format("bytes %s seed %08x: %08x", hexBytes, seed, actual));
  }

  private static void assertUtf8Hash(int expected, String input, int seed) {
    int actual = Murmur3.x86_32(input.getBytes(StandardCharsets.UTF_8), seed);
    assertEquals(
        expected, actual, () -> String.format("\"%s\" seed %08x: %08x", input, seed, actual));
  }

  private static void assertHash128(long h1, long h2, String input, int seed) {
    long[] actual = Murmur3.x64_128(input.getBytes(StandardCharsets.UTF_8), seed);
    assertEquals(h1, actual[0], () -> "h1 of \"" + input + "\": " + Long.toHexString(actual[0]));
    assertEquals(h2, actual[1], () -> "h2 of \"" + input + "\": " + Long.toHexString(actual[1]));
  }
}
