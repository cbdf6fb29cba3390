package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.AssignmentFindings.Conflict;
import dev.bucketproof.reports.assignments.AssignmentFindings.RejectedLine;
import dev.bucketproof.reports.assignments.AssignmentFindings.RuleMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small export read in 1 to 12 ranges: the counts, rejects, conflicts and overlap are the ones
 * worked out by hand from its 12 lines, however the ranges cut it (the ranges see its variants in
 * different orders, and line numbers move by the lines before each range); the bounds of one audit
 * hand the file to the sequential reader; the ranked fingerprint runs the losing rules on sampled
 * users only.
 */
class RangeMergeTest {
  @TempDir Path directory;

  private static final String EXPORT =
      "user_id,flag,enabled,variant\n" // 1
          + "u1,a,,control\n" // 2
          + "u2,a,,treatment\n" // 3
          + "\n" // 4: blank
          + "u3,a,,treatment\n" // 5
          + "u1,b,true,\n" // 6
          + "u2,b,false,\n" // 7
          + "u1,a,,treatment\n" // 8: conflict, u1 had control
          + "only,two\n" // 9: 2 fields
          + "u3,b,true,\n" // 10
          + "u2,a,,treatment\n" // 11: duplicate
          + "u3,a,,control\n"; // 12: conflict, u3 had treatment

  private static AssignmentSettings settings() {
    return AssignmentSettings.defaults().withCandidates(List.of());
  }

  private AssignmentFindings inRanges(Path file, AssignmentSettings settings, int ranges)
      throws IOException {
    return AssignmentFile.audit(
        file, Columns.guess(), settings, lines -> {}, 2, ranges, Long.MAX_VALUE);
  }

  @Test
  void everyCutOfTheFileGivesTheCountsWorkedOutByHand() throws IOException {
    Path file = Exports.write(directory, "small.csv", EXPORT);
    for (int ranges : new int[] {1, 2, 3, 5, 7, 12}) {
      AssignmentFindings findings = inRanges(file, settings(), ranges);
      String context = ranges + " ranges";
      assertEquals(12, findings.linesRead(), context);
      assertEquals(9, findings.rowsAudited(), context);
      assertEquals(
          List.of(
              new RejectedLine(4, "blank line"), new RejectedLine(9, "2 fields, the header has 4")),
          findings.rejects().first(),
          context);
      var a = findings.flags().get(0);
      var b = findings.flags().get(1);
      assertEquals("a", a.flagKey(), context);
      assertEquals(6, a.rows(), context);
      assertEquals(Map.of("control", 2L, "treatment", 4L), a.variantCounts(), context);
      assertEquals(3, b.enabledRows(), context);
      assertEquals(2, b.enabledCount(), context);
      assertEquals(1, findings.duplicates(), context);
      assertEquals(2, findings.conflictCount(), context);
      assertEquals(
          List.of(
              new Conflict(8, "u1", "a", "variant=control", "variant=treatment"),
              new Conflict(12, "u3", "a", "variant=treatment", "variant=control")),
          findings.conflicts(),
          context);
      // [inA][inB] by the first outcomes: u1 (0, 1), u2 (1, 0), u3 (1, 1)
      long[][] table = findings.pairs().get(0).table();
      assertEquals(
          List.of(0L, 1L, 1L, 1L),
          List.of(table[0][0], table[0][1], table[1][0], table[1][1]),
          context);
    }
  }

  @Test
  void progressIsToldAfterEachRangeUpToTheLinesRead() throws IOException {
    Path file = Exports.write(directory, "small.csv", EXPORT);
    List<Long> told = new ArrayList<>();
    AssignmentFile.audit(file, Columns.guess(), settings(), told::add, 2, 3, Long.MAX_VALUE);
    assertEquals(3, told.size(), told.toString());
    assertEquals(12, told.get(2));
    assertTrue(told.get(0) < told.get(1) && told.get(1) < told.get(2), told.toString());
  }

