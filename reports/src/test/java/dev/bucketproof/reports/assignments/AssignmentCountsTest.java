package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bucketproof.reports.assignments.AssignmentCounts.DayCount;
import dev.bucketproof.reports.assignments.AssignmentCounts.FlagCounts;
import dev.bucketproof.reports.assignments.AssignmentCounts.Overlap;
import dev.bucketproof.reports.assignments.AssignmentCounts.Reason;
import dev.bucketproof.reports.assignments.AssignmentCounts.RejectCounts;
import dev.bucketproof.reports.assignments.AssignmentCounts.RuleCounts;
import dev.bucketproof.reports.assignments.AssignmentCounts.UserCounts;
import dev.bucketproof.reports.assignments.AssignmentCounts.VariantCount;
import dev.bucketproof.reports.assignments.AssignmentCounts.VariantTable;
import dev.bucketproof.reports.assignments.AssignmentFindings.Conflict;
import dev.bucketproof.reports.assignments.AssignmentFindings.Mismatch;
import dev.bucketproof.reports.assignments.AssignmentFindings.RejectedLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The counts as a value: merging two parts written by hand gives the sums worked out here, the
 * lists keep the entries with the smallest lines, the laws of the merge hold on them, and the
 * counts of a part move by the lines before it. (The properties module's {@code
 * AssignmentCountsProperties} holds the laws on generated exports; these are the examples.)
 */
class AssignmentCountsTest {
  private static RuleCounts rule(
      String name, long compared, long matched, List<Mismatch> mismatches, long... table) {
    return new RuleCounts(
        name,
        compared,
        matched,
        compared - matched,
        mismatches,
        table,
        List.of(new VariantTable("v", new long[] {compared, matched})),
        1);
  }

  private static AssignmentCounts part(long base) {
    FlagCounts flag =
        new FlagCounts(
            "f",
            base + 2,
            10,
            6,
            3,
            List.of(new VariantCount("b", base + 2, 4)),
            new long[] {1, 2, 3},
            List.of(
                rule(
                    "r",
                    5,
                    4,
                    List.of(new Mismatch(base + 3, "u", "enabled=true", "enabled=false")),
                    1,
                    2)),
            List.of(new DayCount("2026-12-01", Map.of("b", 4L))));
    return new AssignmentCounts(
        12,
        10,
        new RejectCounts(
            2,
            List.of(new Reason("blank line", base + 4, 2)),
            List.of(
                new RejectedLine(base + 4, "blank line"),
                new RejectedLine(base + 5, "blank line"))),
        List.of(flag),
        new UserCounts(
            1,
            1,
            List.of(new Conflict(base + 6, "u", "f", "enabled=true", "enabled=false")),
            base == 0 ? 0 : 2,
            7,
            List.of(new Overlap("f", "g", new long[][] {{1, 2}, {3, 4}}))));
  }

  @Test
  void mergingTwoPartsAddsEveryCountAndKeepsTheEarliestLines() {
    AssignmentCounts merged = part(0).merge(part(100));
    assertEquals(24, merged.lines());
    assertEquals(20, merged.rows());
    assertEquals(4, merged.rejects().total());
    assertEquals(List.of(new Reason("blank line", 4, 4)), merged.rejects().reasons());
    assertEquals(
        List.of(4L, 5L, 104L, 105L),
        merged.rejects().first().stream().map(RejectedLine::line).toList());
    FlagCounts flag = merged.flags().get(0);
    assertEquals(2, flag.firstLine());
    assertEquals(20, flag.rows());
    assertEquals(12, flag.enabledRows());
    assertEquals(6, flag.enabledCount());
    assertEquals(List.of(new VariantCount("b", 2, 8)), flag.variants());
    assertEquals(
        List.of(2L, 4L, 6L), List.of(flag.buckets()[0], flag.buckets()[1], flag.buckets()[2]));
    RuleCounts rule = flag.rules().get(0);
    assertEquals(10, rule.compared());
    assertEquals(8, rule.matched());
    assertEquals(2, rule.nonAscii());
    assertEquals(2, rule.skipped());
    assertEquals(List.of(3L, 103L), rule.mismatches().stream().map(Mismatch::line).toList());
    assertEquals(List.of(2L, 4L), List.of(rule.enabledTable()[0], rule.enabledTable()[1]));
    assertEquals(List.of(new VariantTable("v", new long[] {10, 8})), rule.variantTables());
    assertEquals(List.of(new DayCount("2026-12-01", Map.of("b", 8L))), flag.days());
    UserCounts users = merged.users();
    assertEquals(2, users.duplicates());
    assertEquals(2, users.conflicts());
    assertEquals(List.of(6L, 106L), users.examples().stream().map(Conflict::line).toList());
    assertEquals(2, users.sampleLevel(), "the larger level");
    assertEquals(14, users.sampledPairs());
    assertEquals(List.of(new Overlap("f", "g", new long[][] {{2, 4}, {6, 8}})), users.overlaps());
  }

