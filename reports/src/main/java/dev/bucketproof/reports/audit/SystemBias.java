package dev.bucketproof.reports.audit;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.profiles.FlagdProfile;
import dev.bucketproof.bucketing.profiles.GrowthBookProfile;
import dev.bucketproof.bucketing.profiles.LaunchDarklyProfile;
import dev.bucketproof.bucketing.profiles.OptimizelyProfile;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.bucketing.profiles.SplitProfile;
import dev.bucketproof.bucketing.profiles.UnleashProfile;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The bias of each system's own rollout rule, computed exactly rather than sampled: the share of
 * all hash values that a rollout of p% enables under the system's cut-off (its remainder, its
 * scaled multiply, its float division or float running sum, its inclusive {@code <=}), assuming
 * only that the hash itself is uniform over its range (the gates test that part on real ids). The
 * effect is that share minus p, and it is "visible" at n users when a two-sided test at the
 * report's alpha detects it with 80% power (normal approximation: {@code n >= (z(1 - alpha/2) +
 * z(0.8))^2 p (1 - p) / effect^2}).
 *
 * <p>Examples: GrowthBook v1 enables {@code n <= coverage} of 1,000 values, so 1% enables 1.1%
 * (+0.1 points, visible from about 90,000 users); flagd 0.11's float mapping and LaunchDarkly's
 * float cut-offs move a rollout by about 1e-7, invisible at any realistic size.
 *
 * <p>Thread-safety: immutable.
 *
 * @param profile the profile's label
 * @param percent the rollout, exact, such as {@code 12.5}
 * @param share the share of hash values enabled, or NaN when the system cannot express the rollout
 * @param rule how the share was computed, one line
 */
