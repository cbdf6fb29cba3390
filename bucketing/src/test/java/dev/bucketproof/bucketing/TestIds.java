package dev.bucketproof.bucketing;

import java.util.SplittableRandom;

/** Id escaping for the vector files, and seeded generators of varied ids for the cross-checks. */
final class TestIds {
  private TestIds() {}

  /** Reverses the files' escaping: {@code \\uXXXX} is one UTF-16 unit; every other char is itself. */
  static String unescape(String escaped) {
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
  static String escape(CharSequence id) {
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

  /** Returns {@code length} UTF-16 units mixing ASCII, 2- and 3-byte chars, pairs and lone surrogates. */
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
}
