package dev.bucketproof.reports.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a JMH JSON result ({@code -rf json}): a benchmark, its parameters, its score and, when run
 * with {@code -prof gc}, the bytes allocated per operation.
 *
 * @param benchmark the class and method, such as {@code HashBenchmark.hash}
 * @param params the {@code @Param} values, such as {@code hasher} and {@code shape}
 * @param mode the JMH mode, such as {@code avgt}
 * @param score the primary score
 * @param scoreError its error at 99.9%, NaN when JMH gives none
 * @param unit the unit of the score, such as {@code ns/op}
 * @param allocatedBytesPerOp {@code gc.alloc.rate.norm} in B/op, NaN when not profiled
 */
public record JmhResult(String benchmark, Map<String, String> params, String mode, double score, double scoreError,
    String unit, double allocatedBytesPerOp) {

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
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return parse(text);
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a JMH JSON result file (java -jar benchmarks.jar -rf json): " + file
          + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  public static List<JmhResult> parse(String text) {
    Object root = JsonReader.parse(text);
    if (!(root instanceof List<?> rows)) {
      throw new IllegalArgumentException("expected a JSON array of benchmark results");
    }
    List<JmhResult> results = new ArrayList<>();
    for (Object row : rows) {
      Map<String, Object> result = (Map<String, Object>) row;
      String benchmark = (String) result.get("benchmark");
      if (benchmark == null) {
        throw new IllegalArgumentException("a result has no \"benchmark\"");
      }
      String[] parts = benchmark.split("\\.");
      String shortName = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
      Map<String, String> params = new LinkedHashMap<>();
      Object rawParams = result.get("params");
      if (rawParams instanceof Map<?, ?> map) {
        map.forEach((key, value) -> params.put(String.valueOf(key), String.valueOf(value)));
      }
      Map<String, Object> primary = (Map<String, Object>) result.get("primaryMetric");
      double allocated = Double.NaN;
      Object secondary = result.get("secondaryMetrics");
      if (secondary instanceof Map<?, ?> metrics && metrics.get("gc.alloc.rate.norm") instanceof Map<?, ?> norm) {
        allocated = number(norm.get("score"));
      }
      results.add(new JmhResult(shortName, Map.copyOf(params), String.valueOf(result.get("mode")),
          number(primary.get("score")), number(primary.get("scoreError")), String.valueOf(primary.get("scoreUnit")),
          allocated));
    }
    return List.copyOf(results);
  }

  private static double number(Object value) {
    return value instanceof Number number ? number.doubleValue() : Double.NaN;
  }
}
