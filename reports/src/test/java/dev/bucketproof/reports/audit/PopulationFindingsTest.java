package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bucketproof.reports.statistics.Uniformity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PopulationFindings}: agreements looked up in either order, the representative of bucketers
 * that agree on every user, and {@link FalseAlarm} over findings whose gate sizes are known: each
 * target here has a range gate (size 0) and a uniformity gate whose size is its alpha.
 */
class PopulationFindingsTest {

  private static BucketerFindings target(String name, double alpha) {
    return new BucketerFindings(
        "pop",
        name,
        2,
        10,
        new long[] {5, 5},
        0,
        new Uniformity(0, 1, 1, 1, alpha, 5, "chi-square", 0),
        0,
        List.of(),
        null,
        null,
        null);
  }

  private static PopulationFindings population(
      long users, List<BucketerFindings> targets, List<PopulationFindings.Agreement> agreements) {
    return new PopulationFindings("pop", "ten ids", users, null, targets, agreements);
  }

  private static PopulationFindings.Agreement agreement(String first, String second, long same) {
    return new PopulationFindings.Agreement(first, second, same, 10, List.of());
  }

  @Test
  void anAgreementIsFoundInEitherOrderAndOnlyForThatPair() {
    PopulationFindings.Agreement ab = agreement("a", "b", 7);
    PopulationFindings findings =
        population(10, List.of(), List.of(agreement("a", "c", 10), ab, agreement("c", "b", 9)));
    assertSame(ab, findings.agreement("a", "b"));
    assertSame(ab, findings.agreement("b", "a"));
    assertNull(findings.agreement("a", "d"));
    assertNull(findings.agreement("d", "b"));
    assertNull(findings.agreement("b", "b"));
    assertEquals(0.7, ab.share());
    assertEquals(3, ab.different());
    assertEquals(1, new PopulationFindings.Agreement("a", "b", 0, 0, List.of()).share());
  }

  @Test
  void theRepresentativeIsTheFirstEarlierBucketerThatAgreesOnEveryUser() {
    List<BucketerFindings> targets =
        List.of(target("a", 0.1), target("b", 0.1), target("c", 0.1), target("d", 0.1));
    PopulationFindings findings =
        population(
            10,
            targets,
            List.of(
                agreement("a", "b", 9),
                agreement("b", "c", 10),
                agreement("a", "d", 10),
                agreement("c", "d", 10)));
    assertEquals("a", findings.representative("a"));
    assertEquals("b", findings.representative("b"), "9 of 10 is not every user");
    assertEquals("b", findings.representative("c"));
    assertEquals("a", findings.representative("d"), "the first in audit order");
    assertEquals("e", findings.representative("e"), "not audited");
    Gate gate = targets.get(2).gates().get(1);
    assertEquals(gate.id().withRule("b"), findings.sameAs(gate));
    assertEquals(8, findings.gates().size());
    assertEquals(targets.get(3).gates(), findings.gates().subList(6, 8));

    PopulationFindings empty =
        population(
            0, targets, List.of(new PopulationFindings.Agreement("a", "b", 0, 0, List.of())));
    assertEquals("b", empty.representative("b"), "no users: no evidence that two agree");
  }

  @Test
  void falseAlarmsSumTheDistinctGatesSizes() {
    PopulationFindings apart =
        population(
            10, List.of(target("a", 0.1), target("b", 0.2)), List.of(agreement("a", "b", 9)));
    FalseAlarm separate = FalseAlarm.of(List.of(apart));
    assertEquals(4, separate.gates());
    assertEquals(4, separate.distinctGates());
    assertEquals(0.1 + 0.2, separate.bound(), 1e-15);
    assertEquals(1 - 0.9 * 0.8, separate.ifIndependent(), 1e-15);

    PopulationFindings twins =
        population(
            10, List.of(target("a", 0.1), target("b", 0.2)), List.of(agreement("a", "b", 10)));
    FalseAlarm once = FalseAlarm.of(List.of(twins));
    assertEquals(4, once.gates());
    assertEquals(2, once.distinctGates());
    assertEquals(0.1, once.bound(), 1e-15, "the first twin's size");
    assertEquals(0.1, once.ifIndependent(), 1e-15);

    PopulationFindings large =
        population(10, List.of(target("c", 0.6), target("d", 0.7)), List.of());
    FalseAlarm capped = FalseAlarm.of(List.of(large, apart));
    assertEquals(8, capped.gates());
    assertEquals(1, capped.bound(), "at most 1");
    assertEquals(1 - 0.4 * 0.3 * 0.9 * 0.8, capped.ifIndependent(), 1e-15);
  }
}
