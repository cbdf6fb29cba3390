package dev.bucketproof.reports.statistics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down Bonferroni procedure (Holm 1979): controls the chance of one or more false
 * rejections among m tests at {@code level}, whatever their dependence. Sort the p-values p(1) <=
 * ... <= p(m); reject p(1), p(2), ... while p(i) < level / (m - i + 1), and stop at the first that
 * is not. Example at level 0.05: p-values 0.001, 0.03, 0.04 reject 0.001 (< 0.05 / 3) only, since
 * 0.03 is not below 0.05 / 2; p-values 0.001, 0.01, 0.04 reject all three (0.0167, 0.025, 0.05).
 *
 * <p>Thread-safety: stateless.
 */
public final class Holm {
  private Holm() {}

  /**
   * Returns which of {@code pValues} Holm's procedure rejects at {@code level}.
   *
   * @throws IllegalArgumentException if level is not within (0, 1) or a p-value is not within [0,
   *     1]
   */
  public static boolean[] rejected(double[] pValues, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be within (0, 1): " + level);
    }
    for (double p : pValues) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("p-values must be within [0, 1]: " + p);
      }
    }
    int count = pValues.length;
    Integer[] order =
        IntStream.range(0, count)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> pValues[i]))
            .toArray(Integer[]::new);
    boolean[] rejected = new boolean[count];
    for (int rank = 0; rank < count; rank++) {
      if (pValues[order[rank]] < level / (count - rank)) {
        rejected[order[rank]] = true;
      } else {
        break;
      }
    }
    return rejected;
  }

  /**
   * Returns whether any of {@code pValues} is rejected at {@code level}: the smallest below level /
   * m.
   */
  public static boolean anyRejected(double[] pValues, double level) {
    return pValues.length > 0 && Arrays.stream(pValues).min().orElse(1) < level / pValues.length;
  }
}
