package dev.bucketproof.benchmarks;

import dev.bucketproof.reports.ids.IdShape;
import java.util.SplittableRandom;

/** The id shapes of the benchmarks, drawn from the report's populations with a fixed seed. */
final class BenchmarkIds {
  /** The seed of every benchmark's ids. */
  static final long SEED = 0xBE7C_4A11L;

  private BenchmarkIds() {}

  /**
   * Returns {@code count} ids of {@code shape}: {@code uuid} (36 ASCII chars), {@code numeric} (7
   * digits), {@code email}, {@code prefixed} ({@code user_000123}), {@code unicode} (accents, CJK,
   * emoji), {@code long1k} and {@code long64k} (1,024 and 65,536 ASCII chars).
   */
  static String[] of(String shape, int count) {
    String[] ids = new String[count];
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < count; i++) {
      ids[i] =
          switch (shape) {
            case "uuid" -> IdShape.UUID.id(SEED, i);
            case "numeric" -> IdShape.SEQUENTIAL.id(SEED, 1_000_000 + i);
            case "email" -> IdShape.EMAIL.id(SEED, i);
            case "prefixed" -> IdShape.PREFIXED.id(SEED, 100_000 + i);
            case "unicode" -> IdShape.UNICODE.id(SEED, i);
            case "long1k" -> IdShape.asciiId(random, 1024);
            case "long64k" -> IdShape.asciiId(random, 65_536);
            default -> throw new IllegalArgumentException("unknown id shape: " + shape);
          };
    }
    return ids;
  }

  /** Returns how many ids a benchmark cycles through: a power of two, fewer for the 64 KiB ids. */
  static int countFor(String shape) {
    return shape.equals("long64k") ? 64 : 1024;
  }
}
