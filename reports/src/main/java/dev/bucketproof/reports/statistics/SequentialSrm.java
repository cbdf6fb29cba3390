package dev.bucketproof.reports.statistics;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.special.Gamma;

/**
 * The anytime-valid sample ratio mismatch test of Lindon and Malek, "Anytime-Valid Inference for
 * Multinomial Count Data" (NeurIPS 2022): a p-value that may be looked at after every period (every
 * day, every user) and still keeps its false-alarm rate at alpha, where a fixed-n chi-square test
 * checked daily alarms far more often.
 *
 * <p>The null is a multinomial with shares θ (the configured weights, normalised to sum to 1). The
 * alternative puts a Dirichlet(α) prior on the shares, α = k·θ, with concentration k (default
 * 10,000, the default of Optimizely's {@code ssrm} package). With cumulative counts N_t and n_t = Σ
 * N_t,i the Bayes factor of the alternative against the null is
 *
 * <pre>
 * log BF_t = lgamma(k) - lgamma(k + n_t) + Σ_i [lgamma(α_i + N_t,i) - lgamma(α_i)] - Σ_i N_t,i log θ_i
 * </pre>
 *
 * and the anytime-valid p-value is {@code p_t = min(1, min over s <= t of exp(-log BF_s))}: by
 * Ville's inequality, P(some p_t <= alpha) <= alpha under the null, however many looks.
 *
 * <p>Precision: the terms above are each about n·log n, while log BF is about log n under the null,
 * so the sum as written loses up to log10(n·log n) of the 16 digits of a double. This class uses
 * the same quantity rearranged into terms that stay small (Stirling's series for arguments of 10
 * and more, exact lgamma below): {@code SequentialSrmTest} checks log BF to 1e-9 absolute (so the
 * p-value to 1e-9 relative) against 50-digit values computed with mpmath, up to a billion users.
 *
 * <pre>{@code
 * SequentialSrm srm = SequentialSrm.of(new double[] {0.5, 0.5}, SequentialSrm.DEFAULT_CONCENTRATION);
 * SequentialSrm.Path path = srm.path();
 * path.observe(new long[] {5_100, 4_900});   // day 1, cumulative: p = 1
 * path.observe(new long[] {10_400, 9_600});  // day 2, cumulative
 * boolean alarm = path.pValue() < 0.0005;
 * }</pre>
 *
 * <p>Thread-safety: immutable; {@link #logBayesFactor} and {@link #pValue} allocate nothing and are
 * safe for concurrent use. A {@link Path} is not thread-safe.
 */
public final class SequentialSrm {
  /** The default concentration k of the Dirichlet prior: that of Optimizely's {@code ssrm}. */
  public static final double DEFAULT_CONCENTRATION = 10_000;

  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  /** Below this, lgamma is taken directly; from it on, Stirling's series with 6 terms. */
  private static final double STIRLING_FROM = 10;

  private final double[] shares;
  private final double[] prior;
  private final double concentration;
  private final double stirlingRemainderOfConcentration;

  private SequentialSrm(double[] shares, double concentration) {
    this.shares = shares;
    this.concentration = concentration;
    this.prior = new double[shares.length];
    for (int i = 0; i < shares.length; i++) {
      prior[i] = concentration * shares[i];
    }
    this.stirlingRemainderOfConcentration = stirlingRemainder(concentration);
  }

  /**
   * Returns the test of counts against {@code nullShares} (weights in any unit: they are normalised
   * to sum to 1) with a Dirichlet prior of concentration {@code concentration}.
   *
   * @throws IllegalArgumentException if there are fewer than 2 shares, a share is not finite and
   *     positive, their sum is not finite, or the concentration is not finite and positive
   */
  public static SequentialSrm of(double[] nullShares, double concentration) {
    Objects.requireNonNull(nullShares, "nullShares");
    if (nullShares.length < 2) {
      throw new IllegalArgumentException(
          "nullShares must have at least 2 variants: " + nullShares.length);
    }
    if (!(concentration > 0 && Double.isFinite(concentration))) {
      throw new IllegalArgumentException("concentration must be finite and > 0: " + concentration);
    }
    double total = 0;
    for (double share : nullShares) {
      if (!(share > 0 && Double.isFinite(share))) {
        throw new IllegalArgumentException(
            "nullShares must be finite and > 0: " + Arrays.toString(nullShares));
      }
      total += share;
    }
    if (!Double.isFinite(total)) {
      throw new IllegalArgumentException(
          "nullShares must have a finite sum: " + Arrays.toString(nullShares));
    }
    double[] shares = new double[nullShares.length];
    for (int i = 0; i < shares.length; i++) {
      shares[i] = nullShares[i] / total;
    }
    return new SequentialSrm(shares, concentration);
  }

