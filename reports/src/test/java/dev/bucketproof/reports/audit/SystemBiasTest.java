package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.profiles.FlagdProfile;
import dev.bucketproof.bucketing.profiles.GrowthBookProfile;
import dev.bucketproof.bucketing.profiles.LaunchDarklyProfile;
import dev.bucketproof.bucketing.profiles.OptimizelyProfile;
import dev.bucketproof.bucketing.profiles.SplitProfile;
import dev.bucketproof.bucketing.profiles.UnleashProfile;
import dev.bucketproof.reports.statistics.Statistics;
import org.junit.jupiter.api.Test;

/** The exact rollout shares of each system's rule, and when their bias becomes visible. */
class SystemBiasTest {
  private static final double TWO_32 = 4294967296.0;

  @Test
  void growthBookV1EnablesOneValueTooManyAndIsVisibleAtAMillionForOnePercent() {
    SystemBias bias =
        SystemBias.of(
            GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.JS),
            Rollout.ofPercent("f", 1));
    // n <= 0.01 holds for k = 0..10 of 1,000 values; values 0..295 hold 4,294,968 hashes, the rest
    // 4,294,967
    assertEquals(11 * 4_294_968 / TWO_32, bias.share(), 1e-15);
    assertEquals(0.001, bias.effect(), 1e-6);
    assertFalse(bias.visibleAt(10_000, Statistics.ALPHA));
    assertTrue(bias.visibleAt(1_000_000, Statistics.ALPHA));
  }

  @Test
  void growthBookV1CannotHitTwelveAndAHalfPercent() {
    SystemBias bias =
        SystemBias.of(
            GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.JS),
            Rollout.ofPercent("f", 12.5));
    assertEquals(0.126, bias.share(), 1e-6);
  }

  @Test
  void remainderRulesCarryOnlyTheModuloBias() {
    Rollout thirty = Rollout.ofPercent("f", 30);
    // 2^32 = 42,949,672 * 100 + 96: remainders 0..29 each hold 42,949,673 values
    double expected = 30 * 42_949_673 / TWO_32;
    assertEquals(expected, SystemBias.of(Bucketer.standard(), thirty).share(), 1e-15);
    assertEquals(expected, SystemBias.of(UnleashProfile.unleash(), thirty).share(), 1e-15);
    assertEquals(expected, SystemBias.of(SplitProfile.split(1), thirty).share(), 1e-15);
  }

  @Test
  void scaledMultiplyRulesAreExactWhereTheRangeDivides() {
    Rollout half = Rollout.ofPercent("f", 50);
    assertEquals(0.5, SystemBias.of(OptimizelyProfile.optimizely(), half).share(), 0);
    assertEquals(
        0.5, SystemBias.of(FlagdProfile.flagd(FlagdProfile.Encoding.UTF_8), half).share(), 0);
  }

  @Test
  void floatRulesAreOffByAboutOneInTenMillionInvisibleAtAMillion() {
    for (SystemBias bias :
        new SystemBias[] {
          SystemBias.of(FlagdProfile.flagd011(), Rollout.ofPercent("f", 50)),
          SystemBias.of(LaunchDarklyProfile.withSalt("s"), Rollout.ofPercent("f", 50))
        }) {
      assertTrue(Math.abs(bias.effect()) > 0 && Math.abs(bias.effect()) < 1e-6, bias.describe());
      assertFalse(bias.visibleAt(1_000_000, Statistics.ALPHA), bias.describe());
    }
  }

  @Test
  void flagd011EnablesTheMinimumHashEvenAtZeroPercent() {
    assertEquals(
        1 / TWO_32,
        SystemBias.of(FlagdProfile.flagd011(), Rollout.ofPercent("f", 0)).share(),
        1e-24);
  }

  @Test
  void wholePercentSystemsDoNotExpressTwelveAndAHalf() {
    SystemBias bias = SystemBias.of(UnleashProfile.unleash(), Rollout.ofPercent("f", 12.5));
    assertFalse(bias.expressible());
    assertTrue(bias.describe().contains("not expressible"), bias.describe());
  }
}
