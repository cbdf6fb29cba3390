package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bucketproof.reports.audit.Gate.Verdict;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link GateVerdicts}: one gate's verdict at its level, Holm's step-down procedure across gates
 * (worked by hand below: with m gates the ranks face alpha/m, alpha/(m-1), ..., alpha), and a
 * rollout's floor.
 */
class GateVerdictsTest {

  private static final double FAMILY = 0.05;

  private static Gate gate(String parameter, double pValue, double floor) {
    return Gate.decided(
        new GateId(GateId.Kind.ROLLOUT, "pop", "rule", parameter),
        "pop",
        "rule",
        "rollout " + parameter + "%",
        "",
        "",
        Gate.Power.none("", ""),
        42,
        pValue,
        floor,
        FAMILY);
  }

  private static List<Verdict> verdicts(List<Gate> gates) {
    return gates.stream().map(Gate::verdict).toList();
  }

  private static List<Double> levels(List<Gate> gates) {
    return gates.stream().map(Gate::level).toList();
  }

  @Test
  void aGateFailsBelowItsLevelAndIsInconclusiveWhenItCouldNotReachIt() {
    assertEquals(Verdict.FAIL, GateVerdicts.decide(0.0099, 0, 0.01));
    assertEquals(Verdict.PASS, GateVerdicts.decide(0.01, 0, 0.01), "p at the level passes");
    assertEquals(Verdict.PASS, GateVerdicts.decide(0.5, 0.0099, 0.01));
    assertEquals(Verdict.INCONCLUSIVE, GateVerdicts.decide(0.5, 0.01, 0.01), "floor at the level");
    assertEquals(Verdict.INCONCLUSIVE, GateVerdicts.decide(1, 1, 0.01));
    assertEquals(Verdict.FAIL, GateVerdicts.decide(0, 1, 0.01), "a p-value below wins");
    for (double level : new double[] {0, 1, -0.1, Double.NaN}) {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> GateVerdicts.decide(0.5, 0, level));
      assertEquals("level must be within (0, 1): " + level, error.getMessage());
    }
  }

  @Test
  void holmRejectsWhileEachPValueIsBelowItsRanksLevel() {
    List<Gate> all = List.of(gate("c", 0.04, 0), gate("a", 0.001, 0), gate("b", 0.02, 0));
    List<Gate> decided = GateVerdicts.holm(all, FAMILY, Gate::id);
    assertEquals(List.of(Verdict.FAIL, Verdict.FAIL, Verdict.FAIL), verdicts(decided));
    assertEquals(List.of(0.05, 0.05 / 3, 0.05 / 2), levels(decided), "the input's order kept");
    for (int i = 0; i < all.size(); i++) {
      assertEquals(all.get(i).pValue(), decided.get(i).pValue());
      assertEquals(all.get(i).id(), decided.get(i).id());
      assertEquals(0, decided.get(i).usersNeeded(), "needs users only when inconclusive");
    }
  }

  @Test
  void holmStopsAtTheFirstPValueNotBelowItsLevel() {
    // 0.03 is not below 0.05 / 2, so 0.04 is not rejected though it is below 0.05
    List<Gate> decided =
        GateVerdicts.holm(
            List.of(gate("a", 0.001, 0), gate("b", 0.03, 0), gate("c", 0.04, 0)), FAMILY, Gate::id);
    assertEquals(List.of(Verdict.FAIL, Verdict.PASS, Verdict.PASS), verdicts(decided));
    // a p-value equal to its level is not below it
    List<Gate> atTheLevel =
        GateVerdicts.holm(List.of(gate("a", 0.025, 0), gate("b", 0.5, 0)), FAMILY, Gate::id);
    assertEquals(List.of(Verdict.PASS, Verdict.PASS), verdicts(atTheLevel));
    List<Gate> below =
        GateVerdicts.holm(
            List.of(gate("a", Math.nextDown(0.025), 0), gate("b", 0.5, 0)), FAMILY, Gate::id);
    assertEquals(List.of(Verdict.FAIL, Verdict.PASS), verdicts(below));
  }

  @Test
  void aGateThatCouldNotReachTheFirstLevelIsInconclusiveAndKeepsItsUsersNeeded() {
    // m = 3: the first level is 0.05 / 3
    double first = FAMILY / 3;
    List<Gate> decided =
        GateVerdicts.holm(
            List.of(
                gate("a", 0.6, first), gate("b", 0.6, Math.nextDown(first)), gate("c", 0.6, 0.05)),
            FAMILY,
            Gate::id);
    assertEquals(
        List.of(Verdict.INCONCLUSIVE, Verdict.PASS, Verdict.INCONCLUSIVE), verdicts(decided));
    assertEquals(0, decided.get(1).usersNeeded());
    assertEquals(42, decided.get(2).usersNeeded(), "inconclusive on its own and under Holm");
    // a gate rejected by Holm fails even when its floor is high
    List<Gate> rejected =
        GateVerdicts.holm(List.of(gate("a", 0.001, 0.9), gate("b", 0.6, 0)), FAMILY, Gate::id);
    assertEquals(Verdict.FAIL, rejected.get(0).verdict());
  }

  @Test
  void gatesNoDataCouldFailTakeNoPartAndAreKeptAsTheyAre() {
    Gate undecidable = gate("u", 1, 1);
    List<Gate> decided =
        GateVerdicts.holm(
            List.of(undecidable, gate("a", 0.02, 0), gate("b", 0.04, 0)), FAMILY, Gate::id);
    assertSame(undecidable, decided.get(0));
    // m = 2, not 3: 0.02 < 0.025 and 0.04 < 0.05
    assertEquals(List.of(Verdict.INCONCLUSIVE, Verdict.FAIL, Verdict.FAIL), verdicts(decided));
    assertEquals(0.025, decided.get(1).level());
  }

  @Test
  void gatesWithOneSameAsKeyCountOnceWithTheFirstOnesPValue() {
    Function<Gate, Object> byKind = gate -> gate.id().parameter().substring(0, 1);
    // a1 and a2 count as one gate (p of a1), so m = 2 and 0.02 < 0.025 rejects b
    List<Gate> decided =
        GateVerdicts.holm(
            List.of(gate("a1", 0.001, 0), gate("a2", 0.9, 0), gate("b", 0.02, 0)), FAMILY, byKind);
    assertEquals(List.of(Verdict.FAIL, Verdict.FAIL, Verdict.FAIL), verdicts(decided));
    assertEquals(List.of(0.025, 0.025, 0.05), levels(decided));
    // counted three times, the levels are 0.05 / 3, 0.05 / 2 and 0.05, and 0.9 passes
    List<Gate> separate =
        GateVerdicts.holm(
            List.of(gate("a1", 0.001, 0), gate("a2", 0.9, 0), gate("b", 0.02, 0)),
            FAMILY,
            Gate::id);
    assertEquals(List.of(0.05 / 3, 0.05, 0.025), levels(separate));
    assertEquals(List.of(Verdict.FAIL, Verdict.PASS, Verdict.FAIL), verdicts(separate));
  }

  @Test
  void holmRefusesAFamilyLevelOutsideZeroToOne() {
    for (double family : new double[] {0, 1, 1.5, Double.NaN}) {
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class, () -> GateVerdicts.holm(List.of(), family, Gate::id));
      assertEquals("familyAlpha must be within (0, 1): " + family, error.getMessage());
    }
    assertEquals(List.of(), GateVerdicts.holm(List.of(), 0.01, Gate::id));
  }

  @Test
  void aRolloutsFloorIsTwiceTheLikelierOfNoneAndAll() {
    assertEquals(1, GateVerdicts.rolloutFloor(0, 0.3), "no users: no test");
    assertEquals(1, GateVerdicts.rolloutFloor(0, 0), "no users: no test, even at 0%");
    assertEquals(0, GateVerdicts.rolloutFloor(5, 0), "0%: an exact count");
    assertEquals(0, GateVerdicts.rolloutFloor(5, 1), "100%: an exact count");
    assertEquals(2 * Math.pow(0.75, 6), GateVerdicts.rolloutFloor(6, 0.25), 1e-15);
    assertEquals(2 * Math.pow(0.75, 6), GateVerdicts.rolloutFloor(6, 0.75), 1e-15, "symmetric");
    assertEquals(2 * Math.pow(0.5, 10), GateVerdicts.rolloutFloor(10, 0.5), 1e-15);
    assertEquals(1, GateVerdicts.rolloutFloor(1, 0.5), "capped at 1");
    assertEquals(1, GateVerdicts.rolloutFloor(3, 0.9), "capped at 1");
    assertEquals(2 * Math.pow(0.99, 1_000), GateVerdicts.rolloutFloor(1_000, 0.01), 1e-15);
  }
}
