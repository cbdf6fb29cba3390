package dev.bucketproof.reports.statistics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The independent values of the sequential SRM test, shared by its unit and command-line tests. */
public final class SequentialSrmVectors {
  private SequentialSrmVectors() {}

  /**
   * Values from sequential_srm_vectors.py beside this test's resources: the formula of issue 19
   * evaluated in Python with 50-digit mpmath, on count sequences drawn by Python's own seeded
   * generator (seed 20221128), not chosen here.
   */
  private static final String VECTORS = "sequential-srm-vectors.tsv";

  /** One period of one case. */
  public record Row(
      String name,
      double[] weights,
      double concentration,
      long[] period,
      long[] cumulative,
      double logBayesFactor,
      double pValue) {}

  /** Returns the cases by name, each its periods in order. */
  public static Map<String, List<Row>> read() throws IOException {
    Map<String, List<Row>> cases = new LinkedHashMap<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(SequentialSrmVectors.class.getResourceAsStream(VECTORS)),
                StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] fields = line.split("\t");
        Row row =
            new Row(
                fields[0],
                Arrays.stream(fields[1].split(",")).mapToDouble(Double::parseDouble).toArray(),
                Double.parseDouble(fields[2]),
                Arrays.stream(fields[3].split(",")).mapToLong(Long::parseLong).toArray(),
                Arrays.stream(fields[4].split(",")).mapToLong(Long::parseLong).toArray(),
                Double.parseDouble(fields[5]),
                Double.parseDouble(fields[6]));
        cases.computeIfAbsent(row.name(), name -> new ArrayList<>()).add(row);
      }
    }
    return cases;
  }
}
