package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The optional libraries on this module's test class path, where both are present, and a library
 * that is absent everywhere. WithoutOptionalDependenciesTest covers the real absence of Guava and
 * zero-allocation-hashing, in its own surefire execution.
 */
class OptionalDependencyTest {

  @Test
  void bothOptionalLibrariesArePresentForTheseTestsAndNamedWithTheirPinnedVersions() {
    assertTrue(OptionalDependency.GUAVA.isPresent());
    assertTrue(OptionalDependency.ZERO_ALLOCATION_HASHING.isPresent());
    assertTrue(
        OptionalDependency.GUAVA.coordinates().matches("com\\.google\\.guava:guava:\\d+\\.\\d+.*"),
        OptionalDependency.GUAVA.coordinates());
    assertTrue(
        OptionalDependency.ZERO_ALLOCATION_HASHING
            .coordinates()
            .matches("net\\.openhft:zero-allocation-hashing:\\d+.*"),
        OptionalDependency.ZERO_ALLOCATION_HASHING.coordinates());
    OptionalDependency.GUAVA.requireFor("guava:murmur3_x86_32");
    assertTrue(
        OptionalDependency.GUAVA.toString().endsWith(" (present)"),
        OptionalDependency.GUAVA.toString());
  }

  @Test
  void anAbsentLibraryIsNamedInTheError() {
    OptionalDependency absent =
        new OptionalDependency("com.example", "absent", "com.example.absent.Nothing");
    assertFalse(absent.isPresent());
    assertEquals("com.example:absent:unknown (absent)", absent.toString());
    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> absent.requireFor("example:hash"));
    assertEquals(
        "example:hash needs com.example:absent:unknown on the class path; it is an optional dependency"
            + " of dev.bucketproof:bucketproof-bucketing: declare it in your build, or use bucketproof:murmur3_x86_32",
        error.getMessage());
  }

  @Test
  void availableIsEveryHasherWhenBothLibrariesArePresent() {
    assertEquals(IdHashers.all(), IdHashers.available());
  }
}
