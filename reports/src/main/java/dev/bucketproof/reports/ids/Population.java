package dev.bucketproof.reports.ids;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed, named, seeded population: {@code size} ids of one {@link IdShape}. Id number {@code i}
 * depends only on the shape, the seed and {@code i}, so every run, on any number of threads, sees
 * the same ids.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name the name the report uses, such as {@code uuid-1m}
 * @param shape the shape of the ids
 * @param size the number of ids, at least 1
 * @param seed the seed of the generator
 */
public record Population(String name, IdShape shape, long size, long seed) implements IdSource {
  /** The seed of the built-in populations. */
  public static final long DEFAULT_SEED = 0x5EED_2026_1124L;

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code name} or {@code shape} is null
   * @throws IllegalArgumentException if {@code size} is below 1
   */
  public Population {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    if (size < 1) {
      throw new IllegalArgumentException("population size must be >= 1: " + size);
    }
  }

  /**
   * Returns the population of {@code size} ids of {@code shape} with the default seed, named like
   * {@code uuid-1m}.
   */
  public static Population of(IdShape shape, long size) {
    return new Population(shape.id() + "-" + sizeLabel(size), shape, size, DEFAULT_SEED);
  }

  /** Returns a short label for a size: {@code 10k}, {@code 1m}, {@code 1500}. */
  public static String sizeLabel(long size) {
    if (size % 1_000_000 == 0) {
      return size / 1_000_000 + "m";
    }
    if (size % 1_000 == 0) {
      return size / 1_000 + "k";
    }
    return Long.toString(size);
  }

  /** Returns id number {@code index}. */
  public String id(long index) {
    return shape.id(seed, index);
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "%s: %,d %s ids, seed 0x%X", name, size, shape.id(), seed);
  }

  @Override
  public long expectedSize() {
    return size;
  }

  @Override
  public Optional<LineReport> forEachChunk(int chunkSize, ChunkConsumer consumer)
      throws IOException {
    for (long start = 0; start < size; start += chunkSize) {
      long first = start;
      int count = (int) Math.min(chunkSize, size - start);
      consumer.accept(
          new Chunk() {
            @Override
            public long start() {
              return first;
            }

            @Override
            public int size() {
              return count;
            }

            @Override
            public String id(int offset) {
              return shape.id(seed, first + offset);
            }
          });
    }
    return Optional.empty();
  }
}
