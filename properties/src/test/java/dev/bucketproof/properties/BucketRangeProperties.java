package dev.bucketproof.properties;

import static dev.bucketproof.properties.Generators.SEED;
import static dev.bucketproof.properties.Generators.bucketCounts;
import static dev.bucketproof.properties.Generators.flagKeys;
import static dev.bucketproof.properties.Generators.hashers;
import static dev.bucketproof.properties.Generators.unicodeIds;
import static org.quicktheories.QuickTheory.qt;

import dev.bucketproof.bucketing.Bucketer;
import org.junit.jupiter.api.Test;

/** A bucket is always in [0, N), for N = 1, 2, 7, 100, 10,000 and 2^31-1, for every hasher. */
class BucketRangeProperties {

  @Test
  void bucketIsWithinZeroAndTheBucketCount() {
    qt().withFixedSeed(SEED)
        .withExamples(10_000)
        .forAll(hashers(), bucketCounts(), flagKeys(), unicodeIds())
        .check(
            (hasher, bucketCount, flag, user) -> {
              int bucket =
                  Bucketer.builder()
                      .hasher(hasher)
                      .bucketCount(bucketCount)
                      .build()
                      .bucket(flag, user);
              return bucket >= 0 && bucket < bucketCount;
            });
  }

  @Test
  void unsaltedBucketIsWithinRangeToo() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(hashers(), bucketCounts(), unicodeIds())
        .check(
            (hasher, bucketCount, user) -> {
              int bucket =
                  Bucketer.builder()
                      .hasher(hasher)
                      .bucketCount(bucketCount)
                      .unsalted()
                      .build()
                      .bucket("f", user);
              return bucket >= 0 && bucket < bucketCount;
            });
  }
}
