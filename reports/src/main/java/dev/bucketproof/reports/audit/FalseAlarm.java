package dev.bucketproof.reports.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's own false-alarm rate: the chance that a correct bucketer fails at least one of its
 * gates on a fresh population. Gates of bucketers that put every user in the same bucket (two
 * hashers of one family) are one gate measured twice and count once ({@link
 * PopulationFindings#sameAs}); gates of different families count apart, even when their printed
 * results coincide (10 ids: 18 distinct gates, not 16). With per-gate sizes s_i over the m distinct
 * gates, the rate is at most min(1, sum s_i) whatever the dependence (Bonferroni), and 1 - prod(1 -
 * s_i) if the gates were independent. Example: 10 distinct gates at alpha 0.0005 give at most 0.5%.
 *
 * <p>Thread-safety: immutable.
 *
 * @param gates every gate of the report
 * @param distinctGates the gates left once identical ones count once
 * @param bound min(1, sum of the distinct gates' sizes): the false-alarm rate is at most this
 * @param ifIndependent 1 - prod(1 - size): the rate if the gates were independent
 */
public record FalseAlarm(int gates, int distinctGates, double bound, double ifIndependent) {
  /** Returns the false-alarm rate of the gates of {@code audits} at their per-gate levels. */
  public static FalseAlarm of(List<PopulationFindings> audits) {
    Map<GateId, Double> sizes = new LinkedHashMap<>();
    int count = 0;
    for (PopulationFindings audit : audits) {
      for (BucketerFindings target : audit.targets()) {
        for (Gate gate : target.gates()) {
          count++;
          sizes.putIfAbsent(audit.sameAs(gate), target.size(gate));
        }
      }
    }
    double sum = 0;
    double none = 1;
    for (double size : sizes.values()) {
      sum += size;
      none *= 1 - size;
    }
    return new FalseAlarm(count, sizes.size(), Math.min(1, sum), 1 - none);
  }
}
