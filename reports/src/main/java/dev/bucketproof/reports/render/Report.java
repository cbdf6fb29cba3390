package dev.bucketproof.reports.render;

import dev.bucketproof.reports.audit.BucketerFindings;
import dev.bucketproof.reports.audit.FalseAlarm;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.audit.SystemFindings;
import dev.bucketproof.reports.jmh.JmhResult;

import dev.bucketproof.reports.statistics.Holm;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a published report holds: the settings, the audit of each population and, optionally,
 * benchmark results.
 *
 * @param flagKey the audited flag
 * @param bucketCount the number of buckets
 * @param alpha the level of every gate
 * @param saltFlagCount flag keys in the salt meta-test
 * @param saltUsers ids per flag key in the salt meta-test
 * @param hashers the audited hashers' names
 * @param audits one per population, in order
 * @param benchmarks JMH results, empty when none were given
 * @param systems the compatibility profiles' agreement and bias, or null when the report audits none
 * @param familyAlpha the report-level control: when set (not NaN), a gate fails only when Holm's
 *     step-down procedure over the report's distinct decided gates rejects it at this level, so a
 *     correct bucketer fails a gate of this report with a chance of at most familyAlpha
 */
public record Report(String flagKey, int bucketCount, double alpha, int saltFlagCount, int saltUsers,
    List<String> hashers, List<PopulationFindings> audits, List<JmhResult> benchmarks, SystemFindings systems,
    double familyAlpha) {

  /** Returns a report without the compatibility profiles' section. */
  public Report(String flagKey, int bucketCount, double alpha, int saltFlagCount, int saltUsers,
      List<String> hashers, List<PopulationFindings> audits, List<JmhResult> benchmarks) {
    this(flagKey, bucketCount, alpha, saltFlagCount, saltUsers, hashers, audits, benchmarks, null);
  }

  /** Returns a report without a report-level control: each gate decides at {@code alpha}. */
  public Report(String flagKey, int bucketCount, double alpha, int saltFlagCount, int saltUsers,
      List<String> hashers, List<PopulationFindings> audits, List<JmhResult> benchmarks, SystemFindings systems) {
    this(flagKey, bucketCount, alpha, saltFlagCount, saltUsers, hashers, audits, benchmarks, systems, Double.NaN);
  }

  /** The version of report.json's layout; raised when a key changes meaning or goes away. */
  public static final int FORMAT_VERSION = 1;

  /**
   * Validates the report-level level and keeps immutable copies of the lists.
   *
   * @throws IllegalArgumentException if familyAlpha is neither NaN nor within (0, 1)
   */
  public Report {
    hashers = List.copyOf(hashers);
    audits = List.copyOf(audits);
    benchmarks = List.copyOf(benchmarks);
    if (!Double.isNaN(familyAlpha) && !(familyAlpha > 0 && familyAlpha < 1)) {
      throw new IllegalArgumentException("familyAlpha must be within (0, 1): " + familyAlpha);
    }
  }

  /** Returns whether Holm's report-level control decides the verdicts. */
  public boolean holm() {
    return !Double.isNaN(familyAlpha);
  }

  /** Returns every gate of every population, with Holm's verdicts when {@link #holm()}. */
  public List<Gate> gates() {
    return adjust(audits.stream().flatMap(audit -> audit.gates().stream()).toList());
  }

  /** Returns the gates of one bucketer, with Holm's verdicts when {@link #holm()}. */
  public List<Gate> gates(BucketerFindings target) {
    return adjust(target.gates());
  }

  /**
   * Returns the report's own false-alarm rate at the per-gate levels (identical gates count once); under
   * Holm's control the rate is at most familyAlpha instead.
   */
  public FalseAlarm falseAlarm() {
    return FalseAlarm.of(audits);
  }

  private List<Gate> adjust(List<Gate> gates) {
    if (!holm()) {
      return gates;
    }
    Map<String, Boolean> rejected = holmVerdicts();
    return gates.stream().map(gate -> gate.inconclusive() ? gate
        : gate.withVerdict(rejected.getOrDefault(FalseAlarm.key(gate), false) ? Gate.Verdict.FAIL : Gate.Verdict.PASS))
        .toList();
  }

  private Map<String, Boolean> holmVerdicts() {
    Map<String, Double> pValues = new LinkedHashMap<>();
    for (PopulationFindings audit : audits) {
      for (Gate gate : audit.gates()) {
        if (!gate.inconclusive()) {
          pValues.putIfAbsent(FalseAlarm.key(gate), gate.pValue());
        }
      }
    }
    double[] values = pValues.values().stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] rejected = Holm.rejected(values, familyAlpha);
    Map<String, Boolean> verdicts = new LinkedHashMap<>();
    int i = 0;
    for (String key : pValues.keySet()) {
      verdicts.put(key, rejected[i++]);
    }
    return verdicts;
  }

  /**
   * Returns the false-alarm sentence every rendering shows, such as {@code Chance that a correct
   * bucketer fails at least one of the 540 gates (412 distinct): at most 20.6% (Bonferroni; 18.6% if
   * they were independent), at alpha 0.0005 per gate.}
   */
  public String falseAlarmText() {
    FalseAlarm rate = falseAlarm();
    if (holm()) {
      return String.format(Locale.ROOT, "Chance that a correct bucketer fails at least one of the %d gates (%d"
          + " distinct): at most %s (Holm-Bonferroni over the distinct gates at level %s).", rate.gates(),
          rate.distinctGates(), percent(familyAlpha), new BigDecimal(Double.toString(familyAlpha)).stripTrailingZeros()
              .toPlainString());
    }
    return String.format(Locale.ROOT, "Chance that a correct bucketer fails at least one of the %d gates (%d"
        + " distinct): at most %s (Bonferroni; %s if they were independent), at alpha %s per gate.", rate.gates(),
        rate.distinctGates(), percent(rate.bound()), percent(rate.ifIndependent()),
        new BigDecimal(Double.toString(alpha)).stripTrailingZeros().toPlainString());
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, share < 0.001 ? "%.3g%%" : "%.1f%%", share * 100);
  }

  /** Returns the gates that failed. */
  public List<Gate> failures() {
    return gates().stream().filter(Gate::failed).toList();
  }

  /** Returns the gates that could not decide (too few users for a valid test). */
  public List<Gate> inconclusive() {
    return gates().stream().filter(Gate::inconclusive).toList();
  }

  /**
   * Returns the report's verdict in one line: {@code All 45 gates passed}, {@code 2 of 45 gates failed,
   * 3 inconclusive}, {@code 0 of 45 gates failed, 45 inconclusive: the ids are too few to decide}, or
   * {@code No gates: no ids}. Never says "all passed" unless every gate passed.
   */
  public String headline() {
    int total = gates().size();
    int failed = failures().size();
    int undecided = inconclusive().size();
    if (total == 0) {
      return "No gates: no ids";
    }
    if (failed == 0 && undecided == 0) {
      return String.format(java.util.Locale.ROOT, "All %d gates passed", total);
    }
    String line = String.format(java.util.Locale.ROOT, "%d of %d gates failed", failed, total);
    if (undecided > 0) {
      line += String.format(java.util.Locale.ROOT, ", %d inconclusive (too few users to decide; each names the users"
          + " it needs)", undecided);
    }
    return line;
  }
}
