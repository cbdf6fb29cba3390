package dev.bucketproof.bucketing;

import java.util.Objects;

/**
 * The byte encodings that the hash families apply to an id before hashing it.
 *
 * <p>{@link #utf8} is the canonical UTF-8 of the project: a surrogate pair is one 4-byte character
 * and an unpaired surrogate becomes U+FFFD ({@code EF BF BD}), as the WHATWG Encoding Standard and
 * a JavaScript {@code TextEncoder} do. Java's {@code String.getBytes(UTF_8)} writes {@code ?}
 * (0x3F) for an unpaired surrogate instead, so ids that contain one would land in different buckets
 * on a JVM and in a browser.
 *
 * <p>{@link #utf16LowBytes} is what the npm packages {@code murmurhash-js} and {@code
 * murmurhash3js} hash: one byte per UTF-16 code unit, {@code charCodeAt(i) & 0xff}.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class IdEncoding {
  private IdEncoding() {}

  /**
   * Returns the canonical UTF-8 bytes of {@code id} (unpaired surrogate as U+FFFD).
   *
   * @throws NullPointerException if {@code id} is null
   */
  public static byte[] utf8(CharSequence id) {
    Objects.requireNonNull(id, "id");
    byte[] out = new byte[Math.toIntExact(utf8Length(id))];
    int position = 0;
    int length = id.length();
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (c < 0x80) {
        out[position++] = (byte) c;
      } else if (c < 0x800) {
        out[position++] = (byte) (0xc0 | c >>> 6);
        out[position++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(id.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, id.charAt(++i));
        out[position++] = (byte) (0xf0 | codePoint >>> 18);
        out[position++] = (byte) (0x80 | (codePoint >>> 12 & 0x3f));
        out[position++] = (byte) (0x80 | (codePoint >>> 6 & 0x3f));
        out[position++] = (byte) (0x80 | (codePoint & 0x3f));
      } else {
        char encoded = Character.isSurrogate(c) ? '\uFFFD' : c;
        out[position++] = (byte) (0xe0 | encoded >>> 12);
        out[position++] = (byte) (0x80 | (encoded >>> 6 & 0x3f));
        out[position++] = (byte) (0x80 | (encoded & 0x3f));
      }
    }
    return out;
  }

  /**
   * Returns the number of bytes {@link #utf8} produces for {@code id}.
   *
   * @throws NullPointerException if {@code id} is null
   */
  public static long utf8Length(CharSequence id) {
    Objects.requireNonNull(id, "id");
    long bytes = 0;
    int length = id.length();
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(id.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * Returns the low byte of each UTF-16 code unit of {@code id}, one byte per {@code char}.
   *
   * @throws NullPointerException if {@code id} is null
   */
  public static byte[] utf16LowBytes(CharSequence id) {
    Objects.requireNonNull(id, "id");
    byte[] out = new byte[id.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) id.charAt(i);
    }
    return out;
  }

  /**
   * Returns whether {@code id} holds a surrogate that is not part of a well-formed pair: the ids
   * whose canonical UTF-8 differs from {@code String.getBytes(UTF_8)}.
   *
   * @throws NullPointerException if {@code id} is null
   */
  public static boolean hasUnpairedSurrogate(CharSequence id) {
    Objects.requireNonNull(id, "id");
    int length = id.length();
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the string that the UTF-8 bytes {@code utf8[offset, offset + length)} decode to, as the
   * WHATWG Encoding Standard decodes them: each maximal invalid subpart (a stray continuation byte,
   * a sequence cut short, an overlong form, an encoded surrogate, a code point above U+10FFFF)
   * becomes one U+FFFD. {@code C3 28} decodes to {@code "\uFFFD("}, {@code ED A0 80} to three
   * U+FFFD. The result holds no unpaired surrogate, and it is the string whose hash the byte-level
   * API returns.
   *
   * @throws NullPointerException if {@code utf8} is null
   * @throws IndexOutOfBoundsException if the range is outside {@code utf8}
   */
  public static String decodeUtf8(byte[] utf8, int offset, int length) {
    Objects.requireNonNull(utf8, "utf8");
    Objects.checkFromIndexSize(offset, length, utf8.length);
    return WhatwgUtf8.decode(utf8, offset, length);
  }

  /**
   * Returns whether {@code utf8[offset, offset + length)} is well-formed UTF-8 (RFC 3629: no
   * overlong form, no encoded surrogate, nothing above U+10FFFF, no sequence cut short). Allocates
   * nothing; ASCII is checked 8 bytes at a time.
   *
   * @throws NullPointerException if {@code utf8} is null
   * @throws IndexOutOfBoundsException if the range is outside {@code utf8}
   */
  public static boolean isValidUtf8(byte[] utf8, int offset, int length) {
    Objects.requireNonNull(utf8, "utf8");
    Objects.checkFromIndexSize(offset, length, utf8.length);
    return WhatwgUtf8.isValid(utf8, offset, length);
  }
}
