package dev.bucketproof.bucketing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * A library that some hashers delegate to. {@link #GUAVA} and {@link #ZERO_ALLOCATION_HASHING} are
 * optional Maven dependencies of {@code bucketproof-bucketing}: a user of the own hashers ({@code
 * bucketproof:murmur3_x86_32} and {@code bucketproof:murmur3_x86_32_js}) does not carry them, and
 * {@link IdHashers} names the missing artifact, with the version this project pins, when a hasher
 * that needs one is asked for.
 *
 * <p>Presence is looked up once per library, by one of its classes, without initializing it.
 *
 * <p>Thread-safety: immutable.
 */
final class OptionalDependency {
  /**
   * {@code com.google.guava:guava}, for {@code guava:murmur3_x86_32} and {@code
   * guava:murmur3_x64_128}.
   */
  static final OptionalDependency GUAVA =
      new OptionalDependency("com.google.guava", "guava", "com.google.common.hash.Hashing");

  /** {@code net.openhft:zero-allocation-hashing}, for {@code openhft:murmur3_x64_128}. */
  static final OptionalDependency ZERO_ALLOCATION_HASHING =
      new OptionalDependency(
          "net.openhft", "zero-allocation-hashing", "net.openhft.hashing.LongHashFunction");

  /** The versions the build pins, written into the jar by Maven's resource filtering. */
  private static final String VERSIONS = "optional-dependencies.properties";

  private final String groupId;
  private final String artifactId;
  private final boolean present;

  /** A library known by its coordinates, present if {@code probeClass} can be loaded. */
  OptionalDependency(String groupId, String artifactId, String probeClass) {
    this.groupId = groupId;
    this.artifactId = artifactId;
    this.present = isLoadable(probeClass);
  }

  /** Returns whether the library is on the class path of this module. */
  boolean isPresent() {
    return present;
  }

  /**
   * Returns {@code groupId:artifactId:version}, such as {@code com.google.guava:guava:33.8.0-jre};
   * the version is {@code unknown} for a library this build does not pin.
   */
  String coordinates() {
    return groupId
        + ":"
        + artifactId
        + ":"
        + Versions.PINNED.getProperty(groupId + ":" + artifactId, "unknown");
  }

  /**
   * Returns normally if the library is present.
   *
   * @throws IllegalStateException naming the hasher and the missing artifact, if it is absent
   */
  void requireFor(String hasherName) {
    if (!present) {
      throw new IllegalStateException(
          hasherName
              + " needs "
              + coordinates()
              + " on the class path; it is an optional dependency of dev.bucketproof:bucketproof-bucketing:"
              + " declare it in your build, or use "
              + IdHashers.murmur3_x86_32().name());
    }
  }

  @Override
  public String toString() {
    return coordinates() + (present ? " (present)" : " (absent)");
  }

  private static boolean isLoadable(String className) {
    try {
      Class.forName(className, false, OptionalDependency.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The pinned versions, read once, when first needed. */
  private static final class Versions {
    static final Properties PINNED = load();

    private static Properties load() {
      Properties versions = new Properties();
      try (InputStream in = OptionalDependency.class.getResourceAsStream(VERSIONS)) {
        if (in != null) {
          versions.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + VERSIONS, e);
      }
      return versions;
    }
  }
}
