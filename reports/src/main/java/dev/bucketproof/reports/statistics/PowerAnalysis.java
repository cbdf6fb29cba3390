package dev.bucketproof.reports.statistics;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * What each gate can detect: the smallest effect caught with 80% power ({@link
 * NoncentralChiSquare#POWER}) at the gate's alpha, in the user's units, and the users needed to
 * catch a given effect.
 *
 * <ul>
 *   <li>Rollout: exact binomial power of the gate's own acceptance region, in each direction.
 *       10,000 users, 5%, alpha 0.0005: a rollout 0.97 points too high or 0.91 too low is caught.
 *   <li>Uniformity: noncentral chi-square (both tails at alpha / 2, the upper one has the power).
 *       One bucket off by a relative d, the others sharing the difference, gives Cohen's w^2 = d^2
 *       / (k - 1) for k buckets, so d = sqrt(lambda (k - 1) / n).
 *   <li>Independence: noncentral chi-square, df 1. An excess e of the share in both flags (every
 *       cell of the 2x2 table off by e) gives w^2 = e^2 / (a b (1 - a)(1 - b)) for flag shares a
 *       and b.
 *   <li>Split (SRM): noncentral chi-square, df variants - 1. Variant i's share off by a relative r,
 *       the others sharing the difference in proportion, gives w^2 = r^2 p_i / (1 - p_i); the
 *       figure is the smallest variant's, the hardest to see.
 *   <li>Salt meta-test: seeded simulation ({@link #SALT_SEED}): the share of flag keys whose
 *       buckets are plainly non-uniform (per-flag p-value 0) that the Kolmogorov-Smirnov test
 *       catches.
 * </ul>
 *
 * <p>Thread-safety: stateless apart from a cache of simulated salt figures; safe for concurrent
 * use.
 */
public final class PowerAnalysis {
  /** The seed of the salt meta-test's power simulation. */
  public static final long SALT_SEED = 0x5A17_2026L;

  /** Simulated meta-tests per step of the salt power search. */
  static final int SALT_RUNS = 4_000;

  private static final double POWER = NoncentralChiSquare.POWER;
  private static final ConcurrentMap<String, Double> SALT = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, Double> LAMBDA = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, RolloutPower> ROLLOUT = new ConcurrentHashMap<>();

  private PowerAnalysis() {}

  /**
   * The smallest rollout errors the exact binomial gate catches with 80% power, as shares (0.008 =
   * 0.8 percentage points).
   *
   * @param tooHigh the smallest excess of the true share over the configured one; NaN when none is
   *     caught (the region reaches every user)
   * @param tooLow the smallest shortfall; NaN when none is caught (the region reaches 0)
   */
  public record RolloutPower(double tooHigh, double tooLow) {
    /**
     * Returns the larger of the two: an error this large is caught in either direction; NaN if one
     * is NaN.
     */
    public double eitherWay() {
      return Double.isNaN(tooHigh) || Double.isNaN(tooLow) ? Double.NaN : Math.max(tooHigh, tooLow);
    }
  }

  /**
   * Returns the rollout errors detected with 80% power by the exact binomial region of {@link
   * RolloutAccuracy#region} at {@code alpha}.
   *
   * @throws IllegalArgumentException as {@link RolloutAccuracy#region} does
   */
  public static RolloutPower rollout(long users, double share, double alpha) {
    String key = users + ":" + share + ":" + alpha;
    RolloutPower cached = ROLLOUT.get(key);
    if (cached != null) {
      return cached;
    }
    RolloutPower computed = computeRollout(users, share, alpha);
    if (ROLLOUT.size() < 4_096) {
      ROLLOUT.put(key, computed);
    }
    return computed;
  }

  private static RolloutPower computeRollout(long users, double share, double alpha) {
    long[] region = RolloutAccuracy.region(users, share, alpha);
    if (users == 0 || share == 0 || share == 1) {
      return new RolloutPower(
          users == 0 || share == 1 ? Double.NaN : smallestUp(users, share, region),
          users == 0 || share == 0 ? Double.NaN : smallestDown(users, share, region));
    }
    return new RolloutPower(smallestUp(users, share, region), smallestDown(users, share, region));
  }

  /** Returns P(X outside region) for X ~ Binomial(users, share). */
  public static double rolloutRejection(long users, double share, long[] region) {
    if (share <= 0) {
      return region[0] > 0 ? 1 : 0;
    }
    if (share >= 1) {
      return region[1] < users ? 1 : 0;
    }
    BinomialDistribution distribution = new BinomialDistribution(null, (int) users, share);
    double below = region[0] == 0 ? 0 : distribution.cumulativeProbability((int) region[0] - 1);
    double above = 1 - distribution.cumulativeProbability((int) region[1]);
    return below + above;
  }

  private static double smallestUp(long users, double share, long[] region) {
    if (region[1] >= users) {
      return Double.NaN;
    }
    double low = share;
    double high = 1;
    for (int step = 0; step < 45; step++) {
      double middle = (low + high) / 2;
      if (rolloutRejection(users, middle, region) >= POWER) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high - share;
  }

  private static double smallestDown(long users, double share, long[] region) {
    if (region[0] <= 0) {
      return Double.NaN;
    }
    double low = 0;
    double high = share;
    for (int step = 0; step < 45; step++) {
      double middle = (low + high) / 2;
      if (rolloutRejection(users, middle, region) >= POWER) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return share - low;
  }

  /**
   * Returns the fewest users with which the rollout gate catches an error of {@code error} (a
   * share) in both directions with 80% power. The power of an exact test zigzags with n; this is
   * the first n of the search where both directions reach 80%.
   *
   * @throws IllegalArgumentException if share is not within (0, 1), or error is not within (0,
   *     share] and (0, 1 - share]
   */
  public static long rolloutUsers(double share, double error, double alpha) {
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("rollout share must be within (0, 1): " + share);
    }
    if (!(error > 0 && error <= Math.min(share, 1 - share))) {
      throw new IllegalArgumentException(
          "error must be within (0, " + Math.min(share, 1 - share) + "]: " + error);
    }
    long low = 1;
    long high = 2;
    while (!rolloutCatches(high, share, error, alpha)) {
      low = high;
      high *= 2;
      if (high > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "error " + error + " needs more than 2147483647 users at share " + share);
      }
    }
    while (high - low > 1) {
      long middle = (low + high) >>> 1;
      if (rolloutCatches(middle, share, error, alpha)) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }

  /** The most sizes {@link #rolloutPlan} evaluates on each side of the search's answer. */
  static final long PLAN_WINDOW_LIMIT = 100_000;

  /**
   * The planner's two answers for a rollout gate. The power of an exact binomial test is a sawtooth
   * in n: it reaches 80% at some n, falls back below at some larger ones, and only from a later n
   * on stays above.
   *
   * @param smallest the fewest users that reach 80% power in both directions
   * @param stable the n from which power never falls below 80% again, within the sizes checked
   * @param checkedFrom the smallest size evaluated
   * @param checkedTo the largest size evaluated: {@code stable} holds up to it
   */
  public record RolloutPlan(long smallest, long stable, long checkedFrom, long checkedTo) {}

  /**
   * Returns the planner's two answers: a bisection finds one n that reaches 80% power, then every n
   * within a window around it (a fifth of n each side, at least 200, at most {@value
   * #PLAN_WINDOW_LIMIT}) is evaluated exactly, giving the smallest n that reaches 80% and the n
   * from which no larger n in the window falls below it.
   *
   * @throws IllegalArgumentException as {@link #rolloutUsers} does
   */
  public static RolloutPlan rolloutPlan(double share, double error, double alpha) {
    long found = rolloutUsers(share, error, alpha);
    long window = Math.min(PLAN_WINDOW_LIMIT, Math.max(200, found / 5));
    long from = Math.max(1, found - window);
    long to = Math.min(Integer.MAX_VALUE, found + window);
    long smallest = found;
    long lastShort = 0;
    for (long users = from; users <= to; users++) {
      if (rolloutCatches(users, share, error, alpha)) {
        smallest = Math.min(smallest, users);
      } else {
        lastShort = users;
      }
    }
    return new RolloutPlan(smallest, Math.max(lastShort + 1, smallest), from, to);
  }

  private static boolean rolloutCatches(long users, double share, double error, double alpha) {
    long[] region = RolloutAccuracy.region(users, share, alpha);
    return rolloutRejection(users, share + error, region) >= POWER
        && rolloutRejection(users, share - error, region) >= POWER;
  }

  /**
   * Returns the noncentrality a level-alpha chi-square test with these degrees of freedom needs for
   * 80% power.
   */
  public static double lambda(int degreesOfFreedom, double alpha) {
    return LAMBDA.computeIfAbsent(
        degreesOfFreedom + ":" + alpha,
        key -> NoncentralChiSquare.lambdaFor(degreesOfFreedom, alpha, POWER));
  }

  /**
   * Returns the smallest relative deviation of one bucket (0.1 = one bucket holds 10% more or less
   * than its share) that the two-tailed uniformity gate over {@code buckets} equal buckets catches
   * with 80% power at {@code alpha}, from {@code users} users. Cohen's w is {@code deviation /
   * sqrt(buckets - 1)}.
   *
   * @throws IllegalArgumentException if buckets is below 2 or users below 1
   */
  public static double uniformityDeviation(long users, int buckets, double alpha) {
    checkBuckets(buckets, users);
    return Math.sqrt(lambda(buckets - 1, alpha / 2) * (buckets - 1) / users);
  }

  /**
   * Below this many expected users per bucket the noncentral chi-square approximation overstates
   * the uniformity gate's power by more than 2 points (seeded multinomial simulation, 4,000 draws:
   * 74.5% at 100 buckets x 10,000 users, 67.6% at 100 x 1,000, 76.4% at 1,000 x 100,000, 77.7% at
   * 100 x 50,000; 78.4% at 100 x 100,000 and 78.5% at 100 x 1,000,000), so there the power is
   * simulated.
   */
  public static final double SIMULATE_BELOW_PER_BUCKET = 1_000;

  /** The simulation's draws per evaluated deviation: Monte Carlo standard error 0.9 points. */
  static final int UNIFORMITY_DRAWS = 2_000;

  /** The simulation's seed: the same draws for every deviation (common random numbers). */
  public static final long UNIFORMITY_SEED = 0x0D1F_2026L;

  /**
   * The most users whose power is simulated (each draw places every user: about 2 s at this size);
   * above, the approximation is used and the report says it may overstate.
   */
  static final int SIMULATE_MAX_USERS = 20_000;

  private static final ConcurrentMap<String, UniformityPower> UNIFORMITY =
      new ConcurrentHashMap<>();

  /**
   * The uniformity gate's power: the smallest relative deviation of one bucket (its count that much
   * above expected, the others evenly below) caught 80% of the time, and how it was found.
   *
   * @param deviation the relative deviation (0.05 = 5%); NaN when no deviation of one bucket is
   *     caught 80% of the time at this size
   * @param simulated whether it comes from the seeded simulation rather than the approximation
   * @param method the method in words, for the report
   */
  public record UniformityPower(double deviation, boolean simulated, String method) {}

  /**
   * Returns the uniformity gate's power at {@code users} over {@code buckets} equal buckets, two
   * tails at {@code alpha / 2} each: the noncentral chi-square approximation from {@link
   * #SIMULATE_BELOW_PER_BUCKET} expected users per bucket up, else a seeded simulation of the
   * multinomial counts ({@value #UNIFORMITY_DRAWS} draws per deviation, seed {@link
   * #UNIFORMITY_SEED}) bisected to 80%; more than {@value #SIMULATE_MAX_USERS} users keep the
   * approximation and say that it may overstate.
   */
  public static UniformityPower uniformityPower(long users, int buckets, double alpha) {
    String key = users + ":" + buckets + ":" + alpha;
    UniformityPower cached = UNIFORMITY.get(key);
    if (cached != null) {
      return cached;
    }
    UniformityPower computed = computeUniformityPower(users, buckets, alpha);
    if (UNIFORMITY.size() < 4_096) {
      UNIFORMITY.put(key, computed);
    }
    return computed;
  }

  private static UniformityPower computeUniformityPower(long users, int buckets, double alpha) {
    double approximate = uniformityDeviation(users, buckets, alpha);
    double perBucket = (double) users / buckets;
    if (perBucket >= SIMULATE_BELOW_PER_BUCKET) {
      return new UniformityPower(approximate, false, "noncentral chi-square");
    }
    if (users > SIMULATE_MAX_USERS) {
      return new UniformityPower(
          approximate,
          false,
          String.format(
              Locale.ROOT,
              "noncentral chi-square; at %.0f users per bucket (below 1,000) it overstates the"
                  + " power by a few points (not simulated above 20,000 users)",
              perBucket));
    }
    int n = (int) users;
    double largest = buckets - 1.0; // one bucket holding every user
    double high = Math.min(largest, 1.25 * approximate);
    while (simulatedPower(n, buckets, alpha, high) < POWER) {
      if (high >= largest) {
        return new UniformityPower(
            Double.NaN,
            true,
            String.format(
                Locale.ROOT,
                "seeded simulation (%,d draws): at this size no deviation of one bucket is caught"
                    + " 80%% of the time",
                UNIFORMITY_DRAWS));
      }
      high = Math.min(largest, 2 * high);
    }
    double low = Math.min(high, approximate) * 0.9;
    for (int step = 0; step < 12; step++) {
      double middle = (low + high) / 2;
      if (simulatedPower(n, buckets, alpha, middle) >= POWER) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return new UniformityPower(
        high,
        true,
        String.format(
            Locale.ROOT,
            "seeded simulation, %,d draws (%.1f users per bucket: the noncentral chi-square"
                + " approximation would claim %.1f%%)",
            UNIFORMITY_DRAWS,
            perBucket,
            approximate * 100));
  }

  /**
   * Returns the share of {@value #UNIFORMITY_DRAWS} seeded multinomial samples (one bucket's share
   * {@code (1 + deviation) / buckets}, the others equal) that the two-sided chi-square gate rejects
   * at {@code alpha}.
   */
  static double simulatedPower(int users, int buckets, double alpha, double deviation) {
    ChiSquaredDistribution chiSquare = new ChiSquaredDistribution(null, buckets - 1);
    double upper = chiSquare.inverseCumulativeProbability(1 - alpha / 2);
    double lower = chiSquare.inverseCumulativeProbability(alpha / 2);
    double first = Math.min(1, (1 + deviation) / buckets);
    double expected = (double) users / buckets;
    SplittableRandom random = new SplittableRandom(UNIFORMITY_SEED);
    int[] counts = new int[buckets];
    int rejected = 0;
    for (int draw = 0; draw < UNIFORMITY_DRAWS; draw++) {
      Arrays.fill(counts, 0);
      for (int user = 0; user < users; user++) {
        counts[random.nextDouble() < first ? 0 : 1 + random.nextInt(buckets - 1)]++;
      }
      double statistic = 0;
      for (int count : counts) {
        statistic += (count - expected) * (count - expected) / expected;
      }
      if (statistic > upper || statistic < lower) {
        rejected++;
      }
    }
    return (double) rejected / UNIFORMITY_DRAWS;
  }

  /** Returns the users needed for {@link #uniformityDeviation} to reach {@code deviation}. */
  public static long uniformityUsers(int buckets, double deviation, double alpha) {
    checkBuckets(buckets, 1);
    checkEffect("deviation", deviation);
    return (long)
        Math.ceil(lambda(buckets - 1, alpha / 2) * (buckets - 1) / (deviation * deviation));
  }

  /** Returns Cohen's w of one bucket of {@code buckets} off by the relative {@code deviation}. */
  public static double cohenW(int buckets, double deviation) {
    return deviation / Math.sqrt(buckets - 1);
  }

  /**
   * Returns the smallest excess of the share of users in both flags (0.01 = 1 percentage point more
   * than shareA x shareB) that the 2x2 independence gate catches with 80% power.
   *
   * @throws IllegalArgumentException if a share is not within (0, 1) or users is below 1
   */
  public static double independenceExcess(long users, double shareA, double shareB, double alpha) {
    checkShare(shareA);
    checkShare(shareB);
    if (users < 1) {
      throw new IllegalArgumentException("users must be >= 1: " + users);
    }
    return Math.sqrt(lambda(1, alpha) * shareA * shareB * (1 - shareA) * (1 - shareB) / users);
  }

  /**
   * Returns the smallest relative error of a variant's share (0.02 = the variant gets 2% more or
   * less than its weight says) that the split (SRM) gate catches with 80% power, for the smallest
   * variant; NaN when no error of a share is detectable at this size (the answer would be 100% or
   * more: 3 + 7 users of a 50/50 split would need the smaller share 137% off, which no share can
   * be).
   *
   * @throws IllegalArgumentException if fewer than 2 weights are positive, or users is below 1
   */
  public static double splitError(long users, double[] weights, double alpha) {
    double[] shares = positiveShares(weights);
    if (users < 1) {
      throw new IllegalArgumentException("users must be >= 1: " + users);
    }
    double smallest = Arrays.stream(shares).min().orElseThrow();
    double error =
        Math.sqrt(lambda(shares.length - 1, alpha) * (1 - smallest) / (users * smallest));
    return error < 1 ? error : Double.NaN;
  }

  /** Returns the users needed for {@link #splitError} to reach {@code error}. */
  public static long splitUsers(double[] weights, double error, double alpha) {
    double[] shares = positiveShares(weights);
    checkEffect("error", error);
    double smallest = Arrays.stream(shares).min().orElseThrow();
    return (long)
        Math.ceil(lambda(shares.length - 1, alpha) * (1 - smallest) / (smallest * error * error));
  }

  /**
   * Returns the smallest share of flag keys with plainly non-uniform buckets (per-flag p-value 0)
   * that the Kolmogorov-Smirnov salt meta-test over {@code flagCount} keys catches with 80% power,
   * by seeded simulation ({@link #SALT_SEED}, {@value #SALT_RUNS} runs per step); NaN when even all
   * keys are not.
   */
  public static double saltShare(int flagCount, double alpha) {
    if (flagCount < 2) {
      throw new IllegalArgumentException("flagCount must be >= 2: " + flagCount);
    }
    return SALT.computeIfAbsent(
        flagCount + "@" + alpha, key -> simulateSaltShare(flagCount, alpha));
  }

  private static double simulateSaltShare(int flagCount, double alpha) {
    double critical = ksCritical(flagCount, alpha);
    int low = 0;
    int high = flagCount;
    if (saltPower(flagCount, high, critical) < POWER) {
      return Double.NaN;
    }
    while (high - low > 1) {
      int middle = (low + high) >>> 1;
      if (saltPower(flagCount, middle, critical) >= POWER) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return (double) high / flagCount;
  }

  /**
   * Returns the simulated share of salt meta-tests over {@code flagCount} keys that reject when
   * {@code brokenFlags} of them are plainly non-uniform: at {@link #saltShare}'s figure it is at
   * least 80%, and can be well above, since flag keys come whole (200 keys at alpha 0.05: 19 broken
   * keys are caught 90.9% of the time in its simulation, 18 keys 76.2%).
   */
  public static double saltCatchRate(int flagCount, int brokenFlags, double alpha) {
    return saltPower(flagCount, brokenFlags, ksCritical(flagCount, alpha));
  }

  private static double saltPower(int flagCount, int broken, double critical) {
    SplittableRandom random = new SplittableRandom(SALT_SEED + broken);
    double[] values = new double[flagCount];
    int caught = 0;
    for (int run = 0; run < SALT_RUNS; run++) {
      for (int i = 0; i < flagCount; i++) {
        values[i] = i < broken ? 0 : random.nextDouble();
      }
      if (ksDistance(values) > critical) {
        caught++;
      }
    }
    return (double) caught / SALT_RUNS;
  }

  /**
   * Returns the Kolmogorov-Smirnov distance of {@code values} from U(0, 1); sorts them in place.
   */
  static double ksDistance(double[] values) {
    Arrays.sort(values);
    int count = values.length;
    double distance = 0;
    for (int i = 0; i < count; i++) {
      distance =
          Math.max(
              distance, Math.max((i + 1.0) / count - values[i], values[i] - (double) i / count));
    }
    return distance;
  }

  /**
   * Returns the distance d with P(D > d) = alpha for {@code count} draws from U(0, 1) (exact CDF).
   */
  static double ksCritical(int count, double alpha) {
    KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
    double low = 0;
    double high = 1;
    for (int step = 0; step < 50; step++) {
      double middle = (low + high) / 2;
      if (1 - test.cdf(middle, count) > alpha) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return high;
  }

  private static double[] positiveShares(double[] weights) {
    double largest = 0;
    int positive = 0;
    for (double weight : weights) {
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("weights must be finite and >= 0: " + weight);
      }
      largest = Math.max(largest, weight);
      positive += weight > 0 ? 1 : 0;
    }
    // scaled by the largest first, so that 1e308 + 1e308 stays finite
    double sum = 0;
    for (double weight : weights) {
      sum += weight / largest;
    }
    if (positive < 2) {
      throw new IllegalArgumentException(
          "a split needs at least 2 weights > 0: " + Arrays.toString(weights));
    }
    double[] shares = new double[positive];
    int i = 0;
    for (double weight : weights) {
      if (weight > 0) {
        shares[i++] = weight / largest / sum;
      }
    }
    return shares;
  }

  private static void checkBuckets(int buckets, long users) {
    if (buckets < 2) {
      throw new IllegalArgumentException("buckets must be >= 2: " + buckets);
    }
    if (users < 1) {
      throw new IllegalArgumentException("users must be >= 1: " + users);
    }
  }

  private static void checkShare(double share) {
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("share must be within (0, 1): " + share);
    }
  }

  private static void checkEffect(String name, double effect) {
    if (!(effect > 0) || Double.isInfinite(effect)) {
      throw new IllegalArgumentException(name + " must be > 0: " + effect);
    }
  }
}
