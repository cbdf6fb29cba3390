package dev.bucketproof.benchmarks;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.reports.audit.Audit;
import dev.bucketproof.reports.audit.AuditSettings;
import dev.bucketproof.reports.audit.AuditedBucketer;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many users per second does the audit engine process, on one thread and on two?
 *
 * <p>One operation is one user: the score is users/s for an audit of 200,000 generated UUIDs with
 * the default hasher (generation, two flag hashes, counters, agreement), without the salt
 * meta-test. Expected: two threads close to twice one thread on 2 cores.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar AuditBenchmark</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AuditBenchmark {
  private static final int USERS = 200_000;

  @Param({"1", "2"})
  public int threads;

  private Population population;
  private List<AuditedBucketer> targets;
  private AuditSettings settings;

  @Setup
  public void setUp() {
    population = Population.of(IdShape.UUID, USERS);
    targets = List.of(AuditedBucketer.of(Bucketer.standard()));
    settings = AuditSettings.defaults().withThreads(threads).withSaltMetaTest(0, 0);
  }

  @Benchmark
  @OperationsPerInvocation(USERS)
  public PopulationFindings audit() throws IOException {
    return Audit.run(population, targets, settings);
  }
}
