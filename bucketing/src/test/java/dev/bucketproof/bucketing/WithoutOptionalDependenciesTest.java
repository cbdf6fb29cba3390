package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The library as a user sees it who declares only {@code bucketproof-bucketing}: Guava and
 * zero-allocation-hashing are optional, so they are absent. Runs in its own surefire execution
 * ({@code without-optional-dependencies} in bucketing/pom.xml) whose class path excludes both; the
 * default execution skips it. It fails, rather than skips, if either library is visible.
 */
class WithoutOptionalDependenciesTest {
  /** The coordinates with the versions the parent pom pins, passed in by the surefire execution. */
  private static final String GUAVA = "com.google.guava:guava:" + pinned("guava");

  private static final String OPENHFT =
      "net.openhft:zero-allocation-hashing:" + pinned("zero-allocation-hashing");

  @BeforeAll
  static void optionalLibrariesAreReallyAbsent() {
    for (String className :
        List.of("com.google.common.hash.Hashing", "net.openhft.hashing.LongHashFunction")) {
      assertThrows(
          ClassNotFoundException.class,
          () -> Class.forName(className),
          className
              + " is on the class path: run this test only in the without-optional-dependencies execution");
    }
  }

  @Test
  void ownHashersWorkWithoutEitherLibrary() {
    assertEquals(0x248BFA47L, IdHashers.murmur3_x86_32().hash("hello", 0));
    assertEquals(0x248BFA47L, IdHashers.murmur3_x86_32_js().hash("hello", 0));
    assertEquals(IdHashers.murmur3_x86_32(), IdHashers.byName("bucketproof:murmur3_x86_32"));
    Bucketer bucketer = Bucketer.standard();
    assertEquals(72, bucketer.bucket("gr1", "123"));
    assertTrue(bucketer.rollout(Rollout.ofPercent("gr1", 80)).isEnabled("123"));
    assertEquals(
        "b",
        bucketer
            .variants(VariantSplit.of("f", new Variant("a", 0), new Variant("b", 1)))
            .variant("123")
            .name());
  }

  @Test
  void availableListsTheOwnHashersOnly() {
    assertEquals(
        List.of("bucketproof:murmur3_x86_32", "bucketproof:murmur3_x86_32_js"),
        IdHashers.available().stream().map(IdHasher::name).collect(Collectors.toList()));
  }

  @Test
  void guavaHashersNameTheMissingArtifactAndItsPinnedVersion() {
    assertMissing(
        "guava:murmur3_x86_32 needs " + GUAVA + " on the class path",
        IdHashers::murmur3_x86_32_guava);
    assertMissing(
        "guava:murmur3_x64_128 needs " + GUAVA + " on the class path",
        IdHashers::murmur3_x64_128_guava);
    assertMissing(
        "guava:murmur3_x86_32 needs " + GUAVA + " on the class path",
        () -> IdHashers.byName("guava:murmur3_x86_32"));
  }

  @Test
  void openHftHasherNamesTheMissingArtifactAndItsPinnedVersion() {
    assertMissing(
        "openhft:murmur3_x64_128 needs " + OPENHFT + " on the class path",
        IdHashers::murmur3_x64_128_openhft);
  }

  @Test
  void allNamesTheFirstMissingArtifact() {
    assertMissing("guava:murmur3_x86_32 needs " + GUAVA + " on the class path", IdHashers::all);
  }

  @Test
  void errorSaysTheDependencyIsOptionalAndNamesTheDefault() {
    IllegalStateException error =
        assertThrows(IllegalStateException.class, IdHashers::murmur3_x86_32_guava);
    assertEquals(
        "guava:murmur3_x86_32 needs "
            + GUAVA
            + " on the class path; it is an"
            + " optional dependency of dev.bucketproof:bucketproof-bucketing: declare it in your build, or use"
            + " bucketproof:murmur3_x86_32",
        error.getMessage());
  }

  private static String pinned(String artifactId) {
    String version = System.getProperty("pinned." + artifactId);
    if (version == null || version.isEmpty() || version.startsWith("$")) {
      throw new IllegalStateException(
          "system property pinned." + artifactId + " is not set by the surefire execution");
    }
    return version;
  }

  private static void assertMissing(String expectedStart, Executable executable) {
    IllegalStateException error = assertThrows(IllegalStateException.class, executable);
    assertTrue(error.getMessage().startsWith(expectedStart), error.getMessage());
  }
}
