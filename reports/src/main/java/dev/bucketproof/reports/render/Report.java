package dev.bucketproof.reports.render;

import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.audit.SystemFindings;
import dev.bucketproof.reports.jmh.JmhResult;

import java.util.List;

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
 */
public record Report(String flagKey, int bucketCount, double alpha, int saltFlagCount, int saltUsers,
    List<String> hashers, List<PopulationFindings> audits, List<JmhResult> benchmarks, SystemFindings systems) {

  /** Returns a report without the compatibility profiles' section. */
  public Report(String flagKey, int bucketCount, double alpha, int saltFlagCount, int saltUsers,
      List<String> hashers, List<PopulationFindings> audits, List<JmhResult> benchmarks) {
    this(flagKey, bucketCount, alpha, saltFlagCount, saltUsers, hashers, audits, benchmarks, null);
  }

  /** The version of report.json's layout; raised when a key changes meaning or goes away. */
  public static final int FORMAT_VERSION = 1;

  /** Returns every gate of every population. */
  public List<Gate> gates() {
    return audits.stream().flatMap(audit -> audit.gates().stream()).toList();
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
