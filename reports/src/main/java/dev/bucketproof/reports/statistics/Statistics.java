package dev.bucketproof.reports.statistics;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * The statistical tests of the audit, on commons-math3 distributions. Each returns a record with
 * the statistic, the p-value and the verdict at the given alpha, so a report or a gate can say
 * exactly what was measured.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class Statistics {
  /** The significance level of every gate: Microsoft ExP's sample-ratio-mismatch level. */
  public static final double ALPHA = 0.0005;

  private static final RandomGenerator NO_SAMPLING = null;

  private Statistics() {}

  /**
   * Cochran's rule: the chi-square approximation needs an expected count of at least 5 in every
   * cell.
   */
  public static final double COCHRAN_MINIMUM = 5;

  /**
   * Chi-square goodness of fit of bucket counts against expected shares, both tails; the gate's
   * p-value is the two-sided {@code min(1, 2 min(pValue, lowerTail))}, so its size is alpha.
   *
   * @param statistic the chi-square statistic
   * @param degreesOfFreedom buckets - 1
   * @param pValue P(X >= statistic): small means too uneven
   * @param lowerTail P(X <= statistic): small means too even, the mark of a counter-like hash
   * @param alpha the level of the two-sided test (alpha / 2 per tail)
   * @param minExpected the smallest expected count of a bucket; Cochran's rule wants >= 5
   * @param method {@code chi-square} when Cochran's rule holds, else the seeded Monte Carlo test,
   *     or {@code none} when even that is out of reach (its p-values are then 1)
   * @param smallestPValue the smallest two-sided p-value the test can give at this size
   */
  public record Uniformity(
      double statistic,
      int degreesOfFreedom,
      double pValue,
      double lowerTail,
      double alpha,
      double minExpected,
      String method,
      double smallestPValue) {
    /**
     * Returns the smallest two-sided p-value this test can give at this size, whatever the counts:
     * twice the exact chance that every user lands in one least likely bucket, or twice the Monte
     * Carlo floor 1 / (draws + 1) when larger; 1 when there is no test.
     */
    public double smallestTwoSidedPValue() {
      return smallestPValue;
    }

    /** Returns the two-sided p-value, {@code min(1, 2 min(pValue, lowerTail))}. */
    public double twoSidedPValue() {
      return Math.min(1, 2 * Math.min(pValue, lowerTail));
    }

    /** Returns whether Cochran's rule holds, so a non-rejection is a pass. */
    public boolean valid() {
      return minExpected >= COCHRAN_MINIMUM;
    }

    /**
     * Returns whether the test (chi-square, or Monte Carlo below Cochran's rule) rejects
     * uniformity.
     */
    public boolean rejected() {
      return twoSidedPValue() < alpha;
    }

    /** Returns whether the gate passes: valid and not rejected. */
    public boolean passed() {
      return valid() && !rejected();
    }

    /** Returns {@code uniform}, {@code too uneven}, {@code too even} or {@code too few users}. */
    public String verdict() {
      return !rejected()
          ? (valid() ? "uniform" : "too few users")
          : pValue <= lowerTail ? "too uneven" : "too even";
    }
  }

  /**
   * Tests {@code counts} against equal expected counts.
   *
   * @throws IllegalArgumentException if there are fewer than 2 buckets or no observations
   */
  public static Uniformity uniformity(long[] counts, double alpha) {
    Objects.requireNonNull(counts, "counts");
    if (counts.length < 2) {
      throw new IllegalArgumentException("uniformity needs at least 2 buckets: " + counts.length);
    }
    double[] shares = new double[counts.length];
    Arrays.fill(shares, 1.0 / counts.length);
    return goodnessOfFit(counts, shares, alpha);
  }

  /**
   * Tests {@code counts} against expected shares that sum to 1 (bins of unequal width), both tails:
   * by the chi-square distribution when every expected count is at least 5, else by the seeded
   * Monte Carlo null of {@link MonteCarloChiSquare} (or, beyond its reach, with p-values of 1 and
   * method {@code none}).
   *
   * @throws IllegalArgumentException if the lengths differ, there are fewer than 2 bins, a share is
   *     not positive, or there are no observations
   */
  public static Uniformity goodnessOfFit(long[] counts, double[] shares, double alpha) {
    Uniformity asymptotic = chiSquareGoodnessOfFit(counts, shares, alpha);
    if (asymptotic.valid()) {
      return asymptotic;
    }
    long total = Arrays.stream(counts).sum();
    if (!MonteCarloChiSquare.affordable(total)) {
      return new Uniformity(
          asymptotic.statistic(),
          asymptotic.degreesOfFreedom(),
          1,
          1,
          alpha,
          asymptotic.minExpected(),
          "none (too many users to simulate, too few per bucket for chi-square)",
          1);
    }
    MonteCarloChiSquare simulated = MonteCarloChiSquare.of(total, shares);
    return new Uniformity(
        asymptotic.statistic(),
        asymptotic.degreesOfFreedom(),
        simulated.upperPValue(asymptotic.statistic()),
        simulated.lowerPValue(asymptotic.statistic()),
        alpha,
        asymptotic.minExpected(),
        String.format(
            Locale.ROOT,
            "Monte Carlo (seed %#x, %,d draws)",
            MonteCarloChiSquare.SEED,
            MonteCarloChiSquare.DRAWS),
        Math.min(1, 2 * MonteCarloChiSquare.smallestPValue(total, shares)));
  }

  /**
   * Tests {@code counts} against expected shares by the chi-square distribution alone, whatever the
   * expected counts: the approximation the gates used before Cochran's rule was checked; kept to
   * show that it fails calibration on small inputs.
   *
   * @throws IllegalArgumentException as {@link #goodnessOfFit}
   */
  public static Uniformity chiSquareGoodnessOfFit(long[] counts, double[] shares, double alpha) {
    if (counts.length != shares.length || counts.length < 2) {
      throw new IllegalArgumentException(
          "goodness of fit needs at least 2 bins and one share per bin: "
              + counts.length
              + " counts, "
              + shares.length
              + " shares");
    }
    long total = Arrays.stream(counts).sum();
    if (total == 0) {
      throw new IllegalArgumentException("goodness of fit needs at least one observation");
    }
    double statistic = 0;
    double minExpected = Double.POSITIVE_INFINITY;
    for (int i = 0; i < counts.length; i++) {
      if (!(shares[i] > 0)) {
        throw new IllegalArgumentException(
            "expected shares must be > 0: " + shares[i] + " for bin " + i);
      }
      double expected = total * shares[i];
      minExpected = Math.min(minExpected, expected);
      double difference = counts[i] - expected;
      statistic += difference * difference / expected;
    }
    int degreesOfFreedom = counts.length - 1;
    ChiSquaredDistribution distribution = new ChiSquaredDistribution(NO_SAMPLING, degreesOfFreedom);
    double lowerTail = distribution.cumulativeProbability(statistic);
    return new Uniformity(
        statistic,
        degreesOfFreedom,
        upperTail(distribution, statistic),
        lowerTail,
        alpha,
        minExpected,
        "chi-square",
        Math.min(1, 2 * MonteCarloChiSquare.smallestExactPValue(total, shares)));
  }

  /**
   * A rollout's observed share against the exact binomial acceptance region.
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
     * Returns whether the region can reject in both directions (it excludes 0 and every user
     * enabled, for a share strictly between 0 and 1), so that staying inside it is a pass and not a
     * test that could not fail: 1% of 100 users has region [0, 6] and cannot see a rollout that
     * enables nobody.
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
  }

  /**
   * Returns the fewest users for which the exact region of a rollout at {@code share} can reject in
   * both directions ({@link RolloutAccuracy#valid()}): 12 at 50%, 826 at 1% (alpha 0.0005).
   *
   * @throws IllegalArgumentException if share is not within (0, 1)
   */
  public static long rolloutUsersNeeded(double share, double alpha) {
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("share must be within (0, 1): " + share);
    }
    double tail = Math.log(alpha / 2);
    long users =
        (long)
            Math.max(
                1, Math.floor(Math.max(tail / Math.log1p(-share), tail / Math.log(share))) - 2);
    while (true) {
      long[] region = binomialRegion(users, share, alpha);
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
  public static long[] binomialRegion(long users, double share, double alpha) {
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
    ConfidenceInterval interval =
        new WilsonScoreInterval().createInterval((int) trials, (int) successes, 1 - alpha);
    return new double[] {
      Math.max(0, interval.getLowerBound()), Math.min(1, interval.getUpperBound())
    };
  }

  /**
   * Returns the accuracy of a rollout enabling {@code enabled} of {@code users} with expected
   * share.
   */
  public static RolloutAccuracy rolloutAccuracy(
      String percent, double expectedShare, long users, long enabled, double alpha) {
    long[] region = binomialRegion(users, expectedShare, alpha);
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
   * A test of independence on an r x c contingency table: chi-square (no continuity correction)
   * when every expected count is at least 5 (Cochran), Fisher's exact test for a 2x2 table below
   * that, and no test (inconclusive) for a larger table below that or a table with an empty margin.
   *
   * @param table {@code table[row][column]}; for two flags {@code table[inA][inB]}
   * @param statistic the chi-square statistic (NaN with an empty margin)
   * @param degreesOfFreedom (rows - 1) x (columns - 1)
   * @param pValue P(X >= statistic), or Fisher's two-sided p-value; 1 when no test applies
   * @param alpha the level tested at
   * @param method {@code chi-square}, {@code Fisher's exact test}, or {@code none (...)} with the
   *     reason
   * @param decidable whether the test applies and can reach alpha (Fisher's smallest p-value on
   *     these margins is below alpha)
   */
  public record Independence(
      long[][] table,
      double statistic,
      int degreesOfFreedom,
      double pValue,
      double alpha,
      String method,
      double smallestPValue) {
    /** Returns whether independence is rejected. */
    public boolean rejected() {
      return pValue < alpha;
    }

    /** Returns whether the test can reach alpha on these margins. */
    public boolean decidable() {
      return smallestPValue < alpha;
    }

    /** Returns whether the gate passes: a test that could fail applies, and did not reject. */
    public boolean passed() {
      return decidable() && !rejected();
    }
  }

  /** Tables drawn by the permutation test of an r x c table below Cochran's rule. */
  public static final int PERMUTATION_DRAWS = 19_999;

  /** The permutation test's seed. */
  public static final long PERMUTATION_SEED = 0x1DE9_2026L;

  /** The most users the permutation test shuffles (each draw shuffles every user). */
  static final long PERMUTATION_MAX_TOTAL = 10_000;

  /**
   * Tests independence of the row and column variables of {@code table}.
   *
   * @throws IllegalArgumentException if the table is smaller than 2x2, ragged, or has a negative
   *     count
   */
  public static Independence independence(long[][] table, double alpha) {
    int rows = table.length;
    if (rows < 2 || table[0].length < 2) {
      throw new IllegalArgumentException("independence needs at least a 2x2 table");
    }
    int columns = table[0].length;
    long[] rowTotals = new long[rows];
    long[] columnTotals = new long[columns];
    long total = 0;
    long[][] copy = new long[rows][];
    for (int r = 0; r < rows; r++) {
      if (table[r].length != columns) {
        throw new IllegalArgumentException(
            "independence needs a rectangular table: " + Arrays.deepToString(table));
      }
      copy[r] = table[r].clone();
      for (int c = 0; c < columns; c++) {
        if (table[r][c] < 0) {
          throw new IllegalArgumentException("counts must be >= 0: " + Arrays.deepToString(table));
        }
        rowTotals[r] += table[r][c];
        columnTotals[c] += table[r][c];
        total += table[r][c];
      }
    }
    int degreesOfFreedom = (rows - 1) * (columns - 1);
    if (Arrays.stream(rowTotals).anyMatch(t -> t == 0)
        || Arrays.stream(columnTotals).anyMatch(t -> t == 0)) {
      return new Independence(
          copy, Double.NaN, degreesOfFreedom, 1, alpha, "none (a row or column is empty)", 1);
    }
    double statistic = 0;
    double minExpected = Double.POSITIVE_INFINITY;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        double expected = (double) rowTotals[r] * columnTotals[c] / total;
        minExpected = Math.min(minExpected, expected);
        double difference = table[r][c] - expected;
        statistic += difference * difference / expected;
      }
    }
    if (minExpected >= COCHRAN_MINIMUM) {
      return new Independence(
          copy,
          statistic,
          degreesOfFreedom,
          upperTail(new ChiSquaredDistribution(NO_SAMPLING, degreesOfFreedom), statistic),
          alpha,
          "chi-square",
          0);
    }
    if (rows != 2 || columns != 2 || total > Integer.MAX_VALUE) {
      if (total > PERMUTATION_MAX_TOTAL) {
        return new Independence(
            copy,
            statistic,
            degreesOfFreedom,
            1,
            alpha,
            "none (an expected count is below 5, the table is not 2x2 and holds more than 10,000"
                + " users)",
            1);
      }
      // Monte Carlo permutation test: tables with the same margins, drawn by shuffling the column
      // of every user among the rows; p = (1 + tables at least as extreme) / (draws + 1)
      int exceeding = 0;
      SplittableRandom random = new SplittableRandom(PERMUTATION_SEED);
      int[] columnOf = new int[(int) total];
      int filled = 0;
      for (int c = 0; c < columns; c++) {
        for (long k = 0; k < columnTotals[c]; k++) {
          columnOf[filled++] = c;
        }
      }
      long[][] drawn = new long[rows][columns];
      for (int draw = 0; draw < PERMUTATION_DRAWS; draw++) {
        for (int i = filled - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int swap = columnOf[i];
          columnOf[i] = columnOf[j];
          columnOf[j] = swap;
        }
        for (long[] row : drawn) {
          Arrays.fill(row, 0);
        }
        int user = 0;
        for (int r = 0; r < rows; r++) {
          for (long k = 0; k < rowTotals[r]; k++) {
            drawn[r][columnOf[user++]]++;
          }
        }
        double simulated = 0;
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < columns; c++) {
            double expected = (double) rowTotals[r] * columnTotals[c] / total;
            double difference = drawn[r][c] - expected;
            simulated += difference * difference / expected;
          }
        }
        if (simulated >= statistic - 1e-9 * statistic) {
          exceeding++;
        }
      }
      return new Independence(
          copy,
          statistic,
          degreesOfFreedom,
          (1.0 + exceeding) / (PERMUTATION_DRAWS + 1),
          alpha,
          String.format(
              Locale.ROOT,
              "Monte Carlo permutation test (%,d tables with these margins, seed 0x%X)",
              PERMUTATION_DRAWS,
              PERMUTATION_SEED),
          1.0 / (PERMUTATION_DRAWS + 1));
    }
    // Fisher's exact test (commons-statistics-inference); its smallest p-value on these margins
    // is that of one of the two extreme tables.
    int rowTotal = (int) rowTotals[1];
    int columnTotal = (int) columnTotals[1];
    int lowest = (int) Math.max(0, rowTotal + columnTotal - total);
    int highest = Math.min(rowTotal, columnTotal);
    double pValue = fisherTwoSided(table[1][1], rowTotal, columnTotal, total);
    double smallest =
        Math.min(
            fisherTwoSided(lowest, rowTotal, columnTotal, total),
            fisherTwoSided(highest, rowTotal, columnTotal, total));
    return new Independence(
        copy, statistic, degreesOfFreedom, pValue, alpha, "Fisher's exact test", smallest);
  }

  /**
   * Fisher's exact two-sided p-value of the 2x2 table with {@code bothCount} in the (1, 1) cell and
   * the given margins: the chance of every table no more likely than it (commons-statistics' {@link
   * FisherExactTest}).
   */
  private static double fisherTwoSided(long bothCount, int rowTotal, int columnTotal, long total) {
    int both = (int) bothCount;
    int[][] table = {
      {(int) (total - rowTotal - columnTotal + both), columnTotal - both},
      {rowTotal - both, both}
    };
    return FisherExactTest.withDefaults().test(table).getPValue();
  }

  /**
   * Returns the doubled smaller tail of a rollout's enabled count, {@code min(1, 2 min(P(X <= k),
   * P(X >= k)))} under Binomial(users, expectedShare): below alpha exactly outside its region; 1 or
   * 0 for a share of 0 or 1 (inside or outside the one-count region).
   */
  public static double rolloutPValue(RolloutAccuracy rollout) {
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

  /** The seed of the uniform draws that randomize the salt meta-test's per-flag p-values. */
  public static final long SALT_SEED = 0x5A17_5EEDL;

  /** The smallest expected count per bin of the salt meta-test's per-flag test. */
  public static final int SALT_USERS_PER_BIN = 5;

  /**
   * Kolmogorov-Smirnov test of per-flag p-values against U(0, 1).
   *
   * @param flagCount how many flag keys' p-values were tested
   * @param statistic the KS distance D (NaN when not decidable)
   * @param pValue the p-value of D; 1 when not decidable
   * @param alpha the level tested at
   * @param bins bins of each flag's test (0 when the p-values were given)
   * @param users users per flag key
   * @param decidable whether there were enough users for a per-flag test (at least 2 bins of 5)
   */
  public record SaltMetaTest(
      int flagCount,
      double statistic,
      double pValue,
      double alpha,
      int bins,
      long users,
      boolean decidable) {
    /** Returns whether uniformity of the p-values is rejected. */
    public boolean rejected() {
      return pValue < alpha;
    }

    /** Returns whether the gate passes: decidable and not rejected. */
    public boolean passed() {
      return decidable && !rejected();
    }
  }

  /**
   * Tests that {@code pValues} (one per flag key) look like draws from U(0, 1).
   *
   * @throws IllegalArgumentException if fewer than 2 p-values are given
   */
  public static SaltMetaTest saltMetaTest(double[] pValues, double alpha) {
    if (pValues.length < 2) {
      throw new IllegalArgumentException(
          "salt meta-test needs at least 2 p-values: " + pValues.length);
    }
    KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
    UniformRealDistribution uniform = new UniformRealDistribution(NO_SAMPLING, 0, 1);
    double statistic = test.kolmogorovSmirnovStatistic(uniform, pValues);
    double pValue = test.kolmogorovSmirnovTest(uniform, pValues, false);
    return new SaltMetaTest(pValues.length, statistic, pValue, alpha, 0, 0, true);
  }

  /**
   * Returns the bins of the salt meta-test's per-flag test for {@code users} users: as many of the
   * {@code maxBins} as keep {@value #SALT_USERS_PER_BIN} users per bin (30 users: 6 bins; 2,000:
   * 100).
   */
  public static int saltBins(long users, int maxBins) {
    return (int) Math.min(maxBins, users / SALT_USERS_PER_BIN);
  }

  /**
   * The salt meta-test on bucket counts: for each flag key, a chi-square statistic over {@link
   * #saltBins} bins (adjacent bins of {@code shares} merged), turned into a randomized p-value by
   * the seeded Monte Carlo null of {@link MonteCarloChiSquare} (uniform under the null at any size,
   * which the plain chi-square p-values of a discrete statistic are not), then Kolmogorov-Smirnov
   * of the p-values against U(0, 1). A flag key with users outside the bucket range gets p-value 0.
   * With fewer than 10 users (2 bins of 5) it is not decidable.
   *
   * @param counts {@code counts[flag][bin]}
   * @param shares each bin's expected share, summing to 1
   * @param users users hashed per flag key (in range or not)
   * @throws IllegalArgumentException if fewer than 2 flag keys are given, or a row's length differs
   *     from the shares'
   */
  public static SaltMetaTest saltMetaTest(
      long[][] counts, double[] shares, long users, double alpha) {
    if (counts.length < 2) {
      throw new IllegalArgumentException(
          "salt meta-test needs at least 2 flag keys: " + counts.length);
    }
    int bins = saltBins(users, shares.length);
    if (bins < 2) {
      return new SaltMetaTest(counts.length, Double.NaN, 1, alpha, bins, users, false);
    }
    double[] merged = new double[bins];
    for (int bin = 0; bin < shares.length; bin++) {
      merged[(int) ((long) bin * bins / shares.length)] += shares[bin];
    }
    SplittableRandom random = new SplittableRandom(SALT_SEED);
    double[] pValues = new double[counts.length];
    for (int flag = 0; flag < counts.length; flag++) {
      if (counts[flag].length != shares.length) {
        throw new IllegalArgumentException(
            "flag " + flag + " has " + counts[flag].length + " bins, expected " + shares.length);
      }
      long[] grouped = new long[bins];
      for (int bin = 0; bin < shares.length; bin++) {
        grouped[(int) ((long) bin * bins / shares.length)] += counts[flag][bin];
      }
      double uniform = random.nextDouble();
      long inRange = Arrays.stream(grouped).sum();
      if (inRange != users) {
        pValues[flag] = 0;
      } else if (MonteCarloChiSquare.affordable(users)) {
        pValues[flag] =
            MonteCarloChiSquare.of(users, merged)
                .randomizedPValue(MonteCarloChiSquare.statistic(grouped, merged), uniform);
      } else {
        pValues[flag] = chiSquareGoodnessOfFit(grouped, merged, alpha).pValue();
      }
    }
    SaltMetaTest test = saltMetaTest(pValues, alpha);
    return new SaltMetaTest(
        test.flagCount(), test.statistic(), test.pValue(), alpha, bins, users, true);
  }

  /**
   * The exact modulo bias of mapping a {@code bits}-bit hash to {@code bucketCount} buckets.
   *
   * @param bits the hash width, 1..64
   * @param bucketCount the number of buckets
   * @param heavierBuckets buckets [0, heavierBuckets) hold one more hash value than the rest
   * @param valuesPerBucket the hash values each of the other buckets holds
   * @param relativeBias 1 / valuesPerBucket: how much more likely a heavier bucket is
   */
  public record ModuloBias(
      int bits,
      int bucketCount,
      long heavierBuckets,
      BigInteger valuesPerBucket,
      double relativeBias) {}

  /**
   * Computes the modulo bias exactly: 2^bits = q * bucketCount + r.
   *
   * @throws IllegalArgumentException if bits is outside [1, 64], or bucketCount is below 1
   */
  public static ModuloBias moduloBias(int bits, int bucketCount) {
    if (bits < 1 || bits > 64) {
      throw new IllegalArgumentException("bits must be within [1, 64]: " + bits);
    }
    if (bucketCount < 1) {
      throw new IllegalArgumentException(
          "bucketCount must be within [1, 2147483647]: " + bucketCount);
    }
    BigInteger[] division =
        BigInteger.ONE.shiftLeft(bits).divideAndRemainder(BigInteger.valueOf(bucketCount));
    return new ModuloBias(
        bits,
        bucketCount,
        division[1].longValueExact(),
        division[0],
        1.0 / division[0].doubleValue());
  }

  /**
   * A sample-ratio-mismatch test: observed variant counts against configured weights.
   *
   * @param observed the users seen per variant
   * @param expected the users expected per variant, total * weight / sum of weights
   * @param statistic the chi-square statistic
   * @param degreesOfFreedom variants - 1
   * @param pValue P(X >= statistic) by chi-square when every expected count is at least 5, else by
   *     the exact binomial test (two variants) or the seeded Monte Carlo null (more)
   * @param threshold the p-value below which the split is a mismatch
   * @param method {@code chi-square}, {@code exact binomial}, {@code Monte Carlo (...)}, or {@code
   *     none}
   * @param smallestPValue the smallest p-value this test can give with these users (any split): the
   *     exact floor of the binomial or multinomial null, or the Monte Carlo floor 1 / (draws + 1)
   *     when larger; when it is not below the threshold the split is neither confirmed nor a
   *     mismatch
   */
  public record SampleRatioMismatch(
      long[] observed,
      double[] expected,
      double statistic,
      int degreesOfFreedom,
      double pValue,
      double threshold,
      String method,
      double smallestPValue) {
    /**
     * Returns whether the test can reach the threshold with these users: its smallest attainable
     * p-value is below it (no split of 10 users reaches 0.0005 on a 50/50 split: 2 x 0.5^10 =
     * 0.00195).
     */
    public boolean decidable() {
      return smallestPValue < threshold;
    }

    /** Returns whether the split is a sample ratio mismatch: p-value below the threshold. */
    public boolean mismatch() {
      return pValue < threshold;
    }

    /**
     * Returns the number of users observed, the sum of {@link #observed} (at most {@link
     * Long#MAX_VALUE}).
     */
    public long total() {
      long total = 0;
      for (long count : observed) {
        total = Math.addExact(total, count);
      }
      return total;
    }
  }

  /**
   * Tests observed variant counts against weights.
   *
   * <p>Counts may add up to {@link Long#MAX_VALUE} (their sum is exact); weights may be any finite
   * non-negative values (they are scaled by the largest before they are added).
   *
   * @throws IllegalArgumentException if the arrays differ in length or have fewer than 2 entries, a
   *     count or weight is negative, the counts add up to more than {@link Long#MAX_VALUE}, the
   *     weights are all zero, a zero-weight variant has users, no users were observed, or the
   *     threshold is outside (0, 1)
   */
  public static SampleRatioMismatch sampleRatioMismatch(
      long[] observed, double[] weights, double threshold) {
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(weights, "weights");
    if (observed.length != weights.length) {
      throw new IllegalArgumentException(
          "observed and weights must have the same length: "
              + observed.length
              + " counts, "
              + weights.length
              + " weights");
    }
    if (observed.length < 2) {
      throw new IllegalArgumentException("a split needs at least 2 variants: " + observed.length);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be within (0, 1): " + threshold);
    }
    double largestWeight = 0;
    long total = 0;
    for (int i = 0; i < observed.length; i++) {
      if (observed[i] < 0) {
        throw new IllegalArgumentException("observed counts must be >= 0: " + observed[i]);
      }
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weights must be finite and >= 0: " + weights[i]);
      }
      largestWeight = Math.max(largestWeight, weights[i]);
      try {
        total = Math.addExact(total, observed[i]);
      } catch (ArithmeticException overflow) {
        throw new IllegalArgumentException(
            "observed counts must add up to at most "
                + Long.MAX_VALUE
                + ": "
                + Arrays.toString(observed));
      }
    }
    if (largestWeight == 0) {
      throw new IllegalArgumentException(
          "weights must not all be zero: " + Arrays.toString(weights));
    }
    if (total == 0) {
      throw new IllegalArgumentException("observed counts must not all be zero");
    }
    // Weights are scaled by the largest so that their sum stays finite (1e308 + 1e308 would be
    // infinite).
    double weightSum = 0;
    for (double weight : weights) {
      weightSum += weight / largestWeight;
    }
    double[] expected = new double[observed.length];
    double statistic = 0;
    int degreesOfFreedom = -1;
    for (int i = 0; i < observed.length; i++) {
      expected[i] = total * (weights[i] / largestWeight / weightSum);
      if (expected[i] == 0) {
        if (observed[i] > 0) {
          throw new IllegalArgumentException(
              "variant "
                  + i
                  + " has weight "
                  + weights[i]
                  + " (no users expected) but "
                  + observed[i]
                  + " users");
        }
        continue;
      }
      double difference = observed[i] - expected[i];
      statistic += difference * difference / expected[i];
      degreesOfFreedom++;
    }
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException(
          "a split needs at least 2 variants with weight > 0: " + Arrays.toString(weights));
    }
    if (!(statistic >= 0 && statistic < Double.POSITIVE_INFINITY)) {
      // never a verdict from an overflow or a NaN
      throw new IllegalArgumentException(
          "the chi-square statistic of observed "
              + Arrays.toString(observed)
              + " against weights "
              + Arrays.toString(weights)
              + " is not a finite number: "
              + statistic);
    }
    long[] positive = new long[degreesOfFreedom + 1];
    double[] shares = new double[degreesOfFreedom + 1];
    for (int i = 0, j = 0; i < observed.length; i++) {
      if (expected[i] > 0) {
        positive[j] = observed[i];
        shares[j++] = expected[i] / total;
      }
    }
    if (positive.length == 2 && total <= ExactBinomial.MAX_TRIALS) {
      // two arms: exact at every size, where chi-square is only approximately right
      return new SampleRatioMismatch(
          observed.clone(),
          expected,
          statistic,
          degreesOfFreedom,
          ExactBinomial.twoSidedPValue(total, positive[0], shares[0]),
          threshold,
          "exact binomial",
          ExactBinomial.smallestPValue(total, shares[0]));
    }
    double minExpected = Arrays.stream(expected).filter(e -> e > 0).min().orElse(0);
    double exactFloor = MonteCarloChiSquare.smallestExactPValue(total, shares);
    if (minExpected >= COCHRAN_MINIMUM) {
      double pValue =
          upperTail(new ChiSquaredDistribution(NO_SAMPLING, degreesOfFreedom), statistic);
      return new SampleRatioMismatch(
          observed.clone(),
          expected,
          statistic,
          degreesOfFreedom,
          pValue,
          threshold,
          "chi-square",
          exactFloor);
    }
    if (!MonteCarloChiSquare.affordable(total)) {
      return new SampleRatioMismatch(
          observed.clone(),
          expected,
          statistic,
          degreesOfFreedom,
          1,
          threshold,
          "none (too many users to simulate, too few per variant for chi-square)",
          1);
    }
    MonteCarloChiSquare simulated = MonteCarloChiSquare.of(total, shares);
    return new SampleRatioMismatch(
        observed.clone(),
        expected,
        statistic,
        degreesOfFreedom,
        simulated.upperPValue(statistic),
        threshold,
        String.format(
            Locale.ROOT,
            "Monte Carlo (seed %#x, %,d draws)",
            MonteCarloChiSquare.SEED,
            MonteCarloChiSquare.DRAWS),
        Math.max(exactFloor, 1.0 / (MonteCarloChiSquare.DRAWS + 1)));
  }

  /**
   * Returns P(X >= statistic) for a chi-square distribution with {@code degreesOfFreedom}.
   *
   * @throws IllegalArgumentException if {@code degreesOfFreedom} is below 1
   */
  public static double chiSquareUpperTail(double statistic, int degreesOfFreedom) {
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException("degreesOfFreedom must be >= 1: " + degreesOfFreedom);
    }
    return upperTail(new ChiSquaredDistribution(NO_SAMPLING, degreesOfFreedom), statistic);
  }

  /** Returns P(X >= statistic), accurate far into the tail where 1 - CDF would round to 0. */
  private static double upperTail(ChiSquaredDistribution distribution, double statistic) {
    double cumulative = distribution.cumulativeProbability(statistic);
    if (cumulative < 0.5) {
      return 1 - cumulative;
    }
    // 1 - CDF loses all precision near 1; the regularized upper gamma Q(df/2, x/2) keeps it.
    return Gamma.regularizedGammaQ(distribution.getDegreesOfFreedom() / 2, statistic / 2);
  }
}
