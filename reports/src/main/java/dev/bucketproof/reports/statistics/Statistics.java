package dev.bucketproof.reports.statistics;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The statistical tests of the audit, on commons-math3 distributions. Each returns a record with the
 * statistic, the p-value and the verdict at the given alpha, so a report or a gate can say exactly what
 * was measured.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class Statistics {
  /** The significance level of every gate: Microsoft ExP's sample-ratio-mismatch level. */
  public static final double ALPHA = 0.0005;

  private static final RandomGenerator NO_SAMPLING = null;

  private Statistics() {}

  /**
   * Chi-square goodness of fit of bucket counts against the uniform distribution, both tails.
   *
   * @param statistic the chi-square statistic
   * @param degreesOfFreedom buckets - 1
   * @param pValue P(X >= statistic): small means too uneven
   * @param lowerTail P(X <= statistic): small means too even, the mark of a counter-like hash
   * @param alpha the level each tail is tested at
   */
  public record Uniformity(double statistic, int degreesOfFreedom, double pValue, double lowerTail, double alpha) {
    /** Returns whether neither tail rejects at alpha. */
    public boolean passed() {
      return pValue >= alpha && lowerTail >= alpha;
    }

    /** Returns {@code uniform}, {@code too uneven} or {@code too even}. */
    public String verdict() {
      return pValue < alpha ? "too uneven" : lowerTail < alpha ? "too even" : "uniform";
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
   * Tests {@code counts} against expected shares that sum to 1 (bins of unequal width), both tails.
   *
   * @throws IllegalArgumentException if the lengths differ, there are fewer than 2 bins, a share is not
   *     positive, or there are no observations
   */
  public static Uniformity goodnessOfFit(long[] counts, double[] shares, double alpha) {
    if (counts.length != shares.length || counts.length < 2) {
      throw new IllegalArgumentException("goodness of fit needs at least 2 bins and one share per bin: "
          + counts.length + " counts, " + shares.length + " shares");
    }
    long total = Arrays.stream(counts).sum();
    if (total == 0) {
      throw new IllegalArgumentException("goodness of fit needs at least one observation");
    }
    double statistic = 0;
    for (int i = 0; i < counts.length; i++) {
      if (!(shares[i] > 0)) {
        throw new IllegalArgumentException("expected shares must be > 0: " + shares[i] + " for bin " + i);
      }
      double expected = total * shares[i];
      double difference = counts[i] - expected;
      statistic += difference * difference / expected;
    }
    int degreesOfFreedom = counts.length - 1;
    ChiSquaredDistribution distribution = new ChiSquaredDistribution(NO_SAMPLING, degreesOfFreedom);
    double lowerTail = distribution.cumulativeProbability(statistic);
    return new Uniformity(statistic, degreesOfFreedom, upperTail(distribution, statistic), lowerTail, alpha);
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
   */
  public record RolloutAccuracy(String percent, double expectedShare, long users, long enabled,
      long lowest, long highest, double wilsonLow, double wilsonHigh) {
    /** Returns the observed share, enabled / users. */
    public double observedShare() {
      return users == 0 ? 0 : (double) enabled / users;
    }

    /** Returns whether the enabled count lies inside the acceptance region. */
    public boolean passed() {
      return enabled >= lowest && enabled <= highest;
    }
  }

  /**
   * Returns the two-sided 1 - alpha acceptance region of Binomial(users, share): the counts k with
   * P(X < k) > alpha/2 and P(X > k) > alpha/2, as {@code {lowest, highest}}.
   *
   * @throws IllegalArgumentException if users is negative or above 2^31-1, or share is outside [0, 1]
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
    // Smallest m with P(X <= m) >= 1 - alpha/2: P(X >= m) > alpha/2 still holds, P(X >= m + 1) does not.
    long highest = distribution.inverseCumulativeProbability(1 - alpha / 2);
    return new long[] {lowest, highest};
  }

  /**
   * Returns the Wilson score interval {@code {low, high}} for {@code successes} of {@code trials} at
   * confidence 1 - alpha.
   *
   * @throws IllegalArgumentException if the counts are negative or successes exceed trials
   */
  public static double[] wilson(long successes, long trials, double alpha) {
    if (trials < 0 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException("need 0 <= successes <= trials: " + successes + " of " + trials);
    }
    if (trials == 0) {
      return new double[] {0, 1};
    }
    double z = new NormalDistribution(NO_SAMPLING, 0, 1).inverseCumulativeProbability(1 - alpha / 2);
    double share = (double) successes / trials;
    double zz = z * z;
    double centre = (share + zz / (2.0 * trials)) / (1 + zz / trials);
    double half = z / (1 + zz / trials) * Math.sqrt(share * (1 - share) / trials + zz / (4.0 * trials * trials));
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /** Returns the accuracy of a rollout enabling {@code enabled} of {@code users} with expected share. */
  public static RolloutAccuracy rolloutAccuracy(String percent, double expectedShare, long users, long enabled,
      double alpha) {
    long[] region = binomialRegion(users, expectedShare, alpha);
    double[] interval = wilson(enabled, users, alpha);
    return new RolloutAccuracy(percent, expectedShare, users, enabled, region[0], region[1], interval[0], interval[1]);
  }

  /**
   * Chi-square test of independence on an r x c contingency table (no continuity correction).
   *
   * @param table {@code table[row][column]}; for two flags {@code table[inA][inB]}
   * @param statistic the chi-square statistic
   * @param degreesOfFreedom (rows - 1) x (columns - 1)
   * @param pValue P(X >= statistic)
   * @param alpha the level tested at
   */
  public record Independence(long[][] table, double statistic, int degreesOfFreedom, double pValue, double alpha) {
    /** Returns whether independence is not rejected. */
    public boolean passed() {
      return pValue >= alpha;
    }
  }

  /**
   * Tests independence of the row and column variables of {@code table}.
   *
   * @throws IllegalArgumentException if the table is smaller than 2x2, ragged, or has a zero margin
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
    for (int r = 0; r < rows; r++) {
      if (table[r].length != columns) {
        throw new IllegalArgumentException("independence needs a rectangular table: " + Arrays.deepToString(table));
      }
      for (int c = 0; c < columns; c++) {
        rowTotals[r] += table[r][c];
        columnTotals[c] += table[r][c];
        total += table[r][c];
      }
    }
    double statistic = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        double expected = (double) rowTotals[r] * columnTotals[c] / total;
        if (expected == 0) {
          throw new IllegalArgumentException("independence needs every margin non-zero: " + Arrays.deepToString(table));
        }
        double difference = table[r][c] - expected;
        statistic += difference * difference / expected;
      }
    }
    int degreesOfFreedom = (rows - 1) * (columns - 1);
    long[][] copy = new long[rows][];
    for (int r = 0; r < rows; r++) {
      copy[r] = table[r].clone();
    }
    return new Independence(copy, statistic, degreesOfFreedom,
        upperTail(new ChiSquaredDistribution(NO_SAMPLING, degreesOfFreedom), statistic), alpha);
  }

  /**
   * Kolmogorov-Smirnov test of p-values against U(0, 1).
   *
   * @param flagCount how many flag keys' p-values were tested
   * @param statistic the KS distance D
   * @param pValue the exact or asymptotic p-value of D
   * @param alpha the level tested at
   */
  public record SaltMetaTest(int flagCount, double statistic, double pValue, double alpha) {
    /** Returns whether uniformity of the p-values is not rejected. */
    public boolean passed() {
      return pValue >= alpha;
    }
  }

  /**
   * Tests that {@code pValues} (one per flag key) look like draws from U(0, 1).
   *
   * @throws IllegalArgumentException if fewer than 2 p-values are given
   */
  public static SaltMetaTest saltMetaTest(double[] pValues, double alpha) {
    if (pValues.length < 2) {
      throw new IllegalArgumentException("salt meta-test needs at least 2 p-values: " + pValues.length);
    }
    KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
    UniformRealDistribution uniform = new UniformRealDistribution(NO_SAMPLING, 0, 1);
    double statistic = test.kolmogorovSmirnovStatistic(uniform, pValues);
    double pValue = test.kolmogorovSmirnovTest(uniform, pValues, false);
    return new SaltMetaTest(pValues.length, statistic, pValue, alpha);
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
  public record ModuloBias(int bits, int bucketCount, long heavierBuckets, BigInteger valuesPerBucket,
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
      throw new IllegalArgumentException("bucketCount must be within [1, 2147483647]: " + bucketCount);
    }
    BigInteger[] division = BigInteger.ONE.shiftLeft(bits).divideAndRemainder(BigInteger.valueOf(bucketCount));
    return new ModuloBias(bits, bucketCount, division[1].longValueExact(), division[0],
        1.0 / division[0].doubleValue());
  }

  /**
   * A sample-ratio-mismatch test: observed variant counts against configured weights.
   *
   * @param observed the users seen per variant
   * @param expected the users expected per variant, total * weight / sum of weights
   * @param statistic the chi-square statistic
   * @param degreesOfFreedom variants - 1
   * @param pValue P(X >= statistic)
   * @param threshold the p-value below which the split is a mismatch
   */
  public record SampleRatioMismatch(long[] observed, double[] expected, double statistic, int degreesOfFreedom,
      double pValue, double threshold) {
    /** Returns whether the split is a sample ratio mismatch: p-value below the threshold. */
    public boolean mismatch() {
      return pValue < threshold;
    }

    /** Returns the number of users observed, the sum of {@link #observed} (at most {@link Long#MAX_VALUE}). */
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
   * @throws IllegalArgumentException if the arrays differ in length or have fewer than 2 entries, a count
   *     or weight is negative, the counts add up to more than {@link Long#MAX_VALUE}, the weights are all
   *     zero, a zero-weight variant has users, no users were observed, or the threshold is outside (0, 1)
   */
  public static SampleRatioMismatch sampleRatioMismatch(long[] observed, double[] weights, double threshold) {
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(weights, "weights");
    if (observed.length != weights.length) {
      throw new IllegalArgumentException("observed and weights must have the same length: " + observed.length
          + " counts, " + weights.length + " weights");
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
        throw new IllegalArgumentException("observed counts must add up to at most " + Long.MAX_VALUE + ": "
            + Arrays.toString(observed));
      }
    }
    if (largestWeight == 0) {
      throw new IllegalArgumentException("weights must not all be zero: " + Arrays.toString(weights));
    }
    if (total == 0) {
      throw new IllegalArgumentException("observed counts must not all be zero");
    }
    // Weights are scaled by the largest so that their sum stays finite (1e308 + 1e308 would be infinite).
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
          throw new IllegalArgumentException("variant " + i + " has weight " + weights[i] + " (no users expected) but "
              + observed[i] + " users");
        }
        continue;
      }
      double difference = observed[i] - expected[i];
      statistic += difference * difference / expected[i];
      degreesOfFreedom++;
    }
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException("a split needs at least 2 variants with weight > 0: " + Arrays.toString(weights));
    }
    if (!(statistic >= 0 && statistic < Double.POSITIVE_INFINITY)) {
      // never a verdict from an overflow or a NaN
      throw new IllegalArgumentException("the chi-square statistic of observed " + Arrays.toString(observed)
          + " against weights " + Arrays.toString(weights) + " is not a finite number: " + statistic);
    }
    double pValue = upperTail(new ChiSquaredDistribution(NO_SAMPLING, degreesOfFreedom), statistic);
    return new SampleRatioMismatch(observed.clone(), expected, statistic, degreesOfFreedom, pValue, threshold);
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
    return org.apache.commons.math3.special.Gamma.regularizedGammaQ(
        distribution.getDegreesOfFreedom() / 2, statistic / 2);
  }
}
