package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.ids.IdFile;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of {@link Audit}'s counting and of the findings it reads from the counts: a bucket
 * equal to the bucket count, a bucketer that never answers in range, one and two buckets, salt
 * meta-tests of one and two flags, a 0% rollout, flag B's half, a profile's own rule on a file's
 * bytes. Expected values are counted here from the bucket functions themselves. Small populations
 * (at most 5,000 ids), so each mutant of the audit runs this class in well under a second.
 */
class AuditEdgesTest {
  private static final Population IDS = Population.of(IdShape.EMAIL, 5_000);
  private static final AuditSettings SETTINGS =
      AuditSettings.defaults().withSaltMetaTest(8, 1_000).withThreads(1);

  /** murmur3_x86_32 of "flag:id", unsigned, modulo {@code modulus}: in [0, modulus). */
  private static ToIntFunction<CharSequence> modulo(String flag, int modulus) {
    return id ->
        (int)
            (Integer.toUnsignedLong((int) IdHashers.murmur3_x86_32().hash(flag + ":" + id, 0))
                % modulus);
  }

  @Test
  void noTargetIsRefused() {
    IllegalArgumentException run =
        assertThrows(IllegalArgumentException.class, () -> Audit.run(IDS, List.of(), SETTINGS));
    assertEquals("targets must not be empty", run.getMessage());
  }

  @Test
  void aBucketEqualToTheBucketCountIsCountedOutOfRange() throws IOException {
    // 101 values over 100 buckets: about 1 id in 101 lands on bucket 100, one past the last bucket,
    // in the flag's counts and in every salt flag's counts (which would index past its bins).
    AuditedBucketer pastTheEnd =
        new AuditedBucketer("modulo 101", 100, 32, flag -> modulo(flag, 101));
    BucketerFindings findings = Audit.run(IDS, List.of(pastTheEnd), SETTINGS).targets().get(0);

    ToIntFunction<CharSequence> flag = modulo(AuditSettings.DEFAULT_FLAG_KEY, 101);
    long[] counts = new long[100];
    long outside = 0;
    for (long i = 0; i < IDS.size(); i++) {
      int bucket = flag.applyAsInt(IDS.id(i));
      if (bucket == 100) {
        outside++;
      } else {
        counts[bucket]++;
      }
    }
    assertEquals(outside, findings.outOfRange());
    assertArrayEquals(counts, findings.counts());
    // the deviation is over the users in range: expected (users - outside) / 100 per bucket
    double expected = (IDS.size() - outside) / 100.0;
    double largest = 0;
    for (long count : counts) {
      largest = Math.max(largest, Math.abs(count - expected) / expected);
    }
    assertEquals(largest, findings.largestDeviation(), 1e-12);
    assertNotNull(findings.saltMetaTest());
  }

  @Test
  void aBucketerNeverInRangeHasNoUniformityTestAndNoDeviation() throws IOException {
    AuditedBucketer never = new AuditedBucketer("always -1", 100, 32, flag -> id -> -1);
    BucketerFindings findings = Audit.run(IDS, List.of(never), SETTINGS).targets().get(0);
    assertEquals(IDS.size(), findings.outOfRange());
    assertNull(findings.uniformity(), "no user in range: nothing to test");
    assertEquals(0.0, findings.largestDeviation());
  }

  @Test
  void twoBucketsHaveUniformityAndSaltMetaTestsOneBucketHasNeither() throws IOException {
    BucketerFindings two =
        Audit.run(
                IDS,
                List.of(AuditedBucketer.of(Bucketer.builder().bucketCount(2).build())),
                SETTINGS)
            .targets()
            .get(0);
    assertNotNull(two.uniformity(), "2 buckets: 1 degree of freedom");
    assertNotNull(two.saltMetaTest(), "2 bins");

    BucketerFindings one =
        Audit.run(
                IDS,
                List.of(AuditedBucketer.of(Bucketer.builder().bucketCount(1).build())),
                SETTINGS)
            .targets()
            .get(0);
    assertNull(one.uniformity(), "1 bucket: nothing to compare");
    assertNull(one.saltMetaTest(), "1 bin");
    assertEquals(IDS.size(), one.counts()[0]);
  }

