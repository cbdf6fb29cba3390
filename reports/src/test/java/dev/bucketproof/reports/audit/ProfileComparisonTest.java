package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.IdSource;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link ProfileComparison}: who changes group between two systems. Every count is checked against
 * the two profiles' decisions made id by id in the test, over a generated population.
 */
class ProfileComparisonTest {

  private static final BucketingProfile BUCKETPROOF = Bucketer.standard();
  private static final BucketingProfile FLAGD = Profiles.type(Profiles.FLAGD).reportProfile();
  private static final BucketingProfile FLAGD_0_11 =
      Profiles.type(Profiles.FLAGD_0_11).reportProfile();

  private static List<String> ids(IdSource source) throws IOException {
    List<String> ids = new ArrayList<>();
    source.forEachChunk(
        1000,
        chunk -> {
          for (int i = 0; i < chunk.size(); i++) {
            ids.add(chunk.id(i));
          }
        });
    return ids;
  }

  private record Change(String id, String from, String to) {}

  @Test
  void countsEveryChangeAndHandsEachChangedIdToTheListenerInOrder() throws IOException {
    Rollout rollout = Rollout.ofPercent("checkout", 30);
    Population population = Population.of(IdShape.UUID, 5_000);
    List<Change> heard = new ArrayList<>();
    ProfileComparison result =
        ProfileComparison.run(
            BUCKETPROOF,
            FLAGD,
            rollout,
            null,
            population,
            (id, from, to) -> heard.add(new Change(id, from, to)));

    List<Change> expected = new ArrayList<>();
    Map<String, Map<String, Long>> groups = new TreeMap<>();
    for (String id : ids(population)) {
      String before = Boolean.toString(BUCKETPROOF.isEnabled(rollout, id));
      String after = Boolean.toString(FLAGD.isEnabled(rollout, id));
      groups.computeIfAbsent(before, key -> new TreeMap<>()).merge(after, 1L, Long::sum);
      if (!before.equals(after)) {
        expected.add(new Change(id, before, after));
      }
    }
    assertEquals(expected, heard);
    assertEquals(5_000, result.users());
    assertEquals(expected.size(), result.changed());
    assertTrue(result.changed() > 1_000, "two unrelated hashes: about 42% change");
    assertEquals(groups, result.groups());
    assertEquals((double) expected.size() / 5_000, result.share());
    double[] wilson = RolloutAccuracy.wilson(expected.size(), 5_000, 0.001);
    assertEquals(wilson[0], result.low());
    assertEquals(wilson[1], result.high());
    assertEquals("bucketproof", result.from());
    assertEquals("flagd", result.to());
    assertEquals("rollout checkout 30%", result.setting());
    assertEquals(population.description(), result.ids());
  }

  @Test
  void aProfileComparedWithItselfChangesNobody() throws IOException {
    Population population = Population.of(IdShape.EMAIL, 2_000);
    List<String> heard = new ArrayList<>();
    ProfileComparison result =
        ProfileComparison.run(
            FLAGD_0_11,
            FLAGD_0_11,
            Rollout.ofPercent("checkout", 50),
            null,
            population,
            (id, from, to) -> heard.add(id));
    assertEquals(0, result.changed());
    assertEquals(List.of(), heard);
    assertEquals(0, result.share());
    assertEquals(0, result.low());
    assertTrue(result.high() > 0 && result.high() < 0.01, "Wilson upper end " + result.high());
    long enabled = result.groups().get("true").get("true");
    assertEquals(2_000, enabled + result.groups().get("false").get("false"));
    assertEquals(2, result.groups().size());
    assertEquals(Map.of("true", enabled), result.groups().get("true"));
  }

