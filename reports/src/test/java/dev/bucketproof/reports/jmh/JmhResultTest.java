package dev.bucketproof.reports.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class JmhResultTest {
  /** The shape of `java -jar benchmarks.jar -rf json -prof gc` output, trimmed to what is read. */
  public static final String SAMPLE =
      """
      [
        {
          "jmhVersion" : "1.37",
          "benchmark" : "dev.bucketproof.benchmarks.HashBenchmark.hash",
          "mode" : "avgt",
          "params" : { "hasher" : "bucketproof:murmur3_x86_32", "shape" : "uuid" },
          "primaryMetric" : { "score" : 26.21, "scoreError" : 1.5, "scoreUnit" : "ns/op", "rawData" : [[26.1, 26.3]] },
          "secondaryMetrics" : { "gc.alloc.rate.norm" : { "score" : 1.0E-4, "scoreUnit" : "B/op" } }
        },
        {
          "benchmark" : "dev.bucketproof.benchmarks.HashBenchmark.hash",
          "mode" : "avgt",
          "params" : { "hasher" : "guava:murmur3_x86_32", "shape" : "uuid" },
          "primaryMetric" : { "score" : 31.5, "scoreError" : "NaN", "scoreUnit" : "ns/op" },
          "secondaryMetrics" : { }
        }
      ]
      """;

  @TempDir Path directory;

  @Test
  void readsScoresParamsAndAllocation() {
    List<JmhResult> results = JmhResult.parse(SAMPLE);
    assertEquals(2, results.size());
    JmhResult own = results.get(0);
    assertEquals("HashBenchmark.hash", own.benchmark());
    assertEquals(Map.of("hasher", "bucketproof:murmur3_x86_32", "shape", "uuid"), own.params());
    assertEquals(26.21, own.score());
    assertEquals(1.5, own.scoreError());
    assertEquals("ns/op", own.unit());
    assertEquals(1.0e-4, own.allocatedBytesPerOp());
    assertTrue(Double.isNaN(results.get(1).allocatedBytesPerOp()));
    assertTrue(Double.isNaN(results.get(1).scoreError()));
  }

  @Test
  void aFileThatIsNotJmhJsonIsAnErrorNamingIt() throws IOException {
    Path file = directory.resolve("result.json");
    Files.writeString(file, "{\"not\": \"an array\"}");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> JmhResult.read(file));
    assertTrue(
        error
            .getMessage()
            .startsWith("not a JMH JSON result file (java -jar benchmarks.jar -rf json): " + file),
        error.getMessage());
    Files.writeString(file, "[{\"benchmark\": ");
    assertThrows(IllegalArgumentException.class, () -> JmhResult.read(file));
  }

  @Test
  void deepNestingIsAClearErrorNotAStackOverflow() {
    // Inside a key that is not read, where only the parser's depth limit stands between the input
    // and the stack.
    String prefix = "[{\"benchmark\": \"a.B.m\", \"rawData\": ";
    String nested = prefix + "[".repeat(100_000) + "]".repeat(100_000) + "}]";
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> JmhResult.parse(nested));
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "line 1, column 99: Document nesting depth (65) exceeds the maximum allowed (64"),
        error.getMessage());
    assertMessageStarts(
        "line 1, column 2: Cannot deserialize value of type `dev.bucketproof.reports.jmh.JmhResult$Row`"
            + " from Array value",
        "[".repeat(100_000));
  }

  @Test
  void rowsOfTheWrongShapeAreErrorsSayingWhere() {
    assertMessageStarts(
        "line 1, column 1: Cannot deserialize value of type `java.util.ArrayList<", "{}");
    assertMessageStarts("line 1, column 5: Unexpected character ('2'", "[{} 2]");
    assertMessageStarts("line 1, column 2: Cannot construct instance of", "[1]");
    assertMessageStarts("line 1, column 10: Unexpected end-of-input", "[{\"a\": 1,");
    assertMessageStarts("line 1, column 5: Unrecognized token 'x'", "[] x");
    assertMessageStarts("line 1, column 4: Trailing token", "[] 1");
    assertMessageStarts("result 0 has no \"benchmark\"", "[{\"mode\": \"avgt\"}]");
    assertMessageStarts(
        "result 1 (b.C.m) has no \"primaryMetric\"",
        "[{\"benchmark\": \"a.B.m\", \"primaryMetric\": {\"score\": 1}}, {\"benchmark\": \"b.C.m\"}]");
    assertMessageStarts(
        "line 1, column 48: Cannot deserialize value of type `java.lang.Double` from Object",
        "[{\"benchmark\": \"a\", \"primaryMetric\": {\"score\": {}}}]");
    assertMessageStarts("expected a JSON array of benchmark results, found null", "null");
  }

  @Test
  void paramsPrintInNameOrderWhateverTheFileOrder() {
    JmhResult row =
        JmhResult.parse(
                "[{\"benchmark\": \"a.B.m\", \"params\": {\"z\": \"1\", \"a\": \"2\", \"m\": \"3\"},"
                    + " \"primaryMetric\": {\"score\": 1}}]")
            .get(0);
    assertEquals(List.of("a", "m", "z"), List.copyOf(row.params().keySet()));
    assertTrue(Double.isNaN(row.scoreError()), "no scoreError is NaN");
  }

  @Test
  void aHasherConstantReadsAsTheHashersName() {
    assertEquals(
        Map.of("hasher", "guava:murmur3_x86_32", "shape", "uuid"),
        JmhResult.hasherNamed(Map.of("hasher", "GUAVA_MURMUR3_X86_32", "shape", "uuid")));
    Map<String, String> named = Map.of("hasher", "guava:murmur3_x86_32");
    assertEquals(named, JmhResult.hasherNamed(named));
    Map<String, String> other = Map.of("hasher", "something-else");
    assertEquals(other, JmhResult.hasherNamed(other));
  }

  private static void assertMessageStarts(String expected, String text) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> JmhResult.parse(text));
    assertTrue(error.getMessage().startsWith(expected), text + " -> " + error.getMessage());
  }
}
