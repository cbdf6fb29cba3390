package dev.bucketproof.properties;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.bucketproof.bucketing.HashFamily;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators named for what they model. Each builds on QuickTheories' integer and list generators,
 * so a failing case shrinks: lists to fewer units, code points toward their shrink point.
 */
final class Generators {
  /** The fixed seed of every property: a failure reproduces exactly, and prints this seed. */
  static final long SEED = 0x0B0C_4E7_2026L;

  private Generators() {}

  /** Typical user ids: ASCII letters, digits and punctuation, 0..64 chars. */
  static Gen<String> userIds() {
    return lists()
        .of(integers().between(0x20, 0x7e))
        .ofSizeBetween(0, 64)
        .map(Generators::fromCodePoints)
        .describedAs(Generators::describe);
  }

  /**
   * Arbitrary UTF-16 strings: every kind of unit a CharSequence can hold. ASCII, NUL and control
   * chars, 2- and 3-byte BMP chars, combining marks, supplementary code points (surrogate pairs),
   * and lone high and low surrogates, 0..48 units.
   */
  static Gen<String> unicodeIds() {
    Gen<String> unit =
        Generate.frequency(
            List.of(
                Pair.of(6, integers().between(0x20, 0x7e).map(Generators::codePoint)),
                Pair.of(1, integers().between(0x00, 0x1f).map(Generators::codePoint)),
                Pair.of(2, integers().between(0x80, 0x7ff).map(Generators::codePoint)),
                Pair.of(2, integers().between(0x800, 0xd7ff).map(Generators::codePoint)),
                Pair.of(1, integers().between(0xe000, 0xffff).map(Generators::codePoint)),
                Pair.of(1, integers().between(0x0300, 0x036f).map(Generators::codePoint)),
                Pair.of(2, integers().between(0x10000, 0x10ffff).map(Generators::codePoint)),
                Pair.of(1, integers().between(0xd800, 0xdbff).map(Generators::unit)),
                Pair.of(1, integers().between(0xdc00, 0xdfff).map(Generators::unit))));
    return lists()
        .of(unit)
        .ofSizeBetween(0, 48)
        .map(units -> String.join("", units))
        .describedAs(Generators::describe);
  }

  /**
   * Well-formed Unicode strings (no unpaired surrogate): the ids whose UTF-8 is the same from every
   * encoder. ASCII, control chars, 2-, 3- and 4-byte characters, combining marks, 0..48 code
   * points.
   */
  static Gen<String> wellFormedIds() {
    Gen<Integer> codePoint =
        Generate.frequency(
            List.of(
                Pair.of(6, integers().between(0x20, 0x7e)),
                Pair.of(1, integers().between(0x00, 0x1f)),
                Pair.of(2, integers().between(0x80, 0x7ff)),
                Pair.of(2, integers().between(0x800, 0xd7ff)),
                Pair.of(1, integers().between(0xe000, 0xffff)),
                Pair.of(2, integers().between(0x10000, 0x10ffff))));
    return lists()
        .of(codePoint)
        .ofSizeBetween(0, 48)
        .map(Generators::fromCodePoints)
        .describedAs(Generators::describe);
  }

  /**
   * Byte strings as a file or a socket delivers them: mostly well-formed UTF-8 characters, mixed
   * with stray continuation bytes, lead bytes with no continuation, bytes that never occur in UTF-8
   * (C0, C1, F5..FF), encoded surrogates and overlong forms, 0..40 pieces.
   */
  static Gen<byte[]> utf8ishBytes() {
    Gen<byte[]> piece =
        Generate.frequency(
            List.of(
                Pair.of(
                    8,
                    wellFormedIds()
                        .map(
                            id ->
                                id.isEmpty()
                                    ? new byte[0]
                                    : id.substring(0, id.offsetByCodePoints(0, 1))
                                        .getBytes(StandardCharsets.UTF_8))),
                Pair.of(2, integers().between(0x80, 0xbf).map(Generators::oneByte)),
                Pair.of(2, integers().between(0xc0, 0xf7).map(Generators::oneByte)),
                Pair.of(1, integers().between(0xf8, 0xff).map(Generators::oneByte)),
                Pair.of(
                    1,
                    integers()
                        .between(0xa0, 0xbf)
                        .map(second -> new byte[] {(byte) 0xed, (byte) (int) second, (byte) 0x80})),
                Pair.of(
                    1,
                    integers()
                        .between(0x80, 0x9f)
                        .map(
                            second ->
                                new byte[] {(byte) 0xe0, (byte) (int) second, (byte) 0xaf}))));
    return lists()
        .of(piece)
        .ofSizeBetween(0, 40)
        .map(Generators::concat)
        .describedAs(Generators::hex);
  }

