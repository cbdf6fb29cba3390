package dev.bucketproof.properties;

import static dev.bucketproof.properties.GateAudits.assertFailed;
import static dev.bucketproof.properties.GateAudits.assertPassed;
import static dev.bucketproof.properties.GateAudits.named;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.audit.AuditedBucketer;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.audit.SystemAgreement;
import dev.bucketproof.reports.audit.SystemBias;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.statistics.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report's gates on every compatibility profile's own buckets (uuid-1m, seed {@link
 * Population#DEFAULT_SEED}, alpha 0.0005 each), and each system's rollout bias measured on real
 * decisions ({@code isEnabled}) at 10,000 and 1,000,000 users against the exact binomial region,
 * agreeing with the exact verdict of {@link SystemBias}: GrowthBook v1's inclusive {@code n <=
 * coverage} over 1,000 values makes 1% enable 1.1%, invisible at 10,000 users and caught at
 * 1,000,000; flagd 0.11's and LaunchDarkly's float cut-offs (about 1e-8) pass at both sizes.
 */
class ProfileDistributionTest {
  private static final Population UUIDS = Population.of(IdShape.UUID, GateAudits.POWERFUL_USERS);
  private static PopulationFindings audit;

  @BeforeAll
  static void auditEveryProfile() {
    List<AuditedBucketer> targets = new ArrayList<>();
    for (BucketingProfile profile : SystemAgreement.reportProfiles()) {
      if (!(profile instanceof Bucketer)) {
        targets.add(
            new AuditedBucketer(
                Profiles.label(profile), profile.bucketCount(), 0, profile::bucketsOf));
      }
    }
    audit = GateAudits.audit(UUIDS, targets);
  }

  @Test
  void everyProfilePassesUniformityAndRolloutAccuracy() {
    assertPassed(audit, named("uniformity"));
    assertPassed(audit, gate -> gate.name().startsWith("rollout "));
    assertPassed(audit, named("buckets in range"));
  }

  @Test
  void everySaltedProfileKeepsFlagsIndependent() {
    assertPassed(
        audit,
        gate -> gate.name().equals("flag independence") && !gate.target().startsWith("split"));
  }

  /**
   * A documented finding, not a defect of the profile: Split hashes the key alone, so one seed for
   * every flag picks the same users.
   */
  @Test
  void splitWithOneSeedForEveryFlagFailsFlagIndependence() {
    assertFailed(
        audit,
        gate -> gate.name().equals("flag independence") && gate.target().startsWith("split"));
  }

  @Test
  void growthBookV1BiasIsInvisibleAtTenThousandAndCaughtAtAMillion() {
    BucketingProfile v1 = Profiles.byName(Profiles.GROWTHBOOK_V1);
    Rollout onePercent = Rollout.ofPercent("checkout", 1);
    SystemBias exact = SystemBias.of(v1, onePercent);
    assertEquals(false, exact.visibleAt(10_000, Statistics.ALPHA));
    assertEquals(true, exact.visibleAt(1_000_000, Statistics.ALPHA));
    assertEquals(true, insideRegion(v1, onePercent, 10_000), "GrowthBook v1 at 10,000 users");
    assertEquals(
        false, insideRegion(v1, onePercent, 1_000_000), "GrowthBook v1 at 1,000,000 users");
  }

  @Test
  void floatCutOffsAreInvisibleAtAMillion() {
    for (BucketingProfile profile :
        List.of(
            Profiles.byName(Profiles.FLAGD_0_11),
            Profiles.byName(
                Profiles.LAUNCHDARKLY, java.util.Map.of(Profiles.SALT, "bucketproof")))) {
      for (int percent : List.of(1, 50)) {
        Rollout rollout = Rollout.ofPercent("checkout", percent);
        assertEquals(false, SystemBias.of(profile, rollout).visibleAt(1_000_000, Statistics.ALPHA));
        assertEquals(true, insideRegion(profile, rollout, 1_000_000), profile + " " + rollout);
      }
    }
  }

  /**
   * Returns whether the share {@code profile} enables among the first {@code users} uuids is inside
   * the exact region.
   */
  private static boolean insideRegion(BucketingProfile profile, Rollout rollout, long users) {
    long enabled = 0;
    for (long i = 0; i < users; i++) {
      if (profile.isEnabled(rollout, UUIDS.id(i))) {
        enabled++;
      }
    }
    double share = rollout.basisPoints() / 10000.0;
    long[] region = RolloutAccuracy.region(users, share, Statistics.ALPHA);
    boolean inside = enabled >= region[0] && enabled <= region[1];
    System.out.printf(
        Locale.ROOT,
        "%s %s: %,d of %,d enabled (%.4f%%), region [%,d, %,d] at alpha %s: %s%n",
        Profiles.label(profile),
        rollout,
        enabled,
        users,
        100.0 * enabled / users,
        region[0],
        region[1],
        Statistics.ALPHA,
        inside ? "inside" : "outside");
    return inside;
  }
}
