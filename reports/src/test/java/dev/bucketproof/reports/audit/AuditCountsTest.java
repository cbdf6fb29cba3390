package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The laws of {@link AuditCounts#merge}: identity, commutativity, associativity, and the
 * consequence the audit relies on: however a population is split into chunks and in whatever order
 * and grouping the chunks are merged, every count and every gate's verdict is the one of a single
 * pass. Seeded; a failure names the seed and the split.
 */
class AuditCountsTest {
  private static final long SEED = 0xC0_0A75L;
  private static final int USERS = 6_000;
  private static final List<String> IDS = ids();
  private static final AuditSettings SETTINGS =
      AuditSettings.defaults().withSaltMetaTest(8, 1_500).withThreads(1);
  // Three families, and a bucket count that 1% does not divide, so every kind of count is
  // exercised.
  private static final Audit.Plan PLAN =
      new Audit.Plan(
          List.of(
              AuditedBucketer.of(Bucketer.standard()),
              AuditedBucketer.of(
                  Bucketer.builder()
                      .hasher(IdHashers.murmur3_x64_128_openhft())
                      .bucketCount(7)
                      .build()),
              AuditedBucketer.of(Bucketer.builder().hasher(IdHashers.murmur3_x86_32_js()).build())),
          SETTINGS);

  @Test
  void emptyIsTheIdentity() {
    AuditCounts counts = tally(0, 1_000);
    assertEquals(counts, counts.merge(counts.empty()));
    assertEquals(counts, counts.empty().merge(counts));
    assertEquals(PLAN.empty(), counts.empty());
  }

  @Test
  void mergeIsCommutativeAndAssociative() {
    AuditCounts a = tally(0, 700);
    AuditCounts b = tally(700, 2_100);
    AuditCounts c = tally(2_100, USERS);
    assertEquals(a.merge(b), b.merge(a));
    assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)));
    assertEquals(a.merge(c).merge(b), c.merge(b).merge(a));
    assertNotEquals(
        a, a.merge(b), "merging adds: a test that compares equal values would prove nothing");
  }

  @Test
  void chunkingAndMergeOrderNeverChangeACountOrAVerdict() {
    AuditCounts whole = tally(0, USERS);
    PopulationFindings expected = PLAN.result("ids", "ids", whole, null);
    SplittableRandom random = new SplittableRandom(SEED);
    for (int trial = 0; trial < 25; trial++) {
      List<Integer> cuts = cuts(random);
      List<AuditCounts> chunks = new ArrayList<>();
      for (int i = 0; i + 1 < cuts.size(); i++) {
        // Numbered from 0 within the chunk, as a file's range is, then moved to the chunk's
        // position.
        chunks.add(tallyLocally(cuts.get(i), cuts.get(i + 1)).withIndicesFrom(cuts.get(i)));
      }
      Collections.shuffle(chunks, new Random(random.nextLong()));
      AuditCounts merged = mergeInRandomTree(chunks, random);
      String where = "seed " + SEED + " trial " + trial + " cuts " + cuts;
      assertEquals(whole, merged, where);
      PopulationFindings actual = PLAN.result("ids", "ids", merged, null);
      for (int t = 0; t < expected.targets().size(); t++) {
        assertEquals(expected.targets().get(t).gates(), actual.targets().get(t).gates(), where);
      }
      assertEquals(expected.agreements(), actual.agreements(), where);
    }
  }

  @Test
  void roundTripsThroughJsonWithJackson() throws Exception {
    AuditCounts counts = tally(0, 2_000);
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(counts);
    assertEquals(counts, mapper.readValue(json, AuditCounts.class), json.substring(0, 200));
    assertEquals(counts.merge(counts), mapper.readValue(json, AuditCounts.class).merge(counts));
  }

  @Test
  void countsOfDifferentShapesDoNotMerge() {
    AuditCounts three = tally(0, 10);
    Audit.Plan onePlan = new Audit.Plan(List.of(AuditedBucketer.of(Bucketer.standard())), SETTINGS);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> three.merge(onePlan.empty()));
    assertEquals("cannot merge counts of 3 and 1 targets", error.getMessage());
  }

  /** The counts of ids [from, to), numbered by their position in the population. */
  private static AuditCounts tally(int from, int to) {
    Audit.Tally tally = new Audit.Tally(PLAN, true);
    for (int i = from; i < to; i++) {
      PLAN.add(tally, i, IDS.get(i), null, 0, 0, true);
    }
    return tally.toCounts();
  }

  /**
   * The counts of ids [from, to) numbered from 0; the salt counts still go by position in the
   * population.
   */
  private static AuditCounts tallyLocally(int from, int to) {
    Audit.Tally tally = new Audit.Tally(PLAN, true);
    for (int i = from; i < to; i++) {
      PLAN.add(tally, i - from, IDS.get(i), null, 0, 0, false);
      if (i < SETTINGS.saltUsers()) {
        byte[] bytes = IDS.get(i).getBytes(StandardCharsets.UTF_8);
        PLAN.addSalt(tally, i, bytes, 0, bytes.length);
      }
    }
    return tally.toCounts();
  }

  private static List<Integer> cuts(SplittableRandom random) {
    List<Integer> cuts = new ArrayList<>(List.of(0, USERS));
    int count = random.nextInt(1, 12);
    for (int i = 0; i < count; i++) {
      cuts.add(random.nextInt(0, USERS + 1));
    }
    Collections.sort(cuts);
    return cuts;
  }

  private static AuditCounts mergeInRandomTree(List<AuditCounts> chunks, SplittableRandom random) {
    List<AuditCounts> pending = new ArrayList<>(chunks);
    while (pending.size() > 1) {
      int i = random.nextInt(pending.size() - 1);
      AuditCounts merged =
          random.nextBoolean()
              ? pending.get(i).merge(pending.get(i + 1))
              : pending.get(i + 1).merge(pending.get(i));
      pending.set(i, merged);
      pending.remove(i + 1);
    }
    return pending.get(0);
  }

  private static List<String> ids() {
    Population population = Population.of(IdShape.UNICODE, USERS);
    List<String> ids = new ArrayList<>();
    for (long i = 0; i < USERS; i++) {
      ids.add(population.id(i));
    }
    return ids;
  }
}
