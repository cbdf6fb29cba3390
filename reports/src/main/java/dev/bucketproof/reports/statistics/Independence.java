package dev.bucketproof.reports.statistics;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * The independence gate of an r x c table: chi-square, Fisher's exact test for 2 x 2 below
 * Cochran's rule, else a seeded Monte Carlo permutation test.
 *
 * <p>A test of independence on an r x c contingency table: chi-square (no continuity correction)
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
 * @param smallestPValue the smallest p-value the test can give on these margins; the test can
 *     decide ({@link #decidable()}) when it is below alpha
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
  public static Independence of(long[][] table, double alpha) {
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
    if (minExpected >= Statistics.COCHRAN_MINIMUM) {
      return new Independence(
          copy,
          statistic,
          degreesOfFreedom,
          Statistics.upperTail(
              new ChiSquaredDistribution(NO_SAMPLING, degreesOfFreedom), statistic),
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

  private static final RandomGenerator NO_SAMPLING = null;
}
