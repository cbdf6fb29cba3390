package dev.bucketproof.benchmarks;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does one 50% percentage-rollout decision cost through each peer SDK, next to ours?
 *
 * <p>Each SDK is configured offline (a file or in-memory configuration, no network) with one flag,
 * {@code checkout}, enabled for 50% of users by its own percentage rollout, and asked through its
 * public evaluation API: Unleash {@code isEnabled} (flexibleRollout from a bootstrap), Optimizely
 * {@code decide} (a datafile), LaunchDarkly {@code boolVariation} (FileData), flagd through
 * OpenFeature (in-process from a file, {@code fractional}). Split's localhost mode cannot express a
 * percentage, so Split is measured through its own bucketing function, {@code
 * Splitter.getTreatment}. Expected: ours ({@code bucketproof}, {@code RolloutGate.isEnabled}) is
 * faster than every one of them. Setup checks that each SDK enables between 40% and 60% of the ids,
 * so that every decider really decides.
 *
 * <pre>mvn -Ppeers package && java -jar benchmarks/target/benchmarks.jar PeerBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class PeerBenchmark {
  @Param({"bucketproof", "unleash", "optimizely", "launchdarkly", "flagd", "split"})
  public String sdk;

  private PeerDecider decider;
  private String[] ids;
  private int mask;
  private int next;

  /** One percentage-rollout decision through an SDK. */
  interface PeerDecider extends AutoCloseable {
    boolean isEnabled(String userId);

    @Override
    default void close() throws Exception {}
  }

  @Setup
  public void setUp() throws Exception {
    decider =
        switch (sdk) {
          case "bucketproof" -> bucketproof();
          case "unleash" -> new UnleashDecider();
          case "optimizely" -> new OptimizelyDecider();
          case "launchdarkly" -> new LaunchDarklyDecider();
          case "flagd" -> new FlagdDecider();
          case "split" -> new SplitDecider();
          default -> throw new IllegalArgumentException("unknown sdk: " + sdk);
        };
    ids = BenchmarkIds.of("uuid", 1024);
    mask = ids.length - 1;
    int enabled = 0;
    for (String id : ids) {
      enabled += decider.isEnabled(id) ? 1 : 0;
    }
    if (enabled < 410 || enabled > 614) {
      throw new IllegalStateException(
          sdk + " enabled " + enabled + " of 1024 ids for a 50% rollout: misconfigured");
    }
  }

  @TearDown
  public void tearDown() throws Exception {
    decider.close();
  }

  @Benchmark
  public boolean isEnabled() {
    return decider.isEnabled(ids[next++ & mask]);
  }

  private static PeerDecider bucketproof() {
    RolloutGate gate = Bucketer.standard().rollout(Rollout.ofPercent("checkout", 50));
    return gate::isEnabled;
  }

  /** Returns a bundled resource as text. */
  static String resource(String name) throws IOException {
    try (InputStream in = PeerBenchmark.class.getResourceAsStream("/peers/" + name)) {
      if (in == null) {
        throw new FileNotFoundException("peers/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Copies a bundled resource to a temporary file, for SDKs that read flags from a path. */
  static Path resourceFile(String name) throws IOException {
    Path file = Files.createTempFile("bucketproof-peer-", "-" + name);
    file.toFile().deleteOnExit();
    Files.writeString(file, resource(name));
    return file;
  }
}
