package dev.bucketproof.reports.assignments;

import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.GateId;
import dev.bucketproof.reports.audit.GateVerdicts;
import dev.bucketproof.reports.statistics.Independence;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.statistics.SampleRatioMismatch;
import dev.bucketproof.reports.statistics.Uniformity;
import dev.bucketproof.reports.text.Numbers;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What an assignments audit found: per flag, across flags, which rule made the file, and what could
 * not be read.
 *
 * <p>Thread-safety: immutable (the arrays inside are copies no one else holds; do not change them).
 *
 * @param source the export's name, such as its file name
 * @param linesRead the lines read, header included; for in-memory rows, the rows given
 * @param rowsAudited the rows that were used
 * @param rejects the lines that were not used, with reasons
 * @param duplicates rows repeating an earlier (user, flag) with the same outcome (among sampled
 *     users)
 * @param conflictCount rows giving an earlier (user, flag) a different outcome (among sampled
 *     users)
 * @param conflicts the first {@value AssignmentAudit#CONFLICTS_KEPT} conflicts
 * @param sampleLevel per-user state keeps 1/2^sampleLevel of the users (0: all of them)
 * @param sampleEntries the (user, flag) pairs kept
 * @param flags one per flag, in order of first appearance
 * @param pairs one per pair of flags with a defined membership, in flag order
 * @param alpha the level of every gate, and the family-wise level of the pair tests
 * @param familyAlpha Holm's level across every gate of the report, or NaN when each gate is at
 *     alpha ({@link #withFamilyAlpha})
 */
public record AssignmentFindings(
    String source,
    long linesRead,
    long rowsAudited,
    Rejects rejects,
    long duplicates,
    long conflictCount,
    List<Conflict> conflicts,
    int sampleLevel,
    long sampleEntries,
    List<FlagFindings> flags,
    List<PairFindings> pairs,
    double alpha,
    double familyAlpha) {

  /**
   * Returns these findings decided by Holm's step-down procedure at {@code familyAlpha} across
   * every gate of the report, each flag's and each pair's ({@link GateVerdicts#holm}): a correct
   * export then fails this report with a chance of at most familyAlpha.
   *
   * @throws IllegalArgumentException if familyAlpha is not within (0, 1)
   */
  public AssignmentFindings withFamilyAlpha(double familyAlpha) {
    List<Gate> all = gates();
    List<Gate> decided = GateVerdicts.holm(all, familyAlpha, Gate::id);
    Map<Gate, Gate> byGate = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      Gate gate = decided.get(i);
      if (gate.id().kind() == GateId.Kind.INDEPENDENCE) {
        gate = restated(gate, familyAlpha, all.size());
      }
      byGate.put(all.get(i), gate);
    }
    List<FlagFindings> newFlags =
        flags.stream()
            .map(
                flag ->
                    new FlagFindings(
                        flag.flagKey(),
                        flag.settings(),
                        flag.rows(),
                        flag.enabledRows(),
                        flag.enabledCount(),
                        flag.variantCounts(),
                        flag.bucketCounts(),
                        flag.rolloutAccuracy(),
                        flag.sampleRatioMismatch(),
                        flag.uniformity(),
                        flag.matches(),
                        flag.gates().stream().map(gate -> byGate.getOrDefault(gate, gate)).toList(),
                        flag.sequential()))
            .toList();
    List<PairFindings> newPairs =
        pairs.stream()
            .map(
                pair ->
                    new PairFindings(
                        pair.flagA(),
                        pair.flagB(),
                        pair.table(),
                        pair.independence(),
                        pair.gate() == null ? pair.holmLevel() : byGate.get(pair.gate()).level(),
                        pair.gate() == null ? null : byGate.get(pair.gate()),
                        pair.gate() == null ? pair.measured() : byGate.get(pair.gate()).measured()))
            .toList();
    return new AssignmentFindings(
        source,
        linesRead,
        rowsAudited,
        rejects,
        duplicates,
        conflictCount,
        conflicts,
        sampleLevel,
        sampleEntries,
        newFlags,
        newPairs,
        alpha,
        familyAlpha);
  }

  /**
   * Returns the report's own false-alarm rate in one sentence: the chance that a correct export
   * fails at least one gate, at most the sum of the levels of the gates that could fail
   * (Bonferroni; the pairs count once, Holm over the pairs keeps them at alpha), or familyAlpha
   * under Holm.
   */
  public String falseAlarmText() {
    List<Gate> all = gates();
    long decidable = all.stream().filter(gate -> !gate.undecidable()).count();
    if (!Double.isNaN(familyAlpha)) {
      return String.format(
          Locale.ROOT,
          "Chance that a correct export fails at least one of the %d gates: at most %s"
              + " (Holm-Bonferroni across every flag's and pair's gates at level %s).",
          all.size(),
          Numbers.plain(familyAlpha * 100) + "%",
          Numbers.plain(familyAlpha));
    }
    long flagGates =
        flags.stream()
            .flatMap(flag -> flag.gates().stream())
            .filter(gate -> !gate.undecidable())
            .count();
    boolean pairsTested = pairs.stream().anyMatch(pair -> pair.independence() != null);
    double bound = Math.min(1, (flagGates + (pairsTested ? 1 : 0)) * alpha);
    return String.format(
        Locale.ROOT,
        "Chance that a correct export fails at least one of the %d gates (%d that could fail):"
            + " at most %s (Bonferroni), at alpha %s per gate and Holm at %s over the pairs.",
        all.size(),
        decidable,
        Numbers.plain(bound * 100) + "%",
        Numbers.plain(alpha),
        Numbers.plain(alpha));
  }

  /** Returns every gate: each flag's, then each pair's. */
  public List<Gate> gates() {
    List<Gate> flagGates = flags.stream().flatMap(flag -> flag.gates().stream()).toList();
    List<Gate> pairGates =
        pairs.stream().map(PairFindings::gate).filter(gate -> gate != null).toList();
    return Stream.concat(flagGates.stream(), pairGates.stream()).toList();
  }

  /** Returns the gates that were inconclusive. */
  public List<Gate> inconclusive() {
    return gates().stream().filter(Gate::inconclusive).toList();
  }

  /**
   * Returns one sentence: {@code All 5 gates passed} or {@code 2 of 7 gates failed (1
   * inconclusive)}.
   */
  public String headline() {
    int total = gates().size();
    int failed = failures().size();
    int unsure = inconclusive().size();
    String lead =
        failed > 0
            ? String.format(Locale.ROOT, "%d of %d gates failed", failed, total)
            : unsure == 0
                ? String.format(Locale.ROOT, "All %d gates passed", total)
                : String.format(Locale.ROOT, "No gate failed: %d passed", total - unsure);
    return unsure == 0 ? lead : lead + String.format(Locale.ROOT, ", %d inconclusive", unsure);
  }

  /** Returns the lines rejected plus used, as a sentence: {@code 1,000,001 lines read = ...}. */
  public String lineSummary() {
    long other = linesRead - rowsAudited - rejects.total();
    return String.format(
        Locale.ROOT,
        "%,d lines read = %,d rows audited + %,d rejected%s",
        linesRead,
        rowsAudited,
        rejects.total(),
        other > 0 ? String.format(Locale.ROOT, " + %,d header", other) : "");
  }

  /** Returns the gates that failed (inconclusive ones are not failures). */
  public List<Gate> failures() {
    return gates().stream().filter(Gate::failed).toList();
  }

  /**
   * One line that was not used.
   *
   * @param line its 1-based number
   * @param reason why, with the value, such as {@code enabled must be true/false, 1/0 or on/off:
   *     'maybe'}
   */
  public record RejectedLine(long line, String reason) {}

  /**
   * The lines that were not used.
   *
   * @param total how many
   * @param byReason how many per kind of reason, in order of first appearance
   * @param first the first {@value RejectLog#LINES_KEPT}
   */
  public record Rejects(long total, Map<String, Long> byReason, List<RejectedLine> first) {}

  /**
   * One (user, flag) given two outcomes.
   *
   * @param line the line of the later row
   * @param userId the user
   * @param flagKey the flag
   * @param earlier the outcome of the earlier row, such as {@code enabled=true}
   * @param later the outcome of this row
   */
  public record Conflict(long line, String userId, String flagKey, String earlier, String later) {}

  /**
   * One row a rule does not reproduce.
   *
   * @param line its line
   * @param userId the user
   * @param expected what the rule gives, such as {@code enabled=false} or {@code bucket=17}
   * @param observed what the row says
   */
  public record Mismatch(long line, String userId, String expected, String observed) {}

  /**
   * How well one candidate rule reproduces one flag's rows.
   *
   * @param rule the rule's name
   * @param description what it computes
   * @param rowsCompared the rows it could be compared on
   * @param rowsMatched the rows it reproduces
   * @param inferred when the flag's rollout or weights were not configured, what the rule was
   *     completed with to reproduce the most rows (a guess, stated as one), such as {@code rollout
   *     5%} or {@code each variant bucket's most common variant}; else null
   * @param mismatchesListed whether {@code firstMismatches} lists rows (false when the rule was
   *     inferred: its cut-off is only known after the last row)
   * @param nonAsciiMismatches mismatched rows whose user id is not ASCII (where encodings differ)
   * @param firstMismatches the first {@value AssignmentAudit#MISMATCHES_KEPT} rows it does not
   *     reproduce
   */
  public record RuleMatch(
      String rule,
      String description,
      long rowsCompared,
      long rowsMatched,
      String inferred,
      boolean mismatchesListed,
      long nonAsciiMismatches,
      List<Mismatch> firstMismatches) {
    /** Returns the share of compared rows reproduced, in [0, 1]; 0 when none were compared. */
    public double share() {
      return rowsCompared == 0 ? 0 : (double) rowsMatched / rowsCompared;
    }

    /** Returns the rows not reproduced. */
    public long mismatches() {
      return rowsCompared - rowsMatched;
    }

    /**
     * Returns the finding as a sentence: {@code 100.00% of 120,000 rows match salted
     * murmur3_x86_32} or {@code 98.70% of 120,000 rows match salted murmur3_x86_32; 1,560 rows
     * differ, 1,560 of them non-ASCII ids}.
     */
    public String sentence() {
      StringBuilder text =
          new StringBuilder(
              String.format(
                  Locale.ROOT, "%.2f%% of %,d rows match %s", share() * 100, rowsCompared, rule));
      if (inferred != null) {
        text.append(" (completed with ").append(inferred).append(')');
      }
      if (mismatches() > 0) {
        text.append(String.format(Locale.ROOT, "; %,d rows differ", mismatches()));
        if (nonAsciiMismatches > 0) {
          text.append(
              nonAsciiMismatches == mismatches()
                  ? ", all non-ASCII ids"
                  : String.format(Locale.ROOT, ", %,d of them non-ASCII ids", nonAsciiMismatches));
        }
      }
      return text.toString();
    }
  }

  /**
   * A pair's gate as Holm across every gate decided it: its text names that level instead of the
   * level Holm over the pairs alone gave it.
   */
  private static Gate restated(Gate gate, double familyAlpha, int gates) {
    String level =
        "Holm level "
            + Numbers.probability(gate.level())
            + " across all "
            + gates
            + " gates at family alpha "
            + Numbers.probability(familyAlpha)
            + ")";
    return new Gate(
        gate.id(),
        gate.population(),
        gate.target(),
        gate.name(),
        gate.verdict(),
        gate.measured().replaceFirst("Holm level \\S+ over \\d+ pairs\\)$", level),
        gate.validity().replace("Holm over the pairs", "Holm across every gate of the report"),
        gate.power(),
        gate.usersNeeded(),
        gate.pValue(),
        gate.smallestPValue(),
        gate.level());
  }

  /**
   * The anytime-valid SRM test of one flag, looked at after every day ({@code --time-column}): the
   * Dirichlet-multinomial test of Lindon and Malek (NeurIPS 2022), as {@code srm --sequential} runs
   * it, on the cumulative rows per variant. Its p-value may be read every day without raising false
   * alarms above alpha; the fixed-n gate beside it is valid only once.
   *
   * @param concentration the prior's concentration k
   * @param alpha the level the first crossing is read at (each gate's alpha)
   * @param days per day with rows, in order: the cumulative rows and the p-value after it
   * @param firstCrossing the first day whose p-value is at or below alpha, or null
   */
  public record SequentialPath(
      double concentration, double alpha, List<SequentialDay> days, String firstCrossing) {
    /** Copies the days. */
    public SequentialPath {
      days = List.copyOf(days);
    }
  }

  /**
   * One day of a {@link SequentialPath}.
   *
   * @param day the day, such as {@code 2026-12-01}
   * @param counts the cumulative rows per variant up to and including the day, in the weights'
   *     order
   * @param pValue the anytime-valid p-value after the day
   */
  public record SequentialDay(String day, long[] counts, double pValue) {
    @Override
    public boolean equals(Object other) {
      return other instanceof SequentialDay that
          && day.equals(that.day)
          && Arrays.equals(counts, that.counts)
          && Double.compare(pValue, that.pValue) == 0;
    }

    @Override
    public int hashCode() {
      return day.hashCode() * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
      return day + " " + Arrays.toString(counts) + " p " + pValue;
    }
  }

  /**
   * One flag.
   *
   * @param flagKey the flag
   * @param settings its configuration, {@link FlagSettings#NONE} when not configured
   * @param rows rows of this flag
   * @param enabledRows rows with an {@code enabled} outcome
   * @param enabledCount of those, enabled
   * @param variantCounts users per variant: the configured ones first, in order, then others as
   *     seen
   * @param bucketCounts rows per bucket of the bucket column, or an empty array when there is none
   * @param rolloutAccuracy the rollout against the configured percentage, or null
   * @param sampleRatioMismatch the variant counts against the configured weights, or null
   * @param uniformity the bucket column against the uniform distribution, or null
   * @param matches every candidate rule, best first (ties in candidate order)
   * @param gates this flag's gates
   * @param sequential the sequential SRM path by day ({@code --time-column}), or null without a
   *     time column or weights
   */
  public record FlagFindings(
      String flagKey,
      FlagSettings settings,
      long rows,
      long enabledRows,
      long enabledCount,
      Map<String, Long> variantCounts,
      long[] bucketCounts,
      RolloutAccuracy rolloutAccuracy,
      SampleRatioMismatch sampleRatioMismatch,
      Uniformity uniformity,
      List<RuleMatch> matches,
      List<Gate> gates,
      SequentialPath sequential) {
    /** Returns the best match, or null when no rule could be compared. */
    public RuleMatch best() {
      return matches.isEmpty() || matches.get(0).rowsCompared() == 0 ? null : matches.get(0);
    }

    /**
     * Returns the fingerprint as a sentence, with the rules tied with the best: {@code 100.00% of
     * 20,000 rows match salted murmur3_x86_32 (tied: profile unleash, profile unleash-9)}; null
     * when no rule could be compared.
     */
    public String fingerprint() {
      RuleMatch best = best();
      if (best == null) {
        return null;
      }
      List<RuleMatch> tied = tiedBest();
      return tied.size() < 2
          ? best.sentence()
          : best.sentence()
              + " (tied: "
              + String.join(
                  ", ", tied.subList(1, tied.size()).stream().map(RuleMatch::rule).toList())
              + ")";
    }

    /** Returns the rules tied with the best (same share), best first. */
    public List<RuleMatch> tiedBest() {
      RuleMatch best = best();
      return best == null
          ? List.of()
          : matches.stream()
              .filter(
                  match ->
                      match.rowsCompared() > 0
                          && match.rowsMatched() * best.rowsCompared()
                              == best.rowsMatched() * match.rowsCompared())
              .toList();
    }
  }

  /**
   * The overlap of two flags' member sets among sampled users seen under both.
   *
   * @param flagA the first flag
   * @param flagB the second
   * @param table {@code table[inA][inB]}: users counted by membership
   * @param independence the chi-square test of the table, or null when it is not valid on this data
   * @param holmLevel the level this pair was tested at after Holm's correction over the pairs, or
   *     NaN
   * @param gate the gate: inconclusive when the pair shares too few users to test
   * @param measured the sentence, such as {@code overlap 5.00% where independence predicts 0.25%}
   */
  public record PairFindings(
      String flagA,
      String flagB,
      long[][] table,
      Independence independence,
      double holmLevel,
      Gate gate,
      String measured) {
    /** Returns the users seen under both flags. */
    public long sharedUsers() {
      return table[0][0] + table[0][1] + table[1][0] + table[1][1];
    }
  }
}
