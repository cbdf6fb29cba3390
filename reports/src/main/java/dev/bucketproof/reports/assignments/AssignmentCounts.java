package dev.bucketproof.reports.assignments;

import dev.bucketproof.reports.assignments.AssignmentFindings.Conflict;
import dev.bucketproof.reports.assignments.AssignmentFindings.Mismatch;
import dev.bucketproof.reports.assignments.AssignmentFindings.RejectedLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Everything the assignments audit counts, as a plain value that merges: lines and rows, the
 * rejected lines, per flag its outcomes, variants, bucket histogram and per candidate rule the rows
 * it reproduces (and the (rule bucket x outcome) tables an unconfigured flag is fingerprinted
 * from), and the per-user summary (duplicates, conflicts, the overlap of every pair of flags). The
 * gates read their verdicts from these counts and nothing else: {@link #findings} turns them into
 * the report's {@link AssignmentFindings}.
 *
 * <p>{@link #merge} is commutative and associative, and {@link #empty()} is its identity: counts
 * add, tables add cell by cell, lists kept in part ({@value AssignmentAudit#MISMATCHES_KEPT}
 * mismatches per rule, {@value AssignmentAudit#CONFLICTS_KEPT} conflicts, {@value
 * RejectLog#LINES_KEPT} rejected lines) keep the entries with the smallest line numbers, and
 * everything named (flags, variants, reasons of rejection) is ordered by the first line it was seen
 * on. So the counts of an export are the same however its rows are split and in whatever order and
 * grouping the parts are merged (the properties module holds it to that), provided the rows keep
 * their line numbers. The per-user summary merges exactly when each user's rows all lie in one part
 * (the parts are split by user, as a distributed aggregation grouped by user does); parts that
 * share users merge their conflicts and overlaps as if they were different users. The value knows
 * nothing of files or threads; it serializes to JSON with Jackson as it is (records of lists and
 * arrays).
 *
 * <pre>{@code
 * AssignmentAudit part = new AssignmentAudit("instance-1", settings);
 * rows.forEach(part::accept);
 * AssignmentCounts total = AssignmentCounts.empty().merge(part.counts()).merge(otherInstance);
 * AssignmentFindings findings = total.findings("exposures", settings);
 * }</pre>
 *
 * <p>Thread-safety: immutable once built (the arrays are not to be changed by whoever reads them).
 *
 * @param lines the lines read, a file's header included; for rows given in memory, rows + rejected
 * @param rows the rows used
 * @param rejects the rows or lines that could not be used
 * @param flags per flag, ordered by the first line the flag was seen on (then by key)
 * @param users the per-user summary
 */
public record AssignmentCounts(
    long lines, long rows, RejectCounts rejects, List<FlagCounts> flags, UserCounts users) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a count is negative
   */
  public AssignmentCounts {
    requireCount(lines, "lines");
    requireCount(rows, "rows");
    Objects.requireNonNull(rejects, "rejects");
    flags = List.copyOf(flags);
    Objects.requireNonNull(users, "users");
  }

  /** Returns the counts of nothing: the identity of {@link #merge}. */
  public static AssignmentCounts empty() {
    return new AssignmentCounts(0, 0, RejectCounts.EMPTY, List.of(), UserCounts.EMPTY);
  }

  /** Returns the counts of this part and {@code other} together. */
  public AssignmentCounts merge(AssignmentCounts other) {
    return new AssignmentCounts(
        lines + other.lines,
        rows + other.rows,
        rejects.merge(other.rejects),
        mergeNamed(
            flags,
            other.flags,
            FlagCounts::flagKey,
            FlagCounts::merge,
            Comparator.comparingLong(FlagCounts::firstLine).thenComparing(FlagCounts::flagKey)),
        users.merge(other.users));
  }

  /**
   * Returns these counts with every line number moved by {@code base}: the counts of a part of a
   * file whose lines were numbered from 1, placed after the {@code base} lines before it.
   */
  AssignmentCounts withLinesFrom(long base) {
    if (base == 0) {
      return this;
    }
    List<FlagCounts> moved = new ArrayList<>();
    for (FlagCounts flag : flags) {
      List<VariantCount> variants = new ArrayList<>();
      flag.variants.forEach(
          variant ->
              variants.add(new VariantCount(variant.name, variant.firstLine + base, variant.rows)));
      List<RuleCounts> rules = new ArrayList<>();
      for (RuleCounts rule : flag.rules) {
        rules.add(
            new RuleCounts(
                rule.rule,
                rule.compared,
                rule.matched,
                rule.nonAscii,
                rule.mismatches.stream()
                    .map(
                        mismatch ->
                            new Mismatch(
                                mismatch.line() + base,
                                mismatch.userId(),
                                mismatch.expected(),
                                mismatch.observed()))
                    .toList(),
                rule.enabledTable,
                rule.variantTables,
                rule.skipped));
      }
      moved.add(
          new FlagCounts(
              flag.flagKey,
              flag.firstLine + base,
              flag.rows,
              flag.enabledRows,
              flag.enabledCount,
              variants,
              flag.buckets,
              rules,
              flag.days));
    }
    return new AssignmentCounts(
        lines,
        rows,
        new RejectCounts(
            rejects.total,
            rejects.reasons.stream()
                .map(reason -> new Reason(reason.kind, reason.firstLine + base, reason.count))
                .toList(),
            rejects.first.stream()
                .map(line -> new RejectedLine(line.line() + base, line.reason()))
                .toList()),
        moved,
        new UserCounts(
            users.duplicates,
            users.conflicts,
            users.examples.stream()
                .map(
                    conflict ->
                        new Conflict(
                            conflict.line() + base,
                            conflict.userId(),
                            conflict.flagKey(),
                            conflict.earlier(),
                            conflict.later()))
                .toList(),
            users.sampleLevel,
            users.sampledPairs,
            users.overlaps));
  }

  /**
   * Returns the findings of these counts under {@code settings}: the same gates, verdicts and
   * fingerprint the audit of the same rows in one pass gives.
   *
   * @throws IllegalArgumentException if no row could be used, or more rows were rejected than used
   *     (a file that is mostly unreadable is the wrong file, not data); the message names the
   *     source and the first rejected lines
   */
  public AssignmentFindings findings(String source, AssignmentSettings settings) {
    return Verdicts.findings(source, this, settings);
  }

  /**
   * The rows that could not be used.
   *
   * @param total how many
   * @param reasons per kind of reason, ordered by the first line rejected for it
   * @param first the {@value RejectLog#LINES_KEPT} with the smallest line numbers, by line
   */
  public record RejectCounts(long total, List<Reason> reasons, List<RejectedLine> first) {
    static final RejectCounts EMPTY = new RejectCounts(0, List.of(), List.of());

    /** Validates and copies the components. */
    public RejectCounts {
      requireCount(total, "total");
      reasons = List.copyOf(reasons);
      first = List.copyOf(first);
    }

    RejectCounts merge(RejectCounts other) {
      return new RejectCounts(
          total + other.total,
          mergeNamed(
              reasons,
              other.reasons,
              Reason::kind,
              (a, b) -> new Reason(a.kind, Math.min(a.firstLine, b.firstLine), a.count + b.count),
              Comparator.comparingLong(Reason::firstLine).thenComparing(Reason::kind)),
          smallest(
              first,
              other.first,
              Comparator.comparingLong(RejectedLine::line).thenComparing(RejectedLine::reason),
              RejectLog.LINES_KEPT));
    }

    /** Returns the counts per reason in order of first appearance. */
    Map<String, Long> byReason() {
      Map<String, Long> byReason = new LinkedHashMap<>();
      reasons.forEach(reason -> byReason.put(reason.kind, reason.count));
      return byReason;
    }
  }

  /**
   * The lines rejected for one kind of reason.
   *
   * @param kind the reason, such as {@code invalid UTF-8}
   * @param firstLine the first line rejected for it
   * @param count how many
   */
  public record Reason(String kind, long firstLine, long count) {
    /** Validates the components. */
    public Reason {
      Objects.requireNonNull(kind, "kind");
      requireCount(count, "count");
    }
  }

  /**
   * The counts of one flag.
   *
   * @param flagKey the flag
   * @param firstLine the first line a row of the flag was seen on (used or rejected)
   * @param rows the rows used
   * @param enabledRows rows with an {@code enabled} outcome
   * @param enabledCount of those, enabled
   * @param variants rows per variant that has any, ordered by the first line seen (then by name)
   * @param buckets rows per bucket of the bucket column, the flag's bucket count of them; empty
   *     when no row had a bucket
   * @param rules per candidate rule, ordered by name
   * @param days with a time column ({@link Columns#time()}), the variants' rows per day, ordered by
   *     day; empty without one (null reads as empty)
   */
  public record FlagCounts(
      String flagKey,
      long firstLine,
      long rows,
      long enabledRows,
      long enabledCount,
      List<VariantCount> variants,
      long[] buckets,
      List<RuleCounts> rules,
      List<DayCount> days) {
    /** Validates and copies the components. */
    public FlagCounts {
      Objects.requireNonNull(flagKey, "flagKey");
      requireCount(rows, "rows");
      variants = List.copyOf(variants);
      Objects.requireNonNull(buckets, "buckets");
      rules = List.copyOf(rules);
      days = days == null ? List.of() : List.copyOf(days);
    }

    FlagCounts merge(FlagCounts other) {
      return new FlagCounts(
          flagKey,
          Math.min(firstLine, other.firstLine),
          rows + other.rows,
          enabledRows + other.enabledRows,
          enabledCount + other.enabledCount,
          mergeNamed(
              variants,
              other.variants,
              VariantCount::name,
              (a, b) ->
                  new VariantCount(a.name, Math.min(a.firstLine, b.firstLine), a.rows + b.rows),
              Comparator.comparingLong(VariantCount::firstLine).thenComparing(VariantCount::name)),
          add(buckets, other.buckets),
          mergeNamed(
              rules,
              other.rules,
              RuleCounts::rule,
              RuleCounts::merge,
              Comparator.comparing(RuleCounts::rule)),
          mergeNamed(
              days,
              other.days,
              DayCount::day,
              DayCount::merge,
              Comparator.comparing(DayCount::day)));
    }

    /** Returns the rows of {@code variant}, 0 when none. */
    long variantRows(String variant) {
      for (VariantCount count : variants) {
        if (count.name.equals(variant)) {
          return count.rows;
        }
      }
      return 0;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FlagCounts that
          && flagKey.equals(that.flagKey)
          && firstLine == that.firstLine
          && rows == that.rows
          && enabledRows == that.enabledRows
          && enabledCount == that.enabledCount
          && variants.equals(that.variants)
          && Arrays.equals(buckets, that.buckets)
          && rules.equals(that.rules)
          && days.equals(that.days);
    }

    @Override
    public int hashCode() {
      return Objects.hash(flagKey, firstLine, rows, variants, Arrays.hashCode(buckets), rules);
    }

    @Override
    public String toString() {
      return "FlagCounts[" + flagKey + ", " + rows + " rows, " + variants + ", " + rules + "]";
    }
  }

  /**
   * One day's rows per variant of one flag ({@code --time-column}).
   *
   * @param day the day, such as {@code 2026-12-01}
   * @param variants the day's rows per variant that has any, by variant name
   */
  public record DayCount(String day, Map<String, Long> variants) {
    /** Validates and copies the components. */
    public DayCount {
      Objects.requireNonNull(day, "day");
      TreeMap<String, Long> sorted = new TreeMap<>(variants);
      sorted.values().forEach(rows -> requireCount(rows, "rows"));
      variants = Collections.unmodifiableMap(sorted);
    }

    DayCount merge(DayCount other) {
      Map<String, Long> sum = new TreeMap<>(variants);
      other.variants.forEach((name, rows) -> sum.merge(name, rows, Long::sum));
      return new DayCount(day, sum);
    }
  }

  /**
   * The rows of one variant.
   *
   * @param name the variant
   * @param firstLine the first line it was seen on
   * @param rows how many
   */
  public record VariantCount(String name, long firstLine, long rows) {
    /** Validates the components. */
    public VariantCount {
      Objects.requireNonNull(name, "name");
      requireCount(rows, "rows");
    }
  }

  /**
   * How one candidate rule fares on one flag's rows. A row is compared at once when the flag's
   * rollout or weights say what the rule gives; else it goes into a table from which the best
   * cut-off follows.
   *
   * @param rule the rule's name
   * @param compared rows compared at once
   * @param matched of those, reproduced
   * @param nonAscii of those not reproduced, rows whose user id is not ASCII
   * @param mismatches the {@value AssignmentAudit#MISMATCHES_KEPT} rows not reproduced with the
   *     smallest line numbers, by line
   * @param enabledTable {@code [2 * ruleBucket + (enabled ? 1 : 0)]}: rows with only an {@code
   *     enabled} outcome of a flag without a rollout; empty when none
   * @param variantTables per variant (by name), rows per variant bucket of a flag without weights
   * @param skipped rows of the flag the rule was not run on (the fingerprint ranked it on a sample
   *     and it was not confirmed on every row); 0 when it ran on every row
   */
  public record RuleCounts(
      String rule,
      long compared,
      long matched,
      long nonAscii,
      List<Mismatch> mismatches,
      long[] enabledTable,
      List<VariantTable> variantTables,
      long skipped) {
    /** Validates and copies the components. */
    public RuleCounts {
      Objects.requireNonNull(rule, "rule");
      requireCount(compared, "compared");
      mismatches = List.copyOf(mismatches);
      Objects.requireNonNull(enabledTable, "enabledTable");
      variantTables = List.copyOf(variantTables);
      requireCount(skipped, "skipped");
    }

    RuleCounts merge(RuleCounts other) {
      return new RuleCounts(
          rule,
          compared + other.compared,
          matched + other.matched,
          nonAscii + other.nonAscii,
          smallest(
              mismatches,
              other.mismatches,
              Comparator.comparingLong(Mismatch::line)
                  .thenComparing(Mismatch::userId)
                  .thenComparing(Mismatch::expected)
                  .thenComparing(Mismatch::observed),
              AssignmentAudit.MISMATCHES_KEPT),
          add(enabledTable, other.enabledTable),
          mergeNamed(
              variantTables,
              other.variantTables,
              VariantTable::variant,
              (a, b) -> new VariantTable(a.variant, add(a.buckets, b.buckets)),
              Comparator.comparing(VariantTable::variant)),
          skipped + other.skipped);
    }

    /** Returns the rows in the enabled table. */
    long tabled() {
      long sum = 0;
      for (long count : enabledTable) {
        sum += count;
      }
      return sum;
    }

    /** Returns the rows in the variant tables. */
    long variantTabled() {
      long sum = 0;
      for (VariantTable table : variantTables) {
        for (long count : table.buckets) {
          sum += count;
        }
      }
      return sum;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof RuleCounts that
          && rule.equals(that.rule)
          && compared == that.compared
          && matched == that.matched
          && nonAscii == that.nonAscii
          && mismatches.equals(that.mismatches)
          && Arrays.equals(enabledTable, that.enabledTable)
          && variantTables.equals(that.variantTables)
          && skipped == that.skipped;
    }

    @Override
    public int hashCode() {
      return Objects.hash(rule, compared, matched, mismatches, Arrays.hashCode(enabledTable));
    }

    @Override
    public String toString() {
      return "RuleCounts["
          + rule
          + ", "
          + matched
          + " of "
          + compared
          + ", skipped "
          + skipped
          + "]";
    }
  }

  /**
   * Rows of one variant per variant bucket of a rule.
   *
   * @param variant the variant
   * @param buckets rows per variant bucket
   */
  public record VariantTable(String variant, long[] buckets) {
    /** Validates the components. */
    public VariantTable {
      Objects.requireNonNull(variant, "variant");
      Objects.requireNonNull(buckets, "buckets");
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof VariantTable that
          && variant.equals(that.variant)
          && Arrays.equals(buckets, that.buckets);
    }

    @Override
    public int hashCode() {
      return 31 * variant.hashCode() + Arrays.hashCode(buckets);
    }

    @Override
    public String toString() {
      return variant + "=" + Arrays.toString(buckets);
    }
  }

  /**
   * What the rows say per (user, flag): repeats, conflicts, and how the flags' member sets overlap.
   *
   * @param duplicates rows that repeat the outcome already seen for their (user, flag)
   * @param conflicts rows that give their (user, flag) another outcome than the first row did
   * @param examples the {@value AssignmentAudit#CONFLICTS_KEPT} conflicts with the smallest line
   *     numbers, by line
   * @param sampleLevel 1/2^level of the users were kept (0: all); merged as the largest
   * @param sampledPairs the (user, flag) pairs kept
   * @param overlaps per pair of flags seen under shared users, the membership table; ordered by the
   *     flags' keys, the first key the smaller
   */
  public record UserCounts(
      long duplicates,
      long conflicts,
      List<Conflict> examples,
      int sampleLevel,
      long sampledPairs,
      List<Overlap> overlaps) {
    static final UserCounts EMPTY = new UserCounts(0, 0, List.of(), 0, 0, List.of());

    /** Validates and copies the components. */
    public UserCounts {
      requireCount(duplicates, "duplicates");
      requireCount(conflicts, "conflicts");
      examples = List.copyOf(examples);
      overlaps = List.copyOf(overlaps);
    }

    UserCounts merge(UserCounts other) {
      return new UserCounts(
          duplicates + other.duplicates,
          conflicts + other.conflicts,
          smallest(
              examples,
              other.examples,
              Comparator.comparingLong(Conflict::line)
                  .thenComparing(Conflict::userId)
                  .thenComparing(Conflict::flagKey)
                  .thenComparing(Conflict::earlier)
                  .thenComparing(Conflict::later),
              AssignmentAudit.CONFLICTS_KEPT),
          Math.max(sampleLevel, other.sampleLevel),
          sampledPairs + other.sampledPairs,
          mergeNamed(
              overlaps,
              other.overlaps,
              overlap -> overlap.first + "\n" + overlap.second,
              (a, b) ->
                  new Overlap(
                      a.first,
                      a.second,
                      new long[][] {add(a.table[0], b.table[0]), add(a.table[1], b.table[1])}),
              Comparator.comparing(Overlap::first).thenComparing(Overlap::second)));
    }

    /** Returns the table {@code [inA][inB]} of the flags {@code a} and {@code b}, or null. */
    long[][] table(String a, String b) {
      boolean swap = a.compareTo(b) > 0;
      String first = swap ? b : a;
      String second = swap ? a : b;
      for (Overlap overlap : overlaps) {
        if (overlap.first.equals(first) && overlap.second.equals(second)) {
          long[][] table = overlap.table;
          return swap
              ? new long[][] {{table[0][0], table[1][0]}, {table[0][1], table[1][1]}}
              : new long[][] {table[0].clone(), table[1].clone()};
        }
      }
      return null;
    }
  }

  /**
   * The users two flags share, by membership.
   *
   * @param first the flag whose key sorts first
   * @param second the other flag
   * @param table {@code table[inFirst][inSecond]}, 2 x 2
   */
  public record Overlap(String first, String second, long[][] table) {
    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if {@code first} does not sort before {@code second} or the
     *     table is not 2 x 2
     */
    public Overlap {
      if (Objects.requireNonNull(first, "first").compareTo(Objects.requireNonNull(second)) >= 0) {
        throw new IllegalArgumentException(
            "first must sort before second: " + first + ", " + second);
      }
      if (table.length != 2 || table[0].length != 2 || table[1].length != 2) {
        throw new IllegalArgumentException("table must be 2 x 2: " + Arrays.deepToString(table));
      }
    }

    /** Returns the overlap of flags {@code a} and {@code b} with {@code table[inA][inB]}. */
    static Overlap of(String a, String b, long[][] table) {
      return a.compareTo(b) < 0
          ? new Overlap(a, b, table)
          : new Overlap(
              b, a, new long[][] {{table[0][0], table[1][0]}, {table[0][1], table[1][1]}});
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Overlap that
          && first.equals(that.first)
          && second.equals(that.second)
          && Arrays.deepEquals(table, that.table);
    }

    @Override
    public int hashCode() {
      return Objects.hash(first, second, Arrays.deepHashCode(table));
    }

    @Override
    public String toString() {
      return first + " x " + second + " " + Arrays.deepToString(table);
    }
  }

  private static void requireCount(long count, String name) {
    if (count < 0) {
      throw new IllegalArgumentException(name + " must be >= 0: " + count);
    }
  }

  /** Returns the cell-by-cell sum; an empty array is the identity. */
  static long[] add(long[] a, long[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
    }
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "cannot merge counts of different shapes: " + a.length + " and " + b.length + " cells");
    }
    long[] sum = a.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += b[i];
    }
    return sum;
  }

  /** Returns the union of two lists of named values, equal names merged, in {@code order}. */
  static <T> List<T> mergeNamed(
      List<T> a,
      List<T> b,
      Function<T, String> name,
      BinaryOperator<T> merge,
      Comparator<T> order) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    Map<String, T> byName = new TreeMap<>();
    for (T value : a) {
      byName.put(name.apply(value), value);
    }
    for (T value : b) {
      byName.merge(name.apply(value), value, merge);
    }
    List<T> merged = new ArrayList<>(byName.values());
    merged.sort(order);
    return merged;
  }

  /** Returns the {@code kept} smallest of both lists in {@code order}. */
  static <T> List<T> smallest(List<T> a, List<T> b, Comparator<T> order, int kept) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    List<T> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    all.sort(order);
    return List.copyOf(all.subList(0, Math.min(kept, all.size())));
  }
}
