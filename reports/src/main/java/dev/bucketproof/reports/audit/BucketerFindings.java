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
    if (users == 0) {
      return noIds();
    }
    gates.add(gate("buckets in range", Gate.Verdict.of(outOfRange == 0),
        format("%,d of %,d users outside [0, %d)", outOfRange, users, bucketCount), "exact count, valid at any size",
        new Gate.Power(1, "users", "any one user outside the range fails it"), 0, outOfRange == 0 ? 1 : 0));
    if (uniformity != null) {
      gates.add(gate("uniformity", Gate.Verdict.of(uniformity.passed()), format("chi-square %.1f, df %d, p = %.3g, lower tail %.3g (%s),"
          + " largest bucket deviation %.2f%%", uniformity.statistic(), uniformity.degreesOfFreedom(),
          uniformity.pValue(), uniformity.lowerTail(), uniformity.verdict(), largestDeviation * 100), "chi-square",
          NOT_YET, 0, Math.min(1, 2 * Math.min(uniformity.pValue(), uniformity.lowerTail()))));
    }
    for (Statistics.RolloutAccuracy rollout : rollouts) {
      gates.add(gate("rollout " + rollout.percent() + "%", Gate.Verdict.of(rollout.passed()), format("%,d of %,d enabled (%.3f%%),"
          + " acceptance region [%,d, %,d], Wilson [%.3f%%, %.3f%%]", rollout.enabled(), rollout.users(),
          rollout.observedShare() * 100, rollout.lowest(), rollout.highest(), rollout.wilsonLow() * 100,
          rollout.wilsonHigh() * 100), "exact binomial", NOT_YET, 0, rollout.passed() ? 1 : 0));
    }
    if (independence != null) {
      long[][] table = independence.table();
      gates.add(gate("flag independence", Gate.Verdict.of(independence.passed()), format("chi-square %.2f, df 1, p = %.3g;"
          + " in both %,d, A only %,d, B only %,d, neither %,d", independence.statistic(), independence.pValue(),
          table[1][1], table[1][0], table[0][1], table[0][0]), "chi-square", NOT_YET, 0, independence.pValue()));
    }
    if (saltMetaTest != null) {
      gates.add(gate("salt meta-test", Gate.Verdict.of(saltMetaTest.passed()), format("KS D = %.4f over %d flag keys,"
          + " p = %.3g", saltMetaTest.statistic(), saltMetaTest.flagCount(), saltMetaTest.pValue()), "Kolmogorov-Smirnov",
          NOT_YET, 0, saltMetaTest.pValue()));
    }
    return gates;
  }

  /** Returns whether every gate passed. */
  public boolean passed() {
    return gates().stream().allMatch(Gate::passed);
  }

  /** With no ids every gate is inconclusive: nothing was measured, so nothing passed. */
  private List<Gate> noIds() {
    Gate.Power nothing = Gate.Power.none("", "nothing: no ids");
    List<Gate> gates = new ArrayList<>();
    gates.add(new Gate(population, name, "buckets in range", Gate.Verdict.INCONCLUSIVE, "no ids", "exact count", nothing,
        1, 1));
    if (bucketCount >= 2) {
      gates.add(new Gate(population, name, "uniformity", Gate.Verdict.INCONCLUSIVE, "no ids",
          "chi-square needs an expected count >= 5 per bucket", nothing, 5L * bucketCount, 1));
    }
    return gates;
  }

  private static final Gate.Power NOT_YET = Gate.Power.none("", "");

  private Gate gate(String gateName, Gate.Verdict verdict, String measured, String validity, Gate.Power power,
      long usersNeeded, double pValue) {
    return new Gate(population, name, gateName, verdict, measured, validity, power, usersNeeded, pValue);
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
