package dev.bucketproof.bucketing;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalogue of id hashers. Each factory returns one cached, immutable instance whose output is
 * a promise: once released it never changes (a golden file in the tests guards it).
 *
 * <table>
 *   <caption>Hashers</caption>
 *   <tr><th>name</th><th>family</th><th>notes</th><th>needs at run time</th></tr>
 *   <tr><td>{@code bucketproof:murmur3_x86_32}</td><td>murmur3_x86_32</td><td>the default; encodes on the fly, allocates nothing</td><td>nothing</td></tr>
 *   <tr><td>{@code guava:murmur3_x86_32}</td><td>murmur3_x86_32</td><td>Guava {@code murmur3_32_fixed}</td><td>{@code com.google.guava:guava}</td></tr>
 *   <tr><td>{@code openhft:murmur3_x64_128}</td><td>murmur3_x64_128</td><td>zero-allocation-hashing {@code murmur_3}, h1</td><td>{@code net.openhft:zero-allocation-hashing}</td></tr>
 *   <tr><td>{@code guava:murmur3_x64_128}</td><td>murmur3_x64_128</td><td>Guava {@code murmur3_128}, h1, seed made unsigned</td><td>{@code com.google.guava:guava}</td></tr>
 *   <tr><td>{@code bucketproof:murmur3_x86_32_js}</td><td>murmur3_x86_32_js</td><td>npm {@code murmurhash-js}, {@code murmurhash3js}</td><td>nothing</td></tr>
 * </table>
 *
 * <p>Guava and zero-allocation-hashing are optional dependencies of {@code bucketproof-bucketing}:
 * a build that wants the hashers backed by them declares them itself (the versions this project
 * pins are in its parent pom). Asking for such a hasher without its library throws {@link
 * IllegalStateException} naming the artifact and version, such as {@code guava:murmur3_x86_32 needs
 * com.google.guava:guava:33.8.0-jre on the class path}.
 *
 * <p>Thread-safety: every hasher is immutable and safe for concurrent use.
 */
public final class IdHashers {
  /** The default hasher's name, a constant for annotations such as a command line's default. */
  public static final String DEFAULT_NAME = "bucketproof:murmur3_x86_32";

  /** {@link #all()} once it has succeeded: it never changes after. */
  private static volatile List<IdHasher> all;

  private IdHashers() {}

  /**
   * Returns {@code bucketproof:murmur3_x86_32}, the default: MurmurHash3_x86_32 over UTF-8,
   * allocation-free.
   */
  public static IdHasher murmur3_x86_32() {
    return HasherType.BUCKETPROOF_MURMUR3_X86_32.hasher();
  }

  /**
   * Returns {@code guava:murmur3_x86_32}: Guava {@code Hashing.murmur3_32_fixed} over UTF-8.
   *
   * @throws IllegalStateException if Guava is not on the class path
   */
  public static IdHasher murmur3_x86_32_guava() {
    return HasherType.GUAVA_MURMUR3_X86_32.hasher();
  }

  /**
   * Returns {@code openhft:murmur3_x64_128}: zero-allocation-hashing {@code murmur_3} over UTF-8,
   * h1.
   *
   * @throws IllegalStateException if zero-allocation-hashing is not on the class path
   */
  public static IdHasher murmur3_x64_128_openhft() {
    return HasherType.OPENHFT_MURMUR3_X64_128.hasher();
  }

  /**
   * Returns {@code guava:murmur3_x64_128}: Guava {@code Hashing.murmur3_128} over UTF-8, h1.
   *
   * @throws IllegalStateException if Guava is not on the class path
   */
  public static IdHasher murmur3_x64_128_guava() {
    return HasherType.GUAVA_MURMUR3_X64_128.hasher();
  }

  /**
   * Returns {@code bucketproof:murmur3_x86_32_js}: MurmurHash3_x86_32 over the low byte of each
   * char.
   */
  public static IdHasher murmur3_x86_32_js() {
    return HasherType.BUCKETPROOF_MURMUR3_X86_32_JS.hasher();
  }

  /**
   * Returns every hasher, the default first, in the order the report and command line list them
   * ({@link HasherType}'s order).
   *
   * @throws IllegalStateException if Guava or zero-allocation-hashing is not on the class path; the
   *     message names the first missing artifact ({@link #available()} lists the usable ones
   *     instead)
   */
  public static List<IdHasher> all() {
    List<IdHasher> hashers = all;
    if (hashers == null) {
      hashers =
          Arrays.stream(HasherType.values())
              .map(HasherType::hasher)
              .collect(Collectors.toUnmodifiableList());
      all = hashers;
    }
    return hashers;
  }

  /**
   * Returns the hashers whose libraries are on the class path, in the order of {@link #all()}: the
   * two {@code bucketproof:} hashers always, the others when their optional dependency is present.
   */
  public static List<IdHasher> available() {
    return Arrays.stream(HasherType.values())
        .filter(HasherType::available)
        .map(HasherType::hasher)
        .toList();
  }

  /**
   * Returns the hasher with the given name, such as {@code guava:murmur3_x86_32}.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if no hasher has that name
   * @throws IllegalStateException if the hasher's library is not on the class path
   */
  public static IdHasher byName(String name) {
    return HasherType.byName(name).hasher();
  }
}
