package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, the command line: {@code bucket --variants}, {@code --json} on {@code explain} and
 * {@code compare}, {@code compare --max-changed}, {@code srm --names}, and help that lists only
 * options a command takes.
 */
class ResultCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static BucketproofCliTest.Result run(String... args) {
    return BucketproofCliTest.run(args);
  }

  @Test
  void bucketVariantsAgreeWithTheLibraryOnTheTextAndTheBytePath() throws Exception {
    Bucketer bucketer = Bucketer.builder().variantSeed(7).build();
    VariantSplit split =
        new VariantSplit("checkout", List.of(new Variant("control", 30), new Variant("b", 70)));
    StringBuilder stdin = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      stdin.append("user-").append(i).append('\n');
    }
    BucketproofCliTest.Result piped =
        BucketproofCliTest.run(
            stdin.toString().getBytes(StandardCharsets.UTF_8),
            "bucket",
            "--flag",
            "checkout",
            "--variants",
            "control:30,b:70",
            "--variant-seed",
            "7");
    assertEquals(0, piped.code(), piped.err());
    List<String> lines = piped.lines();
    assertEquals(200, lines.size());
    int control = 0;
    for (int i = 0; i < 200; i++) {
      JsonNode line = JSON.readTree(lines.get(i));
      String expected = bucketer.variant(split, "user-" + i).map(Variant::name).orElseThrow();
      assertEquals(expected, line.get("variant").asText(), lines.get(i));
      control += expected.equals("control") ? 1 : 0;
    }
    assertTrue(control > 30 && control < 100, "both variants are given: " + control);
    BucketproofCliTest.Result argument =
        run(
            "bucket",
            "--flag",
            "checkout",
            "--variants",
            "control:30,b:70",
            "--variant-seed",
            "7",
            "user-0");
    assertEquals(lines.get(0), argument.lines().get(0), "an argument and a stdin line agree");
    BucketproofCliTest.Result plain = run("bucket", "--flag", "checkout", "user-0");
    assertFalse(plain.out().contains("variant"), "no variant field without --variants");
  }

  @Test
  void bucketVariantsRefuseTheRolloutSeedAsVariantSeedNamingTheOptions() {
    BucketproofCliTest.Result result =
        run("bucket", "--flag", "f", "--seed", "86028157", "--variants", "a:50,b:50", "user");
    assertEquals(2, result.code());
    assertTrue(result.err().contains("--variant-seed must differ from --seed"), result.err());
  }

  @Test
  void explainJsonCarriesTheSameDecisionAsItsText() throws Exception {
    String[] args = {
      "explain", "--flag", "checkout", "--rollout", "30", "--variants", "a:50,b:50", "user-42"
    };
    BucketproofCliTest.Result text = run(args);
    String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
    withJson[args.length] = "--json";
    BucketproofCliTest.Result json = run(withJson);
    assertEquals(0, json.code(), json.err());
    JsonNode node = JSON.readTree(json.out());
    assertEquals("user-42", node.get("id").asText());
    assertTrue(text.out().contains("hash       " + node.get("hash").asText() + "\n"), text.out());
    assertTrue(
        text.out().contains("bucket     " + node.get("bucket").asInt() + " of 100\n"), text.out());
    assertTrue(text.out().contains("enabled    " + node.get("enabled").asBoolean() + "\n"));
    assertTrue(
        text.out().contains("variant    " + node.get("variant").get("name").asText() + " "),
        text.out());
    Bucketer bucketer = Bucketer.standard();
    assertEquals(bucketer.bucket("checkout", "user-42"), node.get("bucket").asInt());
  }

  @Test
  void compareMaxChangedExitsOneAboveTheThresholdAndZeroAtOrBelow() throws Exception {
    String[] base = {
      "compare",
      "--from",
      "flagd-0.11",
      "--to",
      "flagd",
      "--flag",
      "checkout",
      "--rollout",
      "30",
      "--population",
      "uuid",
      "--users",
      "10000",
      "--json"
    };
    BucketproofCliTest.Result measured = run(base);
    assertEquals(0, measured.code(), measured.err());
    JsonNode result = JSON.readTree(measured.out());
    double percent = 100 * result.get("share").asDouble();
    assertEquals(result.get("changed").asLong(), Math.round(result.get("share").asDouble() * 1e4));
    assertTrue(result.get("low").asDouble() < result.get("share").asDouble());
    assertEquals(4, result.get("groups").size());
    BucketproofCliTest.Result above =
        run(withArgs(base, "--max-changed", NumberGrammar.plain(Math.floor(percent))));
    assertEquals(1, above.code(), above.out());
    assertTrue(JSON.readTree(above.out()).get("exceeded").asBoolean());
    BucketproofCliTest.Result atOrBelow =
        run(withArgs(base, "--max-changed", NumberGrammar.plain(Math.ceil(percent))));
    assertEquals(0, atOrBelow.code(), atOrBelow.out());
    BucketproofCliTest.Result text =
        run(
            "compare",
            "--from",
            "flagd-0.11",
            "--to",
            "flagd",
            "--flag",
            "checkout",
            "--rollout",
            "30",
            "--population",
            "uuid",
            "--users",
            "10000",
            "--max-changed",
            "5");
    assertEquals(1, text.code());
    assertTrue(text.out().contains("threshold  at most 5% may change: EXCEEDED (exit 1)"));
    BucketproofCliTest.Result outOfRange = run(withArgs(base, "--max-changed", "101"));
    assertEquals(2, outOfRange.code());
    assertTrue(outOfRange.err().contains("--max-changed must be within [0, 100]: 101"));
    BucketproofCliTest.Result exponent = run(withArgs(base, "--max-changed", "1e1"));
    assertEquals(2, exponent.code(), "one number grammar: " + exponent.err());
  }

  @Test
  void compareHelpListsNoProfileOptionAndCompareRefusesOne() {
    BucketproofCliTest.Result help = run("compare", "--help");
    assertEquals(0, help.code());
    assertFalse(help.out().contains("--profile"), help.out());
    assertTrue(help.out().contains("--max-changed"), help.out());
    BucketproofCliTest.Result refused =
        run(
            "compare",
            "--profile",
            "unleash",
            "--from",
            "unleash",
            "--to",
            "flagd",
            "--flag",
            "f",
            "--rollout",
            "5",
            "--population",
            "uuid");
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("--profile"), refused.err());
  }

  @Test
  void srmNamesTheVariantsInTextAndJsonAndRefusesAWrongCount() throws Exception {
    BucketproofCliTest.Result text =
        run("srm", "--observed", "5012,4988", "--weights", "50,50", "--names", "control,treatment");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("\ncontrol       5,012"), text.out());
    assertTrue(text.out().contains("\ntreatment     4,988"), text.out());
    BucketproofCliTest.Result json =
        run(
            "srm",
            "--observed",
            "5012,4988",
            "--weights",
            "50,50",
            "--names",
            "control,treatment",
            "--json");
    assertEquals("control", JSON.readTree(json.out()).get("names").get(0).asText());
    BucketproofCliTest.Result wrong =
        run("srm", "--observed", "5012,4988", "--weights", "50,50", "--names", "control");
    assertEquals(2, wrong.code());
    assertTrue(
        wrong.err().contains("--names must name each of the 2 variants of --weights"), wrong.err());
  }

  @Test
  void hashersJsonListsEveryHasherAndProfileOfTheText() throws Exception {
    BucketproofCliTest.Result text = run("hashers");
    BucketproofCliTest.Result json = run("hashers", "--json");
    assertEquals(text.lines().size(), json.lines().size());
    for (int i = 0; i < text.lines().size(); i++) {
      JsonNode line = JSON.readTree(json.lines().get(i));
      assertTrue(text.lines().get(i).startsWith(line.get("name").asText() + "\t"), line.toString());
    }
    assertEquals("hasher", JSON.readTree(json.lines().get(0)).get("kind").asText());
  }

  private static String[] withArgs(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