  @Test
  void theMergeIsCommutativeAssociativeWithEmptyAsIdentity() {
    AssignmentCounts a = part(0);
    AssignmentCounts b = part(100);
    AssignmentCounts c = part(200);
    assertEquals(a.merge(b), b.merge(a));
    assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)));
    assertEquals(a, AssignmentCounts.empty().merge(a));
    assertEquals(a, a.merge(AssignmentCounts.empty()));
    assertNotEquals(a, b);
  }

  @Test
  void theKeptListsHoldTheSmallestLines() {
    List<RejectedLine> many = new ArrayList<>();
    for (int line = 1; line <= RejectLog.LINES_KEPT; line++) {
      many.add(new RejectedLine(2L * line, "x"));
    }
    RejectCounts left = new RejectCounts(100, List.of(new Reason("x", 2, 100)), many);
    RejectCounts right =
        new RejectCounts(1, List.of(new Reason("y", 3, 1)), List.of(new RejectedLine(3, "y")));
    RejectCounts merged = left.merge(right);
    assertEquals(RejectLog.LINES_KEPT, merged.first().size());
    assertEquals(
        List.of(2L, 3L, 4L),
        merged.first().subList(0, 3).stream().map(RejectedLine::line).toList());
    assertEquals(
        2L * (RejectLog.LINES_KEPT - 1), merged.first().get(RejectLog.LINES_KEPT - 1).line());
    assertEquals(List.of(new Reason("x", 2, 100), new Reason("y", 3, 1)), merged.reasons());
    assertSame(left.first(), left.merge(RejectCounts.EMPTY).first());
    assertSame(left.first(), RejectCounts.EMPTY.merge(left).first());
  }

  @Test
  void namedValuesAreOrderedByFirstLineThenName() {
    List<VariantCount> merged =
        AssignmentCounts.mergeNamed(
            List.of(new VariantCount("z", 5, 1), new VariantCount("a", 9, 1)),
            List.of(new VariantCount("m", 5, 1), new VariantCount("a", 3, 2)),
            VariantCount::name,
            (x, y) ->
                new VariantCount(
                    x.name(), Math.min(x.firstLine(), y.firstLine()), x.rows() + y.rows()),
            java.util.Comparator.comparingLong(VariantCount::firstLine)
                .thenComparing(VariantCount::name));
    assertEquals(
        List.of(
            new VariantCount("a", 3, 3), new VariantCount("m", 5, 1), new VariantCount("z", 5, 1)),
        merged);
  }

  @Test
  void tablesOfDifferentShapesDoNotMerge() {
    assertEquals(
        "cannot merge counts of different shapes: 2 and 3 cells",
        assertThrows(
                IllegalArgumentException.class,
                () -> AssignmentCounts.add(new long[2], new long[3]))
            .getMessage());
    long[] some = {1, 2};
    assertSame(some, AssignmentCounts.add(new long[0], some));
    assertSame(some, AssignmentCounts.add(some, new long[0]));
    assertEquals(List.of(1L, 2L), List.of(some[0], some[1]), "the inputs are not changed");
    long[] sum = AssignmentCounts.add(some, some);
    assertEquals(List.of(2L, 4L), List.of(sum[0], sum[1]));
    assertEquals(List.of(1L, 2L), List.of(some[0], some[1]), "the inputs are not changed");
  }

  @Test
  void negativeCountsAndBadOverlapsAreRefusedByName() {
    assertEquals(
        "rows must be >= 0: -1",
        assertThrows(
                IllegalArgumentException.class,
                () -> new AssignmentCounts(0, -1, RejectCounts.EMPTY, List.of(), UserCounts.EMPTY))
            .getMessage());
    assertEquals(
        "lines must be >= 0: -2",
        assertThrows(
                IllegalArgumentException.class,
                () -> new AssignmentCounts(-2, 0, RejectCounts.EMPTY, List.of(), UserCounts.EMPTY))
            .getMessage());
    assertEquals(
        "total must be >= 0: -1",
        assertThrows(
                IllegalArgumentException.class, () -> new RejectCounts(-1, List.of(), List.of()))
            .getMessage());
    assertEquals(
        "count must be >= 0: -3",
        assertThrows(IllegalArgumentException.class, () -> new Reason("x", 1, -3)).getMessage());
    assertEquals(
        "compared must be >= 0: -1",
        assertThrows(
                IllegalArgumentException.class,
                () -> new RuleCounts("r", -1, 0, 0, List.of(), new long[0], List.of(), 0))
            .getMessage());
    assertEquals(
        "skipped must be >= 0: -1",
        assertThrows(
                IllegalArgumentException.class,
                () -> new RuleCounts("r", 0, 0, 0, List.of(), new long[0], List.of(), -1))
            .getMessage());
    assertEquals(
        "duplicates must be >= 0: -1",
        assertThrows(
                IllegalArgumentException.class,
                () -> new UserCounts(-1, 0, List.of(), 0, 0, List.of()))
            .getMessage());
    assertEquals(
        "conflicts must be >= 0: -1",
        assertThrows(
                IllegalArgumentException.class,
                () -> new UserCounts(0, -1, List.of(), 0, 0, List.of()))
            .getMessage());
    assertEquals(
        "rows must be >= 0: -1",
        assertThrows(IllegalArgumentException.class, () -> new VariantCount("v", 1, -1))
            .getMessage());
    assertEquals(
        "rows must be >= 0: -1",
        assertThrows(
                IllegalArgumentException.class, () -> new DayCount("2026-12-01", Map.of("v", -1L)))
            .getMessage());
    assertEquals(
        "first must sort before second: b, a",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Overlap("b", "a", new long[][] {{0, 0}, {0, 0}}))
            .getMessage());
    assertEquals(
        "first must sort before second: a, a",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Overlap("a", "a", new long[][] {{0, 0}, {0, 0}}))
            .getMessage());
    assertEquals(
        "table must be 2 x 2: [[0, 0], [0]]",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Overlap("a", "b", new long[][] {{0, 0}, {0}}))
            .getMessage());
    assertEquals(
        "table must be 2 x 2: [[0], [0, 0]]",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Overlap("a", "b", new long[][] {{0}, {0, 0}}))
            .getMessage());
    assertEquals(
        "table must be 2 x 2: [[0, 0]]",
        assertThrows(
                IllegalArgumentException.class, () -> new Overlap("a", "b", new long[][] {{0, 0}}))
            .getMessage());
  }

  @Test
  void anOverlapIsStoredUnderTheSmallerKeyAndReadBackEitherWay() {
    // table[inA][inB] for a = "z", b = "a": stored as (a, z), transposed.
    Overlap stored = Overlap.of("z", "a", new long[][] {{1, 2}, {3, 4}});
    assertEquals(new Overlap("a", "z", new long[][] {{1, 3}, {2, 4}}), stored);
    assertEquals(stored, Overlap.of("a", "z", new long[][] {{1, 3}, {2, 4}}));
    UserCounts users = new UserCounts(0, 0, List.of(), 0, 0, List.of(stored));
    long[][] za = users.table("z", "a");
    long[][] az = users.table("a", "z");
    assertEquals(List.of(1L, 2L, 3L, 4L), List.of(za[0][0], za[0][1], za[1][0], za[1][1]));
    assertEquals(List.of(1L, 3L, 2L, 4L), List.of(az[0][0], az[0][1], az[1][0], az[1][1]));
    az[0][0] = 99;
    assertEquals(1, users.table("a", "z")[0][0], "a copy");
    assertNull(users.table("a", "b"));
    assertNull(users.table("z", "b"));
  }

  @Test
  void withLinesFromMovesEveryLineNumberAndNothingElse() {
    AssignmentCounts moved = part(0).withLinesFrom(100);
    assertEquals(part(100).flags(), moved.flags());
    assertEquals(part(100).rejects(), moved.rejects());
    assertEquals(part(100).users().examples(), moved.users().examples());
    assertEquals(part(0).lines(), moved.lines());
    assertEquals(part(0).rows(), moved.rows());
    assertEquals(part(0).users().overlaps(), moved.users().overlaps());
    assertEquals(part(0).users().sampledPairs(), moved.users().sampledPairs());
    assertEquals(part(0).users().duplicates(), moved.users().duplicates());
    AssignmentCounts same = part(0);
    assertSame(same, same.withLinesFrom(0));
  }

  @Test
  void ruleCountsSumTheirTables() {
    RuleCounts rule =
        new RuleCounts(
            "r",
            0,
            0,
            0,
            List.of(),
            new long[] {1, 2, 3, 4},
            List.of(
                new VariantTable("a", new long[] {5, 6}), new VariantTable("b", new long[] {7})),
            0);
    assertEquals(10, rule.tabled());
    assertEquals(18, rule.variantTabled());
  }

  @Test
  void valuesAreEqualByContentAndNamedInTheirText() {
    FlagCounts flag = part(0).flags().get(0);
    FlagCounts copy =
        new FlagCounts(
            flag.flagKey(),
            flag.firstLine(),
            flag.rows(),
            flag.enabledRows(),
            flag.enabledCount(),
            flag.variants(),
            flag.buckets().clone(),
            flag.rules(),
            flag.days());
    assertEquals(flag, copy);
    assertEquals(flag.hashCode(), copy.hashCode());
    assertNotEquals(
        flag,
        new FlagCounts(
            "f", 2, 10, 6, 3, flag.variants(), new long[] {1, 2, 4}, flag.rules(), flag.days()));
    assertNotEquals(
        flag,
        new FlagCounts(
            "f", 2, 10, 6, 4, flag.variants(), flag.buckets(), flag.rules(), flag.days()));
    assertNotEquals(
        flag,
        new FlagCounts(
            "f", 2, 10, 5, 3, flag.variants(), flag.buckets(), flag.rules(), flag.days()));
    assertNotEquals(
        flag,
        new FlagCounts("f", 2, 10, 6, 3, flag.variants(), flag.buckets(), flag.rules(), List.of()));
    assertEquals(
        "FlagCounts[f, 10 rows, [VariantCount[name=b, firstLine=2, rows=4]], [RuleCounts[r, 4 of 5, skipped 1]]]",
        flag.toString());
    RuleCounts rule = flag.rules().get(0);
    RuleCounts other =
        new RuleCounts("r", 5, 4, 1, rule.mismatches(), new long[] {1, 2}, rule.variantTables(), 1);
    assertEquals(rule, other);
    assertEquals(rule.hashCode(), other.hashCode());
    assertNotEquals(
        rule,
        new RuleCounts(
            "r", 5, 4, 0, rule.mismatches(), new long[] {1, 2}, rule.variantTables(), 1));
    assertNotEquals(
        rule,
        new RuleCounts(
            "r", 5, 4, 1, rule.mismatches(), new long[] {1, 3}, rule.variantTables(), 1));
    assertNotEquals(
        rule, new RuleCounts("r", 5, 4, 1, rule.mismatches(), new long[] {1, 2}, List.of(), 1));
    assertNotEquals(
        rule,
        new RuleCounts(
            "r", 5, 4, 1, rule.mismatches(), new long[] {1, 2}, rule.variantTables(), 2));
    assertEquals("v=[5, 4]", rule.variantTables().get(0).toString());
    assertNotEquals(new VariantTable("v", new long[] {1}), new VariantTable("w", new long[] {1}));
    assertEquals(
        new VariantTable("v", new long[] {1}).hashCode(),
        new VariantTable("v", new long[] {1}).hashCode());
    Overlap overlap = new Overlap("a", "b", new long[][] {{1, 2}, {3, 4}});
    assertEquals("a x b [[1, 2], [3, 4]]", overlap.toString());
    assertEquals(
        overlap.hashCode(), new Overlap("a", "b", new long[][] {{1, 2}, {3, 4}}).hashCode());
    assertNotEquals(overlap, new Overlap("a", "c", new long[][] {{1, 2}, {3, 4}}));
  }

  @Test
  void overlapsOfDifferentPairsStayApartWhenMerged() {
    UserCounts left =
        new UserCounts(
            0, 0, List.of(), 0, 0, List.of(new Overlap("a", "b", new long[][] {{1, 0}, {0, 0}})));
    UserCounts right =
        new UserCounts(
            0, 0, List.of(), 0, 0, List.of(new Overlap("a", "c", new long[][] {{0, 0}, {0, 1}})));
    assertEquals(
        List.of(
            new Overlap("a", "b", new long[][] {{1, 0}, {0, 0}}),
            new Overlap("a", "c", new long[][] {{0, 0}, {0, 1}})),
        left.merge(right).overlaps());
    assertEquals(
        "rows must be >= 0: -1",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new FlagCounts("f", 1, -1, 0, 0, List.of(), new long[0], List.of(), List.of()))
            .getMessage());
  }

  @Test
  void daysWithoutAListReadAsNone() {
    FlagCounts flag = new FlagCounts("f", 1, 0, 0, 0, List.of(), new long[0], List.of(), null);
    assertEquals(List.of(), flag.days());
    assertEquals(0, flag.variantRows("x"));
    assertEquals(
        List.of("a", "b"),
        List.copyOf(new DayCount("d", Map.of("b", 1L, "a", 2L)).variants().keySet()),
        "variants by name");
  }
}
