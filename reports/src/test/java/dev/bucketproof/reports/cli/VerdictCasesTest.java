package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measured cases of issue 19, each through the command line as a user meets it; each failed on
 * the code before the one verdict function.
 */
class VerdictCasesTest {
  private static final long SEED = 0x19_2026L;

  @TempDir Path directory;

  private Path ids(int count) throws IOException {
    SplittableRandom random = new SplittableRandom(SEED);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append("user-").append(random.nextInt(1_000_000_000)).append('\n');
    }
    return Files.writeString(directory.resolve(count + ".txt"), text, StandardCharsets.UTF_8);
  }

  private static List<JsonNode> gates(JsonNode node) {
    List<JsonNode> found = new ArrayList<>();
    if (node.isObject() && node.has("verdict") && node.has("smallestPValue")) {
      found.add(node);
    }
    node.forEach(child -> found.addAll(gates(child)));
    return found;
  }

  private JsonNode report(String... args) throws IOException {
    Path out =
        directory.resolve(
            "site-" + args.length + "-" + Math.abs(String.join(" ", args).hashCode()));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--out", out.toString(), "--quiet"));
    BucketproofCliTest.Result result = BucketproofCliTest.run(all.toArray(String[]::new));
    assertTrue(result.code() <= 1, result.err());
    return new ObjectMapper().readTree(out.resolve("report.json").toFile());
  }

  @Test
  void holmNeverTurnsCannotDecideIntoPass() throws IOException {
    // case 1: with --family-alpha 0.0005 the Monte Carlo uniformity gate below Cochran's rule
    // (floor 2/20,000) and rollouts whose region cannot reject both ways were printed as pass
    JsonNode json =
        report(
            "report",
            "--ids",
            ids(30).toString(),
            "--hasher",
            "bucketproof:murmur3_x86_32",
            "--family-alpha",
            "0.0005");
    List<JsonNode> gates = gates(json);
    assertFalse(gates.isEmpty());
    long tested = gates.stream().filter(gate -> gate.get("smallestPValue").asDouble() < 1).count();
    double firstLevel = 0.0005 / tested;
    int inconclusive = 0;
    for (JsonNode gate : gates) {
      String verdict = gate.get("verdict").asText();
      double floor = gate.get("smallestPValue").asDouble();
      if (verdict.equals("pass")) {
        assertTrue(floor < firstLevel, "a gate that could not fail passed: " + gate);
      }
      if (floor >= firstLevel) {
        assertEquals("inconclusive", verdict, gate.toString());
        inconclusive++;
      }
      if (gate.get("gate").asText().equals("uniformity")) {
        assertEquals("inconclusive", verdict, gate.toString());
      }
    }
    assertTrue(inconclusive > 0);
  }

  @Test
  void gatesOfDifferentFamiliesCountApartEvenWhenTheirResultsCoincide() throws IOException {
    // case 4: on 10 ids, 16 distinct gates instead of 18. Of the 5 default hashers, the
    // murmur3_x86_32 pair and the browser low-byte hasher agree on every ASCII id (one family of
    // results), the two x64_128 hashers are the other: 2 x 9 gates.
    JsonNode json = report("report", "--ids", ids(10).toString());
    assertEquals(45, json.get("falseAlarm").get("gates").asInt());
    assertEquals(18, json.get("falseAlarm").get("distinctGates").asInt());
  }

  @Test
  void everyGateStatesItsIdentityAndPValueConvention() throws IOException {
    JsonNode json = report("report", "--ids", ids(30).toString());
    for (JsonNode gate : gates(json)) {
      assertTrue(gate.get("id").get("kind").asText().length() > 0, gate.toString());
      assertTrue(gate.get("pValueConvention").asText().length() > 0, gate.toString());
    }
  }

  private Path splitExport(int control, int treatment) throws IOException {
    StringBuilder csv = new StringBuilder("user_id,flag,variant\n");
    for (int i = 0; i < control + treatment; i++) {
      csv.append("u")
          .append(i)
          .append(",exp,")
          .append(i < control ? "control" : "treatment")
          .append('\n');
    }
    return Files.writeString(directory.resolve("split.csv"), csv, StandardCharsets.UTF_8);
  }

  private Path splitFlags() throws IOException {
    return Files.writeString(
        directory.resolve("flags.json"),
        "{\"exp\": {\"weights\": {\"control\": 50, \"treatment\": 50}}}");
  }

  @Test
  void assignmentsHonourAlphaAndFamilyAlpha() throws IOException {
    // case 3: 5,150 / 4,850 has p = 0.0027 (exact binomial 0.00284): it passes at the default
    // 0.0005, and must fail at --alpha 0.05 and under --family-alpha 0.5
    String export = splitExport(5_150, 4_850).toString();
    String flags = splitFlags().toString();
    assertEquals(
        0,
        BucketproofCliTest.run(
                "report",
                "--assignments",
                export,
                "--flags",
                flags,
                "--out",
                directory.resolve("a").toString(),
                "--quiet")
            .code());
    assertEquals(
        1,
        BucketproofCliTest.run(
                "report",
                "--assignments",
                export,
                "--flags",
                flags,
                "--alpha",
                "0.05",
                "--out",
                directory.resolve("b").toString(),
                "--quiet")
            .code());
    assertEquals(
        1,
        BucketproofCliTest.run(
                "audit-assignments",
                "--assignments",
                export,
                "--flags",
                flags,
                "--alpha",
                "0.05",
                "--out",
                directory.resolve("b2").toString(),
                "--quiet")
            .code());
    assertEquals(
        1,
        BucketproofCliTest.run(
                "report",
                "--assignments",
                export,
                "--flags",
                flags,
                "--family-alpha",
                "0.5",
                "--out",
                directory.resolve("c").toString(),
                "--quiet")
            .code());
    String json = Files.readString(directory.resolve("c").resolve("report.json"));
    assertTrue(json.contains("Holm-Bonferroni across every flag"), json);
    assertTrue(
        Files.readString(directory.resolve("a").resolve("report.json"))
            .contains("Chance that a correct export fails at least one"));
  }

  @Test
  void assignmentsSrmWithTooFewRowsIsInconclusiveNotPass() throws IOException {
    // case 2 in the assignments report: 10 rows all in one arm cannot reach 0.0005
    String export = splitExport(10, 0).toString();
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            "report",
            "--assignments",
            export,
            "--flags",
            splitFlags().toString(),
            "--out",
            directory.resolve("d").toString(),
            "--quiet");
    assertEquals(0, result.code(), result.err());
    JsonNode json = new ObjectMapper().readTree(directory.resolve("d/report.json").toFile());
    List<JsonNode> gates = gates(json);
    assertTrue(
        gates.stream()
            .anyMatch(
                gate ->
                    gate.get("gate").asText().equals("sample ratio mismatch")
                        && gate.get("verdict").asText().equals("inconclusive")),
        json.toString());
  }
}
