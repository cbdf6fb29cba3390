package dev.bucketproof.reports.render;

import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.PopulationFindings;
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
 */
public record Report(String flagKey, int bucketCount, double alpha, int saltFlagCount, int saltUsers,
    List<String> hashers, List<PopulationFindings> audits, List<JmhResult> benchmarks) {
  /** The version of report.json's layout; raised when a key changes meaning or goes away. */
  public static final int FORMAT_VERSION = 1;

  /** Returns every gate of every population. */
  public List<Gate> gates() {
    return audits.stream().flatMap(audit -> audit.gates().stream()).toList();
  }

  /** Returns the gates that failed. */
  public List<Gate> failures() {
    return gates().stream().filter(gate -> !gate.passed()).toList();
  }
}
