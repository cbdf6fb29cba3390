package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuditTest {
  private static final AuditedBucketer OWN = AuditedBucketer.of(Bucketer.standard());
  private static final AuditedBucketer BROWSER =
      AuditedBucketer.of(Bucketer.builder().hasher(IdHashers.murmur3_x86_32_js()).build());

  @Test
  void countsEveryUserOnceAndMatchesTheBucketer() throws IOException {
    Population population = Population.of(IdShape.EMAIL, 20_000);
    PopulationFindings audit = Audit.run(population, List.of(OWN), AuditSettings.defaults());
    BucketerFindings target = audit.targets().get(0);
    long[] expected = new long[100];
    long enabledAt5 = 0;
    for (long i = 0; i < population.size(); i++) {
      int bucket = Bucketer.standard().bucket(AuditSettings.DEFAULT_FLAG_KEY, population.id(i));
      expected[bucket]++;
      enabledAt5 += bucket < 5 ? 1 : 0;
    }
    assertArrayEquals(expected, target.counts());
    assertEquals(20_000, audit.users());
    assertEquals(enabledAt5, target.rollouts().get(1).enabled());
    assertEquals("5", target.rollouts().get(1).percent());
    assertEquals(96, target.moduloBias().heavierBuckets());
  }

  @Test
  void independenceTableSplitsFlagAAtExactlyHalfTheBuckets() throws IOException {
    PopulationFindings audit =
        Audit.run(Population.of(IdShape.UUID, 20_000), List.of(OWN), AuditSettings.defaults());
    BucketerFindings findings = audit.targets().get(0);
    long[][] table = findings.independence().table();
    long belowHalf = Arrays.stream(findings.counts(), 0, 50).sum();
    // Row 1 is "in flag A": buckets [0, 50) of 100, not [0, 50] (a one-bucket shift would move ~200
    // users).
    assertEquals(belowHalf, table[1][0] + table[1][1]);
    assertEquals(20_000 - belowHalf, table[0][0] + table[0][1]);
  }

  @Test
  void resultDoesNotDependOnTheNumberOfThreads() throws IOException {
    Population population = Population.of(IdShape.UNICODE, 50_000);
    List<AuditedBucketer> targets = List.of(OWN, BROWSER);
    PopulationFindings one =
        Audit.run(population, targets, AuditSettings.defaults().withThreads(1));
    PopulationFindings two =
        Audit.run(population, targets, AuditSettings.defaults().withThreads(2));
    PopulationFindings five =
        Audit.run(population, targets, AuditSettings.defaults().withThreads(5));
    for (PopulationFindings other : List.of(two, five)) {
      for (int t = 0; t < targets.size(); t++) {
        assertArrayEquals(one.targets().get(t).counts(), other.targets().get(t).counts());
        assertEquals(one.targets().get(t).gates(), other.targets().get(t).gates());
      }
      assertEquals(one.agreements(), other.agreements());
    }
  }

  @Test
  void browserFamilyDisagreesOnUnicodeIdsWithExamples() throws IOException {
    PopulationFindings audit =
        Audit.run(
            Population.of(IdShape.UNICODE, 10_000),
            List.of(OWN, BROWSER),
            AuditSettings.defaults());
    PopulationFindings.Agreement agreement = audit.agreement(OWN.name(), BROWSER.name());
    assertNotNull(agreement);
    assertTrue(agreement.different() > 9_000, "different: " + agreement.different());
    assertEquals(Audit.EXAMPLES, agreement.examples().size());
    PopulationFindings.Disagreement first = agreement.examples().get(0);
    assertEquals(Population.of(IdShape.UNICODE, 10_000).id(first.index()), first.id());
    assertFalse(first.firstBucket() == first.secondBucket());

    PopulationFindings ascii =
        Audit.run(
            Population.of(IdShape.UUID, 10_000), List.of(OWN, BROWSER), AuditSettings.defaults());
    assertEquals(1.0, ascii.agreement(OWN.name(), BROWSER.name()).share());
  }

  @Test
  void goodBucketerPassesEveryGateOnAMillionUuids() throws IOException {
    PopulationFindings audit =
        Audit.run(Population.of(IdShape.UUID, 1_000_000), List.of(OWN), AuditSettings.defaults());
    List<Gate> gates = audit.gates();
    assertEquals(1 + 1 + 5 + 1 + 1, gates.size(), gates.toString());
    for (Gate gate : gates) {
      assertTrue(gate.passed(), gate.describe());
    }
  }

  @Test
  void bucketsOutsideTheRangeAreCountedAndFail() throws IOException {
    AuditedBucketer signed =
        new AuditedBucketer(
            "signed remainder",
            100,
            32,
            flag -> id -> (int) (IdHashers.murmur3_x86_32().hash(flag + ":" + id, 0)) % 100);
    PopulationFindings audit =
        Audit.run(Population.of(IdShape.UUID, 10_000), List.of(signed), AuditSettings.defaults());
    BucketerFindings target = audit.targets().get(0);
    assertTrue(target.outOfRange() > 4_000, "out of range " + target.outOfRange());
    Gate range = target.gates().get(0);
    assertEquals("buckets in range", range.name());
    assertTrue(range.failed(), range.describe());
    RolloutAccuracy fivePercent = target.rollouts().get(1);
    assertTrue(
        fivePercent.observedShare() > 0.4, "a signed remainder enables about half: " + fivePercent);
    assertFalse(fivePercent.passed());
    assertTrue(
        target.gates().stream()
            .anyMatch(gate -> gate.name().equals("rollout 5%") && gate.failed()));
  }

  @Test
  void rolloutsTheBucketCountCannotExpressAreLeftOut() throws IOException {
    AuditedBucketer seven = AuditedBucketer.of(Bucketer.builder().bucketCount(7).build());
    PopulationFindings audit =
        Audit.run(
            Population.of(IdShape.SEQUENTIAL, 7_000), List.of(seven), AuditSettings.defaults());
    BucketerFindings target = audit.targets().get(0);
    assertTrue(target.rollouts().isEmpty(), target.rollouts().toString());
    assertNull(target.independence());
    assertNotNull(target.uniformity());
  }

  @Test
  void progressReachesTheTotal() throws IOException {
    AtomicLong last = new AtomicLong();
    Audit.run(
        Population.of(IdShape.SEQUENTIAL, 30_000),
        List.of(OWN),
        AuditSettings.defaults()
            .withProgress(
                (done, total) -> {
                  assertEquals(30_000, total);
                  assertTrue(done >= last.get());
                  last.set(done);
                }));
    assertEquals(30_000, last.get());
  }

  @Test
  void populationsAreDeterministicAndShaped() {
    Population uuid = Population.of(IdShape.UUID, 1_000_000);
    assertEquals("uuid-1m", uuid.name());
    assertEquals(uuid.id(12_345), Population.of(IdShape.UUID, 10).id(12_345));
    assertTrue(
        uuid.id(0).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
        uuid.id(0));
    assertEquals("1", IdShape.SEQUENTIAL.id(1, 0));
    assertEquals("user_000001", IdShape.PREFIXED.id(1, 0));
    assertEquals("user_1000000", IdShape.PREFIXED.id(1, 999_999));
    assertTrue(IdShape.EMAIL.id(1, 5).contains("@"));
    assertTrue(IdShape.LONG.id(1, 5).length() >= 1024);
    assertTrue(
        Arrays.stream(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
            .mapToObj(i -> IdShape.UNICODE.id(Population.DEFAULT_SEED, i))
            .anyMatch(id -> id.chars().anyMatch(c -> c > 0x7f)));
    assertEquals("10k", Population.sizeLabel(10_000));
    assertEquals("1500", Population.sizeLabel(1500));
  }
}
