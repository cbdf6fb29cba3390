package dev.bucketproof.reports.report;

import dev.bucketproof.reports.audit.BucketerFindings;
import dev.bucketproof.reports.audit.FalseAlarm;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.GateVerdicts;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.audit.SystemFindings;
import dev.bucketproof.reports.jmh.JmhResult;
import dev.bucketproof.reports.jmh.SpeedClaim;
import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a published report holds, computed once: the settings, the audit of each population,
 * the gates with their verdicts, the false-alarm rate and, optionally, benchmark results and the
 * speed claims checked against them. The three renderers (HTML, JSON, Markdown) only print it, so
 * they agree.
 *
 * <p>With {@code familyAlpha} set (not NaN), a gate fails only when Holm's step-down procedure over
 * the report's distinct decided gates rejects it at that level, so a correct bucketer fails a gate
 * of this report with a chance of at most familyAlpha; with NaN each gate decides at {@code alpha}.
 *
 * <p>Thread-safety: immutable (its lists are unmodifiable copies); safe for concurrent use.
 */
public final class Report {
  private final String flagKey;
  private final int bucketCount;
  private final double alpha;
  private final int saltFlagCount;
  private final int saltUsers;
  private final List<String> hashers;
  private final List<PopulationFindings> audits;
  private final List<JmhResult> benchmarks;
  private final SystemFindings systems;
  private final double familyAlpha;
  // Computed once here; the renderers only print them.
  private final Map<Gate, Gate> holmVerdicts;
  private final List<Gate> gates;
  private final List<Gate> failures;
  private final List<Gate> inconclusive;
  private final FalseAlarm falseAlarm;
  private final List<SpeedClaim> speedClaims;

  /** Returns a report without the compatibility profiles' section. */
  public Report(
      String flagKey,
      int bucketCount,
      double alpha,
      int saltFlagCount,
      int saltUsers,
      List<String> hashers,
      List<PopulationFindings> audits,
      List<JmhResult> benchmarks) {
    this(flagKey, bucketCount, alpha, saltFlagCount, saltUsers, hashers, audits, benchmarks, null);
  }

  /** Returns a report without a report-level control: each gate decides at {@code alpha}. */
  public Report(
      String flagKey,
      int bucketCount,
      double alpha,
      int saltFlagCount,
      int saltUsers,
      List<String> hashers,
      List<PopulationFindings> audits,
      List<JmhResult> benchmarks,
      SystemFindings systems) {
    this(
        flagKey,
        bucketCount,
        alpha,
        saltFlagCount,
        saltUsers,
        hashers,
        audits,
        benchmarks,
        systems,
        Double.NaN);
  }

  /** The version of report.json's layout; raised when a key changes meaning or goes away. */
  public static final int FORMAT_VERSION = 1;

  /**
   * Returns the report, with its gates (Holm's verdicts when {@code familyAlpha} is set),
   * false-alarm rate and speed claims computed once.
   *
   * @param flagKey the audited flag
   * @param bucketCount the number of buckets
   * @param alpha the level of every gate
   * @param saltFlagCount flag keys in the salt meta-test
   * @param saltUsers ids per flag key in the salt meta-test
   * @param hashers the audited hashers' names
   * @param audits one per population, in order
   * @param benchmarks JMH results, empty when none were given
   * @param systems the compatibility profiles' agreement and bias, or null when the report audits
   *     none
   * @param familyAlpha the report-level level, or NaN (see the class comment)
   * @throws IllegalArgumentException if familyAlpha is neither NaN nor within (0, 1)
   */
  public Report(
      String flagKey,
      int bucketCount,
      double alpha,
      int saltFlagCount,
      int saltUsers,
      List<String> hashers,
      List<PopulationFindings> audits,
      List<JmhResult> benchmarks,
      SystemFindings systems,
      double familyAlpha) {
    if (!Double.isNaN(familyAlpha) && !(familyAlpha > 0 && familyAlpha < 1)) {
      throw new IllegalArgumentException("familyAlpha must be within (0, 1): " + familyAlpha);
    }
    this.flagKey = flagKey;
    this.bucketCount = bucketCount;
    this.alpha = alpha;
    this.saltFlagCount = saltFlagCount;
    this.saltUsers = saltUsers;
    this.hashers = List.copyOf(hashers);
    this.audits = List.copyOf(audits);
    this.benchmarks = List.copyOf(benchmarks);
    this.systems = systems;
    this.familyAlpha = familyAlpha;
    this.holmVerdicts = holm() ? holmVerdicts() : Map.of();
    this.gates = adjust(this.audits.stream().flatMap(audit -> audit.gates().stream()).toList());
    this.failures = gates.stream().filter(Gate::failed).toList();
    this.inconclusive = gates.stream().filter(Gate::inconclusive).toList();
    this.falseAlarm = FalseAlarm.of(this.audits);
    this.speedClaims = SpeedClaim.of(this.benchmarks);
  }

  /** Returns the audited flag. */
  public String flagKey() {
    return flagKey;
  }

