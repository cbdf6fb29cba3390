package dev.bucketproof.bucketing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
  /** Every name, in the order the report and command line list the hashers. */
  private static final List<String> NAMES =
      List.of(
          "bucketproof:murmur3_x86_32",
          "guava:murmur3_x86_32",
          "openhft:murmur3_x64_128",
          "guava:murmur3_x64_128",
          "bucketproof:murmur3_x86_32_js");

  /** {@link #all()} once it has succeeded: it never changes after. */
  private static volatile List<IdHasher> all;

  private IdHashers() {}

  /**
   * Returns {@code bucketproof:murmur3_x86_32}, the default: MurmurHash3_x86_32 over UTF-8,
   * allocation-free.
   */
  public static IdHasher murmur3_x86_32() {
    return BucketproofMurmur3_32Hasher.INSTANCE;
  }

  /**
   * Returns {@code guava:murmur3_x86_32}: Guava {@code Hashing.murmur3_32_fixed} over UTF-8.
   *
   * @throws IllegalStateException if Guava is not on the class path
   */
  public static IdHasher murmur3_x86_32_guava() {
    OptionalDependency.GUAVA.requireFor("guava:murmur3_x86_32");
    return GuavaMurmur3_32Hasher.INSTANCE;
  }

  /**
   * Returns {@code openhft:murmur3_x64_128}: zero-allocation-hashing {@code murmur_3} over UTF-8,
   * h1.
   *
   * @throws IllegalStateException if zero-allocation-hashing is not on the class path
   */
  public static IdHasher murmur3_x64_128_openhft() {
    OptionalDependency.ZERO_ALLOCATION_HASHING.requireFor("openhft:murmur3_x64_128");
    return OpenHftMurmur3_128Hasher.INSTANCE;
  }

  /**
   * Returns {@code guava:murmur3_x64_128}: Guava {@code Hashing.murmur3_128} over UTF-8, h1.
   *
   * @throws IllegalStateException if Guava is not on the class path
   */
  public static IdHasher murmur3_x64_128_guava() {
    OptionalDependency.GUAVA.requireFor("guava:murmur3_x64_128");
    return GuavaMurmur3_128Hasher.INSTANCE;
  }

  /**
   * Returns {@code bucketproof:murmur3_x86_32_js}: MurmurHash3_x86_32 over the low byte of each
   * char.
   */
  public static IdHasher murmur3_x86_32_js() {
    return BrowserMurmur3_32Hasher.INSTANCE;
  }

  /**
   * Returns every hasher, the default first, in the order the report and command line list them.
   *
   * @throws IllegalStateException if Guava or zero-allocation-hashing is not on the class path; the
   *     message names the first missing artifact ({@link #available()} lists the usable ones
   *     instead)
   */
  public static List<IdHasher> all() {
    List<IdHasher> hashers = all;
    if (hashers == null) {
      hashers = NAMES.stream().map(IdHashers::byName).collect(Collectors.toUnmodifiableList());
      all = hashers;
    }
    return hashers;
  }

  /**
   * Returns the hashers whose libraries are on the class path, in the order of {@link #all()}: the
   * two {@code bucketproof:} hashers always, the others when their optional dependency is present.
   */
  public static List<IdHasher> available() {
    List<IdHasher> available = new ArrayList<>();
    available.add(murmur3_x86_32());
    if (OptionalDependency.GUAVA.isPresent()) {
      available.add(murmur3_x86_32_guava());
    }
    if (OptionalDependency.ZERO_ALLOCATION_HASHING.isPresent()) {
      available.add(murmur3_x64_128_openhft());
    }
    if (OptionalDependency.GUAVA.isPresent()) {
      available.add(murmur3_x64_128_guava());
    }
    available.add(murmur3_x86_32_js());
    return List.copyOf(available);
  }

  /**
   * Returns the hasher with the given name, such as {@code guava:murmur3_x86_32}.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if no hasher has that name
   * @throws IllegalStateException if the hasher's library is not on the class path
   */
  public static IdHasher byName(String name) {
    Objects.requireNonNull(name, "name");
    switch (name) {
      case "bucketproof:murmur3_x86_32":
        return murmur3_x86_32();
      case "guava:murmur3_x86_32":
        return murmur3_x86_32_guava();
      case "openhft:murmur3_x64_128":
        return murmur3_x64_128_openhft();
      case "guava:murmur3_x64_128":
        return murmur3_x64_128_guava();
      case "bucketproof:murmur3_x86_32_js":
        return murmur3_x86_32_js();
      default:
        throw new IllegalArgumentException(
            "unknown hasher: " + name + " (known: " + String.join(", ", NAMES) + ")");
    }
  }
}
