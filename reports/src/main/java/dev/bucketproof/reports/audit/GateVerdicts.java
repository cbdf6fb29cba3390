package dev.bucketproof.reports.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place where a gate's verdict is decided, for every command that gives one ({@code report
 * --ids}, {@code --profile}, {@code --assignments}, {@code srm}): a gate fails when its p-value is
 * below the level in force, and is inconclusive when even the smallest p-value its test can give at
 * this size is not below that level (10 users of a 50/50 split cannot reach 0.0005: 2 x 0.5^10 =
 * 0.00195), whatever path led there (per gate, or Holm's step-down across a report). Renderers and
 * the command line only print the verdicts.
 *
 * <p>Thread-safety: stateless.
 */
public final class GateVerdicts {
  private GateVerdicts() {}

  /**
   * Returns FAIL when {@code pValue < level}, INCONCLUSIVE when {@code smallestPValue >= level}
   * (the test cannot reject at this size), else PASS.
   *
   * @throws IllegalArgumentException if level is not within (0, 1)
   */
  public static Gate.Verdict decide(double pValue, double smallestPValue, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be within (0, 1): " + level);
    }
    if (pValue < level) {
      return Gate.Verdict.FAIL;
    }
    return smallestPValue >= level ? Gate.Verdict.INCONCLUSIVE : Gate.Verdict.PASS;
  }

  /**
   * Returns {@code gates} decided by Holm's step-down procedure at {@code familyAlpha} across all
   * of them: gates with the same {@code sameAs} key (the same check of bucketers that put every
   * user in the same bucket) count once. Sorted by p-value, the gate of rank r (from 0) among m
   * faces the level familyAlpha / (m - r) (its {@link Gate#level()}); the procedure rejects while p
   * is below it. A gate that is not rejected and whose smallest attainable p-value is not below
   * familyAlpha / m, the level Holm's first step applies, is inconclusive: on its own it could not
   * have failed. Gates that no data could fail ({@link Gate#undecidable()}) take no part: they can
   * make no false alarm.
   *
   * @throws IllegalArgumentException if familyAlpha is not within (0, 1)
   */
  public static List<Gate> holm(
      List<Gate> gates, double familyAlpha, Function<Gate, Object> sameAs) {
    if (!(familyAlpha > 0 && familyAlpha < 1)) {
      throw new IllegalArgumentException("familyAlpha must be within (0, 1): " + familyAlpha);
    }
    Map<Object, double[]> distinct = new LinkedHashMap<>();
    for (Gate gate : gates) {
      if (!gate.undecidable()) {
        distinct.putIfAbsent(sameAs.apply(gate), new double[] {gate.pValue(), 0, 0});
      }
    }
    List<double[]> ordered = new ArrayList<>(distinct.values());
    ordered.sort(Comparator.comparingDouble(entry -> entry[0]));
    int count = ordered.size();
    boolean rejecting = true;
    for (int rank = 0; rank < count; rank++) {
      double[] entry = ordered.get(rank);
      double level = familyAlpha / (count - rank);
      rejecting = rejecting && entry[0] < level;
      entry[1] = level;
      entry[2] = rejecting ? 1 : 0;
    }
    List<Gate> decided = new ArrayList<>(gates.size());
    for (Gate gate : gates) {
      if (gate.undecidable()) {
        decided.add(gate);
        continue;
      }
      double[] entry = distinct.get(sameAs.apply(gate));
      // Holm's first and smallest level, familyAlpha / m, is the one a gate must be able to reach
      // to be rejected at all when the others hold; a gate whose floor is not below it could not
      // have failed on its own.
      Gate.Verdict verdict =
          entry[2] == 1
              ? Gate.Verdict.FAIL
              : gate.smallestPValue() >= familyAlpha / count
                  ? Gate.Verdict.INCONCLUSIVE
                  : Gate.Verdict.PASS;
      decided.add(gate.withVerdict(verdict, entry[1]));
    }
    return decided;
  }

  /**
   * Returns the smallest two-sided p-value, {@code min(1, 2 max((1 - share)^users, share^users))},
   * that a rollout's exact binomial test reaches in both directions: a rollout below it cannot be
   * caught both too high and too low.
   */
  public static double rolloutFloor(long users, double share) {
    if (users == 0) {
      return 1;
    }
    if (share <= 0 || share >= 1) {
      return 0; // an exact check: one user on the wrong side fails it
    }
    double none = Math.exp(users * Math.log1p(-share));
    double all = Math.exp(users * Math.log(share));
    return Math.min(1, 2 * Math.max(none, all));
  }
}
