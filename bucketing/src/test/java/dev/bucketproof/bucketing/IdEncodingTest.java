package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The encodings' edge cases, one per line: where a surrogate is paired, and where it stands alone.
 */
class IdEncodingTest {

  @Test
  void wellFormedIdsHaveNoUnpairedSurrogate() {
    assertFalse(IdEncoding.hasUnpairedSurrogate(""));
    assertFalse(IdEncoding.hasUnpairedSurrogate("plain ascii"));
    assertFalse(IdEncoding.hasUnpairedSurrogate("\uD83D\uDCB0"));
    assertFalse(IdEncoding.hasUnpairedSurrogate("a\uD83D\uDCB0b\uD83D\uDCB0"));
    assertFalse(IdEncoding.hasUnpairedSurrogate("\uFFFD\u65E5"));
  }

  @Test
  void loneSurrogatesAreFoundWhereverTheyStand() {
    assertTrue(IdEncoding.hasUnpairedSurrogate("\uD83D"));
    assertTrue(IdEncoding.hasUnpairedSurrogate("\uDCB0"));
    assertTrue(IdEncoding.hasUnpairedSurrogate("ab\uD83D"));
    assertTrue(IdEncoding.hasUnpairedSurrogate("\uDCB0\uD83D"));
    assertTrue(IdEncoding.hasUnpairedSurrogate("\uD83D\uD83D\uDCB0"));
    assertTrue(IdEncoding.hasUnpairedSurrogate("\uD83D\uDCB0\uDCB0"));
    assertThrows(NullPointerException.class, () -> IdEncoding.hasUnpairedSurrogate(null));
  }

  @Test
  void utf8LengthCountsAPairAsFourBytesAndALoneSurrogateAsThree() {
    assertEquals(4, IdEncoding.utf8Length("\uD83D\uDCB0"));
    assertEquals(3, IdEncoding.utf8Length("\uD83D"));
    assertEquals(7, IdEncoding.utf8Length("\uDCB0\uD83D\uDCB0"));
    assertArrayEquals(
        new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbd}, IdEncoding.utf8("\uDCB0"));
  }

  @Test
  void familiesAreFoundByTheirId() {
    for (HashFamily family : HashFamily.values()) {
      assertSame(family, HashFamily.byId(family.id()));
    }
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> HashFamily.byId("md5"));
    assertEquals("unknown hash family: md5", error.getMessage());
  }
}
