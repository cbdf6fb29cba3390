package dev.bucketproof.benchmarks;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.FlagBuckets;
import dev.bucketproof.bucketing.HasherType;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantAssigner;
import dev.bucketproof.bucketing.VariantSplit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does a salted decision cost next to a bare hash of the user id?
 *
 * <p>On {@code uuid} ids: {@code bareHash} hashes the user id alone; {@code bucket} maps {@code
 * "checkout:" + id} to one of 100 buckets; {@code isEnabled} decides a 50% rollout; {@code variant}
 * picks one of three weighted variants. Expected: {@code isEnabled} costs at most 1.15x {@code
 * bareHash} with {@code bucketproof:murmur3_x86_32}, because the flag prefix is hashed once per
 * flag, not per user, and allocates 0 B/op.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar BucketerBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
@State(Scope.Thread)
public class BucketerBenchmark {
  /** Every hasher of the table; JMH names each by its constant ({@code GUAVA_MURMUR3_X86_32}). */
  @Param public HasherType hasher;

  private IdHasher idHasher;
  private FlagBuckets buckets;
  private RolloutGate gate;
  private VariantAssigner assigner;
  private String[] ids;
  private int mask;
  private int next;

  @Setup
  public void setUp() {
    idHasher = hasher.hasher();
    Bucketer bucketer = Bucketer.builder().hasher(idHasher).build();
    buckets = bucketer.forFlag("checkout");
    gate = bucketer.rollout(Rollout.ofPercent("checkout", 50));
    assigner =
        bucketer.variants(
            VariantSplit.of(
                "checkout",
                new Variant("control", 10),
                new Variant("blue", 30),
                new Variant("green", 60)));
    ids = BenchmarkIds.of("uuid", 1024);
    mask = ids.length - 1;
  }

  @Benchmark
  public long bareHash() {
    return idHasher.hash(ids[next++ & mask], 0);
  }

  @Benchmark
  public int bucket() {
    return buckets.bucket(ids[next++ & mask]);
  }

  @Benchmark
  public boolean isEnabled() {
    return gate.isEnabled(ids[next++ & mask]);
  }

  @Benchmark
  public Variant variant() {
    return assigner.variant(ids[next++ & mask]);
  }
}
