package dev.bucketproof.bucketing;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The catalogue of id hashers. Each factory returns one cached, immutable instance whose output is a
 * promise: once released it never changes (a golden file in the tests guards it).
 *
 * <table>
 *   <caption>Hashers</caption>
 *   <tr><th>name</th><th>family</th><th>notes</th></tr>
 *   <tr><td>{@code bucketproof:murmur3_x86_32}</td><td>murmur3_x86_32</td><td>the default; encodes on the fly, allocates nothing</td></tr>
 *   <tr><td>{@code guava:murmur3_x86_32}</td><td>murmur3_x86_32</td><td>Guava {@code murmur3_32_fixed}</td></tr>
 *   <tr><td>{@code openhft:murmur3_x64_128}</td><td>murmur3_x64_128</td><td>zero-allocation-hashing {@code murmur_3}, h1</td></tr>
 *   <tr><td>{@code guava:murmur3_x64_128}</td><td>murmur3_x64_128</td><td>Guava {@code murmur3_128}, h1, seed made unsigned</td></tr>
 *   <tr><td>{@code bucketproof:murmur3_x86_32_js}</td><td>murmur3_x86_32_js</td><td>npm {@code murmurhash-js}, {@code murmurhash3js}</td></tr>
 * </table>
 *
 * <p>Thread-safety: every hasher is immutable and safe for concurrent use.
 */
public final class IdHashers {
  private static final List<IdHasher> ALL = List.of(
      BucketproofMurmur3_32Hasher.INSTANCE,
      GuavaMurmur3_32Hasher.INSTANCE,
      OpenHftMurmur3_128Hasher.INSTANCE,
      GuavaMurmur3_128Hasher.INSTANCE,
      BrowserMurmur3_32Hasher.INSTANCE);

  private IdHashers() {}

  /** Returns {@code bucketproof:murmur3_x86_32}, the default: MurmurHash3_x86_32 over UTF-8, allocation-free. */
  public static IdHasher murmur3_x86_32() {
    return BucketproofMurmur3_32Hasher.INSTANCE;
  }

  /** Returns {@code guava:murmur3_x86_32}: Guava {@code Hashing.murmur3_32_fixed} over UTF-8. */
  public static IdHasher murmur3_x86_32_guava() {
    return GuavaMurmur3_32Hasher.INSTANCE;
  }

  /** Returns {@code openhft:murmur3_x64_128}: zero-allocation-hashing {@code murmur_3} over UTF-8, h1. */
  public static IdHasher murmur3_x64_128_openhft() {
    return OpenHftMurmur3_128Hasher.INSTANCE;
  }

  /** Returns {@code guava:murmur3_x64_128}: Guava {@code Hashing.murmur3_128} over UTF-8, h1. */
  public static IdHasher murmur3_x64_128_guava() {
    return GuavaMurmur3_128Hasher.INSTANCE;
  }

  /** Returns {@code bucketproof:murmur3_x86_32_js}: MurmurHash3_x86_32 over the low byte of each char. */
  public static IdHasher murmur3_x86_32_js() {
    return BrowserMurmur3_32Hasher.INSTANCE;
  }

  /** Returns every hasher, the default first, in the order the report and command line list them. */
  public static List<IdHasher> all() {
    return ALL;
  }

  /**
   * Returns the hasher with the given name, such as {@code guava:murmur3_x86_32}.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if no hasher has that name
   */
  public static IdHasher byName(String name) {
    Objects.requireNonNull(name, "name");
    for (IdHasher hasher : ALL) {
      if (hasher.name().equals(name)) {
        return hasher;
      }
    }
    throw new IllegalArgumentException("unknown hasher: " + name + " (known: "
        + ALL.stream().map(IdHasher::name).collect(Collectors.joining(", ")) + ")");
  }
}
