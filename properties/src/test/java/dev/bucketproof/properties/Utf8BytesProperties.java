package dev.bucketproof.properties;

import static dev.bucketproof.properties.Generators.SEED;
import static dev.bucketproof.properties.Generators.flagKeys;
import static dev.bucketproof.properties.Generators.hashers;
import static dev.bucketproof.properties.Generators.seeds;
import static dev.bucketproof.properties.Generators.unicodeIds;
import static dev.bucketproof.properties.Generators.utf8ishBytes;
import static dev.bucketproof.properties.Generators.wellFormedIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.HashFamily;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.TestIds;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The byte-level API equals the String path: for every well-formed UTF-8 id, and for invalid bytes
 * the string the WHATWG decoder makes of them (so the encoding policy applies to them exactly as to
 * that string). Every hasher, decision and seed.
 */
class Utf8BytesProperties {

  @Test
  void wellFormedUtf8HashesAsItsString() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(hashers(), wellFormedIds(), seeds())
        .checkAssert(
            (hasher, id, seed) -> {
              byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
              assertEquals(
                  hasher.hash(id, seed),
                  hasher.hashUtf8(bytes, 0, bytes.length, seed),
                  () -> hasher.name() + " seed " + seed + " bytes " + Generators.hex(bytes));
            });
  }

  @Test
  void canonicalUtf8OfAnyIdHashesAsTheIdInUtf8Families() {
    // An unpaired surrogate is U+FFFD in the canonical UTF-8; the bytes then hash as the id did.
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(hashers(), unicodeIds(), seeds())
        .assuming((hasher, id, seed) -> hasher.family() != HashFamily.MURMUR3_X86_32_JS)
        .checkAssert(
            (hasher, id, seed) -> {
              byte[] bytes = IdEncoding.utf8(id);
              assertEquals(
                  hasher.hash(id, seed),
                  hasher.hashUtf8(ByteBuffer.wrap(bytes), seed),
                  () -> hasher.name() + " seed " + seed);
            });
  }

  @Test
  void anyBytesHashAsTheirWhatwgDecoding() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(hashers(), utf8ishBytes(), seeds())
        .checkAssert(
            (hasher, bytes, seed) ->
                assertEquals(
                    hasher.hash(TestIds.whatwgDecode(bytes), seed),
                    hasher.hashUtf8(bytes, 0, bytes.length, seed),
                    () -> hasher.name() + " seed " + seed));
  }

  @Test
  void decodingIsTheWhatwgDecoder() {
    qt().withFixedSeed(SEED)
        .withExamples(10_000)
        .forAll(utf8ishBytes())
        .checkAssert(
            bytes ->
                assertEquals(
                    Generators.describe(TestIds.whatwgDecode(bytes)),
                    Generators.describe(IdEncoding.decodeUtf8(bytes, 0, bytes.length))));
  }

  @Test
  void prefixedBytesHashAsThePrefixedString() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(hashers(), flagKeys(), utf8ishBytes(), seeds())
        .checkAssert(
            (hasher, prefix, bytes, seed) ->
                assertEquals(
                    hasher.prefixed(prefix, seed).hash(TestIds.whatwgDecode(bytes)),
                    hasher.prefixed(prefix, seed).hashUtf8(bytes, 0, bytes.length),
                    () ->
                        hasher.name()
                            + " prefix "
                            + Generators.describe(prefix)
                            + " seed "
                            + seed));
  }

  @Test
  void decisionsOnBytesEqualDecisionsOnTheirString() {
    qt().withFixedSeed(SEED)
        .withExamples(3_000)
        .forAll(hashers(), flagKeys(), utf8ishBytes(), integers().between(0, 100))
        .checkAssert(
            (hasher, flag, bytes, percent) -> {
              Bucketer bucketer = Bucketer.builder().hasher(hasher).build();
              String user = TestIds.whatwgDecode(bytes);
              String message =
                  hasher.name() + " flag " + Generators.describe(flag) + " at " + percent + "%";
              assertEquals(
                  bucketer.forFlag(flag).bucket(user),
                  bucketer.forFlag(flag).bucketUtf8(bytes, 0, bytes.length),
                  message);
              assertEquals(
                  bucketer.rollout(Rollout.ofPercent(flag, percent)).isEnabled(user),
                  bucketer
                      .rollout(Rollout.ofPercent(flag, percent))
                      .isEnabledUtf8(ByteBuffer.wrap(bytes)),
                  message);
              VariantSplit split =
                  VariantSplit.of(
                      flag, new Variant("a", percent), new Variant("b", 100 - percent + 1));
              assertEquals(
                  bucketer.variants(split).variant(user),
                  bucketer.variants(split).variantUtf8(bytes, 0, bytes.length),
                  message);
            });
  }
}
