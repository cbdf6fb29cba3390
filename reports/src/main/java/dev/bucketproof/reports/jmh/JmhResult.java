package dev.bucketproof.reports.jmh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.bucketproof.bucketing.HasherType;
import dev.bucketproof.reports.text.Display;
import dev.bucketproof.reports.text.JsonInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of a JMH JSON result ({@code -rf json}): a benchmark, its parameters, its score and, when
 * run with {@code -prof gc}, the bytes allocated per operation.
 *
 * @param benchmark the class and method, such as {@code HashBenchmark.hash}
 * @param params the {@code @Param} values, such as {@code hasher} and {@code shape}, sorted by name
 * @param mode the JMH mode, such as {@code avgt}
 * @param score the primary score
 * @param scoreError its error at 99.9%, NaN when JMH gives none
 * @param unit the unit of the score, such as {@code ns/op}
 * @param allocatedBytesPerOp {@code gc.alloc.rate.norm} in B/op, NaN when not profiled
 */
public record JmhResult(
    String benchmark,
    Map<String, String> params,
    String mode,
    double score,
    double scoreError,
    String unit,
    double allocatedBytesPerOp) {

  /** The deepest nesting a result file may have; JMH's own is 7 ({@code rawDataHistogram}). */
  public static final int MAX_NESTING_DEPTH = 64;

  /** The largest result file read: 256 MiB, far above a full run with raw data (a few MiB). */
  public static final long MAX_BYTES = 256L << 20;

  private static final JsonInput INPUT = JsonInput.of(MAX_BYTES, MAX_NESTING_DEPTH);

  private static final ObjectReader READER =
      INPUT.mapper().readerFor(new TypeReference<List<Row>>() {});

  /**
   * Validates the components and keeps the parameters sorted by name, so that they print in one
   * order.
   */
  public JmhResult {
    Objects.requireNonNull(benchmark, "benchmark");
    params = Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /** Returns the parameter {@code name}, or the empty string. */
  public String param(String name) {
    return params.getOrDefault(name, "");
  }

  /**
   * Reads a JMH JSON result file.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is not a JMH JSON result; the message names the file
   */
  public static List<JmhResult> read(Path file) throws IOException {
    try {
      return results(INPUT.read(file, READER));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a JMH JSON result file (java -jar benchmarks.jar -rf json): "
              + Display.terminal(file.toString())
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Parses the text of a JMH JSON result: an array of rows, each with {@code benchmark} and {@code
   * primaryMetric}; other keys are ignored.
   *
   * @throws IllegalArgumentException if the text is not JSON, nests deeper than {@value
   *     #MAX_NESTING_DEPTH}, or is not an array of such rows; the message gives the line and column
   */
  public static List<JmhResult> parse(String text) {
    return results(INPUT.read(text, READER));
  }

  private static List<JmhResult> results(List<Row> rows) {
    if (rows == null) {
      throw new IllegalArgumentException("expected a JSON array of benchmark results, found null");
    }
    List<JmhResult> results = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      results.add(rows.get(i).toResult(i));
    }
    return List.copyOf(results);
  }

  /**
   * Returns {@code params} with a {@code hasher} given as a {@link HasherType} constant ({@code
   * GUAVA_MURMUR3_X86_32}, how JMH writes an enum {@code @Param}) replaced by the hasher's name
   * ({@code guava:murmur3_x86_32}), so that results of every version read alike.
   */
  static Map<String, String> hasherNamed(Map<String, String> params) {
    String hasher = params.get("hasher");
    if (hasher == null) {
      return params;
    }
    for (HasherType type : HasherType.values()) {
      if (type.name().equals(hasher)) {
        Map<String, String> named = new TreeMap<>(params);
        named.put("hasher", type.hasherName());
        return named;
      }
    }
    return params;
  }

  /** One element of the file, as JMH writes it; only what a report reads. */
  private record Row(
      String benchmark,
      String mode,
      Map<String, String> params,
      Metric primaryMetric,
      Map<String, Metric> secondaryMetrics) {

    @SuppressWarnings("StringSplitter") // a benchmark's name has no empty part to lose
    JmhResult toResult(int index) {
      if (benchmark == null) {
        throw new IllegalArgumentException("result " + index + " has no \"benchmark\"");
      }
      if (primaryMetric == null) {
        throw new IllegalArgumentException(
            "result " + index + " (" + benchmark + ") has no \"primaryMetric\"");
      }
      String[] parts = benchmark.split("\\.");
      String shortName =
          parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
      Metric allocation =
          secondaryMetrics == null ? null : secondaryMetrics.get("gc.alloc.rate.norm");
      return new JmhResult(
          shortName,
          params == null ? Map.of() : hasherNamed(params),
          String.valueOf(mode),
          number(primaryMetric.score()),
          number(primaryMetric.scoreError()),
          String.valueOf(primaryMetric.scoreUnit()),
          allocation == null ? Double.NaN : number(allocation.score()));
    }
  }

  /**
   * A score as JMH writes it; JMH writes {@code "NaN"} as a string where it has no error estimate.
   */
  private record Metric(Double score, Double scoreError, String scoreUnit) {}

  private static double number(Double value) {
    return value == null ? Double.NaN : value;
  }
}
