package dev.bucketproof.reports.statistics;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The salt meta-test: Kolmogorov-Smirnov of per-flag uniformity p-values against U(0, 1), which
 * catches flags that pick the same users.
 *
 * <p>Kolmogorov-Smirnov test of per-flag p-values against U(0, 1).
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

  /** The seed of the uniform draws that randomize the salt meta-test's per-flag p-values. */
  public static final long SALT_SEED = 0x5A17_5EEDL;

  /** The smallest expected count per bin of the salt meta-test's per-flag test. */
  public static final int SALT_USERS_PER_BIN = 5;

  /**
   * Tests that {@code pValues} (one per flag key) look like draws from U(0, 1).
   *
   * @throws IllegalArgumentException if fewer than 2 p-values are given
   */
  public static SaltMetaTest of(double[] pValues, double alpha) {
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
  public static int bins(long users, int maxBins) {
    return (int) Math.min(maxBins, users / SALT_USERS_PER_BIN);
  }

  /**
   * The salt meta-test on bucket counts: for each flag key, a chi-square statistic over {@link
   * #bins(long, int)} bins (adjacent bins of {@code shares} merged), turned into a randomized
   * p-value by the seeded Monte Carlo null of {@link MonteCarloChiSquare} (uniform under the null
   * at any size, which the plain chi-square p-values of a discrete statistic are not), then
   * Kolmogorov-Smirnov of the p-values against U(0, 1). A flag key with users outside the bucket
   * range gets p-value 0. With fewer than 10 users (2 bins of 5) it is not decidable.
   *
   * @param counts {@code counts[flag][bin]}
   * @param shares each bin's expected share, summing to 1
   * @param users users hashed per flag key (in range or not)
   * @throws IllegalArgumentException if fewer than 2 flag keys are given, or a row's length differs
   *     from the shares'
   */
  public static SaltMetaTest of(long[][] counts, double[] shares, long users, double alpha) {
    if (counts.length < 2) {
      throw new IllegalArgumentException(
          "salt meta-test needs at least 2 flag keys: " + counts.length);
    }
    int bins = bins(users, shares.length);
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
        pValues[flag] = Uniformity.chiSquareGoodnessOfFit(grouped, merged, alpha).pValue();
      }
    }
    SaltMetaTest test = of(pValues, alpha);
    return new SaltMetaTest(
        test.flagCount(), test.statistic(), test.pValue(), alpha, bins, users, true);
  }

  private static final RandomGenerator NO_SAMPLING = null;
}
