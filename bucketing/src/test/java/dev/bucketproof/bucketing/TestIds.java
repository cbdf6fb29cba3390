package dev.bucketproof.bucketing;

import java.util.SplittableRandom;

/**
 * Id escaping for the vector files, seeded generators of varied ids for the cross-checks, and the
 * WHATWG UTF-8 decoder as an oracle. Shared with the tests of reports and properties through this
 * module's test-jar.
 */
public final class TestIds {
  private TestIds() {}

  /**
   * Reverses the files' escaping: {@code \\uXXXX} is one UTF-16 unit; every other char is itself.
   */
  public static String unescape(String escaped) {
    StringBuilder id = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 5 < escaped.length() && escaped.charAt(i + 1) == 'u') {
        id.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        id.append(c);
      }
    }
    return id.toString();
  }

  /** Keeps printable ASCII except {@code \\}; writes every other UTF-16 unit as {@code \\uXXXX}. */
  public static String escape(CharSequence id) {
    StringBuilder escaped = new StringBuilder();
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        escaped.append(c);
      } else {
        escaped.append(String.format("\\u%04x", (int) c));
      }
    }
    return escaped.toString();
  }

  /**
   * Returns {@code length} UTF-16 units mixing ASCII, 2- and 3-byte chars, pairs and lone
   * surrogates.
   */
  static String mixedUnicode(SplittableRandom random, int length) {
    StringBuilder id = new StringBuilder(length);
    while (id.length() < length) {
      int roll = random.nextInt(10);
      if (roll < 4) {
        id.append((char) random.nextInt(0x20, 0x7f));
      } else if (roll < 6) {
        id.append((char) random.nextInt(0x80, 0x800));
      } else if (roll < 8) {
        id.append((char) random.nextInt(0x800, 0xd800));
      } else if (roll < 9 && id.length() + 2 <= length) {
        id.appendCodePoint(random.nextInt(0x10000, 0x110000));
      } else {
        id.append((char) random.nextInt(0xd800, 0xe000));
      }
    }
    return id.toString();
  }

  /**
   * The WHATWG Encoding Standard's UTF-8 decoder, transcribed step by step (bytes needed, bytes
   * seen, lower and upper boundary; an out-of-range byte is "prepended to the stream" and read
   * again; a sequence cut short by the end is one U+FFFD): the oracle for the library's
   * one-code-point-at-a-time decoder. The JDK's {@code new String(bytes, UTF_8)} is not one: it
   * turns {@code ED A0 80} (an encoded surrogate) into one U+FFFD where the standard has three.
   */
  public static String whatwgDecode(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int codePoint = 0;
    int bytesSeen = 0;
    int bytesNeeded = 0;
    int lower = 0x80;
    int upper = 0xbf;
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      if (bytesNeeded == 0) {
        i++;
        if (b <= 0x7f) {
          out.append((char) b);
        } else if (b >= 0xc2 && b <= 0xdf) {
          bytesNeeded = 1;
          codePoint = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          if (b == 0xe0) {
            lower = 0xa0;
          }
          if (b == 0xed) {
            upper = 0x9f;
          }
          bytesNeeded = 2;
          codePoint = b & 0xf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b == 0xf0) {
            lower = 0x90;
          }
          if (b == 0xf4) {
            upper = 0x8f;
          }
          bytesNeeded = 3;
          codePoint = b & 0x7;
        } else {
          out.append('\uFFFD');
        }
        continue;
      }
      if (b < lower || b > upper) {
        codePoint = 0;
        bytesNeeded = 0;
        bytesSeen = 0;
        lower = 0x80;
        upper = 0xbf;
        out.append('\uFFFD');
        continue; // the byte is read again
      }
      i++;
      lower = 0x80;
      upper = 0xbf;
      codePoint = codePoint << 6 | b & 0x3f;
      bytesSeen++;
      if (bytesSeen == bytesNeeded) {
        out.appendCodePoint(codePoint);
        codePoint = 0;
        bytesNeeded = 0;
        bytesSeen = 0;
      }
    }
    if (bytesNeeded != 0) {
      out.append('\uFFFD');
    }
    return out.toString();
  }
}
