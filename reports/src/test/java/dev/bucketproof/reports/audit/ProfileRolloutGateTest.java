package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 7: a profile's rollout gate counts that system's own decisions ({@link
 * BucketingProfile#isEnabled}), not {@code bucket < p * N / 100}. GrowthBook v1 enables {@code hash
 * % 1000 / 1000 <= p}: its 1% enables 11 values of 1,000, 1.1%, which the bias table reports and
 * which 1,000,000 users must show as a failed gate.
 */
class ProfileRolloutGateTest {
  private static final AuditSettings ONE_PERCENT =
      AuditSettings.defaults().withRollouts(List.of(100));

  @Test
  void growthBookV1OnePercentIsCountedByItsOwnRuleAndFailsAtAMillionUsers() throws IOException {
    BucketingProfile profile = Profiles.byName(Profiles.GROWTHBOOK_V1);
    Population population = Population.of(IdShape.UUID, 1_000_000);
    BucketerFindings findings =
        Audit.run(population, AuditedBucketer.ofProfiles(List.of(profile)), ONE_PERCENT)
            .targets()
            .get(0);
    RolloutAccuracy rollout = findings.rollouts().get(0);

    Rollout asked = new Rollout(AuditSettings.DEFAULT_FLAG_KEY, 100);
    long decided = 0;
    for (long i = 0; i < population.size(); i++) {
      decided += profile.isEnabled(asked, population.id(i)) ? 1 : 0;
    }
    assertEquals(decided, rollout.enabled(), "the gate counts the profile's own decisions");
    assertEquals(0.01, rollout.expectedShare(), "held to the 1% it was asked for");
    // 1.1% of a million is ~11,000 enabled against an expected 10,000 (sd ~99.5): far outside.
    assertTrue(rollout.enabled() > 10_700, "enabled " + rollout.enabled());
    assertFalse(rollout.inRegion(), "region [" + rollout.lowest() + ", " + rollout.highest() + "]");
  }

  @Test
  void aRuleThatMatchesTheThresholdIsStillCountedAsTheProfileDecides() throws IOException {
    // Unleash enables normalized buckets 1..p of 100, i.e. bucket < p: the same count as the
    // threshold rule, now reached through its own decision. Unleash cannot express 2.5%: not gated.
    BucketingProfile profile = Profiles.byName(Profiles.UNLEASH);
    AuditSettings settings = AuditSettings.defaults().withRollouts(List.of(500, 250));
    Population population = Population.of(IdShape.EMAIL, 20_000);
    BucketerFindings findings =
        Audit.run(population, AuditedBucketer.ofProfiles(List.of(profile)), settings)
            .targets()
            .get(0);
    assertEquals(1, findings.rollouts().size(), "2.5% is not expressible by Unleash");
    Rollout five = new Rollout(AuditSettings.DEFAULT_FLAG_KEY, 500);
    long decided = 0;
    for (long i = 0; i < population.size(); i++) {
      decided += profile.isEnabled(five, population.id(i)) ? 1 : 0;
    }
    assertEquals(decided, findings.rollouts().get(0).enabled());
    assertEquals("5", findings.rollouts().get(0).percent());
  }
}
