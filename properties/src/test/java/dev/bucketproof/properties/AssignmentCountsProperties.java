package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.reports.assignments.AssignmentAudit;
import dev.bucketproof.reports.assignments.AssignmentCounts;
import dev.bucketproof.reports.assignments.AssignmentRow;
import dev.bucketproof.reports.assignments.AssignmentSettings;
import dev.bucketproof.reports.assignments.FlagSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The laws of {@link AssignmentCounts#merge}: {@code empty()} is the identity, merge is commutative
 * and associative, and the consequence the parallel and distributed audits rely on: however an
 * export's rows are cut into parts (keeping their line numbers), the merged counts of the parts are
 * the counts of one pass; the per-user summary too when the parts are cut by user. Exports are
 * generated from a seed (four flags: a configured rollout, a configured 50/50 split with a variant
 * outside the weights now and then, an unconfigured rollout and a bucket column; repeats,
 * conflicting repeats and flipped rows); a failure prints the export's seed and size and the cut.
 */
class AssignmentCountsProperties {
  private static final long SEED = 0xA5_C0_0A75L;
  private static final AssignmentSettings SETTINGS =
      AssignmentSettings.defaults()
          .withFlags(
              Map.of(
                  "rollout-20",
                  new FlagSettings(2_000, Map.of(), 100),
                  "exp",
                  new FlagSettings(null, Map.of("control", 50, "treatment", 50), 100)));
  private static final Bucketer STANDARD = Bucketer.standard();
  private static final VariantSplit SPLIT =
      new VariantSplit("exp", List.of(new Variant("control", 50), new Variant("treatment", 50)));

  /** An export: its seed and its number of rows. */
  record Export(long seed, int size) {
    List<AssignmentRow> rows() {
      SplittableRandom random = new SplittableRandom(seed);
      List<AssignmentRow> rows = new ArrayList<>();
      int users = Math.max(1, size / 3);
      for (long line = 1; line <= size; line++) {
        int user = random.nextInt(users);
        String userId = user % 17 == 0 ? "ü-" + user : "user-" + user;
        boolean flip = random.nextInt(40) == 0;
        rows.add(
            switch (random.nextInt(4)) {
              case 0 ->
                  AssignmentRow.enabled(
                      line,
                      userId,
                      "rollout-20",
                      flip ^ STANDARD.rollout(new Rollout("rollout-20", 2_000)).isEnabled(userId));
              case 1 ->
                  AssignmentRow.variant(
                      line,
                      userId,
                      "exp",
                      random.nextInt(60) == 0
                          ? "ghost"
                          : flip ? "treatment" : STANDARD.variants(SPLIT).variant(userId).name());
              case 2 ->
                  AssignmentRow.enabled(
                      line,
                      userId,
                      "unconfigured",
                      flip ^ STANDARD.bucket("unconfigured", userId) < 7);
              default ->
                  AssignmentRow.bucket(
                      line,
                      userId,
                      "buckets",
                      flip ? random.nextInt(100) : STANDARD.bucket("buckets", userId));
            });
      }
      return rows;
    }
  }

  private static Gen<Export> exports() {
    return SourceDSL.longs()
        .all()
        .zip(SourceDSL.integers().between(0, 200), Export::new)
        .describedAs(export -> "export seed " + export.seed() + ", " + export.size() + " rows");
  }

  private static AssignmentCounts counts(List<AssignmentRow> rows) {
    AssignmentAudit audit = new AssignmentAudit("part", SETTINGS);
    rows.forEach(audit::accept);
    return audit.counts();
  }

  /** Cuts the rows into {@code parts} contiguous parts at points drawn from {@code cutSeed}. */
  private static List<List<AssignmentRow>> cut(List<AssignmentRow> rows, int parts, long cutSeed) {
    SplittableRandom random = new SplittableRandom(cutSeed);
    List<List<AssignmentRow>> cut = new ArrayList<>();
    int start = 0;
    for (int part = 1; part < parts; part++) {
      int end = start + random.nextInt(rows.size() - start + 1);
      cut.add(rows.subList(start, end));
      start = end;
    }
    cut.add(rows.subList(start, rows.size()));
    return cut;
  }

  @Test
  void emptyIsTheIdentity() {
    qt().withFixedSeed(SEED)
        .withExamples(40)
        .forAll(exports())
        .check(
            export -> {
              AssignmentCounts counts = counts(export.rows());
              return counts.merge(AssignmentCounts.empty()).equals(counts)
                  && AssignmentCounts.empty().merge(counts).equals(counts);
            });
  }

  @Test
  void mergeIsCommutative() {
    qt().withFixedSeed(SEED)
        .withExamples(40)
        .forAll(exports(), SourceDSL.longs().all())
        .check(
            (export, cutSeed) -> {
              List<List<AssignmentRow>> parts = cut(export.rows(), 2, cutSeed);
              AssignmentCounts a = counts(parts.get(0));
              AssignmentCounts b = counts(parts.get(1));
              return a.merge(b).equals(b.merge(a));
            });
  }

  @Test
  void mergeIsAssociative() {
    qt().withFixedSeed(SEED)
        .withExamples(40)
        .forAll(exports(), SourceDSL.longs().all())
        .check(
            (export, cutSeed) -> {
              List<List<AssignmentRow>> parts = cut(export.rows(), 3, cutSeed);
              AssignmentCounts a = counts(parts.get(0));
              AssignmentCounts b = counts(parts.get(1));
              AssignmentCounts c = counts(parts.get(2));
              return a.merge(b).merge(c).equals(a.merge(b.merge(c)))
                  && a.merge(c).merge(b).equals(c.merge(a.merge(b)));
            });
  }

  @Test
  void partsCutAnywhereMergeToOnePassButForPerUserState() {
    qt().withFixedSeed(SEED)
        .withExamples(40)
        .forAll(exports(), SourceDSL.integers().between(1, 8), SourceDSL.longs().all())
        .check(
            (export, parts, cutSeed) -> {
              List<AssignmentRow> rows = export.rows();
              AssignmentCounts whole = counts(rows);
              AssignmentCounts merged = AssignmentCounts.empty();
              // Merged newest part first: the order of merging does not matter.
              List<List<AssignmentRow>> cut = cut(rows, parts, cutSeed);
              for (int part = cut.size() - 1; part >= 0; part--) {
                merged = merged.merge(counts(cut.get(part)));
              }
              return withoutUsers(merged).equals(withoutUsers(whole));
            });
  }

  @Test
  void partsCutByUserMergeToOnePassExactly() {
    qt().withFixedSeed(SEED)
        .withExamples(40)
        .forAll(exports(), SourceDSL.integers().between(1, 8))
        .check(
            (export, parts) -> {
              List<AssignmentRow> rows = export.rows();
              List<List<AssignmentRow>> byUser = new ArrayList<>();
              for (int part = 0; part < parts; part++) {
                byUser.add(new ArrayList<>());
              }
              for (AssignmentRow row : rows) {
                byUser.get(Math.floorMod(row.userId().hashCode(), parts)).add(row);
              }
              AssignmentCounts merged = AssignmentCounts.empty();
              for (List<AssignmentRow> part : byUser) {
                merged = counts(part).merge(merged);
              }
              return merged.equals(counts(rows));
            });
  }

  /** A negative control: the properties above can fail, since a lost row changes the counts. */
  @Test
  void aLostRowChangesTheCounts() {
    List<AssignmentRow> rows = new Export(SEED, 300).rows();
    AssignmentCounts whole = counts(rows);
    assertNotEquals(
        withoutUsers(whole),
        withoutUsers(counts(rows.subList(0, 150)).merge(counts(rows.subList(151, 300)))));
    assertEquals(
        withoutUsers(whole),
        withoutUsers(counts(rows.subList(0, 150)).merge(counts(rows.subList(150, 300)))));
    // Cut across users, the per-user summary counts a user's two halves as two users.
    assertNotEquals(
        whole.users(), counts(rows.subList(0, 150)).merge(counts(rows.subList(150, 300))).users());
    // The export exercises what the merge must keep in order: conflicts, rejects, mismatches.
    assertNotEquals(0, whole.users().conflicts(), "conflicts in export seed " + SEED);
    assertNotEquals(0, whole.rejects().total(), "rejects in export seed " + SEED);
  }

  @Test
  void countsSurviveJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    AssignmentCounts counts = counts(new Export(SEED, 300).rows());
    assertEquals(counts, json.readValue(json.writeValueAsString(counts), AssignmentCounts.class));
  }

  private static AssignmentCounts withoutUsers(AssignmentCounts counts) {
    return new AssignmentCounts(
        counts.lines(),
        counts.rows(),
        counts.rejects(),
        counts.flags(),
        AssignmentCounts.empty().users());
  }
}
