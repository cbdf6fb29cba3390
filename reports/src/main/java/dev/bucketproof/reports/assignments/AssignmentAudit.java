package dev.bucketproof.reports.assignments;

import dev.bucketproof.reports.assignments.AssignmentFindings.Conflict;
import dev.bucketproof.reports.assignments.AssignmentFindings.FlagFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.PairFindings;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.statistics.PowerAnalysis;
import dev.bucketproof.reports.statistics.Statistics;
import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The assignments audit: streams the rows of an export (user, flag, outcome) once and finds, per
 * flag, the rollout's accuracy, the split's sample ratio mismatch, the bucket column's uniformity
 * and which candidate rule reproduces the rows; across flags, whether two flags pick independent
 * users; and the conflicts (one user, one flag, two outcomes).
 *
 * <pre>{@code
 * AssignmentSettings settings = AssignmentSettings.defaults()
 *     .withFlags(Map.of("new-checkout", new FlagSettings(500, Map.of(), 100)));   // a 5% rollout
 * AssignmentFindings findings = AssignmentAudit.run("exposures", rows, settings);  // any Iterable
 * findings.flags().get(0).best();   // e.g. "salted murmur3_x86_32", 100.00% of 120,000 rows
 * }</pre>
 *
 * <p>Memory is bounded by flags ({@value #MAX_FLAGS} at most), candidate rules, variants ({@value
 * #MAX_VARIANTS} per flag at most) and buckets, never by rows: each flag keeps counts, a histogram
 * of its bucket column, and per rule a (rule bucket x outcome) table, from which the match of any
 * rollout cut-off follows without a second pass. The one per-user state, for conflicts and
 * cross-flag overlap, is a {@link UserSample} bounded by {@link
 * AssignmentSettings#sampleCapacity()}.
 *
 * <p>Thread-safety: not thread-safe; one audit per thread. The static {@code run} methods are safe.
 */
public final class AssignmentAudit {
  /** How many conflicts are listed. */
  public static final int CONFLICTS_KEPT = 20;

  /** How many rows each rule lists that it does not reproduce. */
  public static final int MISMATCHES_KEPT = 100;

  /** The most flags one audit holds; rows of further flags are rejected. */
  public static final int MAX_FLAGS = 1_000;

  /** The most distinct variants per flag; rows with further variants are rejected. */
  public static final int MAX_VARIANTS = 1_000;

  /** The fewest sampled users two flags must share for their independence to be tested. */
  public static final long MIN_SHARED_USERS = 100;

  /** The smallest expected count per cell of the 2x2 table for the chi-square test to be valid. */
  public static final double MIN_EXPECTED = 5;

  private final String source;
  private final AssignmentSettings settings;
  private final Map<String, FlagState> flags = new HashMap<>();
  private final List<FlagState> flagOrder = new ArrayList<>();
  private final UserSample sample;
  private final RejectLog rejects = new RejectLog();
  private final List<Conflict> conflicts = new ArrayList<>();
  private long rows;
  private long conflictCount;
  private long duplicates;
  private long linesRead = -1;
  private boolean finished;

  /**
   * Returns an audit of the export named {@code source}.
   *
   * @throws NullPointerException if an argument is null
   */
  public AssignmentAudit(String source, AssignmentSettings settings) {
    this.source = Objects.requireNonNull(source, "source");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sample = new UserSample(settings.sampleCapacity());
  }

  /**
   * Audits {@code rows} and returns the findings.
   *
   * @throws IllegalArgumentException if no row could be used, or more rows were rejected than used
   */
  public static AssignmentFindings run(
      String source, Iterable<AssignmentRow> rows, AssignmentSettings settings) {
    AssignmentAudit audit = new AssignmentAudit(source, settings);
    for (AssignmentRow row : rows) {
      audit.accept(row);
    }
    return audit.finish();
  }

  /**
   * Audits {@code rows} (consumed in encounter order, on the calling thread) and returns the
   * findings.
   *
   * @throws IllegalArgumentException if no row could be used, or more rows were rejected than used
   */
  public static AssignmentFindings run(
      String source, Stream<AssignmentRow> rows, AssignmentSettings settings) {
    AssignmentAudit audit = new AssignmentAudit(source, settings);
    rows.sequential().forEachOrdered(audit::accept);
    return audit.finish();
  }

  /**
   * Audits one row. A row whose variant is not among its flag's configured weights, whose bucket is
   * not below the flag's bucket count, or whose flag is beyond the {@value #MAX_FLAGS}th is
   * rejected with its line number, as an unreadable line is.
   *
   * @throws NullPointerException if {@code row} is null
   * @throws IllegalStateException if the audit has finished
   */
  public void accept(AssignmentRow row) {
    Objects.requireNonNull(row, "row");
    requireOpen();
    FlagState flag = flags.get(row.flagKey());
    if (flag == null) {
      if (flagOrder.size() == MAX_FLAGS) {
        reject(
            row.line(),
            "too many flags",
            "flag "
                + RejectLog.quote(row.flagKey())
                + " is beyond the "
                + MAX_FLAGS
                + " flags one audit holds");
        return;
      }
      flag =
          new FlagState(
              row.flagKey(), flagOrder.size(), settings.flag(row.flagKey()), settings.candidates());
      flags.put(row.flagKey(), flag);
      flagOrder.add(flag);
    }
    String problem = flag.problem(row);
    if (problem != null) {
      reject(row.line(), problem.substring(0, problem.indexOf(':')), problem);
      return;
    }
    rows++;
    flag.count(row);
    long code = flag.code(row);
    long previous = sample.put(flag.index, UserSample.key(row.userId()), code);
    if (previous == code) {
      duplicates++;
    } else if (previous != 0) {
      conflictCount++;
      if (conflicts.size() < CONFLICTS_KEPT) {
        conflicts.add(
            new Conflict(
                row.line(),
                row.userId(),
                row.flagKey(),
                flag.describe(previous),
                flag.describe(code)));
      }
    }
  }

  /**
   * Records that line {@code line} could not be read: {@code kind} groups the reason (such as
   * {@code invalid UTF-8}), {@code detail} says it with the value.
   *
   * @throws IllegalStateException if the audit has finished
   */
  void reject(long line, String kind, String detail) {
    requireOpen();
    rejects.reject(line, kind, detail);
  }

  /** Sets the lines read, header included, when the rows came from a file. */
  void linesRead(long lines) {
    this.linesRead = lines;
  }

  /** Returns the rows used so far. */
  public long rows() {
    return rows;
  }

  /**
   * Returns the findings; the audit accepts no more rows.
   *
   * @throws IllegalArgumentException if no row could be used, or more rows were rejected than used
   *     (a file that is mostly unreadable is the wrong file, not data); the message names the
   *     source and the first rejected lines
   * @throws IllegalStateException if called twice
   */
  public AssignmentFindings finish() {
    requireOpen();
    finished = true;
    if (rows == 0 || rejects.count() > rows) {
      StringBuilder message =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  rows == 0
                      ? "%s: no readable rows (%,d rejected)"
                      : "%s is mostly unreadable: %,d rows rejected, %,d used",
                  source,
                  rejects.count(),
                  rows));
      List<AssignmentFindings.RejectedLine> first = rejects.snapshot().first();
      for (int i = 0; i < Math.min(3, first.size()); i++) {
        message
            .append(i == 0 ? "; " : ", ")
            .append("line ")
            .append(first.get(i).line())
            .append(": ")
            .append(first.get(i).reason());
      }
      throw new IllegalArgumentException(message.toString());
    }
    List<FlagFindings> flagFindings = new ArrayList<>();
    for (FlagState flag : flagOrder) {
      flagFindings.add(flag.findings(source, settings.alpha()));
    }
    List<PairFindings> pairs = pairs();
    return new AssignmentFindings(
        source,
        linesRead < 0 ? rows + rejects.count() : linesRead,
        rows,
        rejects.snapshot(),
        duplicates,
        conflictCount,
        List.copyOf(conflicts),
        sample.level(),
        sample.entries(),
        List.copyOf(flagFindings),
        pairs,
        settings.alpha());
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("the audit of " + source + " has finished");
    }
  }

  /**
   * Tests every pair of flags whose sampled users share enough users; Holm's correction over the
   * tested.
   */
  private List<PairFindings> pairs() {
    record Pair(
        FlagState a,
        FlagState b,
        long[][] table,
        Statistics.Independence test,
        String untestable,
        long needed) {}
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < flagOrder.size(); i++) {
      for (int j = i + 1; j < flagOrder.size(); j++) {
        FlagState a = flagOrder.get(i);
        FlagState b = flagOrder.get(j);
        long[][] table = overlap(a.index, b.index);
        long shared = table[0][0] + table[0][1] + table[1][0] + table[1][1];
        if (shared == 0) {
          continue;
        }
        String untestable = untestable(a.flagKey, b.flagKey, table, shared);
        pairs.add(
            new Pair(
                a,
                b,
                table,
                untestable == null ? Statistics.independence(table, settings.alpha()) : null,
                untestable,
                untestable == null ? 0 : usersNeeded(table)));
      }
    }
    List<Pair> tested =
        pairs.stream()
            .filter(pair -> pair.test != null)
            .sorted(Comparator.comparingDouble(pair -> pair.test.pValue()))
            .toList();
    Map<Pair, Double> levels = new HashMap<>();
    Map<Pair, Boolean> rejected = new HashMap<>();
    boolean rejecting = true;
    for (int rank = 0; rank < tested.size(); rank++) {
      Pair pair = tested.get(rank);
      double level = settings.alpha() / (tested.size() - rank);
      // Holm: in order of p, reject while p <= alpha / (m - rank); the first acceptance stops
      // rejecting.
      rejecting = rejecting && pair.test.pValue() <= level;
      levels.put(pair, level);
      rejected.put(pair, rejecting);
    }
    List<PairFindings> findings = new ArrayList<>();
    for (Pair pair : pairs) {
      String name = "independence " + pair.a.flagKey + " x " + pair.b.flagKey;
      String target = pair.a.flagKey + " x " + pair.b.flagKey;
      if (pair.test == null) {
        Gate gate =
            new Gate(
                source,
                target,
                name,
                Gate.Verdict.INCONCLUSIVE,
                pair.untestable,
                "chi-square on the 2x2 overlap, needs >= "
                    + MIN_SHARED_USERS
                    + " shared users and an expected count >= 5 per cell",
                Gate.Power.none("percentage points", "nothing at this size"),
                pair.needed,
                1);
        findings.add(
            new PairFindings(
                pair.a.flagKey,
                pair.b.flagKey,
                pair.table,
                null,
                Double.NaN,
                gate,
                pair.untestable));
        continue;
      }
      double level = levels.get(pair);
      boolean passed = !rejected.get(pair);
      String measured =
          overlapSentence(pair.a.flagKey, pair.b.flagKey, pair.table, passed)
              + String.format(
                  Locale.ROOT,
                  " (%,d shared users%s, chi-square %.1f, df 1, p %s, Holm level %s over %d pairs)",
                  sharedOf(pair.table),
                  sample.level() == 0 ? "" : ", a 1/" + (1L << sample.level()) + " sample of users",
                  pair.test.statistic(),
                  pValue(pair.test.pValue()),
                  Numbers.probability(level),
                  tested.size());
      Gate gate =
          new Gate(
              source,
              target,
              name,
              Gate.Verdict.of(passed),
              measured,
              "chi-square on the 2x2 overlap of sampled shared users (expected >= 5 per cell), Holm over the pairs",
              independencePower(pair.table, level),
              0,
              pair.test.pValue());
      findings.add(
          new PairFindings(
              pair.a.flagKey, pair.b.flagKey, pair.table, pair.test, level, gate, measured));
    }
    return List.copyOf(findings);
  }

  private static long sharedOf(long[][] table) {
    return table[0][0] + table[0][1] + table[1][0] + table[1][1];
  }

  private long[][] overlap(int first, int second) {
    LongLongMap a = sample.flag(first);
    LongLongMap b = sample.flag(second);
    boolean swap = a.size() > b.size();
    LongLongMap small = swap ? b : a;
    LongLongMap large = swap ? a : b;
    long[][] table = new long[2][2];
    small.forEach(
        (key, code) -> {
          long other = large.get(key);
          if (other != 0 && FlagState.known(code) && FlagState.known(other)) {
            int inSmall = FlagState.member(code) ? 1 : 0;
            int inLarge = FlagState.member(other) ? 1 : 0;
            if (swap) {
              table[inLarge][inSmall]++;
            } else {
              table[inSmall][inLarge]++;
            }
          }
        });
    return table;
  }

  private static String untestable(String a, String b, long[][] table, long shared) {
    if (shared < MIN_SHARED_USERS) {
      return String.format(
          Locale.ROOT,
          "flags %s and %s share %,d sampled users; independence needs %,d",
          a,
          b,
          shared,
          MIN_SHARED_USERS);
    }
    long inA = table[1][0] + table[1][1];
    long inB = table[0][1] + table[1][1];
    double expectedMin =
        (double) Math.min(inA, shared - inA) * Math.min(inB, shared - inB) / shared;
    if (expectedMin < MIN_EXPECTED) {
      double rate =
          (double) Math.min(inA, shared - inA) * Math.min(inB, shared - inB) / shared / shared;
      long needed = rate == 0 ? -1 : (long) Math.ceil(MIN_EXPECTED / rate);
      return String.format(
          Locale.ROOT,
          "flags %s and %s: the smallest expected cell is %.2f users (%,d shared);"
              + " the chi-square test needs >= %.0f%s",
          a,
          b,
          expectedMin,
          shared,
          MIN_EXPECTED,
          needed < 0
              ? " (a flag enables all or none of them)"
              : String.format(Locale.ROOT, ", about %,d shared users", needed));
    }
    return null;
  }

  /**
   * Returns what the pair's test catches at its Holm level: the excess share of users in both
   * flags.
   */
  private static Gate.Power independencePower(long[][] table, double level) {
    long shared = sharedOf(table);
    double rateA = (double) (table[1][0] + table[1][1]) / shared;
    double rateB = (double) (table[0][1] + table[1][1]) / shared;
    double excess = PowerAnalysis.independenceExcess(shared, rateA, rateB, level);
    return new Gate.Power(
        excess * 100,
        "percentage points",
        String.format(
            Locale.ROOT,
            "catches users in both flags at %s instead of %s (%.3f points; noncentral chi-square)",
            Numbers.percentBrief(rateA * rateB + excess),
            Numbers.percentBrief(rateA * rateB),
            excess * 100));
  }

  /**
   * Returns the shared users the pair needs for every expected cell to reach 5 at the observed
   * rates; 0 if none would.
   */
  private static long usersNeeded(long[][] table) {
    long shared = sharedOf(table);
    if (shared == 0) {
      return MIN_SHARED_USERS;
    }
    long inA = table[1][0] + table[1][1];
    long inB = table[0][1] + table[1][1];
    double rate =
        (double) Math.min(inA, shared - inA) * Math.min(inB, shared - inB) / shared / shared;
    return rate == 0 ? 0 : Math.max(MIN_SHARED_USERS, (long) Math.ceil(MIN_EXPECTED / rate));
  }

  private static String overlapSentence(String a, String b, long[][] table, boolean passed) {
    double shared = sharedOf(table);
    double rateA = (table[1][0] + table[1][1]) / shared;
    double rateB = (table[0][1] + table[1][1]) / shared;
    double overlap = table[1][1] / shared;
    String lead =
        passed
            ? String.format(Locale.ROOT, "flags %s and %s pick independent users:", a, b)
            : overlap > rateA * rateB
                ? String.format(Locale.ROOT, "flags %s and %s enable the same users:", a, b)
                : String.format(Locale.ROOT, "flags %s and %s avoid each other's users:", a, b);
    return String.format(
        Locale.ROOT,
        "%s overlap %s where independence predicts %s",
        lead,
        Numbers.percentBrief(overlap),
        Numbers.percentBrief(rateA * rateB));
  }

  /**
   * Returns {@code = 0.0123}, or {@code < 1e-300} for a p-value that underflowed to 0, to follow
   * "p".
   */
  static String pValue(double p) {
    return p == 0 ? "< 1e-300" : "= " + Numbers.probability(p);
  }

  static boolean isAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }
}
