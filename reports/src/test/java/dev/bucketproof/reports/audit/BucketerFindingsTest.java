package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.statistics.Independence;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.statistics.SaltMetaTest;
import dev.bucketproof.reports.statistics.Statistics;
import dev.bucketproof.reports.statistics.Uniformity;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BucketerFindings}: the gates it builds from measured statistics, their order, texts and
 * levels, and {@link BucketerFindings#size}, the chance that a gate fails a correct bucketer. The
 * findings are built here from statistics computed on counts written in the test, so each gate's
 * input is known; the audits that build them from ids are tested in {@link AuditTest}.
 */
class BucketerFindingsTest {

  private static final double ALPHA = 0.001;

  /** Seeds the multinomial counts of {@link #complete()}. */
  private static final long SEED = 20_261_203L;

  private static Gate gate(BucketerFindings findings, GateId.Kind kind) {
    return findings.gates().stream()
        .filter(gate -> gate.id().kind() == kind)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " gate"));
  }

  private static BucketerFindings findings(
      int bucketCount,
      long users,
      long[] counts,
      long outOfRange,
      Uniformity uniformity,
      List<RolloutAccuracy> rollouts,
      Independence independence,
      SaltMetaTest salt) {
    return new BucketerFindings(
        "pop",
        "hasher",
        bucketCount,
        users,
        counts,
        outOfRange,
        uniformity,
        0.01,
        rollouts,
        independence,
        salt,
        null);
  }

  /** Everything present, on 10,000 users spread evenly over 100 buckets. */
  private static BucketerFindings complete() {
    long[] counts = new long[100];
    SplittableRandom random = new SplittableRandom(SEED);
    for (int user = 0; user < 10_000; user++) {
      counts[random.nextInt(100)]++;
    }
    RolloutAccuracy five = RolloutAccuracy.of("5", 0.05, 10_000, 500, ALPHA);
    RolloutAccuracy fifty = RolloutAccuracy.of("50", 0.5, 10_000, 5_000, ALPHA);
    Independence independence =
        Independence.of(new long[][] {{2_500, 2_500}, {2_500, 2_500}}, ALPHA);
    double[] pValues = new double[200];
    for (int i = 0; i < pValues.length; i++) {
      pValues[i] = (i + 0.5) / pValues.length;
    }
    SaltMetaTest salt = SaltMetaTest.of(pValues, ALPHA);
    return findings(
        100,
        10_000,
        counts,
        0,
        Uniformity.of(counts, ALPHA),
        List.of(five, fifty),
        independence,
        salt);
  }

  @Test
  void gatesComeInAFixedOrderAndEachIsDecidedAtTheFindingsLevel() {
    List<Gate> gates = complete().gates();
    assertEquals(
        List.of(
            GateId.Kind.BUCKETS_IN_RANGE,
            GateId.Kind.UNIFORMITY,
            GateId.Kind.ROLLOUT,
            GateId.Kind.ROLLOUT,
            GateId.Kind.INDEPENDENCE,
            GateId.Kind.SALT_META_TEST),
        gates.stream().map(gate -> gate.id().kind()).toList());
    assertEquals(
        List.of("", "", "5", "50", "", "200"),
        gates.stream().map(gate -> gate.id().parameter()).toList());
    for (Gate gate : gates) {
      assertEquals("pop", gate.id().subject(), gate.name());
      assertEquals("hasher", gate.id().rule(), gate.name());
      assertEquals(ALPHA, gate.level(), gate.name());
      assertTrue(gate.passed(), () -> gate.name() + ": " + gate.verdict() + " " + gate.measured());
    }
    assertTrue(complete().passed());
  }

  @Test
  void sizeIsAlphaForTheTestsThatCanFailAndTheRegionsSizeForARollout() {
    BucketerFindings findings = complete();
    List<Gate> gates = findings.gates();
    assertAll(
        () -> assertEquals(0, findings.size(gates.get(0)), "range: an exact count"),
        () -> assertEquals(ALPHA, findings.size(gates.get(1)), "uniformity"),
        () -> assertEquals(findings.rollouts().get(0).size(), findings.size(gates.get(2)), "5%"),
        () -> assertEquals(findings.rollouts().get(1).size(), findings.size(gates.get(3)), "50%"),
        () -> assertEquals(ALPHA, findings.size(gates.get(4)), "independence"),
        () -> assertEquals(ALPHA, findings.size(gates.get(5)), "salt"));
    // the two rollouts' regions differ, so picking the wrong one would show
    assertTrue(findings.rollouts().get(0).size() != findings.rollouts().get(1).size());
    assertTrue(findings.size(gates.get(2)) > 0 && findings.size(gates.get(2)) <= ALPHA);
    Gate five = gates.get(2);
    Gate unknownRollout =
        new Gate(
            new GateId(GateId.Kind.ROLLOUT, "pop", "hasher", "7"),
            five.population(),
            five.target(),
            five.name(),
            five.verdict(),
            five.measured(),
            five.validity(),
            five.power(),
            five.usersNeeded(),
            five.pValue(),
            five.smallestPValue(),
            five.level());
    assertEquals(0, findings.size(unknownRollout), "a rollout that was not checked");
  }

  /**
   * A uniformity test whose smallest attainable p-value equals alpha can never fail (a gate fails
   * when p is below its level), so its size is 0, not alpha. Counted with {@code >} this gate was
   * given size alpha, and a false-alarm budget counted a chance of failing that did not exist.
   */
  @Test
  void aUniformityGateThatCannotReachItsLevelHasSizeZero() {
    double alpha = 0.0625;
    long[] counts = {3, 3};
    Uniformity atTheLevel =
        new Uniformity(0, 1, 1, 1, alpha, 3, "Monte Carlo (seed 0x1, 1 draws)", alpha);
    BucketerFindings findings = findings(2, 6, counts, 0, atTheLevel, List.of(), null, null);
    Gate uniformity = findings.gates().get(1);
    assertEquals(Gate.Verdict.INCONCLUSIVE, uniformity.verdict());
    assertEquals(0, findings.size(uniformity));

    Uniformity belowTheLevel =
        new Uniformity(0, 1, 1, 1, alpha, 3, "Monte Carlo (seed 0x1, 1 draws)", alpha / 2);
    BucketerFindings reachable = findings(2, 6, counts, 0, belowTheLevel, List.of(), null, null);
    assertEquals(alpha, reachable.size(reachable.gates().get(1)));
    assertEquals(Gate.Verdict.PASS, reachable.gates().get(1).verdict());
  }

  /** Over real small inputs, a gate has a size above 0 exactly when its data could fail it. */
  @Test
  void aGateHasPositiveSizeExactlyWhenItCanFail() {
    for (int users = 1; users <= 40; users++) {
      long[] counts = new long[4];
      for (int i = 0; i < users; i++) {
        counts[i % 4]++;
      }
      Independence independence =
          Independence.of(
              new long[][] {{users / 4 + 1, users / 4 + 1}, {users / 4 + 1, users / 4}}, ALPHA);
      BucketerFindings findings =
          findings(
              4,
              users,
              counts,
              0,
              Uniformity.of(counts, ALPHA),
              List.of(RolloutAccuracy.of("25", 0.25, users, counts[0], ALPHA)),
              independence,
              null);
      for (Gate gate : findings.gates()) {
        int n = users;
        if (gate.id().kind() == GateId.Kind.ROLLOUT) {
          // a rollout gate can fail one way before it can fail both (its floor): its size is the
          // chance of a count outside the region, 0 when the region holds every count
          RolloutAccuracy rollout = findings.rollouts().get(0);
          boolean excludes = rollout.lowest() > 0 || rollout.highest() < n;
          assertEquals(excludes, findings.size(gate) > 0, () -> "rollout at " + n + " users");
          assertEquals(rollout.size(), findings.size(gate));
          continue;
        }
        boolean canFail = gate.smallestPValue() < gate.level();
        assertEquals(
            canFail && gate.id().kind() != GateId.Kind.BUCKETS_IN_RANGE,
            findings.size(gate) > 0,
            () -> gate.name() + " at " + n + " users: floor " + gate.smallestPValue());
      }
    }
  }

  @Test
  void theLevelComesFromTheFirstStatisticPresent() {
    long[] counts = {50, 50};
    Independence independence = Independence.of(new long[][] {{25, 25}, {25, 25}}, 0.02);
    RolloutAccuracy rollout = RolloutAccuracy.of("50", 0.5, 100, 50, 0.03);
    double[] pValues = {0.2, 0.4, 0.6, 0.8};
    SaltMetaTest salt = SaltMetaTest.of(pValues, 0.04);
    assertEquals(
        0.01,
        findings(
                2,
                100,
                counts,
                0,
                Uniformity.of(counts, 0.01),
                List.of(rollout),
                independence,
                salt)
            .gates()
            .get(0)
            .level());
    assertEquals(
        0.02,
        findings(1, 100, counts, 0, null, List.of(rollout), independence, salt)
            .gates()
            .get(0)
            .level());
    assertEquals(
        0.04,
        findings(1, 100, counts, 0, null, List.of(rollout), null, salt).gates().get(0).level());
    assertEquals(
        0.03,
        findings(1, 100, counts, 0, null, List.of(rollout), null, null).gates().get(0).level());
    assertEquals(
        Statistics.ALPHA,
        findings(1, 100, counts, 0, null, List.of(), null, null).gates().get(0).level());
    assertEquals(
        1, findings(1, 100, counts, 0, null, List.of(), null, null).gates().size(), "1 bucket");
  }

  @Test
  void theRangeGateFailsOnOneUserOutsideAndIsInconclusiveWithoutIds() {
    long[] counts = {5, 4};
    Gate outside = findings(2, 10, counts, 1, null, List.of(), null, null).gates().get(0);
    assertEquals(Gate.Verdict.FAIL, outside.verdict());
    assertEquals("1 of 10 users outside [0, 2)", outside.measured());
    assertEquals("exact count, valid at any size", outside.validity());
    assertEquals(1, outside.power().effect());
    assertEquals("any one user outside [0, 2) fails it", outside.power().text());
    assertFalse(findings(2, 10, counts, 1, null, List.of(), null, null).passed());

    Gate inside =
        findings(2, 9, counts, 0, Uniformity.of(counts, ALPHA), List.of(), null, null)
            .gates()
            .get(0);
    assertEquals(Gate.Verdict.PASS, inside.verdict());
    assertEquals(0, inside.usersNeeded());

    Gate none = findings(2, 0, new long[2], 0, null, List.of(), null, null).gates().get(0);
    assertEquals(Gate.Verdict.INCONCLUSIVE, none.verdict());
    assertEquals("no ids", none.measured());
    assertEquals(1, none.usersNeeded());
  }

  @Test
  void aUniformityGateWithoutATestSaysWhyAndHowManyUsersItNeeds() {
    Gate noIds = findings(7, 0, new long[7], 0, null, List.of(), null, null).gates().get(1);
    assertEquals("no ids", noIds.measured());
    assertEquals(35, noIds.usersNeeded(), "5 per bucket");
    assertEquals(Gate.Verdict.INCONCLUSIVE, noIds.verdict());
    assertFalse(noIds.power().detectable());

    Gate allOutside = findings(7, 3, new long[7], 3, null, List.of(), null, null).gates().get(1);
    assertEquals("no user in range", allOutside.measured());
  }

  @Test
  void aUniformityGateStatesItsStatisticAndItsValidity() {
    long[] even = new long[10];
    java.util.Arrays.fill(even, 100);
    Gate valid =
        findings(10, 1_000, even, 0, Uniformity.of(even, ALPHA), List.of(), null, null)
            .gates()
            .get(1);
    assertTrue(
        valid.measured().startsWith("chi-square 0.0, df 9, two-sided p = "), valid.measured());
    assertTrue(valid.measured().endsWith(", largest bucket deviation 1.00%"), valid.measured());
    assertEquals(
        "chi-square, both tails at 0.0005 each; valid: expected 100.0 per bucket >= 5 (Cochran)",
        valid.validity());
    assertTrue(valid.power().detectable());
    assertTrue(valid.power().text().startsWith("a bucket "), valid.power().text());
    // too even to be chance: the lower tail fails it
    assertEquals(Gate.Verdict.FAIL, valid.verdict());

    long[] few = {1, 2, 1};
    Gate small =
        findings(3, 4, few, 0, Uniformity.of(few, ALPHA), List.of(), null, null).gates().get(1);
    assertTrue(
        small.validity().startsWith("expected 1.33 per bucket < 5 (Cochran): chi-square not valid"),
        small.validity());
    assertFalse(small.power().detectable());
    assertTrue(small.power().text().startsWith("seeded simulation ("), small.power().text());
    assertEquals(Gate.Verdict.INCONCLUSIVE, small.verdict());
    assertEquals(15, small.usersNeeded());
  }

  @Test
  void aRolloutGateStatesItsRegionAndItsPower() {
    RolloutAccuracy rollout = RolloutAccuracy.of("5", 0.05, 10_000, 512, ALPHA);
    Gate gate =
        gate(
            findings(100, 10_000, new long[100], 0, null, List.of(rollout), null, null),
            GateId.Kind.ROLLOUT);
    assertEquals("rollout 5%", gate.name());
    assertTrue(gate.measured().startsWith("512 of 10,000 enabled (5.120%), acceptance region ["));
    assertTrue(gate.validity().startsWith("exact binomial region at 0.999; exact size "));
    assertEquals(Gate.Verdict.PASS, gate.verdict());
    assertEquals("percentage points", gate.power().unit());
    assertTrue(gate.power().text().startsWith("catches "), gate.power().text());

    RolloutAccuracy none = RolloutAccuracy.of("5", 0.05, 0, 0, ALPHA);
    Gate empty =
        gate(
            findings(100, 0, new long[100], 0, null, List.of(none), null, null),
            GateId.Kind.ROLLOUT);
    assertEquals("no ids", empty.measured());
    assertEquals(Gate.Verdict.INCONCLUSIVE, empty.verdict());
    assertEquals(RolloutAccuracy.usersNeeded(0.05, ALPHA), empty.usersNeeded());
    assertFalse(empty.power().detectable());

    RolloutAccuracy all = RolloutAccuracy.of("100", 1.0, 0, 0, ALPHA);
    Gate full =
        gate(
            findings(100, 0, new long[100], 0, null, List.of(all), null, null),
            GateId.Kind.ROLLOUT);
    assertEquals(1, full.usersNeeded(), "a 100% rollout needs one user");
    RolloutAccuracy off = RolloutAccuracy.of("0", 0.0, 0, 0, ALPHA);
    Gate zero =
        gate(
            findings(100, 0, new long[100], 0, null, List.of(off), null, null),
            GateId.Kind.ROLLOUT);
    assertEquals(1, zero.usersNeeded(), "a 0% rollout needs one user");
  }

  @Test
  void rolloutPowerHasNoFigureWithoutUsersOrBeyondTheExactComputation() {
    Gate.Power none = BucketerFindings.rolloutPower(0, 0.05, ALPHA);
    assertFalse(none.detectable());
    assertEquals(
        "catches no rollout too high, no rollout too low (exact binomial power)", none.text());
    Gate.Power beyond = BucketerFindings.rolloutPower(Integer.MAX_VALUE + 1L, 0.05, ALPHA);
    assertFalse(beyond.detectable());
    Gate.Power some = BucketerFindings.rolloutPower(10_000, 0.05, ALPHA);
    assertTrue(some.detectable());
    assertTrue(some.effect() > 0.5 && some.effect() < 2, "points: " + some.effect());
    assertTrue(
        some.text().matches("catches \\d\\.\\d\\d points too high, \\d\\.\\d\\d points too low.*"),
        some.text());
  }

  @Test
  void anIndependenceGateStatesItsTableAndItsMethod() {
    Independence independence =
        Independence.of(new long[][] {{2_500, 2_400}, {2_600, 2_500}}, ALPHA);
    Gate gate =
        gate(
            findings(100, 10_000, new long[100], 0, null, List.of(), independence, null),
            GateId.Kind.INDEPENDENCE);
    assertEquals("flag independence", gate.name());
    assertTrue(
        gate.measured().endsWith("in both 2,500, A only 2,600, B only 2,400, neither 2,500"),
        gate.measured());
    assertTrue(gate.measured().startsWith("chi-square "), gate.measured());
    assertEquals("chi-square; valid: expected >= 5 in every cell (Cochran)", gate.validity());
    assertEquals(Gate.Verdict.PASS, gate.verdict());
    assertEquals(0, gate.usersNeeded(), "a decided gate needs no more users");
    assertTrue(gate.power().text().contains("instead of 25%"), gate.power().text());

    Independence fisher = Independence.of(new long[][] {{3, 0}, {0, 3}}, ALPHA);
    Gate small =
        gate(
            findings(100, 6, new long[100], 0, null, List.of(), fisher, null),
            GateId.Kind.INDEPENDENCE);
    assertEquals(Gate.Verdict.INCONCLUSIVE, small.verdict());
    assertTrue(
        small.validity().endsWith(": cannot reach alpha on these margins"), small.validity());
    assertEquals(20, small.usersNeeded());

    Independence empty = Independence.of(new long[][] {{0, 0}, {0, 0}}, ALPHA);
    Gate noIds =
        gate(
            findings(100, 0, new long[100], 0, null, List.of(), empty, null),
            GateId.Kind.INDEPENDENCE);
    assertEquals("no ids", noIds.measured());
    assertEquals(Gate.Verdict.INCONCLUSIVE, noIds.verdict());
    assertFalse(noIds.power().detectable());
  }

  @Test
  void aSaltGateStatesItsFlagKeysAndWhenItCannotDecide() {
    double[] pValues = new double[200];
    for (int i = 0; i < pValues.length; i++) {
      pValues[i] = (i + 0.5) / pValues.length;
    }
    Gate gate =
        gate(
            findings(
                100,
                10_000,
                new long[100],
                0,
                null,
                List.of(),
                null,
                SaltMetaTest.of(pValues, ALPHA)),
            GateId.Kind.SALT_META_TEST);
    assertEquals("salt meta-test", gate.name());
    assertTrue(
        gate.measured().startsWith("KS D = 0.0025 over 200 flag keys, p = "), gate.measured());
    assertTrue(gate.power().detectable());
    assertTrue(gate.power().text().contains("of the 200 flag keys"), gate.power().text());
    assertEquals(Gate.Verdict.PASS, gate.verdict());

    SaltMetaTest undecidable = new SaltMetaTest(200, 0, 1, ALPHA, 1, 7, false);
    BucketerFindings few = findings(100, 7, new long[100], 0, null, List.of(), null, undecidable);
    Gate cannot = gate(few, GateId.Kind.SALT_META_TEST);
    assertEquals(Gate.Verdict.INCONCLUSIVE, cannot.verdict());
    assertEquals("7 users per flag key", cannot.measured());
    assertEquals("per-flag chi-square needs at least 2 bins of 5 users", cannot.validity());
    assertEquals(10, cannot.usersNeeded());
    assertEquals(0, few.size(cannot));
    Gate noIds =
        gate(
            findings(100, 0, new long[100], 0, null, List.of(), null, undecidable),
            GateId.Kind.SALT_META_TEST);
    assertEquals("no ids", noIds.measured());
  }
}
