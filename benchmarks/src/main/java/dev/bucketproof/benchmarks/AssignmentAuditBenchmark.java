package dev.bucketproof.benchmarks;

import dev.bucketproof.reports.assignments.AssignmentFile;
import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentSettings;
import dev.bucketproof.reports.assignments.Columns;
import dev.bucketproof.reports.assignments.FlagsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * How many rows per second does {@code report --assignments} audit, from a CSV file on disk?
 *
 * <p>One invocation audits the whole file: the {@code correct} case of {@link AssignmentExport}
 * (10,000,000 rows by default, about 560 MB, written to the temporary directory in {@code @Setup}
 * and deleted after), with its flags file: reading and UTF-8 decoding, CSV splitting, the per-flag
 * counts, thirteen candidate rules (six hash rules and seven compatibility profiles, each deciding
 * every row), the user sample (one 128-bit hash per row) and the gates. The secondary result {@code
 * rows} is the rate in rows/s; the primary score is audits/s. Expected: a few hundred thousand
 * rows/s on one core (1,000,000 rows took 4.1 s of CPU from the command line), the rules' decisions
 * taking most of it. One invocation is the whole file, so the published run takes about 4 minutes.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AssignmentAuditBenchmark                         # as published
 * java -jar benchmarks/target/benchmarks.jar AssignmentAuditBenchmark -p rows=300000 -wi 1 -i 1   # smoke, ~30 s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class AssignmentAuditBenchmark {
  @Param({"10000000"})
  public long rows;

  private Path directory;
  private Path file;
  private AssignmentSettings settings;

  /** The rows audited, reported by JMH as a rate: rows/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Rows {
    public long rows;
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("bucketproof-assignments-");
    file = directory.resolve("export.csv");
    AssignmentExport.write("correct", rows, file);
    settings =
        AssignmentSettings.defaults().withFlags(FlagsFile.read(AssignmentExport.flagsFile(file)));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(AssignmentExport.flagsFile(file));
    Files.deleteIfExists(file);
    Files.deleteIfExists(directory);
  }

  @Benchmark
  public AssignmentFindings audit(Rows counter) throws IOException {
    AssignmentFindings findings =
        AssignmentFile.audit(file, Columns.guess(), settings, lines -> {});
    counter.rows += findings.rowsAudited();
    return findings;
  }
}