  @Test
  void aLongLineInALaterRangeIsNamedByItsLineInTheFile() throws IOException {
    StringBuilder text = new StringBuilder("user_id,flag,enabled\n");
    for (int i = 0; i < 20; i++) {
      text.append('u').append(i).append(",f,true\n");
    }
    byte[] start = text.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(start, start.length + (1 << 20) + 1);
    Arrays.fill(bytes, start.length, bytes.length, (byte) 'x');
    Path file = directory.resolve("long.csv");
    Files.write(file, bytes);
    for (int ranges : new int[] {1, 3}) {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> inRanges(file, settings(), ranges));
      assertTrue(
          error.getMessage().startsWith(file + ": line 22 is longer than 1048576 bytes"),
          ranges + " ranges: " + error.getMessage());
    }
  }

  @Test
  void aHeaderWithoutRowsAndAnEmptyFileAreErrors() throws IOException {
    Path header = Exports.write(directory, "header.csv", "user_id,flag,enabled\n");
    assertEquals(
        header + " has a header but no rows",
        assertThrows(IllegalArgumentException.class, () -> inRanges(header, settings(), 2))
            .getMessage());
    Path empty = Exports.write(directory, "empty.csv", "");
    assertEquals(
        empty + " is empty: expected a header row (CSV or TSV) or JSON lines",
        assertThrows(IllegalArgumentException.class, () -> inRanges(empty, settings(), 2))
            .getMessage());
  }

  @Test
  void jsonLinesHaveNoHeaderToSkip() throws IOException {
    Path file =
        Exports.write(
            directory,
            "small.jsonl",
            "{\"user\":\"u1\",\"flag\":\"f\",\"enabled\":true}\n"
                + "{\"user\":\"u2\",\"flag\":\"f\",\"enabled\":false}\n"
                + "{\"user\":\"u3\",\"flag\":\"f\",\"enabled\":maybe}\n"
                + "{\"user\":\"u4\",\"flag\":\"f\",\"enabled\":true}\n");
    for (int ranges : new int[] {1, 3}) {
      AssignmentFindings findings = inRanges(file, settings(), ranges);
      assertEquals(4, findings.linesRead());
      assertEquals(3, findings.rowsAudited());
      assertEquals(3, findings.rejects().first().get(0).line());
      assertEquals(2, findings.flags().get(0).enabledCount());
    }
  }

  @Test
  void moreFlagsThanOneAuditHoldsAreRejectedByLineAsTheSequentialAuditDoes() throws IOException {
    StringBuilder text = new StringBuilder("user_id,flag,enabled\n");
    for (int flag = 0; flag <= AssignmentAudit.MAX_FLAGS; flag++) {
      text.append('u').append(flag).append(",flag-").append(flag).append(",true\n");
    }
    Path file = Exports.write(directory, "flags.csv", text.toString());
    AssignmentFindings findings = inRanges(file, settings(), 2);
    assertEquals(
        List.of(
            new RejectedLine(
                AssignmentAudit.MAX_FLAGS + 2,
                "flag 'flag-1000' is beyond the 1000 flags one audit holds")),
        findings.rejects().first());
    assertEquals(AssignmentAudit.MAX_FLAGS, findings.flags().size());
  }

  @Test
  void moreVariantsThanOneAuditHoldsAreRejectedByLine() throws IOException {
    // Each range holds fewer than 1,000 variants; together they hold 1,001.
    StringBuilder text = new StringBuilder("user_id,flag,variant\n");
    for (int variant = 0; variant <= AssignmentAudit.MAX_VARIANTS; variant++) {
      text.append('u').append(variant).append(",f,v").append(variant).append('\n');
    }
    Path file = Exports.write(directory, "variants.csv", text.toString());
    AssignmentFindings findings = inRanges(file, settings(), 2);
    assertEquals(
        List.of(
            new RejectedLine(
                AssignmentAudit.MAX_VARIANTS + 2,
                "too many variants: flag f has more than 1000 variants; 'v1000' is one too many")),
        findings.rejects().first());
    assertEquals(AssignmentAudit.MAX_VARIANTS, findings.rowsAudited());
  }

  @Test
  void theRankedFingerprintRunsTheLosingRuleOnSampledUsersOnly() throws IOException {
    // 50% of 10 buckets: the digit rule enables numbers ending in 0-4; the other rule (7 buckets
    // of its own) cannot express 50% and is completed with its best cut-off, reproducing fewer.
    StringBuilder text = new StringBuilder("user_id,flag,enabled\n");
    int users = 2_000;
    for (int user = 0; user < users; user++) {
      text.append('u').append(user).append(",f,").append(user % 10 < 5).append('\n');
    }
    Path file = Exports.write(directory, "ranked.csv", text.toString());
    AssignmentSettings settings =
        AssignmentSettings.defaults()
            .withCandidates(List.of(new DigitRule("digits"), new DigitRule("sevens", 7)))
            .withFlags(Map.of("f", new FlagSettings(5_000, Map.of(), 10)));
    AssignmentFindings findings =
        AssignmentFile.audit(file, Columns.guess(), settings, lines -> {}, 2, 3, 0);
    var flag = findings.flags().get(0);
    RuleMatch best = flag.best();
    assertEquals("digits", best.rule());
    assertEquals(users, best.rowsCompared());
    assertEquals(users, best.rowsMatched());
    assertEquals("digits of the id mod N", best.description());
    RuleMatch sevens = flag.matches().get(1);
    assertEquals("sevens", sevens.rule());
    assertTrue(sevens.rowsCompared() < users / 10, sevens.toString());
    assertTrue(
        sevens.description().endsWith("(ranked on a 1/64 sample of users, not run on every row)"),
        sevens.description());
    // Every rule on every row: the same best match.
    AssignmentFindings exhaustive =
        AssignmentFile.audit(file, Columns.guess(), settings, lines -> {}, 2, 3, Long.MAX_VALUE);
    assertEquals(best, exhaustive.flags().get(0).best());
    assertEquals(users, exhaustive.flags().get(0).matches().get(1).rowsCompared());
  }
}
