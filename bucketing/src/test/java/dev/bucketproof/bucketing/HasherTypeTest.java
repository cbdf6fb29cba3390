package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hashers' table: one name per hasher, written once, and the lookups that read it. */
class HasherTypeTest {

  @Test
  void eachHasherIsNamedByItsConstant() {
    Set<String> names = new HashSet<>();
    for (HasherType type : HasherType.values()) {
      assertTrue(names.add(type.hasherName()), type.hasherName());
      assertEquals(type.hasherName(), type.hasher().name());
      assertEquals(type.hasherName(), type.toString());
      assertEquals(type, HasherType.byName(type.hasherName()));
      assertEquals(type, HasherType.ofParameter(type.name()));
      assertEquals(type, HasherType.ofParameter(type.hasherName()));
      assertEquals(type.hasher(), IdHashers.byName(type.hasherName()));
    }
    assertEquals(
        Arrays.stream(HasherType.values()).map(HasherType::hasher).toList(), IdHashers.all());
    assertEquals(IdHashers.DEFAULT_NAME, IdHashers.murmur3_x86_32().name());
  }

  @Test
  void aConstantsNameIsNoHasherName() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> IdHashers.byName("GUAVA_MURMUR3_X86_32"));
    assertTrue(
        error
            .getMessage()
            .startsWith("unknown hasher: GUAVA_MURMUR3_X86_32 (known: bucketproof:murmur3_x86_32,"),
        error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HasherType.ofParameter("murmur3"));
  }
}
