package dev.bucketproof.reports.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * Known values: chi-square tables, a published SRM example, Wilson intervals, exact modulo bias.
 */
class StatisticsTest {

  @Test
  void chiSquareUpperTailMatchesTheTableAtDf99() {
    // Standard chi-square table, df 99: 0.05 -> 123.225, 0.01 -> 134.642, 0.001 -> 148.230.
    assertEquals(0.05, Statistics.chiSquareUpperTail(123.225, 99), 1e-4);
    assertEquals(0.01, Statistics.chiSquareUpperTail(134.642, 99), 1e-4);
    assertEquals(0.001, Statistics.chiSquareUpperTail(148.230, 99), 1e-5);
    assertEquals(0.5, Statistics.chiSquareUpperTail(98.334, 99), 1e-3);
  }

  @Test
  void chiSquareUpperTailKeepsPrecisionFarIntoTheTail() {
    double tail = Statistics.chiSquareUpperTail(400, 99);
    assertTrue(tail > 0 && tail < 1e-30, "p = " + tail);
  }

  @Test
  void chiSquareUpperTailOnBothSidesOfTheMedianAgreesWithScipy() {
    // scipy 1.17.1 chi2.sf (statistics_vectors.py): below the median 1 - CDF, above it Q(df/2, x/2)
    assertEquals(0.5270892568655381, Statistics.chiSquareUpperTail(0.4, 1), 1e-12);
    assertEquals(Math.exp(-2.5), Statistics.chiSquareUpperTail(5, 2), 1e-15);
    assertEquals(8.372893780664211e-38, Statistics.chiSquareUpperTail(400, 99), 1e-46);
    assertEquals(0.04550026389635857, Statistics.chiSquareUpperTail(4, 1), 1e-12);
    assertMessage("degreesOfFreedom must be >= 1: 0", () -> Statistics.chiSquareUpperTail(1, 0));
  }

  @Test
  void uniformityComputesTheStatisticAndBothTails() {
    long[] counts = new long[100];
    for (int i = 0; i < 100; i++) {
      counts[i] =
          i % 2 == 0 ? 111 : 89; // each bucket 11 off an expected 100: statistic = 100 * 121 / 100
    }
    Uniformity uniformity = Uniformity.of(counts, Statistics.ALPHA);
    assertEquals(121.0, uniformity.statistic(), 1e-9);
    assertEquals(99, uniformity.degreesOfFreedom());
    assertEquals(1, uniformity.pValue() + uniformity.lowerTail(), 1e-12);
    assertTrue(uniformity.passed());

    long[] even = new long[100];
    Arrays.fill(even, 100);
    Uniformity tooEven = Uniformity.of(even, Statistics.ALPHA);
    assertEquals(0.0, tooEven.statistic());
    assertFalse(tooEven.passed());
    assertEquals("too even", tooEven.verdict());

    long[] skewed = even.clone();
    skewed[0] = 400;
    assertEquals("too uneven", Uniformity.of(skewed, Statistics.ALPHA).verdict());
  }

  @Test
  void sampleRatioMismatchMatchesThePublishedExample() {
    // Kohavi, Tang and Xu, Trustworthy Online Controlled Experiments, ch. 3: 821,588 vs 815,482
    // users
    // in a 50/50 split has p = 1.8e-6, a sample ratio mismatch.
    SampleRatioMismatch srm =
        SampleRatioMismatch.of(new long[] {821_588, 815_482}, new double[] {50, 50}, 0.0005);
    assertEquals(1.8e-6, srm.pValue(), 0.05e-6);
    assertEquals(22.77, srm.statistic(), 0.01);
    assertArrayEquals(new double[] {818_535, 818_535}, srm.expected(), 1e-9);
    assertTrue(srm.mismatch());

    SampleRatioMismatch fine =
        SampleRatioMismatch.of(new long[] {5012, 4988}, new double[] {50, 50}, 0.0005);
    assertEquals(0.81, fine.pValue(), 0.01);
    assertFalse(fine.mismatch());
  }

  @Test
  void sampleRatioMismatchRejectsBadInput() {
    assertMessage(
        "weights must not all be zero: [0.0, 0.0]",
        () -> SampleRatioMismatch.of(new long[] {1, 2}, new double[] {0, 0}, 0.0005));
    assertMessage(
        "observed and weights must have the same length: 2 counts, 3 weights",
        () -> SampleRatioMismatch.of(new long[] {1, 2}, new double[] {1, 1, 1}, 0.0005));
    assertMessage(
        "observed counts must be >= 0: -1",
        () -> SampleRatioMismatch.of(new long[] {-1, 2}, new double[] {1, 1}, 0.0005));
    assertMessage(
        "threshold must be within (0, 1): 1.5",
        () -> SampleRatioMismatch.of(new long[] {1, 2}, new double[] {1, 1}, 1.5));
    assertMessage(
        "variant 1 has weight 0.0 (no users expected) but 2 users",
        () -> SampleRatioMismatch.of(new long[] {1, 2, 3}, new double[] {1, 0, 1}, 0.0005));
  }

  @Test
  void sampleRatioMismatchNeverComputesAVerdictFromAnOverflow() {
    // Long.MAX_VALUE twice overflowed to -2: a negative expected count, chi-square -1.7e38, "no
    // mismatch".
    assertMessage(
        "observed counts must add up to at most 9223372036854775807: [9223372036854775807, 9223372036854775807]",
        () ->
            SampleRatioMismatch.of(
                new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, new double[] {50, 50}, 0.0005));
    assertMessage(
        "observed counts must add up to at most 9223372036854775807: [4000000000000000000, 4000000000000000000,"
            + " 4000000000000000000]",
        () ->
            SampleRatioMismatch.of(
                new long[] {
                  4_000_000_000_000_000_000L, 4_000_000_000_000_000_000L, 4_000_000_000_000_000_000L
                },
                new double[] {1, 1, 1},
                0.0005));
    assertMessage(
        "weights must be finite and >= 0: NaN",
        () -> SampleRatioMismatch.of(new long[] {1, 2}, new double[] {Double.NaN, 1}, 0.0005));
  }

