package dev.bucketproof.reports.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpeedClaimTest {
  private static final String OWN = "bucketproof:murmur3_x86_32";

  @Test
  void aRunThatMeetsEveryTargetMeetsEveryClaim() {
    List<JmhResult> results =
        new ArrayList<>(
            List.of(
                hash(OWN, "uuid", 18.0, 1e-4),
                hash("guava:murmur3_x86_32", "uuid", 30.0, 16),
                floor("uuid", 15.0),
                hash(OWN, "long1k", 500.0, 1e-4),
                hash("guava:murmur3_x86_32", "long1k", 700.0, 16),
                floor("long1k", 450.0),
                hash(OWN, "long64k", 64 * 520.0, 2e-3),
                floor("long64k", 64 * 470.0),
                row("BucketerBenchmark.bareHash", Map.of("hasher", OWN), 20.0),
                row("BucketerBenchmark.isEnabled", Map.of("hasher", OWN), 22.0),
                row("PeerBenchmark.isEnabled", Map.of("sdk", "bucketproof"), 22.0),
                row("PeerBenchmark.isEnabled", Map.of("sdk", "unleash"), 5000.0)));

    List<SpeedClaim> claims = SpeedClaim.of(results);

    assertEquals(
        List.of(
            "own hash vs guava:murmur3_x86_32, uuid",
            "own hash vs guava:murmur3_x86_32, every shape (2)",
            "own hash vs floor (pre-encoded bytes), uuid",
            "own hash vs floor (pre-encoded bytes), long1k",
            "own hash vs floor (pre-encoded bytes), long64k",
            "own hash allocation, 3 id shapes",
            "own hash cost per byte, long64k vs long1k",
            "salted isEnabled(\"checkout:\" + id) vs bare hash of id",
            "50% rollout decision vs unleash"),
        claims.stream().map(SpeedClaim::claim).toList());
    assertTrue(claims.stream().allMatch(SpeedClaim::met), describe(claims));
    assertEquals(30.0 / 18.0, claims.get(0).value(), 1e-12);
    assertEquals(500.0 / 700.0, claims.get(1).value(), 1e-12);
    assertEquals("closest on long1k: 0.71x Guava's time", claims.get(1).measured());
    assertEquals(18.0 / 15.0, claims.get(2).value(), 1e-12);
    assertEquals("at most 0.0020 B/op (long64k)", claims.get(5).measured());
    assertEquals(520.0 / 500.0, claims.get(6).value(), 1e-12);
    assertEquals(1.1, claims.get(7).value(), 1e-12);
  }

  @Test
  void eachTargetIsMissedByARunJustPastIt() {
    List<JmhResult> results =
        List.of(
            hash(OWN, "uuid", 26.0, 1e-4),
            hash("guava:murmur3_x86_32", "uuid", 38.9, 16), // 1.496x: short of 1.5x
            floor("uuid", 19.9), // 1.307x the floor
            hash(OWN, "long1k", 500.0, 24), // allocates
            hash("guava:murmur3_x86_32", "long1k", 490.0, 16), // Guava is faster on one shape
            hash(OWN, "long64k", 64 * 630.0, 1e-4), // 1.26x per byte: not linear
            row("BucketerBenchmark.bareHash", Map.of("hasher", OWN), 20.0),
            row("BucketerBenchmark.isEnabled", Map.of("hasher", OWN), 23.1), // 1.155x
            row("PeerBenchmark.isEnabled", Map.of("sdk", "bucketproof"), 44.0),
            row("PeerBenchmark.isEnabled", Map.of("sdk", "split"), 43.5)); // the peer is faster

    List<SpeedClaim> claims = SpeedClaim.of(results);

    assertEquals(7, claims.size(), describe(claims));
    assertTrue(claims.stream().noneMatch(SpeedClaim::met), describe(claims));
  }

  @Test
  void noClaimWithoutTheRowsItNeeds() {
    assertEquals(List.of(), SpeedClaim.of(List.of()));
    List<SpeedClaim> onlyGuava =
        SpeedClaim.of(List.of(hash("guava:murmur3_x86_32", "uuid", 30.0, 16)));
    assertEquals(List.of(), onlyGuava);
    List<SpeedClaim> withoutAllocation =
        SpeedClaim.of(List.of(hash(OWN, "uuid", 20.0, Double.NaN)));
    assertFalse(withoutAllocation.stream().anyMatch(claim -> claim.claim().contains("allocation")));
  }

  private static JmhResult hash(String hasher, String shape, double ns, double bytes) {
    return new JmhResult(
        "HashBenchmark.hash",
        Map.of("hasher", hasher, "shape", shape),
        "avgt",
        ns,
        0.1,
        "ns/op",
        bytes);
  }

  private static JmhResult floor(String shape, double ns) {
    return new JmhResult(
        "HashBenchmark.floor",
        Map.of("hasher", OWN, "shape", shape),
        "avgt",
        ns,
        0.1,
        "ns/op",
        1e-4);
  }

  private static JmhResult row(String benchmark, Map<String, String> params, double ns) {
    return new JmhResult(benchmark, params, "avgt", ns, 0.1, "ns/op", Double.NaN);
  }

  private static String describe(List<SpeedClaim> claims) {
    return claims.stream()
        .map(claim -> claim.claim() + ": " + claim.value() + " " + (claim.met() ? "met" : "missed"))
        .collect(Collectors.joining("\n"));
  }
}
