package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.AssignmentFindings.Conflict;
import dev.bucketproof.reports.assignments.AssignmentFindings.RejectedLine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit's inputs and their bounds: rows given as fields or values, the flags and variants it
 * holds at most, the checks of its settings (each error names the value), the days of a time
 * column, and the bounded per-user state with the conflicts it lists.
 */
class AuditInputTest {
  private static AssignmentSettings settings() {
    return AssignmentSettings.defaults().withCandidates(List.of());
  }

  private static String error(Runnable action) {
    return assertThrows(IllegalArgumentException.class, action::run).getMessage();
  }

  // --- rows -------------------------------------------------------------------------------------

  @Test
  void fieldsAreStrippedAndBlankOutcomesAreAbsent() {
    AssignmentAudit audit = new AssignmentAudit("src", settings());
    audit.acceptFields(1, "u1", "f", " true ", "  ", " 7 ");
    audit.acceptFields(2, "u2", "f", "", " treatment ", null);
    audit.acceptFields(3, "u3", "f", null, null, "0", "2026-12-01");
    assertEquals(3, audit.rows());
    assertEquals(new AssignmentRow(3, "u3", "f", null, null, 0), audit.lastAccepted());
    AssignmentFindings findings = audit.finish();
    var flag = findings.flags().get(0);
    assertEquals(1, flag.enabledRows());
    assertEquals(1, flag.enabledCount());
    assertEquals(Map.of("treatment", 1L), flag.variantCounts());
    assertEquals(1, flag.bucketCounts()[7]);
    assertEquals(1, flag.bucketCounts()[0]);
    assertEquals(3, findings.linesRead(), "rows given in memory: rows + rejects");
  }

  @Test
  void aTimeFieldMustBeADay() {
    AssignmentAudit audit = new AssignmentAudit("src", settings());
    for (int i = 1; i <= 3; i++) {
      audit.acceptFields(i, "u" + i, "f", "true", null, null, "2026-12-0" + i);
    }
    audit.acceptFields(4, "u4", "f", "true", null, null, " ");
    audit.acceptFields(5, "u5", "f", "true", null, null, "soon");
    assertEquals(
        List.of(
            new RejectedLine(4, "no time: the --time-column field is empty"),
            new RejectedLine(
                5,
                "time must be a date (2026-12-01), a timestamp that starts with one, or epoch"
                    + " seconds or milliseconds: 'soon'")),
        audit.finish().rejects().first());
  }

  @Test
  void theLastAcceptedRowIsNotARejectedOne() {
    AssignmentAudit audit = new AssignmentAudit("src", settings());
    assertNull(audit.lastAccepted());
    AssignmentRow row = AssignmentRow.enabled(1, "u", "f", true);
    audit.accept(row);
    audit.acceptFields(2, "u", "f", "maybe", null, null);
    assertSame(row, audit.lastAccepted());
    assertEquals(1, audit.rows());
    AssignmentCounts counts = audit.counts();
    assertEquals(2, counts.lines());
    assertEquals(1, counts.rejects().total());
  }

