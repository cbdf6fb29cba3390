package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The encoder behind the byte-level API at each length boundary of UTF-8: the last and first code
 * point of 1, 2, 3 and 4 bytes (U+007F/U+0080, U+07FF/U+0800, U+FFFF/U+10000, U+10FFFF). PIT found
 * these boundaries untested: a comparison shifted by one code point went unnoticed.
 */
class WhatwgUtf8BoundariesTest {
  private static final int[] BOUNDARIES = {
    0x00, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xffff, 0x10000, 0x10ffff
  };

  @Test
  void encodedBytesAreTheJdksUtf8AtEveryLengthBoundary() {
    for (int codePoint : BOUNDARIES) {
      byte[] expected = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
      int length = WhatwgUtf8.encodedLength(codePoint);
      int packed = WhatwgUtf8.encoded(codePoint);
      byte[] actual = new byte[length];
      for (int i = 0; i < length; i++) {
        actual[i] = (byte) (packed >>> (8 * i));
      }
      assertEquals(expected.length, length, () -> "length of U+" + Integer.toHexString(codePoint));
      assertArrayEquals(
          expected,
          actual,
          () -> "bytes of U+" + Integer.toHexString(codePoint) + ": " + Arrays.toString(actual));
    }
  }
}
