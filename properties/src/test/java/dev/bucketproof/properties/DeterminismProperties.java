package dev.bucketproof.properties;

import static dev.bucketproof.properties.Generators.SEED;
import static dev.bucketproof.properties.Generators.flagKeys;
import static dev.bucketproof.properties.Generators.hashers;
import static dev.bucketproof.properties.Generators.seeds;
import static dev.bucketproof.properties.Generators.unicodeIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.FlagBuckets;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same input gives the same hash and bucket: across calls, fresh instances, 64 threads sharing
 * instances, and a second JVM with another charset and locale, running in the interpreter.
 */
class DeterminismProperties {
  private static final int THREADS = 64;

  @TempDir Path directory;

  @Test
  void sameHashOnEveryCall() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(hashers(), unicodeIds(), seeds())
        .check(
            (hasher, id, seed) ->
                hasher.hash(id, seed) == hasher.hash(id, seed)
                    && hasher.hash(id, seed) == hasher.hash(new StringBuilder(id), seed));
  }

  @Test
  void sameBucketFromFreshInstances() {
    qt().withFixedSeed(SEED)
        .withExamples(5_000)
        .forAll(hashers(), flagKeys(), unicodeIds())
        .check(
            (hasher, flag, user) -> {
              Bucketer first = Bucketer.builder().hasher(hasher).bucketCount(10_000).build();
              Bucketer second =
                  Bucketer.builder()
                      .hasher(IdHashers.byName(hasher.name()))
                      .bucketCount(10_000)
                      .build();
              int bucket = first.bucket(flag, user);
              return bucket == second.bucket(flag, user)
                  && bucket == second.forFlag(flag).bucket(user)
                  && first.rollout(new Rollout(flag, 2500)).isEnabled(user) == (bucket < 2500);
            });
  }

  @Test
  void sixtyFourThreadsSharingInstancesAgreeWithOneThread() throws Exception {
    List<String> ids = AssignmentPrinter.ids();
    List<FlagBuckets> shared = new ArrayList<>();
    List<RolloutGate> gates = new ArrayList<>();
    for (IdHasher hasher : IdHashers.all()) {
      Bucketer bucketer = Bucketer.builder().hasher(hasher).bucketCount(10_000).build();
      shared.add(bucketer.forFlag("threads"));
      gates.add(bucketer.rollout(new Rollout("threads", 3333)));
    }
    int[][] expected = assignments(shared, gates, ids);
    ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<int[][]>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(
            executor.submit(
                () -> {
                  start.await();
                  return assignments(shared, gates, ids);
                }));
      }
      start.countDown();
      for (int t = 0; t < THREADS; t++) {
        int[][] actual = results.get(t).get(5, TimeUnit.MINUTES);
        for (int h = 0; h < expected.length; h++) {
          for (int i = 0; i < ids.size(); i++) {
            int thread = t;
            int hasher = h;
            int index = i;
            assertEquals(
                expected[h][i],
                actual[h][i],
                () ->
                    "thread "
                        + thread
                        + ", "
                        + IdHashers.all().get(hasher)
                        + ", id "
                        + Generators.describe(ids.get(index)));
          }
        }
      }
    } finally {
      executor.shutdownNow();
    }
  }

  /** Bucket times two plus the rollout decision, per hasher and id. */
  private static int[][] assignments(
      List<FlagBuckets> buckets, List<RolloutGate> gates, List<String> ids) {
    int[][] out = new int[buckets.size()][ids.size()];
    for (int h = 0; h < buckets.size(); h++) {
      for (int i = 0; i < ids.size(); i++) {
        out[h][i] =
            buckets.get(h).bucket(ids.get(i)) * 2 + (gates.get(h).isEnabled(ids.get(i)) ? 1 : 0);
      }
    }
    return out;
  }

  @Test
  void aSecondJvmWithAnotherCharsetLocaleAndTheInterpreterAgrees()
      throws IOException, InterruptedException {
    Path output = directory.resolve("assignments.tsv");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xint",
                    "-Dfile.encoding=ISO-8859-1",
                    "-Dsun.jnu.encoding=ISO-8859-1",
                    "-Duser.language=tr",
                    "-Duser.country=TR",
                    "-cp",
                    System.getProperty("java.class.path"),
                    AssignmentPrinter.class.getName()))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "second JVM did not finish");
    List<String> theirs = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertEquals(
        0, process.exitValue(), String.join("\n", theirs.subList(0, Math.min(20, theirs.size()))));
    List<String> ours = AssignmentPrinter.lines();
    assertEquals(ours.size(), theirs.size(), "lines");
    for (int i = 0; i < ours.size(); i++) {
      assertEquals(ours.get(i), theirs.get(i), "line " + (i + 1));
    }
  }
}