  /** Returns the number of variants. */
  public int variants() {
    return shares.length;
  }

  /** Returns the concentration k of the Dirichlet prior. */
  public double concentration() {
    return concentration;
  }

  /** Returns the null shares θ, normalised to sum to 1 (a copy). */
  public double[] nullShares() {
    return shares.clone();
  }

  /**
   * Returns log BF_t of the Dirichlet-multinomial alternative against the null for cumulative
   * counts N_t; 0 for no users.
   *
   * @throws IllegalArgumentException if the number of counts is not the number of variants or a
   *     count is negative
   */
  public double logBayesFactor(long[] cumulativeCounts) {
    Objects.requireNonNull(cumulativeCounts, "cumulativeCounts");
    if (cumulativeCounts.length != shares.length) {
      throw new IllegalArgumentException(
          "cumulativeCounts must have one count per variant ("
              + shares.length
              + "): "
              + cumulativeCounts.length);
    }
    long users = 0;
    for (long count : cumulativeCounts) {
      if (count < 0) {
        throw new IllegalArgumentException(
            "cumulativeCounts must be >= 0: " + Arrays.toString(cumulativeCounts));
      }
      users = Math.addExact(users, count);
    }
    if (users == 0) {
      return 0;
    }
    // With D(a, N) = lgamma(a + N) - lgamma(a) and Stirling's lgamma(x) = (x - 1/2) ln x - x +
    // ln(2 pi)/2 + S(x), the -N terms cancel (sum N_i = n), and the logarithms regroup around
    // x_i = (N_i - n theta_i) / (theta_i (k + n)), the relative deviation of variant i:
    // log BF = sum_i (N_i + alpha_i) log1p(x_i) - 1/2 sum_i log1p(N_i / alpha_i)
    //          + 1/2 log1p(n / k) + sum_i [S(alpha_i + N_i) - S(alpha_i)] - [S(k + n) - S(k)].
    // Every term is small when the counts follow the null, so no digits cancel away.
    double total = users;
    double kPlusN = concentration + total;
    double logBayesFactor = 0.5 * Math.log1p(total / concentration);
    logBayesFactor -= stirlingRemainder(kPlusN) - stirlingRemainderOfConcentration;
    for (int i = 0; i < shares.length; i++) {
      double count = cumulativeCounts[i];
      double deviation = (count - total * shares[i]) / (shares[i] * kPlusN);
      logBayesFactor += (count + prior[i]) * Math.log1p(deviation);
      logBayesFactor -= 0.5 * Math.log1p(count / prior[i]);
      logBayesFactor += stirlingRemainder(prior[i] + count) - stirlingRemainder(prior[i]);
    }
    return logBayesFactor;
  }

  /**
   * Returns the p-value of one look, {@code min(1, exp(-log BF))}: valid alone, or as one term of
   * the running minimum over looks that {@link Path} keeps.
   *
   * @throws IllegalArgumentException as {@link #logBayesFactor}
   */
  public double pValue(long[] counts) {
    return Math.min(1, Math.exp(-logBayesFactor(counts)));
  }

  /** Returns a new, empty path of looks at this test (p-value 1 before the first look). */
  public Path path() {
    return new Path(this);
  }

