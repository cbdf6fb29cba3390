package dev.bucketproof.reports.audit;

import dev.bucketproof.reports.statistics.PowerAnalysis;
import dev.bucketproof.reports.statistics.Statistics;
import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.List;

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
public record BucketerFindings(
    String population,
    String name,
    int bucketCount,
    long users,
    long[] counts,
    long outOfRange,
    Statistics.Uniformity uniformity,
    double largestDeviation,
    List<Statistics.RolloutAccuracy> rollouts,
    Statistics.Independence independence,
    Statistics.SaltMetaTest saltMetaTest,
    Statistics.ModuloBias moduloBias) {

  /**
   * Returns every check, in a fixed order: range, uniformity, each rollout, independence, salt
   * meta-test.
   */
  public List<Gate> gates() {
    List<Gate> gates = new ArrayList<>();
    gates.add(rangeGate());
    if (bucketCount >= 2) {
      gates.add(uniformityGate());
    }
    for (Statistics.RolloutAccuracy rollout : rollouts) {
      gates.add(rolloutGate(rollout));
    }
    if (independence != null) {
      gates.add(independenceGate());
    }
    if (saltMetaTest != null) {
      gates.add(saltGate());
    }
    return gates;
  }

  /**
   * Returns the chance that {@code gate}, one of {@link #gates()}, fails a correct bucketer: alpha
   * for the chi-square, Fisher and Kolmogorov-Smirnov gates (at most alpha for Fisher's and the
   * Monte Carlo tests), the exact size of its binomial region for a rollout, 0 for the range check
   * and for a gate with no test.
   */
  public double size(Gate gate) {
    String gateName = gate.name();
    if (gateName.equals("uniformity")) {
      return uniformity == null ? 0 : uniformity.alpha();
    }
    if (gateName.equals("flag independence")) {
      return independence == null || !independence.decidable() ? 0 : independence.alpha();
    }
    if (gateName.equals("salt meta-test")) {
      return saltMetaTest == null || !saltMetaTest.decidable() ? 0 : saltMetaTest.alpha();
    }
    for (Statistics.RolloutAccuracy rollout : rollouts) {
      if (gateName.equals("rollout " + rollout.percent() + "%")) {
        return rollout.size();
      }
    }
    return 0;
  }

  /** Returns whether every gate passed. */
  public boolean passed() {
    return gates().stream().allMatch(Gate::passed);
  }

  private double alpha() {
    return uniformity != null
        ? uniformity.alpha()
        : independence != null
            ? independence.alpha()
            : saltMetaTest != null ? saltMetaTest.alpha() : Statistics.ALPHA;
  }

  private Gate rangeGate() {
    Gate.Power power =
        new Gate.Power(1, "users", "any one user outside [0, " + bucketCount + ") fails it");
    if (users == 0) {
      return gate(
          "buckets in range", Gate.Verdict.INCONCLUSIVE, "no ids", "exact count", power, 1, 1);
    }
    return gate(
        "buckets in range",
        Gate.Verdict.of(outOfRange == 0),
        Numbers.format("%,d of %,d users outside [0, %d)", outOfRange, users, bucketCount),
        "exact count, valid at any size",
        power,
        0,
        outOfRange == 0 ? 1 : 0);
  }

  private Gate uniformityGate() {
    long inRange = users - outOfRange;
    long needed = (long) Math.ceil(Statistics.COCHRAN_MINIMUM * bucketCount);
    if (uniformity == null) {
      return gate(
          "uniformity",
          Gate.Verdict.INCONCLUSIVE,
          users == 0 ? "no ids" : "no user in range",
          "chi-square needs an expected count >= 5 per bucket (Cochran)",
          Gate.Power.none("", "nothing: no ids"),
          needed,
          1);
    }
    double alpha = uniformity.alpha();
    double deviation = PowerAnalysis.uniformityDeviation(inRange, bucketCount, alpha);
    Gate.Power power =
        new Gate.Power(
            deviation * 100,
            "percent of one bucket's expected count",
            Numbers.format(
                "a bucket %.1f%% off its expected count (Cohen's w %.4f; noncentral chi-square)",
                deviation * 100, PowerAnalysis.cohenW(bucketCount, deviation)));
    String measured =
        Numbers.format(
            "chi-square %.1f, df %d, two-sided p = %.3g (upper %.3g, lower %.3g: %s),"
                + " largest bucket deviation %.2f%%",
            uniformity.statistic(),
            uniformity.degreesOfFreedom(),
            uniformity.twoSidedPValue(),
            uniformity.pValue(),
            uniformity.lowerTail(),
            uniformity.verdict(),
            largestDeviation * 100);
    if (uniformity.valid()) {
      return gate(
          "uniformity",
          Gate.Verdict.of(!uniformity.rejected()),
          measured,
          Numbers.format(
              "chi-square, both tails"
                  + " at %s each; valid: expected %.1f per bucket >= 5 (Cochran)",
              Numbers.plain(alpha / 2), uniformity.minExpected()),
          power,
          0,
          uniformity.twoSidedPValue());
    }
    String validity =
        Numbers.format(
            "expected %.2f per bucket < 5 (Cochran): chi-square not valid; %s p-value, which can"
                + " fail a bucketer but not pass one",
            uniformity.minExpected(), uniformity.method());
    return uniformity.rejected()
        ? gate(
            "uniformity",
            Gate.Verdict.FAIL,
            measured,
            validity,
            power,
            0,
            uniformity.twoSidedPValue())
        : gate(
            "uniformity",
            Gate.Verdict.INCONCLUSIVE,
            measured,
            validity,
            power,
            needed,
            uniformity.twoSidedPValue());
  }

  private Gate rolloutGate(Statistics.RolloutAccuracy rollout) {
    String name = "rollout " + rollout.percent() + "%";
    double alpha = alpha();
    double share = rollout.expectedShare();
    PowerAnalysis.RolloutPower detectable =
        rollout.users() == 0
            ? new PowerAnalysis.RolloutPower(Double.NaN, Double.NaN)
            : PowerAnalysis.rollout(rollout.users(), share, alpha);
    String high =
        Double.isNaN(detectable.tooHigh())
            ? "no rollout too high"
            : Numbers.format("%.2f points too high", detectable.tooHigh() * 100);
    String low =
        Double.isNaN(detectable.tooLow())
            ? "no rollout too low"
            : Numbers.format("%.2f points too low", detectable.tooLow() * 100);
    Gate.Power power =
        new Gate.Power(
            detectable.eitherWay() * 100,
            "percentage points",
            "catches " + high + ", " + low + " (exact binomial power)");
    if (rollout.users() == 0) {
      return gate(
          name,
          Gate.Verdict.INCONCLUSIVE,
          "no ids",
          "exact binomial region",
          power,
          share > 0 && share < 1 ? Statistics.rolloutUsersNeeded(share, alpha) : 1,
          1);
    }
    String measured =
        Numbers.format(
            "%,d of %,d enabled (%.3f%%), acceptance region [%,d, %,d], Wilson [%.3f%%, %.3f%%]",
            rollout.enabled(),
            rollout.users(),
            rollout.observedShare() * 100,
            rollout.lowest(),
            rollout.highest(),
            rollout.wilsonLow() * 100,
            rollout.wilsonHigh() * 100);
    double pValue = binomialPValue(rollout);
    String validity =
        Numbers.format(
            "exact binomial region at %s; exact size %.3g",
            Numbers.plain(1 - alpha), rollout.size());
    if (!rollout.inRegion()) {
      return gate(name, Gate.Verdict.FAIL, measured, validity, power, 0, pValue);
    }
    if (!rollout.valid()) {
      return gate(
          name,
          Gate.Verdict.INCONCLUSIVE,
          measured,
          validity + "; the region cannot reject in both" + " directions at this size",
          power,
          Statistics.rolloutUsersNeeded(share, alpha),
          pValue);
    }
    return gate(
        name,
        Gate.Verdict.PASS,
        measured,
        validity + "; valid at any size that can reject both ways",
        power,
        0,
        pValue);
  }

  /**
   * The doubled smaller tail, min(1, 2 min(P(X <= k), P(X >= k))): below alpha exactly outside the
   * region.
   */
  private static double binomialPValue(Statistics.RolloutAccuracy rollout) {
    double share = rollout.expectedShare();
    if (share == 0 || share == 1) {
      return rollout.inRegion() ? 1 : 0;
    }
    org.apache.commons.math3.distribution.BinomialDistribution distribution =
        new org.apache.commons.math3.distribution.BinomialDistribution(
            null, (int) rollout.users(), share);
    int enabled = (int) rollout.enabled();
    double lower = distribution.cumulativeProbability(enabled);
    double upper = enabled == 0 ? 1 : 1 - distribution.cumulativeProbability(enabled - 1);
    return Math.min(1, 2 * Math.min(lower, upper));
  }

  private Gate independenceGate() {
    long[][] table = independence.table();
    double alpha = independence.alpha();
    long needed = (long) Math.ceil(Statistics.COCHRAN_MINIMUM / 0.25);
    Gate.Power power =
        users == 0
            ? Gate.Power.none("percentage points", "nothing: no ids")
            : powerOfIndependence(alpha);
    String measured =
        users == 0
            ? "no ids"
            : Numbers.format(
                "%s, p = %.3g; in both %,d, A only %,d, B only %,d, neither %,d",
                Double.isNaN(independence.statistic())
                    ? "no statistic"
                    : Numbers.format("chi-square %.2f, df 1", independence.statistic()),
                independence.pValue(),
                table[1][1],
                table[1][0],
                table[0][1],
                table[0][0]);
    String validity =
        independence.method()
            + (independence.method().equals("chi-square")
                ? "; valid: expected >= 5 in every cell (Cochran)"
                : independence.decidable()
                    ? ": valid at any size"
                    : independence.method().startsWith("Fisher")
                        ? ": cannot reach alpha on these margins"
                        : "");
    if (independence.rejected()) {
      return gate(
          "flag independence",
          Gate.Verdict.FAIL,
          measured,
          validity,
          power,
          0,
          independence.pValue());
    }
    if (!independence.decidable()) {
      return gate(
          "flag independence",
          Gate.Verdict.INCONCLUSIVE,
          measured,
          validity,
          power,
          needed,
          independence.pValue());
    }
    return gate(
        "flag independence",
        Gate.Verdict.PASS,
        measured,
        validity,
        power,
        0,
        independence.pValue());
  }

  private Gate.Power powerOfIndependence(double alpha) {
    double excess = PowerAnalysis.independenceExcess(users, 0.5, 0.5, alpha);
    return new Gate.Power(
        excess * 100,
        "percentage points",
        Numbers.format(
            "catches users in both flags at %.2f%% instead"
                + " of 25%% (%.2f points; noncentral chi-square)",
            25 + excess * 100, excess * 100));
  }

  private Gate saltGate() {
    double alpha = saltMetaTest.alpha();
    double share = PowerAnalysis.saltShare(saltMetaTest.flagCount(), alpha);
    Gate.Power power =
        new Gate.Power(
            share * 100,
            "percent of flag keys",
            Numbers.format(
                "catches %.1f%% of the %d flag keys"
                    + " bucketing plainly non-uniformly (seeded simulation, seed %#x)",
                share * 100, saltMetaTest.flagCount(), PowerAnalysis.SALT_SEED));
    if (!saltMetaTest.decidable()) {
      return gate(
          "salt meta-test",
          Gate.Verdict.INCONCLUSIVE,
          users == 0 ? "no ids" : Numbers.format("%,d users per flag key", saltMetaTest.users()),
          "per-flag chi-square needs at least 2 bins of 5 users",
          power,
          2L * Statistics.SALT_USERS_PER_BIN,
          1);
    }
    String measured =
        Numbers.format(
            "KS D = %.4f over %d flag keys, p = %.3g",
            saltMetaTest.statistic(), saltMetaTest.flagCount(), saltMetaTest.pValue());
    String validity =
        Numbers.format(
            "Kolmogorov-Smirnov of %d randomized per-flag p-values (chi-square over %d bins of"
                + " %,d users, seeded Monte Carlo null): uniform under the null at any size",
            saltMetaTest.flagCount(), saltMetaTest.bins(), saltMetaTest.users());
    return gate(
        "salt meta-test",
        Gate.Verdict.of(!saltMetaTest.rejected()),
        measured,
        validity,
        power,
        0,
        saltMetaTest.pValue());
  }

  private Gate gate(
      String gateName,
      Gate.Verdict verdict,
      String measured,
      String validity,
      Gate.Power power,
      long usersNeeded,
      double pValue) {
    return new Gate(
        population,
        name,
        gateName,
        verdict,
        measured,
        validity,
        power,
        usersNeeded,
        Math.max(0, Math.min(1, pValue)));
  }
}
