package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.FlagBuckets;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantAssigner;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.reports.audit.VariantAudit;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.statistics.Statistics;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Variant splits (50/50 and 10/30/60) match their weights (a sample-ratio-mismatch test) and are
 * independent of rollout membership (r x c chi-square against a 50% rollout of the same flag), for
 * every hasher on 1,000,000 UUIDs and 1,000,000 Unicode names, at alpha 0.0005.
 */
class VariantDistributionTest {
  private static final String FLAG = "checkout-experiment";
  private static final List<int[]> SPLITS = List.of(new int[] {50, 50}, new int[] {10, 30, 60});

  static Stream<Arguments> cases() {
    return IdHashers.all().stream()
        .flatMap(
            hasher ->
                Stream.of(IdShape.UUID, IdShape.UNICODE)
                    .flatMap(
                        shape ->
                            SPLITS.stream()
                                .map(weights -> Arguments.of(hasher.name(), shape, weights))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void splitMatchesItsWeightsAndIsIndependentOfTheRollout(
      String hasherName, IdShape shape, int[] weights) throws IOException {
    IdHasher hasher = IdHashers.byName(hasherName);
    Bucketer bucketer = Bucketer.builder().hasher(hasher).build();
    RolloutGate rollout = bucketer.rollout(Rollout.ofPercent(FLAG, 50));
    VariantAssigner assigner = bucketer.variants(split(weights));
    Population population = Population.of(shape, GateAudits.POWERFUL_USERS);
    VariantAudit.Result result =
        VariantAudit.run(
            population,
            rollout::isEnabled,
            id -> Integer.parseInt(assigner.variant(id).name()),
            doubles(weights),
            Statistics.ALPHA);
    String where =
        population.description() + ", " + hasherName + ", weights " + Arrays.toString(weights);
    assertFalse(
        result.split().mismatch(),
        () ->
            where
                + ": sample ratio mismatch, observed "
                + Arrays.toString(result.split().observed())
                + ", p = "
                + result.split().pValue());
    assertTrue(
        result.independence().passed(),
        () ->
            where
                + ": variant depends on rollout, chi-square "
                + result.independence().statistic()
                + ", p = "
                + result.independence().pValue());
  }

  /** Negative control: a variant chosen from the rollout's own hash is rejected as dependent. */
  @Test
  void variantThatReusesTheRolloutHashIsRejected() throws IOException {
    FlagBuckets rolloutBuckets = Bucketer.standard().forFlag(FLAG);
    RolloutGate rollout = Bucketer.standard().rollout(Rollout.ofPercent(FLAG, 50));
    ToIntFunction<CharSequence> reused =
        id -> cumulative(new int[] {10, 30, 60}, rolloutBuckets.bucket(id));
    VariantAudit.Result result =
        VariantAudit.run(
            Population.of(IdShape.UUID, GateAudits.POWERFUL_USERS),
            rollout::isEnabled,
            reused,
            doubles(new int[] {10, 30, 60}),
            Statistics.ALPHA);
    assertFalse(result.split().mismatch(), "its proportions are right");
    assertFalse(result.independence().passed(), "p = " + result.independence().pValue());
  }

  /** Negative control: a 52/48 split configured as 50/50 is a sample ratio mismatch. */
  @Test
  void skewedSplitIsASampleRatioMismatch() throws IOException {
    FlagBuckets buckets = Bucketer.standard().forFlag(FLAG);
    VariantAudit.Result result =
        VariantAudit.run(
            Population.of(IdShape.UUID, GateAudits.POWERFUL_USERS),
            id -> false,
            id -> buckets.bucket(id) < 52 ? 0 : 1,
            new double[] {50, 50},
            Statistics.ALPHA);
    assertTrue(result.split().mismatch(), "p = " + result.split().pValue());
  }

  private static VariantSplit split(int[] weights) {
    Variant[] variants = new Variant[weights.length];
    for (int i = 0; i < weights.length; i++) {
      variants[i] = new Variant(Integer.toString(i), weights[i]);
    }
    return VariantSplit.of(FLAG, variants);
  }

  private static int cumulative(int[] weights, int bucket) {
    int upper = 0;
    for (int i = 0; i < weights.length; i++) {
      upper += weights[i];
      if (bucket < upper) {
        return i;
      }
    }
    throw new AssertionError("bucket " + bucket);
  }

  private static double[] doubles(int[] weights) {
    return Arrays.stream(weights).asDoubleStream().toArray();
  }
}
