package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Audit.Parts}, the audit of ids counted in parts by an engine that splits them itself (the
 * Spark integration): parts merged in any order give {@link Audit#run}'s counts and findings for
 * the same ids, the salt meta-test counting only the ids below {@code saltUsers} by their index in
 * the whole population; a negative index, a null or empty id, or no target is refused by name.
 */
class AuditPartsTest {
  private static final Population IDS = Population.of(IdShape.UNICODE, 4_000);
  private static final AuditSettings SETTINGS =
      AuditSettings.defaults().withSaltMetaTest(8, 1_000).withThreads(1);
  // two families that disagree on non-ASCII ids, so the pair has disagreement examples
  private static final List<AuditedBucketer> TARGETS =
      List.of(
          AuditedBucketer.of(Bucketer.standard()),
          AuditedBucketer.of(Bucketer.builder().hasher(IdHashers.murmur3_x86_32_js()).build()));

  private static List<String> ids(long from, long to) {
    List<String> ids = new ArrayList<>();
    for (long i = from; i < to; i++) {
      ids.add(IDS.id(i));
    }
    return ids;
  }

  @Test
  void partsMergedInAnyOrderGiveTheSequentialAudit() throws IOException {
    PopulationFindings sequential = Audit.run(IDS, TARGETS, SETTINGS);
    Audit.Parts parts = Audit.Parts.of(TARGETS, SETTINGS);
    // a cut inside the salt meta-test's first 1,000 ids, one exactly at it, one after it
    long[] cuts = {0, 600, 1_000, 2_500, 4_000};
    List<AuditCounts> counted = new ArrayList<>();
    for (int i = 0; i + 1 < cuts.length; i++) {
      counted.add(parts.count(cuts[i], ids(cuts[i], cuts[i + 1]).iterator()));
    }
    AuditCounts total = parts.empty();
    for (int i = counted.size() - 1; i >= 0; i--) { // last part first
      total = total.merge(counted.get(i));
    }
    assertEquals(4_000, total.users());
    PopulationFindings findings = parts.findings(IDS.name(), "4 parts", total, null);
    assertEquals(IDS.name(), findings.population());
    assertEquals("4 parts", findings.description());
    assertNull(findings.lineReport());
    assertEquals(sequential.users(), findings.users());
    for (int t = 0; t < TARGETS.size(); t++) {
      BucketerFindings expected = sequential.targets().get(t);
      BucketerFindings actual = findings.targets().get(t);
      assertArrayEquals(expected.counts(), actual.counts());
      assertEquals(expected.saltMetaTest(), actual.saltMetaTest());
      assertEquals(expected.gates(), actual.gates());
    }
    assertEquals(sequential.agreements(), findings.agreements());
    assertEquals(Audit.EXAMPLES, findings.agreements().get(0).examples().size());
  }

  @Test
  void thePartsOfNoIdAreTheIdentity() {
    Audit.Parts parts = Audit.Parts.of(TARGETS, SETTINGS);
    AuditCounts nothing = parts.count(0, List.<String>of().iterator());
    assertEquals(parts.empty(), nothing);
    AuditCounts some = parts.count(0, ids(0, 50).iterator());
    assertEquals(some, some.merge(parts.empty()));
    assertEquals(50, some.users());
    assertEquals(50, Arrays.stream(some.targets().get(0).buckets()).sum(), "each id counted once");
  }

  @Test
  void badPartsAreRefusedByName() {
    assertEquals(
        "targets must not be empty",
        assertThrows(IllegalArgumentException.class, () -> Audit.Parts.of(List.of(), SETTINGS))
            .getMessage());
    Audit.Parts parts = Audit.Parts.of(TARGETS, SETTINGS);
    assertEquals(
        "firstIndex must be >= 0: -1",
        assertThrows(IllegalArgumentException.class, () -> parts.count(-1, List.of("a").iterator()))
            .getMessage());
    assertEquals(
        "id 12 is empty: ids must be non-empty",
        assertThrows(
                IllegalArgumentException.class,
                () -> parts.count(10, List.of("a", "b", "").iterator()))
            .getMessage());
    assertEquals(
        "id 10 is null: ids must be non-empty",
        assertThrows(
                IllegalArgumentException.class,
                () -> parts.count(10, Arrays.asList((String) null).iterator()))
            .getMessage());
  }
}
