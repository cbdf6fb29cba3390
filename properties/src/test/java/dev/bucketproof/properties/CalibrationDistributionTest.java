package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.reports.audit.BucketerFindings;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.GateId;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.statistics.Independence;
import dev.bucketproof.reports.statistics.PowerAnalysis;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.statistics.SaltMetaTest;
import dev.bucketproof.reports.statistics.SampleRatioMismatch;
import dev.bucketproof.reports.statistics.Statistics;
import dev.bucketproof.reports.statistics.Uniformity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calibration of every statistical gate (issue 10): over {@value #RUNS} independent seeded correct
 * populations per size, at alpha {@value #ALPHA}, a gate must reject at its true size: the
 * rejection count must lie inside the exact binomial 99.95% region around it. The true size is 0.05
 * for a gate with a continuous statistic, and the exact size the gate computes for itself when it
 * is discrete (the rollout's exact binomial region at 100 users has size 0.035, not 0.05).
 * Inconclusive runs are counted separately and never as passes. Then negative controls set exactly
 * at the power each gate reports must be caught in about 80% of {@value #POWER_RUNS} seeded runs,
 * inside the binomial region around 0.8.
 *
 * <p>Populations are simulated from counts (multinomial draws with {@link SplittableRandom}) where
 * the hash is not the point, and hashed from real UUIDs where it is (uniformity with a fresh flag
 * key per run). Each gate is the real one: counts go through {@link Statistics} and {@link
 * BucketerFindings#gates()}.
 */
class CalibrationDistributionTest {
  /** Correct populations per gate and size. */
  static final int RUNS = 1_000;

  /** Runs per negative control at the reported power. */
  static final int POWER_RUNS = 500;

  /** The level the gates are calibrated at. */
  static final double ALPHA = 0.05;

  /** The region the observed rejection count must fall in: exact binomial, 99.95%. */
  static final double REGION_ALPHA = 0.0005;

  /** The seed of every simulated population; each run adds its index. */
  static final long SEED = 0xCA11_B8A7_E2026L;

  /** Counts of verdicts over runs. */
  record Tally(int failed, int inconclusive, int passed) {
    int runs() {
      return failed + inconclusive + passed;
    }
  }

  static Tally tally(int runs, IntFunction<Gate> gateOfRun) {
    int failed = 0;
    int inconclusive = 0;
    int passed = 0;
    for (int run = 0; run < runs; run++) {
      Gate gate = gateOfRun.apply(run);
      switch (gate.verdict()) {
        case FAIL -> failed++;
        case INCONCLUSIVE -> inconclusive++;
        case PASS -> passed++;
      }
    }
    return new Tally(failed, inconclusive, passed);
  }

  /**
   * Asserts that {@code failed} of {@code runs} lies in the 99.95% binomial region around {@code
   * size}.
   */
  static void assertRate(String what, Tally tally, double size) {
    int decided = tally.failed() + tally.passed();
    long[] region = RolloutAccuracy.region(decided, size, REGION_ALPHA);
    String message =
        String.format(
            Locale.ROOT,
            "%s: %d of %d decided runs failed (rate %.4f), %d inconclusive;"
                + " expected rate %.4f, region [%d, %d]; seed %#x",
            what,
            tally.failed(),
            decided,
            (double) tally.failed() / decided,
            tally.inconclusive(),
            size,
            region[0],
            region[1],
            SEED);
    System.out.println(message);
    assertTrue(decided > 0, message);
    assertTrue(tally.failed() >= region[0] && tally.failed() <= region[1], message);
  }

  static BucketerFindings findings(
      int bucketCount,
      long users,
      long[] counts,
      Uniformity uniformity,
      List<RolloutAccuracy> rollouts,
      Independence independence,
      SaltMetaTest salt) {
    return new BucketerFindings(
        "calibration",
        "simulated",
        bucketCount,
        users,
        counts,
        0,
        uniformity,
        0,
        rollouts,
        independence,
        salt,
        null);
  }

  static Gate gate(BucketerFindings findings, String name) {
    return findings.gates().stream()
        .filter(gate -> gate.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no gate " + name + " in " + findings.gates()));
  }

  static long[] multinomial(SplittableRandom random, long users, double[] cumulative) {
    long[] counts = new long[cumulative.length];
    for (long user = 0; user < users; user++) {
      double value = random.nextDouble();
      int bin = Arrays.binarySearch(cumulative, value);
      bin = bin >= 0 ? bin + 1 : -bin - 1;
      counts[Math.min(bin, counts.length - 1)]++;
    }
    return counts;
  }

  static long[] uniformCounts(SplittableRandom random, long users, int bins) {
    long[] counts = new long[bins];
    for (long user = 0; user < users; user++) {
      counts[random.nextInt(bins)]++;
    }
    return counts;
  }

  static double[] cumulative(double... shares) {
    double[] cumulative = new double[shares.length];
    double sum = 0;
    for (int i = 0; i < shares.length; i++) {
      sum += shares[i];
      cumulative[i] = sum;
    }
    return cumulative;
  }

  // ---- uniformity: chi-square both tails (continuous statistic, size 0.05); buckets chosen so
  // Cochran holds

  static Gate uniformityGate(long[] counts) {
    long users = Arrays.stream(counts).sum();
    return gate(
        findings(counts.length, users, counts, Uniformity.of(counts, ALPHA), List.of(), null, null),
        "uniformity");
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 1_000, 10_000})
  void uniformityRejectsAtItsSize(int users) {
    int buckets = users == 100 ? 10 : 100;
    Tally tally =
        tally(
            RUNS,
            run -> uniformityGate(uniformCounts(new SplittableRandom(SEED + run), users, buckets)));
    assertEquals(0, tally.inconclusive(), "expected >= 5 per bucket: never inconclusive");
    assertRate("uniformity, " + users + " users, " + buckets + " buckets", tally, ALPHA);
  }

  @Test
  void uniformityOnHashedUuidsRejectsAtItsSize() {
    List<String> ids = new ArrayList<>();
    for (long i = 0; i < 1_000; i++) {
      ids.add(IdShape.UUID.id(SEED, i));
    }
    Bucketer bucketer = Bucketer.standard();
    Tally tally =
        tally(
            RUNS,
            run -> {
              long[] counts = new long[100];
              for (String id : ids) {
                counts[bucketer.bucket("calibration-" + run, id)]++;
              }
              return uniformityGate(counts);
            });
    assertRate("uniformity, 1,000 hashed UUIDs, fresh flag key per run", tally, ALPHA);
  }

  @Test
  void uniformityBelowCochranKeepsItsSizeByMonteCarlo() {
    // Below 5 per bucket the seeded Monte Carlo null decides: its floor 2/20,000 is below 0.05, so
    // a correct bucketer passes, and fails at most at the test's size (issue 19: a gate is
    // inconclusive only when its smallest p-value cannot reach the level).
    Tally tally =
        tally(
            RUNS, run -> uniformityGate(uniformCounts(new SplittableRandom(SEED + run), 100, 100)));
    assertEquals(0, tally.inconclusive(), "the Monte Carlo floor 1e-4 is below 0.05: " + tally);
    long[] region = RolloutAccuracy.region(RUNS, ALPHA, REGION_ALPHA);
    assertTrue(tally.failed() <= region[1], "Monte Carlo failures of a correct bucketer: " + tally);
    // At a level below the floor no data could fail the gate: inconclusive, never pass.
    Uniformity unreachable =
        Uniformity.of(uniformCounts(new SplittableRandom(SEED), 100, 100), 0.00005);
    assertTrue(unreachable.smallestTwoSidedPValue() >= 0.00005, unreachable.toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 10_000, 100_000})
  void uniformityCatchesABucketOffByItsReportedPower(int users) {
    int buckets = users == 1_000 ? 10 : 100;
    double deviation = PowerAnalysis.uniformityPower(users, buckets, ALPHA).deviation();
    double[] shares = new double[buckets];
    Arrays.fill(shares, (1 - (1 + deviation) / buckets) / (buckets - 1));
    shares[0] = (1 + deviation) / buckets;
    double[] cumulative = cumulative(shares);
    Tally tally =
        tally(
            POWER_RUNS,
            run ->
                uniformityGate(multinomial(new SplittableRandom(SEED + run), users, cumulative)));
    assertRate(
        String.format(
            Locale.ROOT,
            "uniformity power, %,d users, one bucket %.1f%% off",
            users,
            deviation * 100),
        tally,
        0.8);
  }

  // ---- rollout: exact binomial region (discrete: the size the gate computes for itself)

  static RolloutAccuracy rollout(long users, double share, long enabled) {
    return RolloutAccuracy.of(Double.toString(share * 100), share, users, enabled, ALPHA);
  }

  static Gate rolloutGate(long users, double share, long enabled) {
    return gate(
        findings(1, users, new long[1], null, List.of(rollout(users, share, enabled)), null, null),
        "rollout " + share * 100 + "%");
  }

  static long binomial(SplittableRandom random, long users, double share) {
    long enabled = 0;
    for (long user = 0; user < users; user++) {
      enabled += random.nextDouble() < share ? 1 : 0;
    }
    return enabled;
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 1_000, 10_000})
  void rolloutRejectsAtTheExactSizeItComputes(int users) {
    for (double share : new double[] {0.05, 0.5}) {
      double size = rollout(users, share, Math.round(users * share)).size();
      assertTrue(size <= ALPHA, "an exact region's size is at most alpha: " + size);
      Tally tally =
          tally(
              RUNS,
              run ->
                  rolloutGate(
                      users, share, binomial(new SplittableRandom(SEED + run), users, share)));
      assertEquals(0, tally.inconclusive(), "the region can reject both ways at these sizes");
      assertRate(
          String.format(
              Locale.ROOT, "rollout %.0f%%, %,d users, exact size %.4f", share * 100, users, size),
          tally,
          size);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 10_000})
  void rolloutCatchesAnErrorOfItsReportedPower(int users) {
    double share = 0.05;
    PowerAnalysis.RolloutPower power = PowerAnalysis.rollout(users, share, ALPHA);
    for (double truth : new double[] {share + power.tooHigh(), share - power.tooLow()}) {
      Tally tally =
          tally(
              POWER_RUNS,
              run ->
                  rolloutGate(
                      users, share, binomial(new SplittableRandom(SEED + run), users, truth)));
      long[] region = RolloutAccuracy.region(users, share, ALPHA);
      double exactPower = PowerAnalysis.rolloutRejection(users, truth, region);
      assertTrue(
          Math.abs(exactPower - 0.8) < 0.01,
          "the reported error is where the power is 80%: " + exactPower);
      assertRate(
          String.format(
              Locale.ROOT, "rollout 5%% power, %,d users, true %.3f%%", users, truth * 100),
          tally,
          exactPower);
    }
  }

  // ---- flag independence: chi-square on the 2x2 table (Fisher below Cochran)

  static Gate independenceGate(long[] cells) {
    long[][] table = {{cells[0], cells[1]}, {cells[2], cells[3]}};
    long users = Arrays.stream(cells).sum();
    return gate(
        findings(2, users, new long[2], null, List.of(), Independence.of(table, ALPHA), null),
        "flag independence");
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 1_000, 10_000})
  void independenceRejectsAtItsSize(int users) {
    double[] cumulative = cumulative(0.25, 0.25, 0.25, 0.25);
    Tally tally =
        tally(
            RUNS,
            run ->
                independenceGate(multinomial(new SplittableRandom(SEED + run), users, cumulative)));
    assertRate("flag independence, " + users + " users", tally, ALPHA);
  }

  @Test
  void independenceBelowCochranUsesFishersTestWhichIsConservative() {
    double[] cumulative = cumulative(0.25, 0.25, 0.25, 0.25);
    Tally tally =
        tally(
            RUNS,
            run -> independenceGate(multinomial(new SplittableRandom(SEED + run), 16, cumulative)));
    long[] region = RolloutAccuracy.region(RUNS, ALPHA, REGION_ALPHA);
    System.out.println("flag independence, 16 users (Fisher): " + tally);
    assertTrue(
        tally.failed() <= region[1], "Fisher's exact test rejects at most at alpha: " + tally);
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 10_000})
  void independenceCatchesAnOverlapExcessOfItsReportedPower(int users) {
    double excess = PowerAnalysis.independenceExcess(users, 0.5, 0.5, ALPHA);
    // cells in order neither, B only, A only, both
    double[] cumulative = cumulative(0.25 + excess, 0.25 - excess, 0.25 - excess, 0.25 + excess);
    Tally tally =
        tally(
            POWER_RUNS,
            run ->
                independenceGate(multinomial(new SplittableRandom(SEED + run), users, cumulative)));
    assertRate(
        String.format(
            Locale.ROOT,
            "flag independence power, %,d users, excess %.2f points",
            users,
            excess * 100),
        tally,
        0.8);
  }

  // ---- SRM: two variants enumerate the exact size; three variants are continuous enough at these
  // sizes

  @ParameterizedTest
  @ValueSource(ints = {100, 1_000, 10_000})
  void srmRejectsAtItsExactSize(int users) {
    double[] weights = {50, 50};
    double size = 0;
    org.apache.commons.math3.distribution.BinomialDistribution null50 =
        new org.apache.commons.math3.distribution.BinomialDistribution(null, users, 0.5);
    for (int first = 0; first <= users; first++) {
      if (SampleRatioMismatch.of(new long[] {first, users - first}, weights, ALPHA).mismatch()) {
        size += null50.probability(first);
      }
    }
    double exactSize = size;
    Tally tally =
        tally(
            RUNS,
            run -> srmGate(users, weights, binomial(new SplittableRandom(SEED + run), users, 0.5)));
    assertRate(
        String.format(Locale.ROOT, "srm 50/50, %,d users, exact size %.4f", users, exactSize),
        tally,
        exactSize);
  }

  static Gate srmGate(long users, double[] weights, long first) {
    SampleRatioMismatch srm =
        SampleRatioMismatch.of(new long[] {first, users - first}, weights, ALPHA);
    Gate.Verdict verdict =
        srm.mismatch()
            ? Gate.Verdict.FAIL
            : srm.decidable() ? Gate.Verdict.PASS : Gate.Verdict.INCONCLUSIVE;
    return new Gate(
        new GateId(GateId.Kind.SAMPLE_RATIO_MISMATCH, "calibration", "srm", ""),
        "calibration",
        "srm",
        "split",
        verdict,
        "",
        srm.method(),
        Gate.Power.none("", ""),
        verdict == Gate.Verdict.INCONCLUSIVE ? 1 : 0,
        Math.min(1, srm.pValue()),
        srm.smallestPValue(),
        srm.threshold());
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 10_000})
  void srmCatchesARatioErrorOfItsReportedPower(int users) {
    double[] weights = {50, 50};
    double error = PowerAnalysis.splitError(users, weights, ALPHA);
    Tally tally =
        tally(
            POWER_RUNS,
            run ->
                srmGate(
                    users,
                    weights,
                    binomial(new SplittableRandom(SEED + run), users, 0.5 * (1 + error))));
    assertRate(
        String.format(
            Locale.ROOT, "srm power, %,d users, first variant %.2f%% over", users, error * 100),
        tally,
        0.8);
  }

  // ---- salt meta-test: KS over 200 randomized per-flag p-values

  static final int FLAGS = 200;
  static final int SALT_RUNS = 1_000;

  static double[] equalShares(int bins) {
    double[] shares = new double[bins];
    Arrays.fill(shares, 1.0 / bins);
    return shares;
  }

  static Gate saltGate(long[][] counts, long users) {
    SaltMetaTest salt = SaltMetaTest.of(counts, equalShares(100), users, ALPHA);
    return gate(findings(100, users, new long[100], null, List.of(), null, salt), "salt meta-test");
  }

  static long[][] saltCounts(SplittableRandom random, long users, int brokenFlags) {
    long[][] counts = new long[FLAGS][];
    for (int flag = 0; flag < FLAGS; flag++) {
      if (flag < brokenFlags) {
        counts[flag] = new long[100];
        counts[flag][0] = users; // a flag key that puts everyone in one bucket
      } else {
        counts[flag] = uniformCounts(random, users, 100);
      }
    }
    return counts;
  }

  @ParameterizedTest
  @ValueSource(ints = {30, 300, 2_000})
  void saltMetaTestRejectsAtItsSize(int users) {
    Tally tally =
        tally(
            SALT_RUNS,
            run -> saltGate(saltCounts(new SplittableRandom(SEED + run), users, 0), users));
    assertEquals(0, tally.inconclusive(), "at least 10 users: bins for a per-flag test");
    assertRate(
        "salt meta-test, " + users + " users per flag key, " + FLAGS + " flag keys", tally, ALPHA);
  }

  /**
   * The old approximation (plain chi-square p-values over 100 bins, whatever the users) fails this
   * calibration on 30 ids: this is the test that would have caught {@code report --ids} failing a
   * perfect hasher on a small file.
   */
  @Test
  void theOldSaltMetaTestFailsCalibrationOnThirtyIds() {
    int users = 30;
    Function<long[][], Boolean> oldGate =
        counts -> {
          double[] pValues = new double[counts.length];
          for (int flag = 0; flag < counts.length; flag++) {
            pValues[flag] =
                Uniformity.chiSquareGoodnessOfFit(counts[flag], equalShares(100), ALPHA).pValue();
          }
          return SaltMetaTest.of(pValues, ALPHA).rejected();
        };
    int runs = 200;
    int failed = 0;
    for (int run = 0; run < runs; run++) {
      failed += oldGate.apply(saltCounts(new SplittableRandom(SEED + run), users, 0)) ? 1 : 0;
    }
    long[] region = RolloutAccuracy.region(runs, ALPHA, REGION_ALPHA);
    System.out.printf(
        Locale.ROOT,
        "old salt meta-test, 30 users: %d of %d correct populations failed, region [%d, %d]%n",
        failed,
        runs,
        region[0],
        region[1]);
    assertFalse(
        failed >= region[0] && failed <= region[1],
        "the old approximation is miscalibrated: " + failed);
    Tally now =
        tally(runs, run -> saltGate(saltCounts(new SplittableRandom(SEED + run), users, 0), users));
    assertRate("new salt meta-test, 30 users, same populations", now, ALPHA);
  }

  @Test
  void saltMetaTestCatchesTheShareOfBrokenFlagKeysItReports() {
    int users = 2_000;
    double share = PowerAnalysis.saltShare(FLAGS, ALPHA);
    int broken = (int) Math.round(share * FLAGS);
    // Flag keys come whole, so the power at the reported share is the simulated one (at least 80%),
    // not exactly 80%.
    double power = PowerAnalysis.saltCatchRate(FLAGS, broken, ALPHA);
    assertTrue(power >= 0.8, "the reported share is caught at least 80% of the time: " + power);
    assertTrue(
        PowerAnalysis.saltCatchRate(FLAGS, broken - 1, ALPHA) < 0.8,
        "and is the smallest such share");
    Tally tally =
        tally(
            POWER_RUNS,
            run -> saltGate(saltCounts(new SplittableRandom(SEED + run), users, broken), users));
    assertRate(
        String.format(
            Locale.ROOT,
            "salt meta-test power, %d of %d flag keys broken, simulated power %.3f",
            broken,
            FLAGS,
            power),
        tally,
        power);
  }
}
