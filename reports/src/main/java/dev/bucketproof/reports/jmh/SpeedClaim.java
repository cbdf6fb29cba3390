package dev.bucketproof.reports.jmh;

import dev.bucketproof.bucketing.HasherType;
import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One of the project's speed claims, checked against a JMH result: what was compared, the measured
 * value, the target and whether the measurement meets it. Claims are reported, never asserted in
 * tests: a benchmark run on a busy machine may miss one without the code being wrong.
 *
 * @param claim what is compared, such as {@code "own hash vs guava:murmur3_x86_32, uuid"}
 * @param measured the numbers behind the value, such as {@code "25.7 vs 31.1 ns/op"}
 * @param value the ratio or amount that the target is about
 * @param target the target, such as {@code ">= 1.5x"}
 * @param met whether {@code value} meets the target
 */
public record SpeedClaim(String claim, String measured, double value, String target, boolean met) {
  /** The hasher whose speed the claims are about. */
  public static final String OWN = HasherType.BUCKETPROOF_MURMUR3_X86_32.hasherName();

  static final String GUAVA = HasherType.GUAVA_MURMUR3_X86_32.hasherName();

  /**
   * Below this many B/op nothing is allocated per call: the smallest object takes 16 bytes, and
   * JMH's {@code gc.alloc.rate.norm} spreads its own bookkeeping over the operations (about 1e-4
   * B/op on a 25 ns operation, 0.2 to 0.4 B/op on a 36 us one).
   */
  private static final double NO_ALLOCATION = 8;

