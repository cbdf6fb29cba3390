package dev.bucketproof.benchmarks;

import dev.bucketproof.bucketing.HasherType;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.Murmur3;
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
 * What does hashing one id cost, per hasher and id shape, and how close is it to the floor?
 *
 * <p>{@code hash} hashes a precomputed id with seed 0. {@code floor} is MurmurHash3_x86_32 over the
 * id's UTF-8 bytes encoded in {@code @Setup}: the cost with no encoding at all (it does not depend
 * on the {@code hasher} parameter; each fork measures it beside that hasher). Expected: the own
 * {@code bucketproof:murmur3_x86_32} is at least 1.5x faster than {@code guava:murmur3_x86_32} on
 * {@code uuid}, within 1.3x of {@code floor}, and allocates 0 B/op on every shape; cost grows
 * linearly with length ({@code long1k}, {@code long64k}).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar HashBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
@State(Scope.Thread)
public class HashBenchmark {
  /** Every hasher of the table; JMH names each by its constant ({@code GUAVA_MURMUR3_X86_32}). */
  @Param public HasherType hasher;

  @Param({"uuid", "numeric", "email", "prefixed", "unicode", "long1k", "long64k"})
  public String shape;

  private IdHasher idHasher;
  private String[] ids;
  private byte[][] encoded;
  private int mask;
  private int next;

  @Setup
  public void setUp() {
    idHasher = hasher.hasher();
    ids = BenchmarkIds.of(shape, BenchmarkIds.countFor(shape));
    mask = ids.length - 1;
    encoded = new byte[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      encoded[i] = IdEncoding.utf8(ids[i]);
    }
  }

  @Benchmark
  public long hash() {
    return idHasher.hash(ids[next++ & mask], 0);
  }

  @Benchmark
  public int floor() {
    return Murmur3.x86_32(encoded[next++ & mask], 0);
  }
}
