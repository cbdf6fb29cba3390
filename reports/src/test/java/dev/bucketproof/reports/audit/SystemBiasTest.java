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
import java.util.List;
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

  /**
   * The users a two-sided test at alpha needs to see an effect with 80% power, {@code ceil((z(1 -
   * alpha/2) + z(0.8))^2 p (1 - p) / effect^2)}: the figures were worked with Python's
   * statistics.NormalDist (19,622.2, 18,496,118.96, 4,120.66 before the ceiling).
   */
  @Test
  void usersToSeeIsTheNormalApproximationsSampleSize() {
    assertEquals(19_623, new SystemBias("s", "50", 0.51, "r").usersToSee(0.05));
    assertEquals(18_496_119, new SystemBias("s", "1", 0.0101, "r").usersToSee(0.0005));
    assertEquals(4_121, new SystemBias("s", "30", 0.28, "r").usersToSee(0.05), "too low");
    assertEquals(Long.MAX_VALUE, new SystemBias("s", "30", 0.3, "r").usersToSee(0.05), "exact");
    assertEquals(
        Long.MAX_VALUE, new SystemBias("s", "30", Double.NaN, "r").usersToSee(0.05), "none");
    assertEquals(1, new SystemBias("s", "0", 1e-9, "r").usersToSee(0.05), "one user at 0%");
    assertEquals(1, new SystemBias("s", "100", 1 - 1e-9, "r").usersToSee(0.05), "at 100%");
    assertEquals(Long.MAX_VALUE, new SystemBias("s", "0", 0, "r").usersToSee(0.05));
    assertEquals(
        Long.MAX_VALUE,
        new SystemBias("s", "50", 0.5 + 1e-300, "r").usersToSee(0.05),
        "an effect too small to count: no test sees it");
  }

  @Test
  void anEffectIsVisibleFromTheUsersItNeeds() {
    SystemBias bias = new SystemBias("s", "50", 0.51, "r");
    assertTrue(bias.visibleAt(19_623, 0.05));
    assertFalse(bias.visibleAt(19_622, 0.05));
    assertFalse(new SystemBias("s", "50", Double.NaN, "r").visibleAt(Long.MAX_VALUE, 0.05));
    assertFalse(new SystemBias("s", "50", 0.5, "r").visibleAt(Long.MAX_VALUE - 1, 0.05));
  }

  @Test
  void describeGivesTheExactShareAndTheEffect() {
    assertEquals(
        "p 5%: enables 5.0000010% of hash values, effect +1.00e-08 (rule)",
        new SystemBias("p", "5", 0.05000001, "rule").describe());
    assertEquals(
        "p 12.5%: not expressible (whole percent)",
        new SystemBias("p", "12.5", Double.NaN, "whole percent").describe());
    assertEquals(0.125, new SystemBias("p", "12.5", 0.1, "r").nominal());
    assertEquals(
        2 * SystemBias.REPORT_PERCENTS.size(),
        SystemBias.of(
                List.of(Bucketer.standard(), UnleashProfile.unleash()), SystemBias.REPORT_PERCENTS)
            .size());
    assertEquals(
        List.of("bucketproof 1", "bucketproof 5", "unleash 1", "unleash 5"),
        SystemBias.of(List.of(Bucketer.standard(), UnleashProfile.unleash()), List.of("1", "5"))
            .stream()
            .map(bias -> bias.profile() + " " + bias.percent())
            .toList());
  }
}
