package dev.bucketproof.reports.audit;

import dev.bucketproof.reports.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything measured for one bucketer on one population.
 *
 * <p>Thread-safety: immutable once built (the arrays are not copied; do not modify them).
 *
 * @param population the population's name
 * @param name the bucketer's name
 * @param bucketCount the number of buckets
 * @param users the ids audited
 * @param counts users per bucket, for buckets [0, bucketCount)
 * @param outOfRange users whose bucket fell outside [0, bucketCount)
 * @param uniformity chi-square goodness of fit, both tails; null with fewer than 2 buckets
 * @param largestDeviation the largest |count - expected| / expected of a bucket
 * @param rollouts rollout accuracy per checked percentage that the bucket count can express
 * @param independence the flag and {@code flag/2} at 50%; null when 50% cannot be expressed
 * @param saltMetaTest KS of the uniformity p-values of many flag keys; null when not run
 * @param moduloBias the exact modulo bias; null when the hash width is unknown
 */
public record BucketerFindings(String population, String name, int bucketCount, long users, long[] counts, long outOfRange,
    Statistics.Uniformity uniformity, double largestDeviation, List<Statistics.RolloutAccuracy> rollouts,
    Statistics.Independence independence, Statistics.SaltMetaTest saltMetaTest, Statistics.ModuloBias moduloBias) {

  /** Returns every pass/fail check, in a fixed order. */
  public List<Gate> gates() {
    List<Gate> gates = new ArrayList<>();
    gates.add(gate("buckets in range", outOfRange == 0,
        format("%,d of %,d users outside [0, %d)", outOfRange, users, bucketCount)));
    if (uniformity != null) {
      gates.add(gate("uniformity", uniformity.passed(), format("chi-square %.1f, df %d, p = %.3g, lower tail %.3g (%s),"
          + " largest bucket deviation %.2f%%", uniformity.statistic(), uniformity.degreesOfFreedom(),
          uniformity.pValue(), uniformity.lowerTail(), uniformity.verdict(), largestDeviation * 100)));
    }
    for (Statistics.RolloutAccuracy rollout : rollouts) {
      gates.add(gate("rollout " + rollout.percent() + "%", rollout.passed(), format("%,d of %,d enabled (%.3f%%),"
          + " acceptance region [%,d, %,d], Wilson [%.3f%%, %.3f%%]", rollout.enabled(), rollout.users(),
          rollout.observedShare() * 100, rollout.lowest(), rollout.highest(), rollout.wilsonLow() * 100,
          rollout.wilsonHigh() * 100)));
    }
    if (independence != null) {
      long[][] table = independence.table();
      gates.add(gate("flag independence", independence.passed(), format("chi-square %.2f, df 1, p = %.3g;"
          + " in both %,d, A only %,d, B only %,d, neither %,d", independence.statistic(), independence.pValue(),
          table[1][1], table[1][0], table[0][1], table[0][0])));
    }
    if (saltMetaTest != null) {
      gates.add(gate("salt meta-test", saltMetaTest.passed(), format("KS D = %.4f over %d flag keys, p = %.3g",
          saltMetaTest.statistic(), saltMetaTest.flagCount(), saltMetaTest.pValue())));
    }
    return gates;
  }

  /** Returns whether every gate passed. */
  public boolean passed() {
    return gates().stream().allMatch(Gate::passed);
  }

  private Gate gate(String gateName, boolean passed, String measured) {
    return new Gate(population, name, gateName, passed, measured);
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
