package dev.bucketproof.properties;

import static dev.bucketproof.properties.Generators.SEED;
import static dev.bucketproof.properties.Generators.seeds;
import static dev.bucketproof.properties.Generators.unicodeIds;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.bucketproof.bucketing.HashFamily;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.bucketing.Murmur3;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The property tests can fail: a hasher that ignores the last byte of the id is caught by the
 * family agreement property, which reports the seed and a counterexample shrunk to a short id.
 */
class NegativeControlProperties {

  /**
   * MurmurHash3_x86_32 of the canonical UTF-8 without its last byte: wrong for every non-empty id.
   */
  static final IdHasher IGNORES_LAST_BYTE =
      new IdHasher() {
        @Override
        public String name() {
          return "broken:ignores_last_byte";
        }

        @Override
        public HashFamily family() {
          return HashFamily.MURMUR3_X86_32;
        }

        @Override
        public long hash(CharSequence id, int seed) {
          byte[] bytes = IdEncoding.utf8(id);
          return Integer.toUnsignedLong(
              Murmur3.x86_32(Arrays.copyOf(bytes, Math.max(0, bytes.length - 1)), seed));
        }
      };

  @Test
  void familyAgreementCatchesAHasherThatIgnoresTheLastByte() {
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () ->
                qt().withFixedSeed(SEED)
                    .withExamples(5_000)
                    .forAll(unicodeIds(), seeds())
                    .checkAssert(
                        FamilyAgreementProperties.agree(
                            List.of(IdHashers.murmur3_x86_32(), IGNORES_LAST_BYTE))));
    String message = failure.getMessage();
    assertTrue(message.contains("Seed was " + SEED), "the seed is printed: " + message);
    Matcher smallest =
        Pattern.compile(
                "Smallest found falsifying value\\(s\\) :-\\s*\\{\"[^\"]*\" \\(length (\\d+)\\)")
            .matcher(message);
    assertTrue(smallest.find(), "a shrunk counterexample is printed: " + message);
    int length = Integer.parseInt(smallest.group(1));
    assertTrue(
        length >= 1 && length <= 2, "shrunk to a short id, got length " + length + ": " + message);
  }
}
