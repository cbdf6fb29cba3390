package dev.bucketproof.reports.statistics;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * The rollout gate: an observed enabled count against the exact two-sided binomial acceptance
 * region of the configured share, with its Wilson interval.
 *
 * <p>A rollout's observed share against the exact binomial acceptance region.
 *
 * @param percent the configured percentage
 * @param expectedShare the share of buckets enabled, threshold / bucketCount
 * @param users the population size
 * @param enabled the users enabled
 * @param lowest the smallest count inside the two-sided 1 - alpha binomial region
 * @param highest the largest count inside it
 * @param wilsonLow the lower end of the Wilson score interval of the observed share at 1 - alpha
 * @param wilsonHigh its upper end
 * @param alpha the level of the region
 */
public record RolloutAccuracy(
    String percent,
    double expectedShare,
    long users,
    long enabled,
    long lowest,
    long highest,
    double wilsonLow,
    double wilsonHigh,
    double alpha) {
  /** Returns the observed share, enabled / users. */
  public double observedShare() {
    return users == 0 ? 0 : (double) enabled / users;
  }

  /** Returns whether the enabled count lies inside the acceptance region. */
  public boolean inRegion() {
    return enabled >= lowest && enabled <= highest;
  }

  /**
   * Returns whether the region can reject in both directions (it excludes 0 and every user enabled,
   * for a share strictly between 0 and 1), so that staying inside it is a pass and not a test that
   * could not fail: 1% of 100 users has region [0, 6] and cannot see a rollout that enables nobody.
   */
  public boolean valid() {
    boolean low = expectedShare == 0 || lowest > 0;
    boolean high = expectedShare == 1 || highest < users;
    return users > 0 && low && high;
  }

  /** Returns whether the gate passes: inside the region, and the region can reject both ways. */
  public boolean passed() {
    return inRegion() && valid();
  }

  /**
   * Returns the exact size of the test, P(X outside [lowest, highest]) for X ~ Binomial(users,
   * expectedShare): at most alpha, and below it because the binomial is discrete.
   */
  public double size() {
    return users == 0
        ? 0
        : PowerAnalysis.rolloutRejection(users, expectedShare, new long[] {lowest, highest});
  }

  /**
   * Returns the fewest users for which the exact region of a rollout at {@code share} can reject in
   * both directions ({@link RolloutAccuracy#valid()}): 12 at 50%, 826 at 1% (alpha 0.0005).
   *
   * @throws IllegalArgumentException if share is not within (0, 1)
   */
  public static long usersNeeded(double share, double alpha) {
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("share must be within (0, 1): " + share);
    }
    double tail = Math.log(alpha / 2);
    long users =
        (long)
            Math.max(
                1, Math.floor(Math.max(tail / Math.log1p(-share), tail / Math.log(share))) - 2);
    while (true) {
      long[] region = region(users, share, alpha);
      if (region[0] > 0 && region[1] < users) {
        return users;
      }
      users++;
    }
  }

  /**
   * Returns the two-sided 1 - alpha acceptance region of Binomial(users, share): the counts k with
   * P(X < k) > alpha/2 and P(X > k) > alpha/2, as {@code {lowest, highest}}.
   *
   * @throws IllegalArgumentException if users is negative or above 2^31-1, or share is outside [0,
   *     1]
   */
  public static long[] region(long users, double share, double alpha) {
    if (users < 0 || users > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("users must be within [0, 2147483647]: " + users);
    }
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be within [0, 1]: " + share);
    }
    if (share == 0 || share == 1 || users == 0) {
      long exact = Math.round(users * share);
      return new long[] {exact, exact};
    }
    BinomialDistribution distribution = new BinomialDistribution(NO_SAMPLING, (int) users, share);
    // Smallest k with P(X <= k) >= alpha/2: every smaller count is in the lower rejection tail.
    long lowest = distribution.inverseCumulativeProbability(alpha / 2);
    // Smallest m with P(X <= m) >= 1 - alpha/2: P(X >= m) > alpha/2 still holds, P(X >= m + 1) does
    // not.
    long highest = distribution.inverseCumulativeProbability(1 - alpha / 2);
    return new long[] {lowest, highest};
  }

  /**
   * Returns the Wilson score interval {@code {low, high}} for {@code successes} of {@code trials}
   * at confidence 1 - alpha.
   *
   * @throws IllegalArgumentException if the counts are negative or successes exceed trials
   */
  public static double[] wilson(long successes, long trials, double alpha) {
    if (trials < 0 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "need 0 <= successes <= trials: " + successes + " of " + trials);
    }
    if (trials == 0) {
      return new double[] {0, 1};
    }
    if (trials > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("trials must be at most 2147483647: " + trials);
    }
    if (trials >= 1L << 30) {
      // commons-math 3.6.1's WilsonScoreInterval computes 2 * numberOfTrials in int, which
      // overflows from 2^30 trials (0 of 2^31 - 1 gave an upper end of -6.06): from there the
      // same formula in double arithmetic
      return wilsonInDoubles(successes, trials, alpha);
    }
    ConfidenceInterval interval =
        new WilsonScoreInterval().createInterval((int) trials, (int) successes, 1 - alpha);
    return new double[] {
      Math.max(0, interval.getLowerBound()), Math.min(1, interval.getUpperBound())
    };
  }

  /** The Wilson score interval, as commons-math computes it, with every count a double. */
  private static double[] wilsonInDoubles(long successes, long trials, double alpha) {
    double z =
        new NormalDistribution(NO_SAMPLING, 0, 1).inverseCumulativeProbability(1 - alpha / 2);
    double zSquared = z * z;
    double count = trials;
    double mean = successes / count;
    double factor = 1 / (1 + zSquared / count);
    double centre = mean + zSquared / (2 * count);
    double difference = z * Math.sqrt(mean * (1 - mean) / count + zSquared / (4 * count * count));
    return new double[] {
      Math.max(0, factor * (centre - difference)), Math.min(1, factor * (centre + difference))
    };
  }

  /**
   * Returns the accuracy of a rollout enabling {@code enabled} of {@code users} with expected
   * share.
   */
  public static RolloutAccuracy of(
      String percent, double expectedShare, long users, long enabled, double alpha) {
    long[] region = region(users, expectedShare, alpha);
    double[] interval = wilson(enabled, users, alpha);
    return new RolloutAccuracy(
        percent,
        expectedShare,
        users,
        enabled,
        region[0],
        region[1],
        interval[0],
        interval[1],
        alpha);
  }

  /**
   * Returns the doubled smaller tail of a rollout's enabled count, {@code min(1, 2 min(P(X <= k),
   * P(X >= k)))} under Binomial(users, expectedShare): below alpha exactly outside its region; 1 or
   * 0 for a share of 0 or 1 (inside or outside the one-count region).
   */
  public double pValue() {
    RolloutAccuracy rollout = this;
    double share = rollout.expectedShare();
    if (rollout.users() == 0) {
      return 1;
    }
    if (share == 0 || share == 1) {
      return rollout.inRegion() ? 1 : 0;
    }
    BinomialDistribution distribution =
        new BinomialDistribution(NO_SAMPLING, (int) rollout.users(), share);
    int enabled = (int) rollout.enabled();
    double lower = distribution.cumulativeProbability(enabled);
    double upper = enabled == 0 ? 1 : 1 - distribution.cumulativeProbability(enabled - 1);
    return Math.min(1, 2 * Math.min(lower, upper));
  }

  private static final RandomGenerator NO_SAMPLING = null;
}
