package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shapes {@link AuditCounts} and {@link AuditCounts.TargetCounts} accept, their equality and
 * their text: counts of another shape are refused with the lengths named, never merged short.
 * Hand-made counts of a few cells; the merge laws over real tallies are in {@link AuditCountsTest}.
 */
class AuditCountsShapeTest {
  private static AuditCounts.TargetCounts target(long first, long second) {
    return new AuditCounts.TargetCounts(
        new long[] {first, second},
        3,
        new long[] {first},
        new long[][] {{1, 2}, {3, 4}},
        new long[][] {{5, 6}});
  }

  @Test
  void aFlagTableThatIsNotTwoByTwoIsRefused() {
    for (long[][] table :
        List.of(new long[][] {{1, 2}}, new long[][] {{1}, {2, 3}}, new long[][] {{1, 2}, {3}})) {
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new AuditCounts.TargetCounts(new long[2], 0, new long[1], table, new long[0][]));
      assertTrue(error.getMessage().startsWith("flagPair must be 2 x 2: "), error.getMessage());
    }
  }

  @Test
  void mergingCountsOfAnotherLengthIsRefused() {
    AuditCounts.TargetCounts two = target(1, 2);
    AuditCounts.TargetCounts three =
        new AuditCounts.TargetCounts(
            new long[3], 0, new long[1], new long[2][2], new long[][] {{0, 0}});
    IllegalArgumentException buckets =
        assertThrows(IllegalArgumentException.class, () -> two.merge(three));
    assertEquals("cannot merge buckets of lengths 2 and 3", buckets.getMessage());

    AuditCounts.TargetCounts otherSalt =
        new AuditCounts.TargetCounts(
            new long[2], 0, new long[1], new long[2][2], new long[][] {{0, 0, 0}});
    IllegalArgumentException salt =
        assertThrows(IllegalArgumentException.class, () -> two.merge(otherSalt));
    assertEquals("cannot merge salt of lengths 2 and 3", salt.getMessage());

    AuditCounts.TargetCounts twoSaltFlags =
        new AuditCounts.TargetCounts(
            new long[2], 0, new long[1], new long[2][2], new long[][] {{0, 0}, {0, 0}});
    IllegalArgumentException flags =
        assertThrows(IllegalArgumentException.class, () -> two.merge(twoSaltFlags));
    assertEquals("cannot merge salt of lengths 1 and 2", flags.getMessage());
  }

  @Test
  void mergeAddsEveryCell() {
    AuditCounts.TargetCounts sum = target(1, 2).merge(target(10, 20));
    assertEquals(target(11, 22).buckets()[1], sum.buckets()[1]);
    assertEquals(6, sum.outOfRange());
    assertEquals(
        new AuditCounts.TargetCounts(
            new long[] {11, 22},
            6,
            new long[] {11},
            new long[][] {{2, 4}, {6, 8}},
            new long[][] {{10, 12}}),
        sum);
  }

  @Test
  void targetCountsAreEqualByValue() {
    assertEquals(target(1, 2), target(1, 2));
    assertEquals(target(1, 2).hashCode(), target(1, 2).hashCode());
    assertNotEquals(target(1, 2), target(2, 1));
    assertNotEquals(target(1, 2), "target(1, 2)");
    // distinct counts, distinct hash codes (a constant hash code would still be "consistent")
    assertEquals(
        3,
        Set.of(target(1, 2).hashCode(), target(2, 1).hashCode(), target(0, 0).hashCode()).size());
    assertEquals(
        "TargetCounts[buckets=[1, 2], outOfRange=3, enabled=[1], flagPair=[[1, 2], [3, 4]],"
            + " salt=[[5, 6]]]",
        target(1, 2).toString());
  }

  @Test
  void oneAgreementCountAndOneExampleListPerPairOfTargets() {
    List<AuditCounts.TargetCounts> three = List.of(target(1, 2), target(1, 2), target(1, 2));
    List<List<PopulationFindings.Disagreement>> threeLists =
        List.of(List.of(), List.of(), List.of());
    new AuditCounts(7, three, new long[3], threeLists); // 3 targets, 3 pairs
    IllegalArgumentException agreements =
        assertThrows(
            IllegalArgumentException.class,
            () -> new AuditCounts(7, three, new long[2], threeLists));
    assertEquals(
        "expected 3 pairs for 3 targets: 2 agreement counts, 3 example lists",
        agreements.getMessage());
    IllegalArgumentException examples =
        assertThrows(
            IllegalArgumentException.class,
            () -> new AuditCounts(7, three, new long[3], List.of(List.of())));
    assertEquals(
        "expected 3 pairs for 3 targets: 3 agreement counts, 1 example lists",
        examples.getMessage());
  }

  @Test
  void emptyKeepsTheShapeWithAndWithoutSaltFlags() {
    AuditCounts.TargetCounts noSalt =
        new AuditCounts.TargetCounts(
            new long[] {4, 5, 6},
            2,
            new long[] {1, 1},
            new long[][] {{1, 0}, {0, 1}},
            new long[0][]);
    AuditCounts counts =
        new AuditCounts(9, List.of(noSalt, target(1, 2)), new long[] {4}, List.of(List.of()));
    AuditCounts empty = counts.empty();
    assertEquals(0, empty.users());
    assertEquals(AuditCounts.TargetCounts.empty(3, 2, 0, 0), empty.targets().get(0));
    assertEquals(AuditCounts.TargetCounts.empty(2, 1, 1, 2), empty.targets().get(1));
    assertEquals(counts, counts.merge(empty));
    assertEquals(counts.hashCode(), counts.merge(empty).hashCode());
    assertNotEquals(counts.hashCode(), counts.merge(counts).hashCode());
    assertTrue(
        counts
            .toString()
            .startsWith("AuditCounts[users=9, targets=[TargetCounts[buckets=[4, 5, 6]"),
        counts.toString());
    assertTrue(counts.toString().endsWith(", agreements=[4], examples=[[]]]"), counts.toString());
  }
}
