package dev.bucketproof.properties;

import static dev.bucketproof.properties.Generators.SEED;
import static dev.bucketproof.properties.Generators.hashers;
import static dev.bucketproof.properties.Generators.unicodeIds;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantAssigner;
import dev.bucketproof.bucketing.VariantSplit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Every user gets exactly one variant, the same one every time, never one of weight 0. */
class VariantProperties {

  /** Splits of 1 to 6 variants with weights 0..1000, not all zero. */
  static Gen<VariantSplit> splits() {
    return lists()
        .of(integers().between(0, 1000))
        .ofSizeBetween(1, 6)
        .assuming(weights -> weights.stream().mapToInt(Integer::intValue).sum() > 0)
        .map(
            weights -> {
              List<Variant> variants = new ArrayList<>();
              for (int i = 0; i < weights.size(); i++) {
                variants.add(new Variant("v" + i, weights.get(i)));
              }
              return new VariantSplit("experiment", variants);
            });
  }

  @Test
  void everyUserGetsExactlyOneVariantOfPositiveWeight() {
    qt().withFixedSeed(SEED)
        .withExamples(10_000)
        .forAll(hashers(), splits(), unicodeIds())
        .check(
            (hasher, split, user) -> {
              VariantAssigner assigner = Bucketer.builder().hasher(hasher).build().variants(split);
              int bucket = assigner.bucket(user);
              int containing = 0;
              int lower = 0;
              for (Variant variant : split.variants()) {
                int upper = lower + variant.weight();
                if (bucket >= lower && bucket < upper) {
                  containing++;
                }
                lower = upper;
              }
              Variant chosen = assigner.variant(user);
              return containing == 1 && chosen.weight() > 0 && split.variants().contains(chosen);
            });
  }

  @Test
  void aUserKeepsItsVariantAcrossFreshAssigners() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(hashers(), splits(), unicodeIds())
        .check(
            (hasher, split, user) ->
                Bucketer.builder()
                    .hasher(hasher)
                    .build()
                    .variants(split)
                    .variant(user)
                    .equals(
                        Bucketer.builder().hasher(hasher).build().variants(split).variant(user)));
  }
}
