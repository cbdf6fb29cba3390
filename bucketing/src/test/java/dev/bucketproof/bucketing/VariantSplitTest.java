package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The split's limits: the flag key it names, and the largest total weight it accepts. */
class VariantSplitTest {

  @Test
  void nullFlagKeyIsRejectedNamingTheParameter() {
    NullPointerException error =
        assertThrows(NullPointerException.class, () -> VariantSplit.of(null, new Variant("a", 1)));
    assertEquals("flagKey", error.getMessage());
  }

  @Test
  void aNullVariantIsRejectedNamingItsIndex() {
    Variant a = new Variant("a", 1);
    NullPointerException error =
        assertThrows(NullPointerException.class, () -> VariantSplit.of("f", a, null));
    assertEquals("variants[1] is null for flag f", error.getMessage());
    NullPointerException list =
        assertThrows(
            NullPointerException.class, () -> new VariantSplit("f", Arrays.asList(null, a)));
    assertEquals("variants[0] is null for flag f", list.getMessage());
    NullPointerException array =
        assertThrows(NullPointerException.class, () -> VariantSplit.of("f", (Variant[]) null));
    assertEquals("variants", array.getMessage());
  }

  @Test
  void emptyFlagKeyIsRejected() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new VariantSplit("", List.of(new Variant("a", 1))));
    assertEquals("flagKey must not be empty", error.getMessage());
  }

  @Test
  void totalWeightOfExactly2To31Minus1IsAccepted() {
    VariantSplit split =
        VariantSplit.of("f", new Variant("a", Integer.MAX_VALUE - 1), new Variant("b", 1));
    assertEquals(Integer.MAX_VALUE, split.totalWeight());
  }

  @Test
  void totalWeightOneAboveTheLimitIsRejectedWithTheTotal() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> VariantSplit.of("f", new Variant("a", Integer.MAX_VALUE), new Variant("b", 1)));
    assertEquals("variant weights must total at most 2^31-1: 2147483648", error.getMessage());
  }

  @Test
  void variantsAreCopiedSoTheCallersListCannotChangeTheSplit() {
    ArrayList<Variant> variants = new ArrayList<>(List.of(new Variant("a", 1)));
    VariantSplit split = new VariantSplit("f", variants);
    variants.add(new Variant("b", 1));
    assertEquals(1, split.variants().size());
    assertEquals(1, split.totalWeight());
  }
}
