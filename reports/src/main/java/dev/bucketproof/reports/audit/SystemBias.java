package dev.bucketproof.reports.audit;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutShare;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The bias of each system's own rollout rule, computed exactly rather than sampled: the share of
 * all hash values that a rollout of p% enables under the system's cut-off (its remainder, its
 * scaled multiply, its float division or float running sum, its inclusive {@code <=}), assuming
 * only that the hash itself is uniform over its range (the gates test that part on real ids). The
 * effect is that share minus p, and it is "visible" at n users when a two-sided test at the
 * report's alpha detects it with 80% power (normal approximation: {@code n >= (z(1 - alpha/2) +
 * z(0.8))^2 p (1 - p) / effect^2}).
 *
 * <p>Examples: GrowthBook v1 enables {@code n <= coverage} of 1,000 values, so 1% enables 1.1%
 * (+0.1 points, visible from about 90,000 users); flagd 0.11's float mapping and LaunchDarkly's
 * float cut-offs move a rollout by about 1e-7, invisible at any realistic size.
 *
 * <p>Thread-safety: immutable.
 *
 * @param profile the profile's label
 * @param percent the rollout, exact, such as {@code 12.5}
 * @param share the share of hash values enabled, or NaN when the system cannot express the rollout
 * @param rule how the share was computed, one line
 */
public record SystemBias(String profile, String percent, double share, String rule) {
  private static final double Z_POWER =
      new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.8);

  /** Validates the components. */
  public SystemBias {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(percent, "percent");
    Objects.requireNonNull(rule, "rule");
  }

  /** Returns the nominal share, p / 100. */
  public double nominal() {
    return Double.parseDouble(percent) / 100;
  }

  /**
   * Returns {@code share - nominal}, in shares (0.001 is 0.1 percentage points); NaN if not
   * expressible.
   */
  public double effect() {
    return share - nominal();
  }

  /** Returns whether the system can express the rollout at all. */
  public boolean expressible() {
    return !Double.isNaN(share);
  }

  /**
   * Returns the users at which a two-sided test at {@code alpha} sees the effect with 80% power, or
   * {@link Long#MAX_VALUE} when there is no effect.
   */
  public long usersToSee(double alpha) {
    double effect = Math.abs(effect());
    double p = nominal();
    if (!(effect > 0) || p <= 0 || p >= 1) {
      return effect > 0 ? 1 : Long.MAX_VALUE;
    }
    double z =
        new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - alpha / 2) + Z_POWER;
    double users = Math.ceil(z * z * p * (1 - p) / (effect * effect));
    return users >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) users;
  }

  /** Returns whether {@code users} users see the effect with 80% power at {@code alpha}. */
  public boolean visibleAt(long users, double alpha) {
    return expressible() && users >= usersToSee(alpha);
  }

  /** Returns one line: profile, rollout, exact share, effect. */
  public String describe() {
    if (!expressible()) {
      return profile + " " + percent + "%: not expressible (" + rule + ")";
    }
    return String.format(
        Locale.ROOT,
        "%s %s%%: enables %.7f%% of hash values, effect %+.2e (%s)",
        profile,
        percent,
        100 * share,
        effect(),
        rule);
  }

  /** The rollouts at which the report shows each system's bias, in percent. */
  public static final List<String> REPORT_PERCENTS = List.of("1", "5", "12.5", "30", "50");

  /** Returns the bias of every profile at every percentage, profiles outer. */
  public static List<SystemBias> of(List<BucketingProfile> profiles, List<String> percents) {
    List<SystemBias> all = new ArrayList<>();
    for (BucketingProfile profile : profiles) {
      for (String percent : percents) {
        all.add(of(profile, Rollout.ofPercent("f", Double.parseDouble(percent))));
      }
    }
    return all;
  }

  /**
   * Returns the exact share that {@code profile} enables for {@code rollout}, as the profile
   * computes it ({@link BucketingProfile#rolloutShare}).
   */
  public static SystemBias of(BucketingProfile profile, Rollout rollout) {
    RolloutShare share = profile.rolloutShare(rollout);
    return new SystemBias(
        profile.label(), rollout.percent().toPlainString(), share.share(), share.rule());
  }
}
