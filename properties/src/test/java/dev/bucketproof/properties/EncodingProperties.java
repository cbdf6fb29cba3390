package dev.bucketproof.properties;

import static dev.bucketproof.properties.Generators.SEED;
import static dev.bucketproof.properties.Generators.hashers;
import static dev.bucketproof.properties.Generators.seeds;
import static dev.bucketproof.properties.Generators.unicodeIds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.bucketproof.bucketing.IdEncoding;
import org.junit.jupiter.api.Test;

/**
 * Each UTF-8 hasher equals MurmurHash3 of the canonical bytes (unpaired surrogate -> U+FFFD, per
 * the JDK encoder set to replace), and the browser-compatible one equals MurmurHash3 of the low
 * bytes.
 */
class EncodingProperties {

  @Test
  void everyHasherEqualsMurmur3OfItsFamilysBytes() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(hashers(), unicodeIds(), seeds())
        .checkAssert(
            (hasher, id, seed) ->
                assertEquals(
                    Oracles.expectedHash(hasher.family(), id, seed),
                    hasher.hash(id, seed),
                    () -> hasher.name() + " seed " + seed));
  }

  @Test
  void canonicalUtf8IsTheWhatwgEncoding() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(unicodeIds())
        .checkAssert(id -> assertArrayEquals(Oracles.whatwgUtf8(id), IdEncoding.utf8(id)));
  }

  @Test
  void canonicalUtf8LengthMatchesTheBytes() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(unicodeIds())
        .checkAssert(id -> assertEquals(Oracles.whatwgUtf8(id).length, IdEncoding.utf8Length(id)));
  }
}
