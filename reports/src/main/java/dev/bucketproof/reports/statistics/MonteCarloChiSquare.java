package dev.bucketproof.reports.statistics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The null distribution of the chi-square goodness-of-fit statistic for {@code users} multinomial
 * draws over given shares, simulated from a fixed seed ({@link #SEED}, {@value #DRAWS} draws). It
 * gives valid p-values where the chi-square approximation does not hold (Cochran: an expected count
 * below 5), and randomized p-values that are uniform under the null at any size (the salt meta-test
 * needs those: the plain p-values of a discrete statistic are not uniform, and a KS test of them
 * fails a perfect hasher).
 *
 * <p>P-values follow Davison and Hinkley (1997, ch. 4): upper {@code (1 + #{T* >= t}) / (R + 1)};
 * the smallest possible is 1 / 20,000 = 5e-5, below the gates' alpha of 0.0005.
 *
 * <p>Thread-safety: immutable; the factory's cache is synchronized.
 */
public final class MonteCarloChiSquare {
  /** The seed of every simulated null distribution: the same data always gets the same p-value. */
  public static final long SEED = 0xB0C4_E7_2026L;

  /** Simulated statistics per null distribution. */
  public static final int DRAWS = 19_999;

  /** The largest users x draws simulated; beyond it the gate says inconclusive instead. */
  public static final long MAX_WORK = 50_000_000L;

  /**
   * Relative tolerance under which two statistics count as equal (ties of a discrete statistic).
   */
  private static final double TIE = 1e-9;

  private static final Map<String, MonteCarloChiSquare> CACHE =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MonteCarloChiSquare> eldest) {
          return size() > 64;
        }
      };

  private final double[] sorted;

  private MonteCarloChiSquare(double[] sorted) {
    this.sorted = sorted;
  }

  /** Returns whether simulating {@code users} draws is within {@link #MAX_WORK}. */
  public static boolean affordable(long users) {
    return users <= MAX_WORK / DRAWS;
  }

  /**
   * Returns the simulated null distribution for {@code users} draws over {@code shares} (which sum
   * to 1).
   *
   * @throws IllegalArgumentException if users is below 1 or above what {@link #affordable} allows,
   *     or fewer than 2 shares are given
   */
  public static MonteCarloChiSquare of(long users, double[] shares) {
    if (users < 1 || !affordable(users)) {
      throw new IllegalArgumentException(
          "users must be within [1, " + MAX_WORK / DRAWS + "]: " + users);
    }
    if (shares.length < 2) {
      throw new IllegalArgumentException("need at least 2 shares: " + shares.length);
    }
    String key = users + ":" + Arrays.toString(shares);
    synchronized (CACHE) {
      MonteCarloChiSquare cached = CACHE.get(key);
      if (cached != null) {
        return cached;
      }
    }
    MonteCarloChiSquare simulated = simulate((int) users, shares);
    synchronized (CACHE) {
      CACHE.put(key, simulated);
    }
    return simulated;
  }

  private static MonteCarloChiSquare simulate(int users, double[] shares) {
    SplittableRandom random = new SplittableRandom(SEED);
    int bins = shares.length;
    boolean equal = Arrays.stream(shares).allMatch(share -> share == shares[0]);
    double[] cumulative = new double[bins];
    double running = 0;
    for (int i = 0; i < bins; i++) {
      running += shares[i];
      cumulative[i] = running;
    }
    int[] counts = new int[bins];
    int[] touched = new int[users];
    double[] statistics = new double[DRAWS];
    for (int draw = 0; draw < DRAWS; draw++) {
      int distinct = 0;
      for (int user = 0; user < users; user++) {
        int bin = equal ? random.nextInt(bins) : search(cumulative, random.nextDouble() * running);
        if (counts[bin]++ == 0) {
          touched[distinct++] = bin;
        }
      }
      statistics[draw] = statistic(counts, touched, distinct, shares, users);
      for (int i = 0; i < distinct; i++) {
        counts[touched[i]] = 0;
      }
    }
    Arrays.sort(statistics);
    return new MonteCarloChiSquare(statistics);
  }

  private static int search(double[] cumulative, double value) {
    int index = Arrays.binarySearch(cumulative, value);
    index = index >= 0 ? index + 1 : -index - 1;
    return Math.min(index, cumulative.length - 1);
  }

  /**
   * sum (c - e)^2 / e = sum c^2 / e - n, over the bins that were hit (empty bins add e - 2e + e = 0
   * there).
   */
  private static double statistic(
      int[] counts, int[] touched, int distinct, double[] shares, int users) {
    double sum = 0;
    for (int i = 0; i < distinct; i++) {
      int bin = touched[i];
      sum += (double) counts[bin] * counts[bin] / (users * shares[bin]);
    }
    return sum - users;
  }

  /**
   * Returns the smallest upper p-value the exact null of the statistic can give for {@code users}
   * draws over {@code shares}: the chance of the most extreme outcome, every user in a least likely
   * bin, {@code sum over the smallest shares s of s^users}. 6 users over 3 equal shares: 3 x
   * (1/3)^6 = 0.0041, so no split of 6 users reaches 0.0005, whatever the test.
   *
   * @throws IllegalArgumentException if users is below 1 or a share is not within (0, 1]
   */
  public static double smallestExactPValue(long users, double[] shares) {
    if (users < 1) {
      throw new IllegalArgumentException("users must be >= 1: " + users);
    }
    double smallest = 1;
    for (double share : shares) {
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException("shares must be within (0, 1]: " + share);
      }
      smallest = Math.min(smallest, share);
    }
    int ties = 0;
    for (double share : shares) {
      ties += share <= smallest * (1 + 1e-12) ? 1 : 0;
    }
    return Math.min(1, ties * Math.exp(users * Math.log(smallest)));
  }

  /**
   * Returns the smallest upper p-value this simulated null can give, 1 / (draws + 1), or the exact
   * floor of {@link #smallestExactPValue} when that is larger.
   */
  public static double smallestPValue(long users, double[] shares) {
    return Math.max(1.0 / (DRAWS + 1), smallestExactPValue(users, shares));
  }

  /** Returns the chi-square statistic of observed counts against shares (which sum to 1). */
  public static double statistic(long[] counts, double[] shares) {
    long users = Arrays.stream(counts).sum();
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      sum += (double) counts[i] * counts[i] / (users * shares[i]);
    }
    return sum - users;
  }

  /** Returns (1 + #{T* >= t}) / (R + 1): small means too uneven. */
  public double upperPValue(double statistic) {
    return (1.0 + DRAWS - firstAtLeast(statistic)) / (DRAWS + 1);
  }

  /** Returns (1 + #{T* <= t}) / (R + 1): small means too even. */
  public double lowerPValue(double statistic) {
    return (1.0 + firstAbove(statistic)) / (DRAWS + 1);
  }

  /**
   * Returns the randomized upper p-value (#{T* > t} + u (#{T* = t} + 1)) / (R + 1), uniform on (0,
   * 1) under the null whatever the discreteness of the statistic, for u drawn from U(0, 1).
   */
  public double randomizedPValue(double statistic, double uniform) {
    int atLeast = firstAtLeast(statistic);
    int above = firstAbove(statistic);
    return (DRAWS - above + uniform * (above - atLeast + 1)) / (DRAWS + 1);
  }

  private int firstAtLeast(double statistic) {
    double threshold = statistic - TIE * Math.max(1, Math.abs(statistic));
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] < threshold) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private int firstAbove(double statistic) {
    double threshold = statistic + TIE * Math.max(1, Math.abs(statistic));
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] <= threshold) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