  @Test
  void sampleRatioMismatchIsRightAtTheLimits() {
    long third = Long.MAX_VALUE / 3; // three of them add up to Long.MAX_VALUE - 1
    SampleRatioMismatch even =
        SampleRatioMismatch.of(new long[] {third, third, third}, new double[] {1, 1, 1}, 0.0005);
    assertFalse(even.mismatch(), "an even split of huge counts: chi-square " + even.statistic());
    assertEquals(Long.MAX_VALUE - 1, even.total());
    SampleRatioMismatch uneven =
        SampleRatioMismatch.of(
            new long[] {third + 10_000_000_000L, third, third - 10_000_000_000L},
            new double[] {1, 1, 1},
            0.0005);
    assertTrue(
        uneven.mismatch(),
        "negative control: 1e10 users moved out of 9.2e18: chi-square " + uneven.statistic());
    // Weights whose sum overflows a double (1e308 + 1e308 is infinite) mean the same as 50, 50.
    SampleRatioMismatch huge =
        SampleRatioMismatch.of(new long[] {821_588, 815_482}, new double[] {1e308, 1e308}, 0.0005);
    SampleRatioMismatch plain =
        SampleRatioMismatch.of(new long[] {821_588, 815_482}, new double[] {50, 50}, 0.0005);
    assertEquals(plain.statistic(), huge.statistic(), 1e-9);
    assertArrayEquals(plain.expected(), huge.expected(), 1e-9);
    assertTrue(huge.mismatch());
  }

  @Test
  void wilsonIntervalMatchesKnownValues() {
    double[] zeroOfTen = RolloutAccuracy.wilson(0, 10, 0.05);
    assertEquals(0.0, zeroOfTen[0], 1e-12);
    assertEquals(0.2775, zeroOfTen[1], 1e-4);
    double[] fiveOfTen = RolloutAccuracy.wilson(5, 10, 0.05);
    assertEquals(0.2366, fiveOfTen[0], 1e-4);
    assertEquals(0.7634, fiveOfTen[1], 1e-4);
  }

  @Test
  void binomialRegionIsExactAtBothEnds() {
    long users = 10_000;
    double share = 0.25;
    double alpha = Statistics.ALPHA;
    long[] region = RolloutAccuracy.region(users, share, alpha);
    BinomialDistribution distribution = new BinomialDistribution(null, (int) users, share);
    assertTrue(distribution.cumulativeProbability((int) region[0] - 1) < alpha / 2);
    assertTrue(distribution.cumulativeProbability((int) region[0]) >= alpha / 2);
    assertTrue(1 - distribution.cumulativeProbability((int) region[1] - 1) >= alpha / 2);
    assertTrue(1 - distribution.cumulativeProbability((int) region[1]) < alpha / 2);
    // The old "20-30%" claim accepts a true 21%; this region does not.
    assertTrue(region[0] > 2100 && region[1] < 2900, Arrays.toString(region));
  }

  @Test
  void independenceOfA2x2Table() {
    assertEquals(
        1.0, Independence.of(new long[][] {{2500, 2500}, {2500, 2500}}, 0.0005).pValue(), 1e-12);
    Independence dependent = Independence.of(new long[][] {{5000, 0}, {0, 5000}}, 0.0005);
    assertEquals(10_000.0, dependent.statistic(), 1e-9);
    assertFalse(dependent.passed());
    assertEquals(1, dependent.degreesOfFreedom());
    // A 2x3 table: df 2; rows proportional to each other give a statistic of 0.
    Independence wide = Independence.of(new long[][] {{10, 30, 60}, {20, 60, 120}}, 0.0005);
    assertEquals(2, wide.degreesOfFreedom());
    assertEquals(0.0, wide.statistic(), 1e-12);
  }

  @Test
  void saltMetaTestAcceptsUniformAndRejectsIdenticalPValues() {
    double[] spread = new double[200];
    double[] identical = new double[200];
    for (int i = 0; i < 200; i++) {
      spread[i] = (i + 0.5) / 200;
      identical[i] = 0.42;
    }
    assertTrue(SaltMetaTest.of(spread, Statistics.ALPHA).passed());
    assertFalse(SaltMetaTest.of(identical, Statistics.ALPHA).passed());
  }

  @Test
  void moduloBiasIsExact() {
    ModuloBias bias = ModuloBias.of(32, 100);
    assertEquals(96, bias.heavierBuckets());
    assertEquals(BigInteger.valueOf(42_949_672), bias.valuesPerBucket());
    assertEquals(
        BigInteger.ONE.shiftLeft(32),
        bias.valuesPerBucket()
            .multiply(BigInteger.valueOf(100))
            .add(BigInteger.valueOf(bias.heavierBuckets())));
    assertEquals(16, ModuloBias.of(64, 100).heavierBuckets()); // 2^64 = 18446744073709551616
    assertEquals(0, ModuloBias.of(32, 1024).heavierBuckets());
    assertEquals(36, ModuloBias.of(16, 100).heavierBuckets()); // 65536 = 655 * 100 + 36
  }

  private static void assertMessage(
      String expected, org.junit.jupiter.api.function.Executable executable) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, executable).getMessage());
  }
}
