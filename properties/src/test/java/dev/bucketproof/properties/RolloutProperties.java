package dev.bucketproof.properties;

import static dev.bucketproof.properties.Generators.SEED;
import static dev.bucketproof.properties.Generators.hashers;
import static dev.bucketproof.properties.Generators.unicodeIds;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Rollout;
import org.junit.jupiter.api.Test;

/** Raising a rollout only adds users: enabled at p implies enabled at every q >= p. */
class RolloutProperties {

  @Test
  void rolloutsAreMonotonic() {
    qt().withFixedSeed(SEED)
        .withExamples(10_000)
        .forAll(
            hashers(), unicodeIds(), integers().between(0, 10_000), integers().between(0, 10_000))
        .check(
            (hasher, user, first, second) -> {
              Bucketer bucketer = Bucketer.builder().hasher(hasher).bucketCount(10_000).build();
              int lower = Math.min(first, second);
              int higher = Math.max(first, second);
              boolean enabledLow = bucketer.rollout(new Rollout("flag", lower)).isEnabled(user);
              boolean enabledHigh = bucketer.rollout(new Rollout("flag", higher)).isEnabled(user);
              return !enabledLow || enabledHigh;
            });
  }

  @Test
  void enabledExactlyWhenTheBucketIsBelowTheThreshold() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(hashers(), unicodeIds(), integers().between(0, 100))
        .check(
            (hasher, user, percent) -> {
              Bucketer bucketer = Bucketer.builder().hasher(hasher).build();
              return bucketer.rollout(Rollout.ofPercent("flag", percent)).isEnabled(user)
                  == (bucketer.bucket("flag", user) < percent);
            });
  }
}