  @Test
  void afterFinishTheAuditTakesNoMoreRows() {
    AssignmentAudit audit = new AssignmentAudit("src", settings());
    audit.accept(AssignmentRow.enabled(1, "u", "f", true));
    audit.finish();
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> audit.accept(AssignmentRow.enabled(2, "u", "f", true)));
    assertEquals("the audit of src has finished", error.getMessage());
    assertThrows(IllegalStateException.class, () -> audit.acceptFields(3, "u", "f", "x", "", ""));
    assertThrows(IllegalStateException.class, audit::finish);
  }

  @Test
  void theThousandAndFirstFlagIsRejectedNamingIt() {
    // Without the per-user state: the bound is the audit's, and no pairs are tested.
    AssignmentAudit audit = AssignmentAudit.withoutUserState("src", settings());
    for (int i = 0; i < AssignmentAudit.MAX_FLAGS; i++) {
      // one user per flag: no two flags share a user, so there are no pairs to test
      audit.accept(AssignmentRow.enabled(i + 1, "u" + i, "flag-" + i, true));
    }
    audit.accept(AssignmentRow.enabled(1_001, "u", "one-too-many", true));
    audit.accept(AssignmentRow.enabled(1_002, "u999", "flag-999", true));
    AssignmentFindings findings = audit.finish();
    assertEquals(1_001, findings.rowsAudited());
    assertEquals(
        List.of(
            new RejectedLine(
                1_001, "flag 'one-too-many' is beyond the 1000 flags one audit holds")),
        findings.rejects().first());
    assertEquals(Map.of("too many flags", 1L), findings.rejects().byReason());
  }

  @Test
  void aRowOfAnUnknownVariantIsRejectedUnderTheKindOfItsProblem() {
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put("a", 1);
    weights.put("b", 1);
    AssignmentAudit audit =
        new AssignmentAudit(
            "src", settings().withFlags(Map.of("f", new FlagSettings(null, weights, 100))));
    audit.accept(AssignmentRow.variant(1, "u1", "f", "a"));
    audit.accept(AssignmentRow.variant(2, "u2", "f", "c"));
    audit.accept(AssignmentRow.variant(3, "u3", "f", "b"));
    AssignmentFindings findings = audit.finish();
    assertEquals(Map.of("variant not in the weights", 1L), findings.rejects().byReason());
    assertEquals(2, findings.rowsAudited());
  }

  @Test
  void rowsAreValidatedByName() {
    assertEquals("line must be >= 1: 0", error(() -> AssignmentRow.enabled(0, "u", "f", true)));
    assertEquals(
        "userId must not be empty (line 3)", error(() -> AssignmentRow.enabled(3, "", "f", true)));
    assertEquals(
        "flagKey must not be empty (line 3)", error(() -> AssignmentRow.enabled(3, "u", "", true)));
    assertEquals(
        "variant must be null or non-empty (line 4)",
        error(() -> AssignmentRow.variant(4, "u", "f", "")));
    assertEquals(
        "bucket must be >= 0: -1 (line 5)", error(() -> AssignmentRow.bucket(5, "u", "f", -1)));
    assertEquals(
        "a row needs an outcome (enabled, variant or bucket): line 6",
        error(() -> new AssignmentRow(6, "u", "f", null, null, null)));
    assertEquals(0, AssignmentRow.bucket(1, "u", "f", 0).bucket());
    assertEquals(
        "userId",
        assertThrows(NullPointerException.class, () -> AssignmentRow.enabled(1, null, "f", true))
            .getMessage());
  }

  @Test
  void describeListsTheOutcomesPresentInOrder() {
    assertEquals(
        "enabled=false, variant=b, bucket=0",
        AssignmentAudit.describe(new AssignmentRow(1, "u", "f", false, "b", 0)));
    assertEquals("variant=b", AssignmentAudit.describe(AssignmentRow.variant(1, "u", "f", "b")));
    assertEquals("bucket=9", AssignmentAudit.describe(AssignmentRow.bucket(1, "u", "f", 9)));
  }

  @Test
  void pValuesAndAsciiAreShownAsTheReportShowsThem() {
    assertEquals("< 1e-300", AssignmentAudit.pValue(0));
    assertEquals("= 0.0500", AssignmentAudit.pValue(0.05));
    assertEquals("= 1.00e-05", AssignmentAudit.pValue(1e-5));
    assertTrue(AssignmentAudit.isAscii("user-\u007f"));
    assertFalse(AssignmentAudit.isAscii("user-\u0080"));
    assertTrue(AssignmentAudit.isAscii(""));
  }

  @Test
  void onlyUsersWhoseKeyEndsInSixZeroBitsAreSampled() {
    assertTrue(AssignmentAudit.sampled(0));
    assertTrue(AssignmentAudit.sampled(64));
    assertTrue(AssignmentAudit.sampled(-64));
    assertFalse(AssignmentAudit.sampled(32));
    assertFalse(AssignmentAudit.sampled(1));
    assertFalse(AssignmentAudit.sampled(65));
  }

  @Test
  void rejectReasonsQuoteAtMostSixtyCharacters() {
    assertEquals("'abc'", RejectLog.quote("abc"));
    String sixty = "x".repeat(60);
    assertEquals("'" + sixty + "'", RejectLog.quote(sixty));
    assertEquals("'" + sixty + "...'", RejectLog.quote(sixty + "y"));
  }

  @Test
  void theRejectLogCountsAllAndListsTheFirstHundredByLine() {
    RejectLog log = new RejectLog();
    for (int line = 150; line >= 1; line--) {
      log.reject(line, line % 2 == 0 ? "even" : "odd", "line " + line);
    }
    AssignmentCounts.RejectCounts counts = log.counts();
    assertEquals(150, log.count());
    assertEquals(150, counts.total());
    assertEquals(100, counts.first().size());
    // The first 100 recorded (lines 150 down to 51), listed by line.
    assertEquals(51, counts.first().get(0).line());
    assertEquals(150, counts.first().get(99).line());
    // Reasons ordered by the first line recorded for them (150 even, 149 odd).
    assertEquals(
        List.of(
            new AssignmentCounts.Reason("odd", 149, 75),
            new AssignmentCounts.Reason("even", 150, 75)),
        counts.reasons());
  }

  // --- settings ---------------------------------------------------------------------------------

  @Test
  void flagSettingsAreValidatedNamingTheValue() {
    assertEquals(
        "rollout must be within [0, 100]: 100.01",
        error(() -> new FlagSettings(10_001, Map.of(), 100)));
    assertEquals(
        "rollout must be within [0, 100]: -0.01", error(() -> new FlagSettings(-1, Map.of(), 100)));
    new FlagSettings(0, Map.of(), 100);
    new FlagSettings(10_000, Map.of(), 100);
    assertEquals(
        "weights need at least 2 variants: {a=1}",
        error(() -> new FlagSettings(null, Map.of("a", 1), 100)));
    Map<String, Integer> empty = new LinkedHashMap<>();
    empty.put("", 1);
    empty.put("b", 1);
    assertEquals(
        "variant names must not be empty: {=1, b=1}",
        error(() -> new FlagSettings(null, empty, 100)));
    Map<String, Integer> negative = new LinkedHashMap<>();
    negative.put("a", 1);
    negative.put("b", -1);
    assertEquals(
        "weight of variant b must be >= 0: -1", error(() -> new FlagSettings(null, negative, 100)));
    Map<String, Integer> none = new LinkedHashMap<>();
    none.put("a", null);
    none.put("b", 1);
    assertEquals(
        "weight of variant a must be >= 0: null", error(() -> new FlagSettings(null, none, 100)));
    Map<String, Integer> zero = new LinkedHashMap<>();
    zero.put("a", 0);
    zero.put("b", 0);
    assertEquals(
        "weights must total within [1, 2147483647]: 0",
        error(() -> new FlagSettings(null, zero, 100)));
    Map<String, Integer> huge = new LinkedHashMap<>();
    huge.put("a", Integer.MAX_VALUE);
    huge.put("b", 1);
    assertEquals(
        "weights must total within [1, 2147483647]: 2147483648",
        error(() -> new FlagSettings(null, huge, 100)));
    Map<String, Integer> most = new LinkedHashMap<>();
    most.put("a", Integer.MAX_VALUE - 1);
    most.put("b", 1);
    assertEquals(2, new FlagSettings(null, most, 100).weights().size());
    assertEquals(
        "buckets must be within [1, 1000000]: 1000001",
        error(() -> new FlagSettings(null, Map.of(), 1_000_001)));
    assertEquals(1_000_000, new FlagSettings(null, Map.of(), 1_000_000).bucketCount());
    assertEquals(1, new FlagSettings(null, Map.of(), 1).bucketCount());
  }

  @Test
  void flagSettingsGiveTheirRolloutAndSplit() {
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put("b", 3);
    weights.put("a", 1);
    FlagSettings settings = new FlagSettings(1_250, weights, 100);
    assertEquals("12.5", settings.rolloutPercent());
    assertEquals(1_250, settings.rollout("f").basisPoints());
    assertEquals("f", settings.rollout("f").flagKey());
    assertTrue(settings.hasRollout());
    assertTrue(settings.hasWeights());
    var split = settings.split("f");
    assertEquals("f", split.flagKey());
    assertEquals("b", split.variants().get(0).name());
    assertEquals(3, split.variants().get(0).weight());
    assertEquals("5", new FlagSettings(500, Map.of(), 100).rolloutPercent());
    assertNull(FlagSettings.NONE.rolloutPercent());
    assertNull(FlagSettings.NONE.rollout("f"));
    assertNull(FlagSettings.NONE.split("f"));
    assertFalse(FlagSettings.NONE.hasRollout());
    assertFalse(FlagSettings.NONE.hasWeights());
  }

  @Test
  void auditSettingsAreValidatedNamingTheValue() {
    AssignmentSettings defaults = AssignmentSettings.defaults();
    assertEquals(
        "sampleCapacity must be within [1, 1073741824]: 0",
        error(() -> defaults.withSampleCapacity(0)));
    assertEquals(
        "sampleCapacity must be within [1, 1073741824]: 1073741825",
        error(() -> defaults.withSampleCapacity((1 << 30) + 1)));
    assertEquals(1 << 30, defaults.withSampleCapacity(1 << 30).sampleCapacity());
    assertEquals(1, defaults.withSampleCapacity(1).sampleCapacity());
    assertEquals("alpha must be within (0, 1): 0.0", error(() -> defaults.withAlpha(0)));
    assertEquals("alpha must be within (0, 1): 1.0", error(() -> defaults.withAlpha(1)));
    assertEquals("alpha must be within (0, 1): NaN", error(() -> defaults.withAlpha(Double.NaN)));
    assertEquals(0.01, defaults.withAlpha(0.01).alpha());
    assertSame(FlagSettings.NONE, defaults.flag("unknown"));
    assertEquals(0.0005, defaults.alpha());
    assertEquals(AssignmentSettings.DEFAULT_SAMPLE_CAPACITY, defaults.sampleCapacity());
  }

  @Test
  void rowsFromAStreamAreAuditedInOrderAndFlagsListedByTheirFirstLine() {
    // Rows given out of line order: flag b on line 5 comes first, flag a on line 2 second.
    AssignmentFindings findings =
        AssignmentAudit.run(
            "src",
            java.util.stream.Stream.of(
                AssignmentRow.enabled(5, "u1", "b", true),
                AssignmentRow.enabled(2, "u1", "a", false),
                AssignmentRow.enabled(7, "u2", "b", false)),
            settings());
    assertEquals(List.of("a", "b"), findings.flags().stream().map(flag -> flag.flagKey()).toList());
    assertEquals(3, findings.rowsAudited());
    assertEquals(1, findings.flags().get(1).enabledCount());
  }

  @Test
  void membershipIsDelegatedWhateverTheAnswer() {
    assertEquals(
        false,
        AssignmentAudit.member(AssignmentRow.enabled(1, "u", "f", false), FlagSettings.NONE));
    assertEquals(
        true, AssignmentAudit.member(AssignmentRow.variant(1, "u", "f", "b"), FlagSettings.NONE));
    assertNull(AssignmentAudit.member(AssignmentRow.bucket(1, "u", "f", 1), FlagSettings.NONE));
  }

  @Test
  void aSampleOfCapacityOneKeepsOneUserFlagPair() {
    AssignmentFindings findings =
        AssignmentAudit.run(
            "src",
            List.of(
                AssignmentRow.enabled(1, "u1", "f", true),
                AssignmentRow.enabled(2, "u2", "f", true)),
            settings().withSampleCapacity(1));
    assertTrue(findings.sampleEntries() <= 1, "entries " + findings.sampleEntries());
    UserSample full = new UserSample(4);
    for (int user = 0; user < 4; user++) {
      full.put(0, UserSample.key("user-" + user), 1);
    }
    assertEquals(0, full.level(), "exactly at capacity: nothing dropped");
    assertEquals(4, full.entries());
    full.put(0, UserSample.key("user-4"), 1);
    assertTrue(full.level() > 0, "one over capacity: the sample halves");
  }

  @Test
  void eachCellOfTheOverlapTableCountsOnItsOwn() {
    // One shared user per audit, in each of the four cells: the pair is kept with 1 shared user.
    boolean[][] cells = {{false, false}, {false, true}, {true, false}, {true, true}};
    for (boolean[] cell : cells) {
      AssignmentFindings findings =
          AssignmentAudit.run(
              "src",
              List.of(
                  AssignmentRow.enabled(1, "u", "a", cell[0]),
                  AssignmentRow.enabled(2, "u", "b", cell[1])),
              settings());
      String context = "a=" + cell[0] + ", b=" + cell[1];
      assertEquals(1, findings.pairs().size(), context);
      long[][] table = findings.pairs().get(0).table();
      assertEquals(1, table[cell[0] ? 1 : 0][cell[1] ? 1 : 0], context);
      assertEquals(1, findings.pairs().get(0).sharedUsers(), context);
    }
  }

  @Test
  void overlapsAreListedByTheFlagsKeysAndOnlyForSharedUsers() {
    AssignmentAudit audit = new AssignmentAudit("src", settings());
    audit.accept(AssignmentRow.enabled(1, "u1", "b", true));
    audit.accept(AssignmentRow.enabled(2, "u1", "a", true));
    audit.accept(AssignmentRow.enabled(3, "u1", "c", true));
    audit.accept(AssignmentRow.enabled(4, "u9", "d", true)); // shares no user
    List<String> overlaps =
        audit.counts().users().overlaps().stream()
            .map(overlap -> overlap.first() + " x " + overlap.second())
            .toList();
    assertEquals(List.of("a x b", "a x c", "b x c"), overlaps);
  }

  @Test
  void onlyTwentyOfTwentyFiveConflictsAreListed() {
    List<AssignmentRow> rows = new ArrayList<>();
    for (int user = 0; user < 25; user++) {
      rows.add(AssignmentRow.enabled(user + 1, "u" + user, "f", true));
      rows.add(AssignmentRow.enabled(user + 101, "u" + user, "f", false));
    }
    AssignmentFindings findings = AssignmentAudit.run("src", rows, settings());
    assertEquals(25, findings.conflictCount());
    assertEquals(AssignmentAudit.CONFLICTS_KEPT, findings.conflicts().size());
    assertEquals(101, findings.conflicts().get(0).line());
    assertEquals(120, findings.conflicts().get(19).line());
  }

  @Test
  void moreDaysAtTheEdgesOfEachForm() {
    assertEquals(LocalDate.of(2026, 12, 1).toEpochDay(), Days.parse("2026-12-01 00:00:00"));
    assertEquals(1, Days.parse("000000000086400000"), "18 digits, read as milliseconds");
    assertEquals(Days.INVALID, Days.parse("0000000000086400000"), "19 digits");
    assertEquals(1, Days.parse("86400.0"));
    assertEquals(1, Days.parse("86400.9"));
    assertEquals(10, Days.parse("900000"));
    assertEquals(0, Days.parse("0"));
    assertEquals(
        LocalDate.of(2026, 12, 1).toEpochDay(),
        Days.parse("2026-12-01T"),
        "a date and a T starts a timestamp");
    assertEquals(Days.INVALID, Days.parse("2026-12-01Z"));
  }

  // --- days -------------------------------------------------------------------------------------

  @Test
  void daysCoverYearsOneTo9999AndSecondsBeforeMilliseconds() {
    assertEquals(LocalDate.of(1, 1, 1).toEpochDay(), Days.parse("0001-01-01"));
    assertEquals(LocalDate.of(9999, 12, 31).toEpochDay(), Days.parse("9999-12-31"));
    // 11 digits are seconds, 12 are milliseconds.
    assertEquals(99_999_999_999L / 86_400, Days.parse("99999999999"));
    assertEquals(100_000_000_000L / 86_400_000, Days.parse("100000000000"));
    assertEquals(86_399L / 86_400, Days.parse("86399"));
    assertEquals(1, Days.parse("86400"));
    assertEquals(1, Days.parse("86400.5"));
    // The last day is 9999-12-31: 253402300799999 is its last millisecond, then the next day.
    assertEquals(LocalDate.of(9999, 12, 31).toEpochDay(), Days.parse("253402300799999"));
    assertEquals(Days.INVALID, Days.parse("253402300800000"));
    // 18 digits of milliseconds are still read; 19 are not.
    assertEquals(Days.INVALID, Days.parse("100000000000000000"));
    assertEquals(Days.INVALID, Days.parse("1000000000000000000"));
    for (String bad :
        List.of(
            "2026-00-10",
            "2026-12-00",
            "2026-12-32",
            "2026/12/01",
            "2026-12-01_10",
            "5.x",
            "x5",
            "12a4",
            "2026-1a-01",
            "20a6-12-01")) {
      assertEquals(Days.INVALID, Days.parse(bad), bad);
    }
    assertEquals("2026-12-01", Days.format(LocalDate.of(2026, 12, 1).toEpochDay()));
  }

  // --- per-user state ---------------------------------------------------------------------------

  @Test
  void theLongMapStoresRetainsAndGrowsWithoutLosingEntries() {
    LongLongMap map = new LongLongMap();
    for (long key = 1; key <= 1_000; key++) {
      assertEquals(0, map.putIfAbsent(key * 0x9E3779B97F4A7C15L, key));
    }
    assertEquals(1_000, map.size());
    assertEquals(7, map.putIfAbsent(7 * 0x9E3779B97F4A7C15L, 99), "present: kept, returned");
    for (long key = 1; key <= 1_000; key++) {
      assertEquals(key, map.get(key * 0x9E3779B97F4A7C15L));
    }
    assertEquals(0, map.get(12_345));
    map.retain(key -> key % 2 == 0);
    long[] sum = new long[2];
    map.forEach(
        (key, value) -> {
          assertEquals(0, key % 2);
          sum[0]++;
          sum[1] += value;
        });
    assertEquals(map.size(), sum[0]);
    // keys k * odd constant are even exactly when k is even: 500 of them, values 2 + 4 + ... + 1000
    assertEquals(500, map.size());
    assertEquals(250_500, sum[1]);
    // Keys that share their low bits still spread (the high half is folded in).
    LongLongMap sampled = new LongLongMap();
    for (long high = 1; high <= 100; high++) {
      sampled.putIfAbsent(high << 40, high);
    }
    for (long high = 1; high <= 100; high++) {
      assertEquals(high, sampled.get(high << 40));
    }
  }

  @Test
  void theUserSampleHalvesWhenFullAndKeepsTheSameUsersForEveryFlag() {
    UserSample sample = new UserSample(100);
    List<Long> keys = new ArrayList<>();
    for (int user = 0; user < 1_000; user++) {
      keys.add(UserSample.key("user-" + user));
    }
    for (long key : keys) {
      sample.put(0, key, 1);
      sample.put(1, key, 1);
    }
    assertTrue(sample.entries() <= 100, "entries " + sample.entries());
    assertTrue(
        sample.level() >= 4, "2,000 pairs in 100 need 1/16 or less: level " + sample.level());
    int level = sample.level();
    long kept = keys.stream().filter(key -> key >>> (64 - level) == 0).count();
    assertEquals(2 * kept, sample.entries());
    assertEquals(kept, sample.flag(0).size());
    assertEquals(kept, sample.flag(1).size());
    assertEquals(0, sample.flag(2).size());
    for (long key : keys) {
      assertEquals(key >>> (64 - level) == 0, sample.kept(key));
    }
    assertEquals(
        "sample capacity must be >= 1: 0",
        assertThrows(IllegalArgumentException.class, () -> new UserSample(0)).getMessage());
    assertEquals(
        UserSample.key("jos\u00e9"),
        UserSample.key("xjos\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, 5));
  }

  @Test
  void conflictsAreListedUpToTwentyWithBothOutcomes() {
    List<AssignmentRow> rows = new ArrayList<>();
    long line = 1;
    for (int user = 0; user < 30; user++) {
      rows.add(AssignmentRow.variant(line++, "u" + user, "f", "a"));
    }
    for (int user = 0; user < 30; user++) {
      rows.add(AssignmentRow.variant(line++, "u" + user, "f", user % 3 == 0 ? "a" : "b"));
    }
    AssignmentFindings findings = AssignmentAudit.run("src", rows, settings());
    assertEquals(10, findings.duplicates());
    assertEquals(20, findings.conflictCount());
    assertEquals(AssignmentAudit.CONFLICTS_KEPT, findings.conflicts().size());
    assertEquals(
        new Conflict(32, "u1", "f", "variant=a", "variant=b"), findings.conflicts().get(0));
  }

  @Test
  void theOverlapCountsUsersByMembershipOfBothFlags() {
    List<AssignmentRow> rows = new ArrayList<>();
    long line = 1;
    // 4 users in a (2 enabled), 6 users in b (first 3 enabled); users 0-3 are in both.
    for (int user = 0; user < 4; user++) {
      rows.add(AssignmentRow.enabled(line++, "u" + user, "a", user < 2));
    }
    for (int user = 0; user < 6; user++) {
      rows.add(AssignmentRow.enabled(line++, "u" + user, "b", user % 2 == 0));
    }
    // A row of b whose membership is unknown (a bucket without a rollout) is not counted.
    rows.add(AssignmentRow.bucket(line++, "u9", "a", 3));
    rows.add(AssignmentRow.enabled(line, "u9", "b", true));
    AssignmentFindings findings = AssignmentAudit.run("src", rows, settings());
    long[][] table = findings.pairs().get(0).table();
    // [inA][inB]: u0 (1,1), u1 (1,0), u2 (0,1), u3 (0,0)
    assertEquals(
        List.of(1L, 1L, 1L, 1L), List.of(table[0][0], table[0][1], table[1][0], table[1][1]));
    // The other way round (b has more users than a): the same table.
    List<AssignmentRow> reversed = new ArrayList<>();
    line = 1;
    for (int user = 0; user < 6; user++) {
      reversed.add(AssignmentRow.enabled(line++, "u" + user, "a", user % 2 == 0));
    }
    for (int user = 0; user < 4; user++) {
      reversed.add(AssignmentRow.enabled(line++, "u" + user, "b", user < 1));
    }
    long[][] other = AssignmentAudit.run("src", reversed, settings()).pairs().get(0).table();
    // u0 (1,1), u1 (0,0), u2 (1,0), u3 (0,0)
    assertEquals(
        List.of(2L, 0L, 1L, 1L), List.of(other[0][0], other[0][1], other[1][0], other[1][1]));
  }
}
