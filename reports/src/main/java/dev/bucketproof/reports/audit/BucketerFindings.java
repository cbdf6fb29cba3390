package dev.bucketproof.reports.audit;

import dev.bucketproof.reports.statistics.Independence;
import dev.bucketproof.reports.statistics.ModuloBias;
import dev.bucketproof.reports.statistics.PowerAnalysis;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.statistics.SaltMetaTest;
import dev.bucketproof.reports.statistics.Statistics;
import dev.bucketproof.reports.statistics.Uniformity;
import java.math.BigDecimal;
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
public record BucketerFindings(
    String population,
    String name,
    int bucketCount,
    long users,
    long[] counts,
    long outOfRange,
    Uniformity uniformity,
    double largestDeviation,
    List<RolloutAccuracy> rollouts,
    Independence independence,
    SaltMetaTest saltMetaTest,
    ModuloBias moduloBias) {

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
    for (RolloutAccuracy rollout : rollouts) {
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
    return switch (gate.id().kind()) {
      // a gate that cannot reach its level (no valid test at this n) cannot raise a false alarm
      case UNIFORMITY ->
          uniformity == null || uniformity.smallestPValue() >= uniformity.alpha()
              ? 0
              : uniformity.alpha();
      case INDEPENDENCE ->
          independence == null || !independence.decidable() ? 0 : independence.alpha();
      case SALT_META_TEST ->
          saltMetaTest == null || !saltMetaTest.decidable() ? 0 : saltMetaTest.alpha();
      case ROLLOUT ->
          rollouts.stream()
              .filter(rollout -> rollout.percent().equals(gate.id().parameter()))
              .mapToDouble(RolloutAccuracy::size)
              .findFirst()
              .orElse(0);
      default -> 0;
    };
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
            : saltMetaTest != null
                ? saltMetaTest.alpha()
                : rollouts.isEmpty() ? Statistics.ALPHA : rollouts.get(0).alpha();
  }

  private Gate rangeGate() {
    Gate.Power power =
        new Gate.Power(1, "users", "any one user outside [0, " + bucketCount + ") fails it");
    GateId id = id(GateId.Kind.BUCKETS_IN_RANGE, "");
    if (users == 0) {
      return gate(id, "buckets in range", "no ids", "exact count", power, 1, 1, 1);
    }
    return gate(
        id,
        "buckets in range",
        format("%,d of %,d users outside [0, %d)", outOfRange, users, bucketCount),
        "exact count, valid at any size",
        power,
        0,
        outOfRange == 0 ? 1 : 0,
        0);
  }

  private Gate uniformityGate() {
    long inRange = users - outOfRange;
    long needed = (long) Math.ceil(Statistics.COCHRAN_MINIMUM * bucketCount);
    GateId id = id(GateId.Kind.UNIFORMITY, "");
    if (uniformity == null) {
      return gate(
          id,
          "uniformity",
          users == 0 ? "no ids" : "no user in range",
          "chi-square needs an expected count >= 5 per bucket (Cochran)",
          Gate.Power.none("", "nothing: no ids"),
          needed,
          1,
          1);
    }
    double alpha = uniformity.alpha();
    Gate.Power power = uniformityPower(inRange, bucketCount, alpha);
    String measured =
        format(
            "chi-square %.1f, df %d, two-sided p = %.3g (upper %.3g, lower %.3g: %s),"
                + " largest bucket deviation %.2f%%",
            uniformity.statistic(),
            uniformity.degreesOfFreedom(),
            uniformity.twoSidedPValue(),
            uniformity.pValue(),
            uniformity.lowerTail(),
            uniformity.verdict(),
            largestDeviation * 100);
    String validity =
        uniformity.valid()
            ? format(
                "chi-square, both tails at %s each; valid: expected %.1f per bucket >= 5"
                    + " (Cochran)",
                plain(alpha / 2), uniformity.minExpected())
            : format(
                "expected %.2f per bucket < 5 (Cochran): chi-square not valid; %s p-value, smallest"
                    + " attainable %.3g (inconclusive when not below the level in force)",
                uniformity.minExpected(), uniformity.method(), uniformity.smallestTwoSidedPValue());
    return gate(
        id,
        "uniformity",
        measured,
        validity,
        power,
        needed,
        uniformity.twoSidedPValue(),
        uniformity.smallestTwoSidedPValue());
  }

  /**
   * Returns what a uniformity gate over {@code buckets} equal buckets catches with 80% power from
   * {@code users} users, shared with the assignments audit's bucket column.
   */
  public static Gate.Power uniformityPower(long users, int buckets, double alpha) {
    PowerAnalysis.UniformityPower power = PowerAnalysis.uniformityPower(users, buckets, alpha);
    String unit = "percent of one bucket's expected count";
    if (Double.isNaN(power.deviation())) {
      return Gate.Power.none(unit, power.method());
    }
    return new Gate.Power(
        power.deviation() * 100,
        unit,
        format(
            "a bucket %.1f%% off its expected count (Cohen's w %.4f; %s)",
            power.deviation() * 100,
            PowerAnalysis.cohenW(buckets, power.deviation()),
            power.method()));
  }

  private Gate rolloutGate(RolloutAccuracy rollout) {
    String name = "rollout " + rollout.percent() + "%";
    double alpha = rollout.alpha();
    double share = rollout.expectedShare();
    Gate.Power power = rolloutPower(rollout.users(), share, alpha);
    GateId id = id(GateId.Kind.ROLLOUT, rollout.percent());
    long needed = share > 0 && share < 1 ? RolloutAccuracy.usersNeeded(share, alpha) : 1;
    if (rollout.users() == 0) {
      return gate(id, name, "no ids", "exact binomial region", power, needed, 1, 1);
    }
    return gate(
        id,
        name,
        rolloutMeasured(rollout, "enabled"),
        rolloutValidity(rollout, alpha),
        power,
        needed,
        rollout.pValue(),
        GateVerdicts.rolloutFloor(rollout.users(), share));
  }

  /**
   * Returns the exact binomial power of a rollout gate, shared with the assignments audit: which
   * error too high and too low it catches with 80% power.
   */
  public static Gate.Power rolloutPower(long users, double share, double alpha) {
    PowerAnalysis.RolloutPower detectable =
        users == 0 || users > Integer.MAX_VALUE
            ? new PowerAnalysis.RolloutPower(Double.NaN, Double.NaN)
            : PowerAnalysis.rollout(users, share, alpha);
    String high =
        Double.isNaN(detectable.tooHigh())
            ? "no rollout too high"
            : format("%.2f points too high", detectable.tooHigh() * 100);
    String low =
        Double.isNaN(detectable.tooLow())
            ? "no rollout too low"
            : format("%.2f points too low", detectable.tooLow() * 100);
    return new Gate.Power(
        Double.isNaN(detectable.eitherWay()) ? Double.NaN : detectable.eitherWay() * 100,
        "percentage points",
        "catches " + high + ", " + low + " (exact binomial power)");
  }

  /** Returns what a rollout gate measured, such as {@code 512 of 10,000 enabled (5.120%), ...}. */
  public static String rolloutMeasured(RolloutAccuracy rollout, String unitWord) {
    return format(
        "%,d of %,d %s (%.3f%%), acceptance region [%,d, %,d], Wilson [%.3f%%, %.3f%%]",
        rollout.enabled(),
        rollout.users(),
        unitWord,
        rollout.observedShare() * 100,
        rollout.lowest(),
        rollout.highest(),
        rollout.wilsonLow() * 100,
        rollout.wilsonHigh() * 100);
  }

  /** Returns a rollout gate's test and validity condition, with its smallest p-value. */
  public static String rolloutValidity(RolloutAccuracy rollout, double alpha) {
    return format(
        "exact binomial region at %s; exact size %.3g; smallest p-value both ways %.3g"
            + " (inconclusive when not below the level in force)",
        plain(1 - alpha),
        rollout.size(),
        GateVerdicts.rolloutFloor(rollout.users(), rollout.expectedShare()));
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
            : format(
                "%s, p = %.3g; in both %,d, A only %,d, B only %,d, neither %,d",
                Double.isNaN(independence.statistic())
                    ? "no statistic"
                    : format("chi-square %.2f, df 1", independence.statistic()),
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
    return gate(
        id(GateId.Kind.INDEPENDENCE, ""),
        "flag independence",
        measured,
        validity,
        power,
        needed,
        users == 0 ? 1 : independence.pValue(),
        users == 0 || !independence.decidable() ? 1 : independence.smallestPValue());
  }

  private Gate.Power powerOfIndependence(double alpha) {
    double excess = PowerAnalysis.independenceExcess(users, 0.5, 0.5, alpha);
    return new Gate.Power(
        excess * 100,
        "percentage points",
        format(
            "catches users in both flags at %.2f%% instead"
                + " of 25%% (%.2f points; noncentral chi-square)",
            25 + excess * 100, excess * 100));
  }

  private Gate saltGate() {
    double alpha = saltMetaTest.alpha();
    double share = PowerAnalysis.saltShare(saltMetaTest.flagCount(), alpha);
    Gate.Power power =
        Double.isNaN(share)
            ? Gate.Power.none(
                "percent of flag keys",
                format(
                    "no share of the %d flag keys is caught with 80%% power",
                    saltMetaTest.flagCount()))
            : new Gate.Power(
                share * 100,
                "percent of flag keys",
                format(
                    "catches %.1f%% of the %d flag keys"
                        + " bucketing plainly non-uniformly (seeded simulation, seed %#x)",
                    share * 100, saltMetaTest.flagCount(), PowerAnalysis.SALT_SEED));
    GateId id = id(GateId.Kind.SALT_META_TEST, Integer.toString(saltMetaTest.flagCount()));
    if (!saltMetaTest.decidable()) {
      return gate(
          id,
          "salt meta-test",
          users == 0 ? "no ids" : format("%,d users per flag key", saltMetaTest.users()),
          "per-flag chi-square needs at least 2 bins of 5 users",
          power,
          2L * SaltMetaTest.SALT_USERS_PER_BIN,
          1,
          1);
    }
    String measured =
        format(
            "KS D = %.4f over %d flag keys, p = %.3g",
            saltMetaTest.statistic(), saltMetaTest.flagCount(), saltMetaTest.pValue());
    String validity =
        format(
            "Kolmogorov-Smirnov of %d randomized per-flag p-values (chi-square over %d bins of"
                + " %,d users, seeded Monte Carlo null): uniform under the null at any size",
            saltMetaTest.flagCount(), saltMetaTest.bins(), saltMetaTest.users());
    return gate(
        id,
        "salt meta-test",
        measured,
        validity,
        power,
        2L * SaltMetaTest.SALT_USERS_PER_BIN,
        saltMetaTest.pValue(),
        0);
  }

  private GateId id(GateId.Kind kind, String parameter) {
    return new GateId(kind, population, name, parameter);
  }

  private Gate gate(
      GateId id,
      String gateName,
      String measured,
      String validity,
      Gate.Power power,
      long usersNeeded,
      double pValue,
      double smallestPValue) {
    return Gate.decided(
        id,
        population,
        name,
        gateName,
        measured,
        validity,
        power,
        usersNeeded,
        pValue,
        smallestPValue,
        alpha());
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
