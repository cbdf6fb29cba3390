package dev.bucketproof.bucketing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * UTF-8 decoding as the WHATWG Encoding Standard's "UTF-8 decoder" defines it, one code point at a
 * time and without allocation: each maximal invalid subpart (a byte that cannot start a sequence,
 * or a sequence cut short by a byte out of range or by the end of the input) becomes one U+FFFD,
 * and the byte that cut it short is decoded again. Overlong forms, encoded surrogates ({@code ED
 * A0..BF ..}) and code points above U+10FFFF are invalid. A browser's {@code TextDecoder} decodes
 * the same way; the JDK's {@code new String(bytes, UTF_8)} does not always (it makes one U+FFFD of
 * an encoded surrogate {@code ED A0 80}, where the standard makes three).
 *
 * <p>A decoded string therefore holds no unpaired surrogate, and its canonical UTF-8 ({@link
 * IdEncoding#utf8}) is the input with each invalid subpart replaced by {@code EF BF BD}.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
final class WhatwgUtf8 {
  /** The step of an invalid subpart: U+FFFD, flagged as an error. */
  private static final long ERROR = 0xfffdL << 32 | 0x100;

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private WhatwgUtf8() {}

  /**
   * Decodes the code point that starts at {@code bytes[index]}, with {@code end} the end of the
   * input. Returns {@code codePoint << 32 | error << 8 | consumed}: the code point (U+FFFD for an
   * invalid subpart), bit 8 set when the subpart was invalid, and the number of bytes consumed,
   * 1..4.
   */
  static long next(byte[] bytes, int index, int end) {
    int lead = bytes[index] & 0xff;
    if (lead < 0x80) {
      return (long) lead << 32 | 1;
    }
    int needed;
    int codePoint;
    int lower = 0x80;
    int upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      needed = 1;
      codePoint = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      codePoint = lead & 0x0f;
      if (lead == 0xe0) {
        lower = 0xa0;
      } else if (lead == 0xed) {
        upper = 0x9f;
      }
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      codePoint = lead & 0x07;
      if (lead == 0xf0) {
        lower = 0x90;
      } else if (lead == 0xf4) {
        upper = 0x8f;
      }
    } else {
      return ERROR | 1;
    }
    for (int seen = 0; seen < needed; seen++) {
      int at = index + 1 + seen;
      if (at >= end) {
        return ERROR | (1 + seen);
      }
      int continuation = bytes[at] & 0xff;
      if (continuation < lower || continuation > upper) {
        return ERROR | (1 + seen);
      }
      lower = 0x80;
      upper = 0xbf;
      codePoint = codePoint << 6 | (continuation & 0x3f);
    }
    return (long) codePoint << 32 | (1 + needed);
  }

  /** Returns the code point of a {@link #next} step. */
  static int codePoint(long step) {
    return (int) (step >>> 32);
  }

  /** Returns the number of bytes a {@link #next} step consumed, 1..4. */
  static int consumed(long step) {
    return (int) step & 0xff;
  }

  /**
   * Returns whether {@code bytes[offset, offset + length)} is well-formed UTF-8; allocates nothing.
   */
  static boolean isValid(byte[] bytes, int offset, int length) {
    // Well-formed UTF-8 (Unicode Table 3-7): exactly the inputs the WHATWG decoder maps without
    // U+FFFD.
    // Each sequence is checked by its lead byte's row of that table, without decoding the code
    // point.
    int end = offset + length;
    int i = offset;
    while (i < end) {
      if (i + 8 <= end && ((long) LONG_LE.get(bytes, i) & 0x8080808080808080L) == 0) {
        i += 8;
        continue;
      }
      int lead = bytes[i] & 0xff;
      if (lead < 0x80) {
        i++;
      } else if (lead < 0xe0) {
        if (lead < 0xc2 || i + 1 >= end || !continuation(bytes[i + 1])) {
          return false;
        }
        i += 2;
      } else if (lead < 0xf0) {
        if (i + 2 >= end || !continuation(bytes[i + 2])) {
          return false;
        }
        int second = bytes[i + 1] & 0xff;
        int lower = lead == 0xe0 ? 0xa0 : 0x80;
        int upper = lead == 0xed ? 0x9f : 0xbf;
        if (second < lower || second > upper) {
          return false;
        }
        i += 3;
      } else if (lead < 0xf5) {
        if (i + 3 >= end || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
          return false;
        }
        int second = bytes[i + 1] & 0xff;
        int lower = lead == 0xf0 ? 0x90 : 0x80;
        int upper = lead == 0xf4 ? 0x8f : 0xbf;
        if (second < lower || second > upper) {
          return false;
        }
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  /** Returns whether {@code value} is a continuation byte, 0x80..0xBF. */
  private static boolean continuation(byte value) {
    return (value & 0xc0) == 0x80;
  }

  /** Returns the string that {@code bytes[offset, offset + length)} decodes to. */
  static String decode(byte[] bytes, int offset, int length) {
    StringBuilder text = new StringBuilder(length);
    int end = offset + length;
    for (int i = offset; i < end; ) {
      long step = next(bytes, i, end);
      text.appendCodePoint(codePoint(step));
      i += consumed(step);
    }
    return text.toString();
  }

  /**
   * Returns the canonical UTF-8 of the decoded string: each invalid subpart replaced by {@code EF
   * BF BD}.
   */
  static byte[] repaired(byte[] bytes, int offset, int length) {
    return IdEncoding.utf8(decode(bytes, offset, length));
  }

  /**
   * Returns the UTF-8 bytes of a code point packed little-endian into an int (first byte lowest),
   * for a code point that is not a surrogate; {@link #encodedLength} tells how many of the 4 bytes
   * count.
   */
  static int encoded(int codePoint) {
    if (codePoint < 0x80) {
      return codePoint;
    }
    if (codePoint < 0x800) {
      return (0xc0 | codePoint >>> 6) | (0x80 | (codePoint & 0x3f)) << 8;
    }
    if (codePoint < 0x10000) {
      return (0xe0 | codePoint >>> 12)
          | (0x80 | (codePoint >>> 6 & 0x3f)) << 8
          | (0x80 | (codePoint & 0x3f)) << 16;
    }
    return (0xf0 | codePoint >>> 18)
        | (0x80 | (codePoint >>> 12 & 0x3f)) << 8
        | (0x80 | (codePoint >>> 6 & 0x3f)) << 16
        | (0x80 | (codePoint & 0x3f)) << 24;
  }

  /** Returns the number of UTF-8 bytes of a code point, 1..4. */
  static int encodedLength(int codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
}
