package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bucketproof.reports.statistics.SequentialSrmVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrmCommandTest {
  @TempDir Path directory;

  private static BucketproofCliTest.Result run(String... args) {
    return BucketproofCliTest.run(args);
  }

  @Test
  void tenUsersInOneArmCannotDecideAnything() {
    // issue 19 case 2: no split of 10 users reaches 0.0005 (smallest exact p = 2 x 0.5^10)
    BucketproofCliTest.Result result = run("srm", "--observed", "10,0", "--weights", "50,50");
    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains("verdict: INCONCLUSIVE"), result.out());
    assertTrue(result.out().contains("test: exact binomial"), result.out());
  }

  @Test
  void twelveUsersInOneArmFailOnTheExactBinomialTest() {
    // issue 19 case 2: chi-square p = 0.000532 passed it; exact p = 2 x 0.5^12 = 0.000488 < 0.0005
    BucketproofCliTest.Result result =
        run("srm", "--observed", "12,0", "--weights", "50,50", "--json");
    assertEquals(1, result.code(), result.err());
    assertTrue(result.out().contains("\"pValue\":4.8828125E-4"), result.out());
    assertTrue(result.out().contains("\"verdict\":\"fail\""), result.out());
  }

  @Test
  void sixUsersOverThreeArmsCannotDecideAnything() {
    // issue 19 case 2: the smallest p-value any 6 users give over 1:1:1 is 3 x 3^-6 = 0.0041
    BucketproofCliTest.Result result =
        run("srm", "--observed", "0,0,6", "--weights", "1,1,1", "--json");
    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains("\"verdict\":\"inconclusive\""), result.out());
  }

  @Test
  void powerIsNeverAShareAboveOneHundredPercentNorInfinity() {
    // issue 19 case 5: "136.69% off" and "Infinity% off"
    for (String[] args :
        List.of(
            new String[] {"srm", "--observed", "3,7", "--weights", "50,50"},
            new String[] {
              "srm", "--observed", "3,7", "--weights", "1000000000000000,1000000000000000"
            })) {
      BucketproofCliTest.Result result = run(args);
      String power =
          Arrays.stream(result.out().split("\n"))
              .filter(line -> line.startsWith("power:"))
              .findFirst()
              .orElseThrow();
      assertFalse(power.contains("Infinity"), power);
      assertTrue(power.contains("no error of a variant's share"), power);
    }
    BucketproofCliTest.Result large =
        run("srm", "--observed", "10,20", "--weights", "1000000000000000,1000000000000000");
    assertTrue(large.out().contains("share 78.92% off"), large.out());
  }

  @Test
  void sequentialNamesTheFirstPeriodBelowAlpha() throws IOException {
    Path file = directory.resolve("days.tsv");
    List<String> lines = new ArrayList<>();
    for (int day = 1; day <= 10; day++) {
      lines.add("day" + day + "\t" + (day <= 3 ? "5000,5000" : "5300,4700"));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
    BucketproofCliTest.Result result =
        run("srm", "--weights", "50,50", "--sequential", file.toString());
    assertEquals(1, result.code(), result.err());
    assertTrue(result.out().contains("SAMPLE RATIO MISMATCH from period 5 (day5)"), result.out());
    assertEquals(13, result.lines().size(), result.out());
  }

  @Test
  void sequentialWithoutAMismatchExitsZero() throws IOException {
    Path file = directory.resolve("days.txt");
    Files.write(file, List.of("5012,4988", "4990,5010", "5003,4997"), StandardCharsets.UTF_8);
    BucketproofCliTest.Result result =
        run("srm", "--weights", "50,50", "--sequential", file.toString(), "--json");
    assertEquals(0, result.code(), result.err());
    assertEquals(3, result.lines().size());
    assertTrue(
        result.lines().get(2).startsWith("{\"period\":3,\"label\":\"\",\"counts\":[15005,14995],"),
        result.out());
  }

  @Test
  void sequentialJsonMatchesFiftyDigitValuesOnSequencesItDidNotChoose() throws IOException {
    // sequences drawn by Python's seeded generator; values by mpmath (sequential_srm_vectors.py)
    Map<String, List<SequentialSrmVectors.Row>> cases = SequentialSrmVectors.read();
    ObjectMapper mapper = new ObjectMapper();
    int compared = 0;
    for (List<SequentialSrmVectors.Row> rows : cases.values()) {
      SequentialSrmVectors.Row first = rows.get(0);
      Path file = directory.resolve(first.name() + ".tsv");
      Files.write(
          file,
          rows.stream()
              .map(
                  (SequentialSrmVectors.Row row) ->
                      "p\t"
                          + Arrays.stream(row.period())
                              .mapToObj(Long::toString)
                              .collect(Collectors.joining(",")))
              .toList(),
          StandardCharsets.UTF_8);
      BucketproofCliTest.Result result =
          run(
              "srm",
              "--weights",
              Arrays.stream(first.weights())
                  .mapToObj(weight -> Double.toString(weight))
                  .collect(Collectors.joining(",")),
              "--concentration",
              Double.toString(first.concentration()),
              "--sequential",
              file.toString(),
              "--json");
      assertTrue(result.code() <= 1, first.name() + ": " + result.err());
      List<String> lines = result.lines();
      assertEquals(rows.size(), lines.size(), first.name());
      for (int i = 0; i < rows.size(); i++) {
        JsonNode period = mapper.readTree(lines.get(i));
        SequentialSrmVectors.Row row = rows.get(i);
        assertEquals(i + 1, period.get("period").asInt());
        assertEquals(
            Arrays.toString(row.cumulative()),
            Arrays.toString(mapper.convertValue(period.get("counts"), long[].class)),
            first.name());
        double pValue = period.get("pValue").asDouble();
        assertEquals(row.pValue(), pValue, 1e-9 * row.pValue(), first.name() + " period " + i);
        compared++;
      }
    }
    assertTrue(compared > 500, "compared " + compared);
  }

  @Test
  void sequentialRefusesBadLinesByNumber() throws IOException {
    Path file = directory.resolve("bad.txt");
    Files.write(file, List.of("5,5", "5,x"), StandardCharsets.UTF_8);
    BucketproofCliTest.Result result =
        run("srm", "--weights", "50,50", "--sequential", file.toString());
    assertEquals(2, result.code());
    assertEquals("bucketproof: --sequential line 2 must be a whole number >= 0: x\n", result.err());
    Files.write(file, List.of("5,5,5"), StandardCharsets.UTF_8);
    result = run("srm", "--weights", "50,50", "--sequential", file.toString());
    assertTrue(result.err().contains("--sequential line 1: expected 2"), result.err());
    result = run("srm", "--weights", "50,50", "--observed", "1,2", "--sequential", "x");
    assertTrue(result.err().contains("exactly one of --observed and --sequential"), result.err());
  }
}