  @Test
  void withASplitTheDecisionIsTheVariantsName() throws IOException {
    VariantSplit split =
        VariantSplit.of("checkout", new Variant("blue", 1), new Variant("green", 2));
    Rollout rollout = Rollout.ofPercent("checkout", 100);
    Population population = Population.of(IdShape.SEQUENTIAL, 3_000);
    ProfileComparison result =
        ProfileComparison.run(BUCKETPROOF, FLAGD, rollout, split, population, (id, f, t) -> {});
    assertEquals("variants checkout blue:1,green:2", result.setting());
    long changed = 0;
    for (String id : ids(population)) {
      String before = ProfileComparison.decide(BUCKETPROOF, rollout, split, id);
      String after = ProfileComparison.decide(FLAGD, rollout, split, id);
      assertEquals(BUCKETPROOF.variant(split, id).orElseThrow().name(), before, id);
      changed += before.equals(after) ? 0 : 1;
    }
    assertEquals(changed, result.changed());
    assertEquals(
        List.of("blue", "green"), new ArrayList<>(result.groups().keySet()), "sorted, no (none)");
    long total =
        result.groups().values().stream()
            .flatMap(row -> row.values().stream())
            .mapToLong(Long::longValue)
            .sum();
    assertEquals(3_000, total);
  }

  @Test
  void aSplitForAnotherFlagAndNullArgumentsAreRefused() {
    Population population = Population.of(IdShape.UUID, 10);
    Rollout rollout = Rollout.ofPercent("checkout", 10);
    VariantSplit other = VariantSplit.of("banner", new Variant("a", 1), new Variant("b", 1));
    IllegalArgumentException wrongFlag =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProfileComparison.run(
                    BUCKETPROOF, FLAGD, rollout, other, population, (i, f, t) -> {}));
    assertEquals(
        "variant split is for flag banner, rollout for flag checkout", wrongFlag.getMessage());
    ProfileComparison.ChangeListener none = (i, f, t) -> {};
    assertEquals(
        "from",
        assertThrows(
                NullPointerException.class,
                () -> ProfileComparison.run(null, FLAGD, rollout, null, population, none))
            .getMessage());
    assertEquals(
        "to",
        assertThrows(
                NullPointerException.class,
                () -> ProfileComparison.run(FLAGD, null, rollout, null, population, none))
            .getMessage());
    assertEquals(
        "rollout",
        assertThrows(
                NullPointerException.class,
                () -> ProfileComparison.run(FLAGD, FLAGD, null, null, population, none))
            .getMessage());
    assertEquals(
        "listener",
        assertThrows(
                NullPointerException.class,
                () -> ProfileComparison.run(FLAGD, FLAGD, rollout, null, population, null))
            .getMessage());
  }

  @Test
  void describeListsEveryGroupAndMarksTheChangedOnes() {
    Map<String, Map<String, Long>> groups = new TreeMap<>();
    groups.put("true", Map.of("true", 300L, "false", 20L));
    groups.put("false", Map.of("false", 660L, "true", 20L));
    ProfileComparison result =
        new ProfileComparison(
            "flagd-0.11",
            "flagd",
            "rollout checkout 30%",
            "uuid ids",
            1_000,
            40,
            0.025,
            0.06,
            groups);
    assertEquals(
        "from       flagd-0.11\n"
            + "to         flagd\n"
            + "decision   rollout checkout 30%\n"
            + "ids        uuid ids\n"
            + "changed    40 of 1,000 = 4.000% (99.9% CI 2.500% .. 6.000%)\n"
            + "groups     old -> new: count\n"
            + "           false -> false: 660\n"
            + "           false -> true: 20  (changed)\n"
            + "           true -> false: 20  (changed)\n"
            + "           true -> true: 300\n",
        result.describe());
    assertThrows(UnsupportedOperationException.class, () -> result.groups().put("x", Map.of()));
    assertThrows(
        UnsupportedOperationException.class, () -> result.groups().get("true").put("x", 1L));
    assertEquals(0, new ProfileComparison("a", "b", "s", "i", 0, 0, 0, 1, Map.of()).share());
  }
}
