package dev.bucketproof.bucketing;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The table of hashers: one constant per hasher, with the name the report, the command line and JMH
 * results use, the optional library it needs, and the hasher itself. {@link IdHashers} and the
 * benchmarks ({@code @Param HasherType hasher}, as Caffeine's benchmarks take a {@code CacheType})
 * read this table; no hasher's name is written anywhere else.
 *
 * <pre>{@code
 * HasherType.GUAVA_MURMUR3_X86_32.hasherName();   // "guava:murmur3_x86_32"
 * HasherType.byName("guava:murmur3_x86_32");      // GUAVA_MURMUR3_X86_32 (the constant's name works too)
 * IdHasher hasher = HasherType.BUCKETPROOF_MURMUR3_X86_32.hasher();
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
// each constant holds a stateless OptionalDependency and a Supplier of an immutable hasher
@SuppressWarnings("ImmutableEnumChecker")
public enum HasherType {
  /** {@code bucketproof:murmur3_x86_32}: the default, over UTF-8, allocation-free. */
  BUCKETPROOF_MURMUR3_X86_32(
      IdHashers.DEFAULT_NAME, null, () -> BucketproofMurmur3_32Hasher.INSTANCE),
  /** {@code guava:murmur3_x86_32}: Guava {@code Hashing.murmur3_32_fixed} over UTF-8. */
  GUAVA_MURMUR3_X86_32(
      "guava:murmur3_x86_32", OptionalDependency.GUAVA, () -> GuavaMurmur3_32Hasher.INSTANCE),
  /** {@code openhft:murmur3_x64_128}: zero-allocation-hashing {@code murmur_3} over UTF-8, h1. */
  OPENHFT_MURMUR3_X64_128(
      "openhft:murmur3_x64_128",
      OptionalDependency.ZERO_ALLOCATION_HASHING,
      () -> OpenHftMurmur3_128Hasher.INSTANCE),
  /** {@code guava:murmur3_x64_128}: Guava {@code Hashing.murmur3_128} over UTF-8, h1. */
  GUAVA_MURMUR3_X64_128(
      "guava:murmur3_x64_128", OptionalDependency.GUAVA, () -> GuavaMurmur3_128Hasher.INSTANCE),
  /** {@code bucketproof:murmur3_x86_32_js}: MurmurHash3_x86_32 over the low byte of each char. */
  BUCKETPROOF_MURMUR3_X86_32_JS(
      "bucketproof:murmur3_x86_32_js", null, () -> BrowserMurmur3_32Hasher.INSTANCE);

  private final String hasherName;
  private final OptionalDependency dependency;
  private final Supplier<IdHasher> instance;

  HasherType(String hasherName, OptionalDependency dependency, Supplier<IdHasher> instance) {
    this.hasherName = hasherName;
    this.dependency = dependency;
    this.instance = instance;
  }

  /** Returns the hasher's name, such as {@code guava:murmur3_x86_32}. */
  public String hasherName() {
    return hasherName;
  }

  /** Returns whether the hasher's optional library, if it needs one, is on the class path. */
  public boolean available() {
    return dependency == null || dependency.isPresent();
  }

  /**
   * Returns the hasher, a cached immutable instance.
   *
   * @throws IllegalStateException if its optional library is not on the class path; the message
   *     names the artifact and version
   */
  public IdHasher hasher() {
    if (dependency != null) {
      dependency.requireFor(hasherName);
    }
    return instance.get();
  }

  /**
   * Returns the hasher named {@code hasherName}, such as {@code guava:murmur3_x86_32}.
   *
   * @throws NullPointerException if {@code hasherName} is null
   * @throws IllegalArgumentException if no hasher has that name; the message lists the known ones
   */
  public static HasherType byName(String hasherName) {
    Objects.requireNonNull(hasherName, "name");
    for (HasherType type : values()) {
      if (type.hasherName.equals(hasherName)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown hasher: "
            + hasherName
            + " (known: "
            + String.join(", ", Arrays.stream(values()).map(HasherType::hasherName).toList())
            + ")");
  }

  /**
   * Returns the hasher that a JMH result's {@code hasher} parameter names: the hasher's name
   * (results measured before the benchmarks took this enum) or the constant's ({@code
   * GUAVA_MURMUR3_X86_32}).
   *
   * @throws NullPointerException if {@code parameter} is null
   * @throws IllegalArgumentException if it names no hasher
   */
  public static HasherType ofParameter(String parameter) {
    Objects.requireNonNull(parameter, "parameter");
    for (HasherType type : values()) {
      if (type.name().equals(parameter)) {
        return type;
      }
    }
    return byName(parameter);
  }

  /** Returns the hasher's name. */
  @Override
  public String toString() {
    return hasherName;
  }
}
