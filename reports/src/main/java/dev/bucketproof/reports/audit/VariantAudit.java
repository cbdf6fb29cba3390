package dev.bucketproof.reports.audit;

import dev.bucketproof.reports.ids.IdSource;
import dev.bucketproof.reports.statistics.Independence;
import dev.bucketproof.reports.statistics.SampleRatioMismatch;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Audits an A/B/n split over a population: the variant counts against the weights (a sample ratio
 * mismatch test) and the independence of variant and rollout membership (an r x c chi-square test,
 * rows in and out of the rollout, one column per variant).
 *
 * <p>Streams the ids; memory is O(variants).
 *
 * <p>Thread-safety: stateless.
 */
public final class VariantAudit {
  private VariantAudit() {}

  /**
   * The result of a variant audit.
   *
   * @param split observed counts per variant against the weights
   * @param independence variant against rollout membership; null when every user is in the rollout,
   *     or none is
   */
  public record Result(SampleRatioMismatch split, Independence independence) {}

  /**
   * Audits the split.
   *
   * @param source the ids
   * @param inRollout whether a user is in the rollout
   * @param variant the index of a user's variant, in [0, weights.length)
   * @param weights the configured weight of each variant
   * @param alpha the level of both tests
   * @throws IOException if reading the ids fails
   * @throws IllegalArgumentException if a variant index is outside [0, weights.length)
   */
  public static Result run(
      IdSource source,
      Predicate<CharSequence> inRollout,
      ToIntFunction<CharSequence> variant,
      double[] weights,
      double alpha)
      throws IOException {
    Objects.requireNonNull(source, "source");
    long[][] table = new long[2][weights.length];
    source.forEachChunk(
        Audit.CHUNK_SIZE,
        chunk -> {
          for (int offset = 0; offset < chunk.size(); offset++) {
            String id = chunk.id(offset);
            int index = variant.applyAsInt(id);
            if (index < 0 || index >= weights.length) {
              throw new IllegalArgumentException(
                  "variant index must be within [0, "
                      + weights.length
                      + "): "
                      + index
                      + " for id "
                      + id);
            }
            table[inRollout.test(id) ? 1 : 0][index]++;
          }
        });
    long[] counts = new long[weights.length];
    for (int v = 0; v < weights.length; v++) {
      counts[v] = table[0][v] + table[1][v];
    }
    boolean bothRows = Arrays.stream(table[0]).sum() > 0 && Arrays.stream(table[1]).sum() > 0;
    return new Result(
        SampleRatioMismatch.of(counts, weights, alpha),
        bothRows ? Independence.of(table, alpha) : null);
  }
}
