package dev.bucketproof.benchmarks;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.HasherType;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.Murmur3;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import java.nio.ByteBuffer;
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
 * How close does a decision on an id held as UTF-8 bytes come to the floor?
 *
 * <p>The ids sit in one {@code byte[]}, one after another, as lines of a file do; each operation
 * reads the next one by offset and length. {@code floor} is MurmurHash3_x86_32 over the id's bytes;
 * {@code hashUtf8} is the hasher's byte-level hash of the same bytes; {@code isEnabledUtf8} decides
 * a 50% rollout of flag {@code checkout} on them (key {@code "checkout:" + id}, the prefix hashed
 * once per flag); {@code isEnabledUtf8Buffer} the same through a heap {@code ByteBuffer}; {@code
 * isEnabledString} the same decision on the id as a {@code String}, for comparison. Expected: with
 * {@code bucketproof:murmur3_x86_32} on {@code uuid}, {@code isEnabledUtf8} within 1.1x of {@code
 * floor} and 0 B/op; {@code hashUtf8} at the floor.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar Utf8Benchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
@State(Scope.Thread)
public class Utf8Benchmark {
  /** Every hasher of the table; JMH names each by its constant ({@code GUAVA_MURMUR3_X86_32}). */
  @Param public HasherType hasher;

  @Param({"uuid", "email", "unicode"})
  public String shape;

  private static final int COUNT = 1024;
  private static final int MASK = COUNT - 1;

  private IdHasher idHasher;
  private RolloutGate gate;
  private String[] ids;
  private byte[] bytes;
  private int[] offsets;
  private int[] lengths;
  private ByteBuffer[] buffers;
  private int next;

  @Setup
  public void setUp() {
    idHasher = hasher.hasher();
    gate = Bucketer.builder().hasher(idHasher).build().rollout(Rollout.ofPercent("checkout", 50));
    ids = BenchmarkIds.of(shape, COUNT);
    offsets = new int[COUNT];
    lengths = new int[COUNT];
    byte[][] encoded = new byte[COUNT][];
    int total = 0;
    for (int i = 0; i < COUNT; i++) {
      encoded[i] = IdEncoding.utf8(ids[i]);
      total += encoded[i].length + 1;
    }
    bytes = new byte[total];
    buffers = new ByteBuffer[COUNT];
    int position = 0;
    for (int i = 0; i < COUNT; i++) {
      offsets[i] = position;
      lengths[i] = encoded[i].length;
      System.arraycopy(encoded[i], 0, bytes, position, lengths[i]);
      buffers[i] = ByteBuffer.wrap(bytes, position, lengths[i]);
      position += lengths[i];
      bytes[position++] = '\n';
    }
  }

  @Benchmark
  public int floor() {
    int i = next++ & MASK;
    return Murmur3.x86_32(bytes, offsets[i], lengths[i], 0);
  }

  @Benchmark
  public long hashUtf8() {
    int i = next++ & MASK;
    return idHasher.hashUtf8(bytes, offsets[i], lengths[i], 0);
  }

  @Benchmark
  public boolean isEnabledUtf8() {
    int i = next++ & MASK;
    return gate.isEnabledUtf8(bytes, offsets[i], lengths[i]);
  }

  @Benchmark
  public boolean isEnabledUtf8Buffer() {
    return gate.isEnabledUtf8(buffers[next++ & MASK]);
  }

  @Benchmark
  public boolean isEnabledString() {
    return gate.isEnabled(ids[next++ & MASK]);
  }
}