  /** Returns the number of buckets. */
  public int bucketCount() {
    return bucketCount;
  }

  /** Returns the level of every gate. */
  public double alpha() {
    return alpha;
  }

  /** Returns the number of flag keys in the salt meta-test. */
  public int saltFlagCount() {
    return saltFlagCount;
  }

  /** Returns the number of ids per flag key in the salt meta-test. */
  public int saltUsers() {
    return saltUsers;
  }

  /** Returns the audited hashers' names. */
  public List<String> hashers() {
    return hashers;
  }

  /** Returns the audit of each population, in order. */
  public List<PopulationFindings> audits() {
    return audits;
  }

  /** Returns the JMH results, empty when none were given. */
  public List<JmhResult> benchmarks() {
    return benchmarks;
  }

  /** Returns the compatibility profiles' agreement and bias, or null. */
  public SystemFindings systems() {
    return systems;
  }

  /** Returns the report-level level, or NaN. */
  public double familyAlpha() {
    return familyAlpha;
  }

  /** Returns the speed claims checked against {@link #benchmarks()}. */
  public List<SpeedClaim> speedClaims() {
    return speedClaims;
  }

  /** Returns whether Holm's report-level control decides the verdicts. */
  public boolean holm() {
    return !Double.isNaN(familyAlpha);
  }

  /** Returns every gate of every population, with Holm's verdicts when {@link #holm()}. */
  public List<Gate> gates() {
    return gates;
  }

  /** Returns the gates of one bucketer, with Holm's verdicts when {@link #holm()}. */
  public List<Gate> gates(BucketerFindings target) {
    return adjust(target.gates());
  }

  /**
   * Returns the report's own false-alarm rate at the per-gate levels (identical gates count once);
   * under Holm's control the rate is at most familyAlpha instead.
   */
  public FalseAlarm falseAlarm() {
    return falseAlarm;
  }

  private List<Gate> adjust(List<Gate> gates) {
    if (!holm()) {
      return gates;
    }
    Map<Gate, Gate> decided = holmVerdicts;
    return gates.stream().map(gate -> decided.getOrDefault(gate, gate)).toList();
  }

  private Map<Gate, Gate> holmVerdicts() {
    Map<String, PopulationFindings> byPopulation = new LinkedHashMap<>();
    List<Gate> all = new ArrayList<>();
    for (PopulationFindings audit : audits) {
      byPopulation.put(audit.population(), audit);
      all.addAll(audit.gates());
    }
    List<Gate> decided =
        GateVerdicts.holm(
            all, familyAlpha, gate -> byPopulation.get(gate.population()).sameAs(gate));
    Map<Gate, Gate> verdicts = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      verdicts.put(all.get(i), decided.get(i));
    }
    return verdicts;
  }

  /**
   * Returns the false-alarm sentence every rendering shows, such as {@code Chance that a correct
   * bucketer fails at least one of the 540 gates (412 distinct): at most 20.6% (Bonferroni; 18.6%
   * if they were independent), at alpha 0.0005 per gate.}
   */
  public String falseAlarmText() {
    FalseAlarm rate = falseAlarm();
    if (holm()) {
      return String.format(
          Locale.ROOT,
          "Chance that a correct bucketer fails at least one of the %d gates (%d"
              + " distinct): at most %s (Holm-Bonferroni over the distinct gates at level %s).",
          rate.gates(),
          rate.distinctGates(),
          percent(familyAlpha),
          Numbers.plain(familyAlpha));
    }
    return String.format(
        Locale.ROOT,
        "Chance that a correct bucketer fails at least one of the %d gates (%d"
            + " distinct): at most %s (Bonferroni; %s if they were independent), at alpha %s per gate.",
        rate.gates(),
        rate.distinctGates(),
        percent(rate.bound()),
        percent(rate.ifIndependent()),
        Numbers.plain(alpha));
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, share < 0.001 ? "%.3g%%" : "%.1f%%", share * 100);
  }

  /** Returns the gates that failed. */
  public List<Gate> failures() {
    return failures;
  }

  /** Returns the gates that could not decide (too few users for a valid test). */
  public List<Gate> inconclusive() {
    return inconclusive;
  }

  /**
   * Returns the report's verdict in one line: {@code All 45 gates passed}, {@code 2 of 45 gates
   * failed, 3 inconclusive}, {@code 0 of 45 gates failed, 45 inconclusive: the ids are too few to
   * decide}, or {@code No gates: no ids}. Never says "all passed" unless every gate passed.
   */
  public String headline() {
    int total = gates().size();
    int failed = failures().size();
    int undecided = inconclusive().size();
    if (total == 0) {
      return "No gates: no ids";
    }
    if (failed == 0 && undecided == 0) {
      return String.format(Locale.ROOT, "All %d gates passed", total);
    }
    String line = String.format(Locale.ROOT, "%d of %d gates failed", failed, total);
    if (undecided > 0) {
      line +=
          String.format(
              Locale.ROOT,
              ", %d inconclusive (too few users to decide; each names the users" + " it needs)",
              undecided);
    }
    return line;
  }
}
