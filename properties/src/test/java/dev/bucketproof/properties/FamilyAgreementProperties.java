package dev.bucketproof.properties;

import static dev.bucketproof.properties.Generators.SEED;
import static dev.bucketproof.properties.Generators.longIds;
import static dev.bucketproof.properties.Generators.seeds;
import static dev.bucketproof.properties.Generators.unicodeIds;
import static dev.bucketproof.properties.Generators.userIds;
import static org.quicktheories.QuickTheory.qt;

import dev.bucketproof.bucketing.HashFamily;
import dev.bucketproof.bucketing.IdHasher;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Hashers of one family agree bit for bit on every input. */
class FamilyAgreementProperties {

  @Test
  void familiesAgreeOnUserIds() {
    qt().withFixedSeed(SEED)
        .withExamples(2_000)
        .forAll(userIds(), seeds())
        .checkAssert(everyFamilyAgrees());
  }

  @Test
  void familiesAgreeOnArbitraryUnicode() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(unicodeIds(), seeds())
        .checkAssert(everyFamilyAgrees());
  }

  @Test
  void familiesAgreeOnIdsUpTo1Mib() {
    qt().withFixedSeed(SEED)
        .withExamples(30)
        .forAll(longIds(), seeds())
        .checkAssert(everyFamilyAgrees());
  }

  static BiConsumer<String, Integer> everyFamilyAgrees() {
    return (id, seed) -> {
      for (HashFamily family : HashFamily.values()) {
        agree(Generators.family(family)).accept(id, seed);
      }
    };
  }

  /** The property for one set of hashers: each returns what the first returns. */
  static BiConsumer<String, Integer> agree(List<IdHasher> hashers) {
    return (id, seed) -> {
      long first = hashers.get(0).hash(id, seed);
      for (IdHasher hasher : hashers.subList(1, hashers.size())) {
        long other = hasher.hash(id, seed);
        if (other != first) {
          throw new AssertionError(
              String.format(
                  "%s gives %s, %s gives %s for seed %d",
                  hashers.get(0).name(),
                  Long.toUnsignedString(first),
                  hasher.name(),
                  Long.toUnsignedString(other),
                  seed));
        }
      }
    };
  }
}