public record SystemBias(String profile, String percent, double share, String rule) {
  private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);
  private static final double Z_POWER =
      new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.8);

  /** Validates the components. */
  public SystemBias {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(percent, "percent");
    Objects.requireNonNull(rule, "rule");
  }

  /** Returns the nominal share, p / 100. */
  public double nominal() {
    return Double.parseDouble(percent) / 100;
  }

  /**
   * Returns {@code share - nominal}, in shares (0.001 is 0.1 percentage points); NaN if not
   * expressible.
   */
  public double effect() {
    return share - nominal();
  }

  /** Returns whether the system can express the rollout at all. */
  public boolean expressible() {
    return !Double.isNaN(share);
  }

  /**
   * Returns the users at which a two-sided test at {@code alpha} sees the effect with 80% power, or
   * {@link Long#MAX_VALUE} when there is no effect.
   */
  public long usersToSee(double alpha) {
    double effect = Math.abs(effect());
    double p = nominal();
    if (!(effect > 0) || p <= 0 || p >= 1) {
      return effect > 0 ? 1 : Long.MAX_VALUE;
    }
    double z =
        new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - alpha / 2) + Z_POWER;
    double users = Math.ceil(z * z * p * (1 - p) / (effect * effect));
    return users >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) users;
  }

  /** Returns whether {@code users} users see the effect with 80% power at {@code alpha}. */
  public boolean visibleAt(long users, double alpha) {
    return expressible() && users >= usersToSee(alpha);
  }

  /** Returns one line: profile, rollout, exact share, effect. */
  public String describe() {
    if (!expressible()) {
      return profile + " " + percent + "%: not expressible (" + rule + ")";
    }
    return String.format(
        Locale.ROOT,
        "%s %s%%: enables %.7f%% of hash values, effect %+.2e (%s)",
        profile,
        percent,
        100 * share,
        effect(),
        rule);
  }

  /** Returns the bias of every profile at every percentage, profiles outer. */
  public static List<SystemBias> of(List<BucketingProfile> profiles, List<String> percents) {
    List<SystemBias> all = new ArrayList<>();
    for (BucketingProfile profile : profiles) {
      for (String percent : percents) {
        all.add(of(profile, Rollout.ofPercent("f", Double.parseDouble(percent))));
      }
    }
    return all;
  }

  /**
   * Returns the exact share that {@code profile} enables for {@code rollout}.
   *
   * @throws IllegalArgumentException if the profile is of a kind this class does not know
   */
  public static SystemBias of(BucketingProfile profile, Rollout rollout) {
    String label = Profiles.label(profile);
    String percent = rollout.percent().toPlainString();
    int basisPoints = rollout.basisPoints();
    if (profile instanceof Bucketer bucketer) {
      if ((long) basisPoints * bucketer.bucketCount() % Rollout.FULL != 0
          || bucketer.hasher().family().bits() != 32) {
        return new SystemBias(label, percent, Double.NaN, "needs a bucket count that expresses it");
      }
      int threshold = rollout.threshold(bucketer.bucketCount());
      return new SystemBias(
          label,
          percent,
          remainderShare(TWO_32, bucketer.bucketCount(), threshold),
          "unsigned(h) % " + bucketer.bucketCount() + " < " + threshold);
    }
    if (profile instanceof UnleashProfile || profile instanceof SplitProfile) {
      if (basisPoints % 100 != 0) {
        return new SystemBias(label, percent, Double.NaN, "whole percents only");
      }
      int whole = basisPoints / 100;
      if (profile instanceof SplitProfile split
          && split.algorithm() == SplitProfile.Algorithm.LEGACY) {
        // abs(h % 100) of a signed int: h in [0, 2^31) and -h in [1, 2^31]
        BigInteger half = BigInteger.ONE.shiftLeft(31);
        BigInteger count =
            remainderCount(half, 100, whole)
                .add(remainderCount(half.add(BigInteger.ONE), 100, whole))
                .subtract(whole > 0 ? BigInteger.ONE : BigInteger.ZERO);
        return new SystemBias(
            label, percent, ratio(count, TWO_32), "abs(signed h % 100) + 1 <= " + whole);
      }
      return new SystemBias(
          label, percent, remainderShare(TWO_32, 100, whole), "unsigned(h) % 100 + 1 <= " + whole);
    }
    if (profile instanceof OptimizelyProfile
        || profile instanceof FlagdProfile flagd && !flagd.legacyFloat()) {
      // (h * 10000) >>> 32 < bp  <=>  h < ceil(bp * 2^32 / 10000)
      BigInteger limit =
          BigInteger.valueOf(basisPoints)
              .shiftLeft(32)
              .add(BigInteger.valueOf(Rollout.FULL - 1))
              .divide(BigInteger.valueOf(Rollout.FULL));
      return new SystemBias(
          label, percent, ratio(limit, TWO_32), "(unsigned(h) * 10000) >>> 32 < " + basisPoints);
    }
    if (profile instanceof FlagdProfile) {
      return new SystemBias(
          label,
          percent,
          flagd011Share(basisPoints),
          "abs(signed h) * 1.0f / Integer.MAX_VALUE * 100 < "
              + basisPoints
              + " * 100 / 10000f, float");
    }
    if (profile instanceof LaunchDarklyProfile) {
      return new SystemBias(
          label,
          percent,
          launchDarklyShare(basisPoints * 10),
          "(float) h60 / 2^60 < " + basisPoints * 10 + " / 100000f, float");
    }
    if (profile instanceof GrowthBookProfile growthBook) {
      int values = growthBook.bucketCount();
      double coverage = basisPoints / 10000.0;
      BigInteger count = BigInteger.ZERO;
      if (coverage != 0) {
        for (int k = 0; k < values; k++) {
          if ((double) k / values <= coverage) {
            count =
                count
                    .add(TWO_32.divide(BigInteger.valueOf(values)))
                    .add(
                        k < TWO_32.mod(BigInteger.valueOf(values)).intValue()
                            ? BigInteger.ONE
                            : BigInteger.ZERO);
          }
        }
      }
      return new SystemBias(
          label,
          percent,
          ratio(count, TWO_32),
          "h % "
              + values
              + " / "
              + values
              + " <= "
              + coverage
              + (growthBook.version() == 2 ? " (outer FNV taken as uniform)" : ""));
    }
    throw new IllegalArgumentException("no exact rollout share for profile " + label);
  }

  /**
   * Returns the share of values in [0, range) whose remainder by {@code divisor} is below {@code
   * below}.
   */
  static double remainderShare(BigInteger range, int divisor, int below) {
    return ratio(remainderCount(range, divisor, below), range);
  }

  /**
   * Returns how many values in [0, range) have a remainder by {@code divisor} below {@code below}.
   */
  static BigInteger remainderCount(BigInteger range, int divisor, int below) {
    BigInteger[] split = range.divideAndRemainder(BigInteger.valueOf(divisor));
    return split[0]
        .multiply(BigInteger.valueOf(below))
        .add(BigInteger.valueOf(Math.min(below, split[1].intValue())));
  }

  /**
   * flagd 0.11: hashes h with abs(h) = x count twice (x > 0), once (x = 0), and MIN_VALUE maps to
   * -100.
   */
  static double flagd011Share(int basisPoints) {
    float cutOff = basisPoints * 100 / (float) Rollout.FULL;
    // the number of x in [0, 2^31 - 1] whose float bucket is below the cut-off: the bucket is
    // non-decreasing
    long low = 0;
    long high = Integer.MAX_VALUE + 1L;
    while (low < high) {
      long middle = (low + high) >>> 1;
      if ((int) middle * 1.0f / Integer.MAX_VALUE * 100 < cutOff) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    long below = low;
    long hashes = (below == 0 ? 0 : 1 + 2 * (below - 1)) + (-100f < cutOff ? 1 : 0);
    return ratio(BigInteger.valueOf(hashes), TWO_32);
  }

  /** LaunchDarkly: the share of h in [0, 2^60) with (float) h / 2^60 below the float cut-off. */
  static double launchDarklyShare(int weight) {
    return ratio(BigInteger.valueOf(launchDarklyCount(weight)), BigInteger.ONE.shiftLeft(60));
  }

  /** LaunchDarkly: the number of h in [0, 2^60) with (float) h / 2^60 below the float cut-off. */
  static long launchDarklyCount(int weight) {
    float cutOff = 0f + weight / 100000f;
    float divisor = (float) 0xFFFFFFFFFFFFFFFL;
    long low = 0;
    long high = 1L << 60;
    while (low < high) {
      long middle = (low + high) >>> 1;
      if (middle / divisor < cutOff) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private static double ratio(BigInteger count, BigInteger range) {
    return new java.math.BigDecimal(count)
        .divide(new java.math.BigDecimal(range), java.math.MathContext.DECIMAL64)
        .doubleValue();
  }
}
