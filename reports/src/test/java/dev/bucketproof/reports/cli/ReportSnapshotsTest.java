package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.EvaluationSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --snapshots DIR}: the snapshots of several instances audited as one report, with
 * the assignments audit's gates; a 52/48 split fails where 50/50 passes; bad input writes nothing.
 */
class ReportSnapshotsTest {
  static final long SEED = 0x5AA9_5407L;

  @TempDir Path directory;

  /** Writes one instance's snapshot: {@code users} sampled users, control with {@code share}. */
  private void instance(Path snapshots, String name, int users, double share, long seed)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, String> sampled = new TreeMap<>();
    Map<String, Long> outcomes = new LinkedHashMap<>();
    outcomes.put("control", 0L);
    outcomes.put("treatment", 0L);
    for (int i = 0; i < users; i++) {
      String outcome = random.nextDouble() < share ? "control" : "treatment";
      sampled.put(EvaluationSnapshot.formatKey(random.nextLong()), outcome);
      outcomes.merge(outcome, 2L, Long::sum); // each user evaluated twice
    }
    long evaluations = 2L * users;
    Files.createDirectories(snapshots);
    new EvaluationSnapshot(
            EvaluationSnapshot.FORMAT,
            List.of(
                new EvaluationSnapshot.FlagCounts(
                    "exp",
                    evaluations,
                    0,
                    0,
                    outcomes,
                    0,
                    sampled,
                    List.of(),
                    Map.of(),
                    List.of())))
        .write(snapshots.resolve(name));
  }

  private Path flags() throws IOException {
    return Files.writeString(
        directory.resolve("flags.json"),
        "{\"exp\": {\"weights\": {\"control\": 50, \"treatment\": 50}}}");
  }

  private BucketproofCliTest.Result report(Path snapshots, Path out) throws IOException {
    return BucketproofCliTest.run(
        "report",
        "--snapshots",
        snapshots.toString(),
        "--flags",
        flags().toString(),
        "--out",
        out.toString());
  }

  @Test
  void evenSnapshotsPassAsOneReport() throws IOException {
    Path snapshots = directory.resolve("snapshots");
    instance(snapshots, "a.json", 10_000, 0.5, SEED);
    instance(snapshots, "b.json", 10_000, 0.5, SEED + 1);
    Path out = directory.resolve("site");
    BucketproofCliTest.Result result = report(snapshots, out);
    assertEquals(0, result.code(), result.err());
    assertTrue(result.err().contains("20,000 rows"), result.err());
    assertTrue(Files.readString(out.resolve("report.json")).contains("sample ratio mismatch"));
  }

  @Test
  void fiftyTwoFortyEightFails() throws IOException {
    Path snapshots = directory.resolve("snapshots");
    instance(snapshots, "a.json", 10_000, 0.52, SEED);
    instance(snapshots, "b.json", 10_000, 0.52, SEED + 1);
    BucketproofCliTest.Result result = report(snapshots, directory.resolve("site"));
    assertEquals(1, result.code(), result.err());
    assertTrue(result.err().contains("sample ratio mismatch"), result.err());
  }

  @Test
  void badInputIsOneLineAndWritesNothing() throws IOException {
    Path empty = Files.createDirectories(directory.resolve("empty"));
    Path out = directory.resolve("site");
    BucketproofCliTest.Result none = report(empty, out);
    assertEquals(2, none.code(), none.err());
    assertTrue(none.err().contains("holds no *.json snapshot file"), none.err());
    assertEquals(1, none.err().strip().lines().count(), none.err());

    Path bad = Files.createDirectories(directory.resolve("bad"));
    Files.writeString(bad.resolve("x.json"), "{\"format\": \"nope\"}");
    BucketproofCliTest.Result notSnapshot = report(bad, out);
    assertEquals(2, notSnapshot.code(), notSnapshot.err());
    assertTrue(notSnapshot.err().contains("x.json is not a"), notSnapshot.err());
    assertFalse(Files.exists(out), "nothing written");

    BucketproofCliTest.Result both =
        BucketproofCliTest.run(
            "report",
            "--snapshots",
            bad.toString(),
            "--assignments",
            "x.csv",
            "--out",
            out.toString());
    assertEquals(2, both.code(), both.err());
    assertTrue(both.err().contains("give one"), both.err());
  }
}