  @Test
  void aSaltMetaTestNeedsTwoSaltFlags() throws IOException {
    List<AuditedBucketer> own = List.of(AuditedBucketer.of(Bucketer.standard()));
    BucketerFindings two =
        Audit.run(IDS, own, SETTINGS.withSaltMetaTest(2, 1_000)).targets().get(0);
    assertNotNull(two.saltMetaTest(), "2 salt flags: 2 p-values");
    BucketerFindings one =
        Audit.run(IDS, own, SETTINGS.withSaltMetaTest(1, 1_000)).targets().get(0);
    assertNull(one.saltMetaTest(), "1 salt flag: no distribution of p-values to test");
    BucketerFindings none =
        Audit.run(IDS, own, SETTINGS.withSaltMetaTest(0, 1_000)).targets().get(0);
    assertNull(none.saltMetaTest());
  }

  @Test
  void theSaltMetaTestOfUnequalBinsExpectsEachBinsShareOfBuckets() throws IOException {
    // 150 buckets in 100 bins: bucket b in bin b * 100 / 150, so half the bins hold two buckets
    // and expect 2/150 of the users, the other half 1/150. A correct bucketer passes (seeded: 8
    // flag keys over the first 1,000 ids); bins held to equal shares would fail every flag key.
    BucketerFindings findings =
        Audit.run(
                IDS,
                List.of(AuditedBucketer.of(Bucketer.builder().bucketCount(150).build())),
                SETTINGS)
            .targets()
            .get(0);
    assertNotNull(findings.saltMetaTest());
    assertEquals(8, findings.saltMetaTest().flagCount());
    assertTrue(findings.saltMetaTest().passed(), findings.saltMetaTest().toString());
    assertTrue(findings.saltMetaTest().pValue() > 0.01, findings.saltMetaTest().toString());
  }

  @Test
  void aZeroPercentRolloutIsGatedAndEnablesNobody() throws IOException {
    BucketerFindings findings =
        Audit.run(
                IDS,
                List.of(AuditedBucketer.of(Bucketer.standard())),
                SETTINGS.withRollouts(List.of(0, 500)))
            .targets()
            .get(0);
    assertEquals(2, findings.rollouts().size(), findings.rollouts().toString());
    RolloutAccuracy zero = findings.rollouts().get(0);
    assertEquals("0", zero.percent());
    assertEquals(0, zero.enabled());
    assertEquals(0.0, zero.expectedShare());
  }

  @Test
  void flagBOfTheIndependenceTableIsSplitAtHalfItsBuckets() throws IOException {
    Bucketer standard = Bucketer.standard();
    BucketerFindings findings =
        Audit.run(IDS, List.of(AuditedBucketer.of(standard)), SETTINGS).targets().get(0);
    long[][] table = findings.independence().table();
    long inA = 0;
    long inB = 0;
    long inBoth = 0;
    for (long i = 0; i < IDS.size(); i++) {
      boolean a = standard.bucket(AuditSettings.DEFAULT_FLAG_KEY, IDS.id(i)) < 50;
      boolean b = standard.bucket(AuditSettings.DEFAULT_FLAG_KEY + "/2", IDS.id(i)) < 50;
      inA += a ? 1 : 0;
      inB += b ? 1 : 0;
      inBoth += a && b ? 1 : 0;
    }
    assertEquals(inBoth, table[1][1]);
    assertEquals(inA, table[1][0] + table[1][1]);
    assertEquals(inB, table[0][1] + table[1][1]);
    assertEquals(IDS.size(), table[0][0] + table[0][1] + table[1][0] + table[1][1]);
  }

  @Test
  void aProfilesOwnRuleDecidesTheIdsOfAFileAsItDecidesText(@TempDir Path dir) throws IOException {
    // A regular file is audited from its bytes (FileAudit); a profile's rule takes the decoded id.
    List<String> ids = new ArrayList<>();
    for (long i = 0; i < 3_000; i++) {
      ids.add(Population.of(IdShape.UNICODE, 3_000).id(i));
    }
    Path file = Files.write(dir.resolve("ids.txt"), ids, StandardCharsets.UTF_8);
    BucketingProfile profile = Profiles.byName(Profiles.GROWTHBOOK);
    AuditSettings settings = SETTINGS.withRollouts(List.of(1000, 5000));
    BucketerFindings findings =
        Audit.run(new IdFile(file), AuditedBucketer.ofProfiles(List.of(profile)), settings)
            .targets()
            .get(0);
    assertEquals(2, findings.rollouts().size());
    for (int r = 0; r < 2; r++) {
      Rollout rollout =
          new Rollout(AuditSettings.DEFAULT_FLAG_KEY, settings.rolloutBasisPoints().get(r));
      long enabled = ids.stream().filter(id -> profile.isEnabled(rollout, id)).count();
      assertEquals(enabled, findings.rollouts().get(r).enabled(), rollout.toString());
    }
  }
}
