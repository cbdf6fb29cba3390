package dev.bucketproof.properties;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.ids.IdShape;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints {@code hasher<TAB>index<TAB>hash<TAB>bucket} for a fixed set of ids, so that a second JVM
 * (another charset, locale and the interpreter only) can be compared with the test's own.
 */
public final class AssignmentPrinter {
  static final int IDS_PER_SHAPE = 300;

  private AssignmentPrinter() {}

  /**
   * The ids: every population shape, plus the unpaired surrogates and NUL that generators rarely
   * hit.
   */
  static List<String> ids() {
    List<String> ids =
        new ArrayList<>(List.of("", "\u0000", "a\uD800", "\uDC00b", "\uD83D\uDCB0", "e\u0301"));
    for (IdShape shape : IdShape.values()) {
      for (int i = 0; i < IDS_PER_SHAPE; i++) {
        ids.add(shape.id(Generators.SEED, i));
      }
    }
    return ids;
  }

  static List<String> lines() {
    List<String> lines = new ArrayList<>();
    List<String> ids = ids();
    for (IdHasher hasher : IdHashers.all()) {
      Bucketer bucketer = Bucketer.builder().hasher(hasher).bucketCount(10_000).build();
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        lines.add(
            hasher.name()
                + "\t"
                + i
                + "\t"
                + Long.toUnsignedString(hasher.hash(id, 0x9747B28C))
                + "\t"
                + bucketer.bucket("determinism", id));
      }
    }
    return lines;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    lines().forEach(out::println);
  }
}