  /** Shows bytes as hex pairs, and their length. */
  static String hex(byte[] bytes) {
    return "[" + HexFormat.ofDelimiter(" ").formatHex(bytes) + "] (" + bytes.length + " bytes)";
  }

  private static byte[] oneByte(int value) {
    return new byte[] {(byte) value};
  }

  private static byte[] concat(List<byte[]> pieces) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    pieces.forEach(bytes::writeBytes);
    return bytes.toByteArray();
  }

  /**
   * Long ids, up to 1 MiB of UTF-16 units, expanded from a seed and a length so that a failure
   * shrinks to the shortest length that still fails.
   */
  static Gen<String> longIds() {
    return longs()
        .all()
        .zip(integers().between(0, 1 << 20), Generators::expand)
        .describedAs(Generators::describe);
  }

  /** Every hasher in the catalogue. */
  static Gen<IdHasher> hashers() {
    return Generate.pick(IdHashers.all());
  }

  /** Any 32-bit seed. */
  static Gen<Integer> seeds() {
    return integers().all();
  }

  /** The bucket counts the range property covers. */
  static Gen<Integer> bucketCounts() {
    return Generate.pick(List.of(1, 2, 7, 100, 10_000, Integer.MAX_VALUE));
  }

  /**
   * Flag keys: non-empty, ASCII or not, without {@code :} (a salted bucketer rejects it, since flag
   * {@code a:b} with user {@code c} would hash the same key as flag {@code a} with user {@code
   * b:c}).
   */
  static Gen<String> flagKeys() {
    return unicodeIds().map(key -> key.replace(':', '_')).assuming(key -> !key.isEmpty());
  }

  /** Returns the hashers of one family. */
  static List<IdHasher> family(HashFamily family) {
    return IdHashers.all().stream().filter(hasher -> hasher.family() == family).toList();
  }

  private static String codePoint(int codePoint) {
    return new String(Character.toChars(codePoint));
  }

  private static String unit(int unit) {
    return String.valueOf((char) unit);
  }

  private static String fromCodePoints(List<Integer> codePoints) {
    StringBuilder id = new StringBuilder(codePoints.size());
    codePoints.forEach(id::appendCodePoint);
    return id.toString();
  }

  private static String expand(long seed, int length) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder id = new StringBuilder(length);
    while (id.length() < length) {
      int roll = random.nextInt(16);
      if (roll < 10) {
        id.append((char) random.nextInt(0x20, 0x7f));
      } else if (roll < 13) {
        id.append((char) random.nextInt(0x80, 0xd800));
      } else if (roll < 15 && id.length() + 2 <= length) {
        id.appendCodePoint(random.nextInt(0x10000, 0x110000));
      } else {
        id.append((char) random.nextInt(0xd800, 0xe000));
      }
    }
    return id.toString();
  }

  /** Shows an id with every non-printable-ASCII unit as \\uXXXX, and its length. */
  static String describe(String id) {
    StringBuilder text = new StringBuilder("\"");
    int shown = Math.min(id.length(), 80);
    for (int i = 0; i < shown; i++) {
      char c = id.charAt(i);
      text.append(
          c >= 0x20 && c < 0x7f && c != '\\' && c != '"'
              ? String.valueOf(c)
              : String.format("\\u%04x", (int) c));
    }
    return text.append(id.length() > shown ? "...\"" : "\"")
        .append(" (length ")
        .append(id.length())
        .append(')')
        .toString();
  }
}