  /**
   * Returns the anytime-valid p-values after each period of {@code periodCounts} (counts of that
   * period, not cumulative): entry t is {@code min(1, min over s <= t of exp(-log BF_s))}.
   *
   * @throws IllegalArgumentException as {@link #logBayesFactor}, for the cumulative counts
   */
  public double[] pValues(long[][] periodCounts) {
    Path path = path();
    double[] pValues = new double[periodCounts.length];
    for (int t = 0; t < periodCounts.length; t++) {
      pValues[t] = path.add(periodCounts[t]);
    }
    return pValues;
  }

  /**
   * S(x) = lgamma(x) - [(x - 1/2) ln x - x + ln(2 pi)/2]: Stirling's series from {@link
   * #STIRLING_FROM} on (Abramowitz and Stegun 6.1.40, terms to x^-11, error below 1e-14 at x = 10),
   * the exact difference below it, where every term is small.
   */
  static double stirlingRemainder(double x) {
    if (x < STIRLING_FROM) {
      return Gamma.logGamma(x) - ((x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI);
    }
    double inverse = 1 / x;
    double inverseSquared = inverse * inverse;
    return inverse
        * (1.0 / 12
            - inverseSquared
                * (1.0 / 360
                    - inverseSquared
                        * (1.0 / 1260
                            - inverseSquared
                                * (1.0 / 1680
                                    - inverseSquared
                                        * (1.0 / 1188 - inverseSquared * 691.0 / 360360)))));
  }

  /**
   * The looks at one experiment: the cumulative counts so far and the running anytime-valid p-value
   * {@code min(1, min over looks of exp(-log BF))}.
   *
   * <p>Thread-safety: not thread-safe; one path per experiment and thread (or synchronise).
   */
  public static final class Path {
    private final SequentialSrm test;
    private final long[] cumulative;
    private double pValue = 1;
    private double logBayesFactor;
    private long looks;

    private Path(SequentialSrm test) {
      this.test = test;
      this.cumulative = new long[test.variants()];
    }

    /**
     * Looks at cumulative counts (each at least the previous look's) and returns the running
     * p-value.
     *
     * @throws IllegalArgumentException as {@link SequentialSrm#logBayesFactor}, or if a count is
     *     below the previous look's
     */
    public double observe(long[] cumulativeCounts) {
      Objects.requireNonNull(cumulativeCounts, "cumulativeCounts");
      double next = test.logBayesFactor(cumulativeCounts);
      for (int i = 0; i < cumulative.length; i++) {
        if (cumulativeCounts[i] < cumulative[i]) {
          throw new IllegalArgumentException(
              "cumulativeCounts must not decrease: "
                  + Arrays.toString(cumulativeCounts)
                  + " after "
                  + Arrays.toString(cumulative));
        }
      }
      System.arraycopy(cumulativeCounts, 0, cumulative, 0, cumulative.length);
      logBayesFactor = next;
      pValue = Math.min(pValue, Math.exp(-next));
      looks++;
      return pValue;
    }

    /**
     * Adds one period's counts (not cumulative) and returns the running p-value.
     *
     * @throws IllegalArgumentException as {@link SequentialSrm#logBayesFactor}
     */
    public double add(long[] periodCounts) {
      Objects.requireNonNull(periodCounts, "periodCounts");
      if (periodCounts.length != cumulative.length) {
        throw new IllegalArgumentException(
            "periodCounts must have one count per variant ("
                + cumulative.length
                + "): "
                + periodCounts.length);
      }
      long[] next = cumulative.clone();
      for (int i = 0; i < next.length; i++) {
        if (periodCounts[i] < 0) {
          throw new IllegalArgumentException(
              "periodCounts must be >= 0: " + Arrays.toString(periodCounts));
        }
        next[i] = Math.addExact(next[i], periodCounts[i]);
      }
      return observe(next);
    }

    /** Returns the running p-value: 1 before the first look. */
    public double pValue() {
      return pValue;
    }

    /** Returns log BF of the latest look (0 before the first). */
    public double logBayesFactor() {
      return logBayesFactor;
    }

    /** Returns the cumulative counts of the latest look (a copy). */
    public long[] counts() {
      return cumulative.clone();
    }

    /** Returns the number of looks so far. */
    public long looks() {
      return looks;
    }
  }
}
