package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every variant range boundary, bucket by bucket: the assigner is fed chosen variant buckets (the
 * "user id" is the bucket number itself), so a range shifted by one bucket, at either end, fails
 * here.
 */
class VariantAssignerTest {

  @Test
  void fiftyFiftySplitsAtBucketFifty() {
    VariantAssigner assigner =
        assignerOverBucketNumbers(
            VariantSplit.of("f", new Variant("control", 50), new Variant("treatment", 50)));
    assertVariant(assigner, 0, "control");
    assertVariant(assigner, 49, "control");
    assertVariant(assigner, 50, "treatment");
    assertVariant(assigner, 99, "treatment");
    assertEquals(List.of(50, 50), counts(assigner));
  }

  @Test
  void everyBucketOfTenThirtySixtyFallsInItsCumulativeRange() {
    VariantAssigner assigner =
        assignerOverBucketNumbers(
            VariantSplit.of("f", new Variant("a", 10), new Variant("b", 30), new Variant("c", 60)));
    for (int bucket = 0; bucket < 100; bucket++) {
      assertVariant(assigner, bucket, bucket < 10 ? "a" : bucket < 40 ? "b" : "c");
    }
    assertEquals(List.of(10, 30, 60), counts(assigner));
  }

  @Test
  void weightZeroVariantsGetNoBucketWhereverTheyStand() {
    // Weight 0 first, between two others, and last: each owns the empty range [bound, bound).
    VariantAssigner assigner =
        assignerOverBucketNumbers(
            VariantSplit.of(
                "f",
                new Variant("off-first", 0),
                new Variant("a", 1),
                new Variant("off-middle", 0),
                new Variant("b", 2),
                new Variant("off-last", 0)));
    assertVariant(assigner, 0, "a");
    assertVariant(assigner, 1, "b");
    assertVariant(assigner, 2, "b");
    assertEquals(List.of(0, 1, 0, 2, 0), counts(assigner));
  }

  @Test
  void boundariesHoldAtTheWeightLimit() {
    int half = Integer.MAX_VALUE / 2;
    VariantAssigner assigner =
        assignerOverBucketNumbers(
            VariantSplit.of(
                "f", new Variant("a", half), new Variant("b", Integer.MAX_VALUE - half)));
    assertEquals(Integer.MAX_VALUE, assigner.split().totalWeight());
    assertVariant(assigner, 0, "a");
    assertVariant(assigner, half - 1, "a");
    assertVariant(assigner, half, "b");
    assertVariant(assigner, Integer.MAX_VALUE - 1, "b");
  }

  @Test
  void assignerReturnsItsSplitAndTheBucketItDecidedOn() {
    VariantSplit split = VariantSplit.of("f", new Variant("a", 3), new Variant("b", 4));
    VariantAssigner assigner = assignerOverBucketNumbers(split);
    assertSame(split, assigner.split());
    assertEquals(5, assigner.bucket("5"));
    assertEquals(0, assigner.bucket("7"));
  }

  /** An assigner whose variant bucket of id {@code "n"} is {@code n mod totalWeight}. */
  private static VariantAssigner assignerOverBucketNumbers(VariantSplit split) {
    IdHasher.Prefixed bucketNumber = suffix -> Long.parseLong(suffix.toString());
    return new VariantAssigner(
        split, new FlagBuckets(bucketNumber, split.totalWeight(), HashFamily.MURMUR3_X86_32));
  }

  private static void assertVariant(VariantAssigner assigner, int bucket, String expected) {
    assertEquals(
        expected,
        assigner.variant(Integer.toString(bucket)).name(),
        () -> "variant bucket " + bucket + " of split " + assigner.split());
  }

  /** The number of buckets each variant receives, over the whole (small) bucket space. */
  private static List<Integer> counts(VariantAssigner assigner) {
    List<Variant> variants = assigner.split().variants();
    int[] counts = new int[variants.size()];
    for (int bucket = 0; bucket < assigner.split().totalWeight(); bucket++) {
      counts[variants.indexOf(assigner.variant(Integer.toString(bucket)))]++;
    }
    List<Integer> list = new ArrayList<>();
    for (int count : counts) {
      list.add(count);
    }
    return list;
  }
}
