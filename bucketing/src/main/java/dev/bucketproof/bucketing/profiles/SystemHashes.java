package dev.bucketproof.bucketing.profiles;

import dev.bucketproof.bucketing.Murmur3;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The hashes and byte encodings of the flag systems, each written from the rule it reproduces (the
 * SDK's behaviour, learned from its code and checked against its jar or npm package by the
 * agreement tests).
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
final class SystemHashes {
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;
  private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private SystemHashes() {}

  /** Returns MurmurHash3_x86_32 of {@code data}, as the C reference computes it. */
  static int murmur3(byte[] data, int seed) {
    return Murmur3.x86_32(data, seed);
  }

  /**
   * Returns MurmurHash3_x86_32 with the tail bug of the {@code com.sangupta:murmur} 1.0.0 library
   * that Unleash's Java SDK used up to 9.x: the last {@code length % 4} bytes are read as signed
   * bytes ({@code data[i] << 16} without {@code & 0xff}), so a tail byte >= 0x80 sets every higher
   * bit of the tail word. Blocks of 4 bytes are read correctly; ASCII ids hash as the reference
   * does.
   */
  static int murmur3SignExtendedTail(byte[] data, int seed) {
    int h1 = seed;
    int end = data.length & ~3;
    for (int i = 0; i < end; i += 4) {
      int k1 =
          (data[i] & 0xff)
              | (data[i + 1] & 0xff) << 8
              | (data[i + 2] & 0xff) << 16
              | data[i + 3] << 24;
      h1 ^= mixK1(k1);
      h1 = Integer.rotateLeft(h1, 13) * 5 + 0xe6546b64;
    }
    int tail = 0;
    // the reference's tail, read from its last byte down (a switch that falls through)
    int tailLength = data.length & 3;
    if (tailLength >= 3) {
      tail ^= data[end + 2] << 16; // sign-extended, as in the library
    }
    if (tailLength >= 2) {
      tail ^= data[end + 1] << 8;
    }
    if (tailLength >= 1) {
      tail ^= data[end];
      h1 ^= mixK1(tail);
    }
    return fmix(h1 ^ data.length);
  }

  /**
   * Returns the bytes that the CharSequence MurmurHash3 of Optimizely's and Split's Java SDKs
   * hashes: UTF-8 for well-formed text, but any surrogate that has a following char is combined
   * with that char as if it were a pair ({@code ((c - 0xD7C0) << 10) + (next & 0x3FF)}, four bytes,
   * the first masked to 8 bits), and a surrogate at the very end is written as three bytes ({@code
   * ED xx xx}).
   */
  static byte[] lenientUtf8(CharSequence id) {
    byte[] out = new byte[id.length() * 3 + 1];
    int position = 0;
    int length = id.length();
    for (int i = 0; i < length; ) {
      int c = id.charAt(i++);
      if (c < 0x80) {
        out[position++] = (byte) c;
      } else if (c < 0x800) {
        out[position++] = (byte) (0xc0 | c >> 6);
        out[position++] = (byte) (0x80 | (c & 0x3f));
      } else if (c < 0xd800 || c > 0xdfff || i >= length) {
        out[position++] = (byte) (0xe0 | c >> 12);
        out[position++] = (byte) (0x80 | (c >> 6 & 0x3f));
        out[position++] = (byte) (0x80 | (c & 0x3f));
      } else {
        int codePoint = ((c - 0xd7c0) << 10) + (id.charAt(i++) & 0x3ff);
        out[position++] = (byte) (0xf0 | codePoint >> 18);
        out[position++] = (byte) (0x80 | (codePoint >> 12 & 0x3f));
        out[position++] = (byte) (0x80 | (codePoint >> 6 & 0x3f));
        out[position++] = (byte) (0x80 | (codePoint & 0x3f));
      }
    }
    return Arrays.copyOf(out, position);
  }

  /**
   * Returns what the npm package {@code imurmurhash} 0.1.4 (used by {@code @openfeature/flagd-core}
   * 4.x) computes for a string: MurmurHash3_x86_32's mixing over whole UTF-16 code units rather
   * than bytes. Unit {@code j} of each 4-unit block is XORed in at bit {@code 8 * j} with all 16 of
   * its bits (the fourth unit's high byte wraps round to bit 0); the length mixed in at the end is
   * the number of units; and a tail word with bit 31 set is skipped ({@code if (k1 > 0)}). Equals
   * MurmurHash3 over the low bytes for ids whose units are all below 0x100, and UTF-8 MurmurHash3
   * for ASCII ids.
   */
  static int imurmurhash(CharSequence id, int seed) {
    int length = id.length();
    int h1 = seed;
    int blockEnd = length & ~3;
    for (int i = 0; i < blockEnd; i += 4) {
      int last = id.charAt(i + 3);
      int k1 =
          id.charAt(i)
              ^ id.charAt(i + 1) << 8
              ^ id.charAt(i + 2) << 16
              ^ (last & 0xff) << 24
              ^ (last & 0xff00) >> 8;
      h1 ^= mixK1(k1);
      h1 = Integer.rotateLeft(h1, 13) * 5 + 0xe6546b64;
    }
    int k1 = 0;
    // the reference's tail, read from its last byte down (a switch that falls through)
    int tailLength = length & 3;
    if (tailLength >= 3) {
      k1 ^= id.charAt(blockEnd + 2) << 16;
    }
    if (tailLength >= 2) {
      k1 ^= id.charAt(blockEnd + 1) << 8;
    }
    if (tailLength >= 1) {
      k1 ^= id.charAt(blockEnd);
    }
    if (k1 > 0) {
      h1 ^= mixK1(k1);
    }
    return fmix(h1 ^ length);
  }

  /**
   * Returns FNV-1a 32 over the UTF-16 code units of {@code text}, each XORed in whole (JavaScript).
   */
  static int fnv1a32Units(CharSequence text) {
    int hash = FNV_OFFSET_BASIS;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * FNV_PRIME;
    }
    return hash;
  }

  /** Returns FNV-1a 32 over {@code bytes}, each byte XORed in as an unsigned value 0..255. */
  static int fnv1a32Bytes(byte[] bytes) {
    int hash = FNV_OFFSET_BASIS;
    for (byte b : bytes) {
      hash = (hash ^ (b & 0xff)) * FNV_PRIME;
    }
    return hash;
  }

  /**
   * Returns the first 15 hex digits of SHA-1 of {@code text.getBytes(UTF_8)} as a number, the top
   * 60 bits of the digest, in [0, 2^60).
   */
  static long sha1Top60(String text) {
    byte[] digest = sha1().digest(text.getBytes(StandardCharsets.UTF_8));
    long top = 0;
    for (int i = 0; i < 8; i++) {
      top = top << 8 | (digest[i] & 0xff);
    }
    return top >>> 4;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }

  private static int mixK1(int k1) {
    return Integer.rotateLeft(k1 * C1, 15) * C2;
  }

  private static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ h >>> 16;
  }
}
