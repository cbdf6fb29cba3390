package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.statistics.SampleRatioMismatch;
import dev.bucketproof.reports.statistics.SequentialSrm;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Calibration of the anytime-valid sequential SRM test (Lindon & Malek 2022) as teams use it:
 * checked after every one of 100 daily periods. Under the null its chance of ever alarming stays at
 * most alpha; the fixed-n chi-square checked the same way alarms far more often (the negative
 * control: peeking inflates it); and its power against a 1% SRM grows with n as stated.
 *
 * <p>Seeded ({@link #SEED}); 1,000 null experiments of 100 periods of 1,000 users, 50/50, alpha
 * 0.05, so the Monte Carlo error of a rate near 0.05 is about 0.007.
 */
class SequentialSrmDistributionTest {
  static final long SEED = 0x5E9_2026L;
  static final int EXPERIMENTS = 1_000;
  static final int PERIODS = 100;
  static final int USERS_PER_PERIOD = 1_000;
  static final double ALPHA = 0.05;

  /** The most alarms of 1,000 at a true rate of 0.05: the exact binomial 99.95% upper end. */
  static long upperEnd(double rate) {
    return new BinomialDistribution(null, EXPERIMENTS, rate).inverseCumulativeProbability(0.9995);
  }

  private record Alarms(int sequential, int fixed, long[] firstAlarmUsers) {}

  private static Alarms simulate(double firstShare, int experiments, int periods, long seed) {
    SequentialSrm test = SequentialSrm.of(new double[] {0.5, 0.5}, 10_000);
    BinomialDistribution period =
        new BinomialDistribution(new Well19937c(seed), USERS_PER_PERIOD, firstShare);
    int sequential = 0;
    int fixed = 0;
    long[] firstAlarm = new long[experiments];
    for (int experiment = 0; experiment < experiments; experiment++) {
      SequentialSrm.Path path = test.path();
      boolean fixedAlarm = false;
      firstAlarm[experiment] = Long.MAX_VALUE;
      for (int day = 0; day < periods; day++) {
        int first = period.sample();
        double pValue = path.add(new long[] {first, USERS_PER_PERIOD - first});
        long[] counts = path.counts();
        if (pValue < ALPHA && firstAlarm[experiment] == Long.MAX_VALUE) {
          firstAlarm[experiment] = counts[0] + counts[1];
        }
        if (!fixedAlarm) {
          fixedAlarm = SampleRatioMismatch.of(counts, new double[] {1, 1}, ALPHA).mismatch();
        }
      }
      sequential += firstAlarm[experiment] != Long.MAX_VALUE ? 1 : 0;
      fixed += fixedAlarm ? 1 : 0;
    }
    return new Alarms(sequential, fixed, firstAlarm);
  }

  @Test
  void checkedEveryDayTheSequentialTestKeepsItsFalseAlarmRateAndTheFixedTestDoesNot() {
    Alarms alarms = simulate(0.5, EXPERIMENTS, PERIODS, SEED);
    long most = upperEnd(ALPHA);
    String summary =
        String.format(
            Locale.ROOT,
            "null 50/50, %d experiments x %d daily looks of %,d users, alpha %s: sequential"
                + " alarmed in %d (rate %.3f, at most %d allowed), fixed-n exact binomial checked"
                + " daily in %d (rate %.3f); seed %#x",
            EXPERIMENTS,
            PERIODS,
            USERS_PER_PERIOD,
            ALPHA,
            alarms.sequential(),
            alarms.sequential() / (double) EXPERIMENTS,
            most,
            alarms.fixed(),
            alarms.fixed() / (double) EXPERIMENTS,
            SEED);
    System.out.println(summary);
    assertTrue(alarms.sequential() <= most, summary);
    // negative control: the daily fixed-n check alarms well above alpha (3x is far outside its MC
    // error; measured about 0.3-0.4)
    assertTrue(alarms.fixed() > 3 * ALPHA * EXPERIMENTS, summary);
  }

  @Test
  void powerAgainstAOnePercentSrmAsAFunctionOfN() {
    // a 1% SRM: the first arm gets 50.5% instead of 50% (a ratio of 1.0202)
    int experiments = 200;
    int periods = 400;
    Alarms alarms = simulate(0.505, experiments, periods, SEED + 1);
    StringBuilder table = new StringBuilder("sequential SRM power against 50.5/49.5, alpha 0.05:");
    double last = 0;
    for (long users : new long[] {10_000, 50_000, 100_000, 200_000, 400_000}) {
      long caught = 0;
      for (long first : alarms.firstAlarmUsers()) {
        caught += first <= users ? 1 : 0;
      }
      last = caught / (double) experiments;
      table.append(String.format(Locale.ROOT, " n=%,d: %.1f%%;", users, last * 100));
    }
    table.append(String.format(Locale.ROOT, " %d experiments, seed %#x", experiments, SEED + 1));
    System.out.println(table);
    assertTrue(last >= 0.8, table.toString());
  }
}