  /**
   * Returns every claim that {@code results} holds the rows for, in the order of the README's
   * targets: the own hash against Guava on {@code uuid} and on every shape, against the floor on
   * {@code uuid} and long ids, its allocation on every shape, its cost per byte on long ids, a
   * salted decision against the bare hash, and a decision against each peer.
   */
  public static List<SpeedClaim> of(List<JmhResult> results) {
    List<SpeedClaim> claims = new ArrayList<>();
    Optional<JmhResult> own = hashRow(results, "HashBenchmark.hash", OWN, "uuid");
    Optional<JmhResult> guava = hashRow(results, "HashBenchmark.hash", GUAVA, "uuid");
    if (own.isPresent() && guava.isPresent()) {
      double speedup = guava.get().score() / own.get().score();
      claims.add(
          new SpeedClaim(
              "own hash vs " + GUAVA + ", uuid",
              nsPair(own.get(), guava.get()),
              speedup,
              ">= 1.5x faster",
              speedup >= 1.5));
    }
    List<String> shapes =
        results.stream()
            .filter(row -> row.benchmark().equals("HashBenchmark.hash") && has(row, "hasher", OWN))
            .map(row -> row.param("shape"))
            .distinct()
            .toList();
    JmhResult closest = null;
    double closestRatio = 0;
    int compared = 0;
    for (String shape : shapes) {
      Optional<JmhResult> ownShape = hashRow(results, "HashBenchmark.hash", OWN, shape);
      Optional<JmhResult> guavaShape = hashRow(results, "HashBenchmark.hash", GUAVA, shape);
      if (ownShape.isPresent() && guavaShape.isPresent()) {
        compared++;
        double ratio = ownShape.get().score() / guavaShape.get().score();
        if (closest == null || ratio > closestRatio) {
          closest = ownShape.get();
          closestRatio = ratio;
        }
      }
    }
    if (compared > 1) {
      claims.add(
          new SpeedClaim(
              "own hash vs " + GUAVA + ", every shape (" + compared + ")",
              Numbers.format(
                  "closest on %s: %.2fx Guava's time", closest.param("shape"), closestRatio),
              closestRatio,
              "< 1x Guava's time on every shape",
              closestRatio < 1));
    }
    for (String shape : List.of("uuid", "long1k", "long64k")) {
      Optional<JmhResult> hash = hashRow(results, "HashBenchmark.hash", OWN, shape);
      Optional<JmhResult> floor = hashRow(results, "HashBenchmark.floor", OWN, shape);
      if (hash.isPresent() && floor.isPresent()) {
        double ratio = hash.get().score() / floor.get().score();
        claims.add(
            new SpeedClaim(
                "own hash vs floor (pre-encoded bytes), " + shape,
                nsPair(hash.get(), floor.get()),
                ratio,
                "<= 1.3x the floor",
                ratio <= 1.3));
      }
    }
    List<JmhResult> ownShapes =
        results.stream()
            .filter(row -> row.benchmark().equals("HashBenchmark.hash") && has(row, "hasher", OWN))
            .filter(row -> !Double.isNaN(row.allocatedBytesPerOp()))
            .toList();
    if (!ownShapes.isEmpty()) {
      JmhResult most =
          ownShapes.stream()
              .max((a, b) -> Double.compare(a.allocatedBytesPerOp(), b.allocatedBytesPerOp()))
              .orElseThrow();
      claims.add(
          new SpeedClaim(
              "own hash allocation, " + ownShapes.size() + " id shapes",
              Numbers.format(
                  "at most %.4f B/op (%s)", most.allocatedBytesPerOp(), most.param("shape")),
              most.allocatedBytesPerOp(),
              "0 B/op",
              most.allocatedBytesPerOp() < NO_ALLOCATION));
    }
    Optional<JmhResult> short1k = hashRow(results, "HashBenchmark.hash", OWN, "long1k");
    Optional<JmhResult> long64k = hashRow(results, "HashBenchmark.hash", OWN, "long64k");
    if (short1k.isPresent() && long64k.isPresent()) {
      double ratio = (long64k.get().score() / 64) / short1k.get().score();
      claims.add(
          new SpeedClaim(
              "own hash cost per byte, long64k vs long1k",
              Numbers.format(
                  "%.1f ns per KiB vs %.1f", long64k.get().score() / 64, short1k.get().score()),
              ratio,
              "<= 1.25x (linear in length)",
              ratio <= 1.25));
    }
    Optional<JmhResult> bare =
        find(results, "BucketerBenchmark.bareHash", row -> has(row, "hasher", OWN));
    Optional<JmhResult> decision =
        find(results, "BucketerBenchmark.isEnabled", row -> has(row, "hasher", OWN));
    if (bare.isPresent() && decision.isPresent()) {
      double ratio = decision.get().score() / bare.get().score();
      claims.add(
          new SpeedClaim(
              "salted isEnabled(\"checkout:\" + id) vs bare hash of id",
              nsPair(decision.get(), bare.get()),
              ratio,
              "<= 1.15x",
              ratio <= 1.15));
    }
    Optional<JmhResult> ours =
        find(results, "PeerBenchmark.isEnabled", row -> has(row, "sdk", "bucketproof"));
    if (ours.isPresent()) {
      results.stream()
          .filter(
              row ->
                  row.benchmark().equals("PeerBenchmark.isEnabled")
                      && !has(row, "sdk", "bucketproof"))
          .forEach(
              peer -> {
                double speedup = peer.score() / ours.get().score();
                claims.add(
                    new SpeedClaim(
                        "50% rollout decision vs " + peer.param("sdk"),
                        nsPair(ours.get(), peer),
                        speedup,
                        "> 1x (ours faster)",
                        speedup > 1));
              });
    }
    return List.copyOf(claims);
  }

  /**
   * Returns the {@code HashBenchmark} row ({@code benchmark} is its hash or floor method) of a
   * hasher and shape.
   */
  private static Optional<JmhResult> hashRow(
      List<JmhResult> results, String benchmark, String hasher, String shape) {
    return find(results, benchmark, row -> has(row, "hasher", hasher) && has(row, "shape", shape));
  }

  private static Optional<JmhResult> find(
      List<JmhResult> results, String benchmark, Predicate<JmhResult> matches) {
    return results.stream()
        .filter(row -> row.benchmark().equals(benchmark))
        .filter(matches)
        .findFirst();
  }

  private static boolean has(JmhResult row, String param, String value) {
    return row.param(param).equals(value);
  }

  private static String nsPair(JmhResult first, JmhResult second) {
    return Numbers.format("%.1f vs %.1f %s", first.score(), second.score(), first.unit());
  }
}
