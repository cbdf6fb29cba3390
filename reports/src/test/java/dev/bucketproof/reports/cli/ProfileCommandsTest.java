package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.cli.BucketproofCliTest.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --profile} on bucket and explain, profiles in {@code hashers}, and {@code compare}. */
class ProfileCommandsTest {
  private static final Pattern BUCKET = Pattern.compile("\"bucket\":(\\d+)");

  @TempDir Path directory;

  private static int bucket(String... args) {
    Result result = BucketproofCliTest.run(args);
    assertEquals(0, result.code(), result.err());
    Matcher matcher = BUCKET.matcher(result.out());
    assertTrue(matcher.find(), result.out());
    return Integer.parseInt(matcher.group(1));
  }

  @Test
  void unleash9OnALatin1JvmMovesJoseButNotUser123() {
    for (String id : List.of("josé", "user-123")) {
      int nine =
          bucket(
              "bucket",
              "--profile",
              "unleash-9",
              "--charset",
              "ISO-8859-1",
              "--flag",
              "profile_ui_revamp",
              id);
      int twelve = bucket("bucket", "--profile", "unleash", "--flag", "profile_ui_revamp", id);
      if (id.equals("josé")) {
        assertNotEquals(twelve, nine, id);
      } else {
        assertEquals(twelve, nine, id);
      }
    }
  }

  @Test
  void bucketWithAProfileReportsItsBucketCountAndDecision() {
    Result result =
        BucketproofCliTest.run(
            "bucket", "--profile", "optimizely", "--flag", "exp-1", "--rollout", "100", "u");
    assertEquals(0, result.code(), result.err());
    assertTrue(
        result.out().contains("\"profile\":\"optimizely\",\"key\":\"uexp-1\""), result.out());
    assertTrue(result.out().contains("\"bucketCount\":10000,\"enabled\":true"), result.out());
  }

  @Test
  void hashersListsEveryProfileWithItsParameters() {
    List<String> lines = BucketproofCliTest.run("hashers").lines();
    assertTrue(lines.contains("split\tprofile\t--algorithm --seed"), lines.toString());
    assertTrue(lines.contains("flagd-0.11\tprofile"), lines.toString());
  }

  @Test
  void explainWithAProfileShowsTheSystemsSteps() {
    Result result =
        BucketproofCliTest.run(
            "explain",
            "--profile",
            "flagd-0.11",
            "--flag",
            "checkout",
            "--rollout",
            "50",
            "--variants",
            "on:1,off:1",
            "user-1");
    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains("rule       bucket = abs("), result.out());
    assertTrue(result.out().contains("variant    o"), result.out());
  }

  @Test
  void profileMistakesAreOneLineNamingTheValue() {
    assertMistake(
        "bucketproof: unknown profile: unleesh (known: bucketproof, unleash, unleash-9, optimizely,"
            + " launchdarkly, flagd-0.11, flagd, split, growthbook, growthbook-v1)",
        "bucket",
        "--profile",
        "unleesh",
        "--flag",
        "f",
        "u");
    assertMistake(
        "bucketproof: profile split requires seed (the split's integer seed): none given",
        "bucket",
        "--profile",
        "split",
        "--flag",
        "f",
        "u");
    assertMistake(
        "bucketproof: launchdarkly variant weights are in 1/100000 and must total 100000: 100 for flag f",
        "explain",
        "--profile",
        "launchdarkly",
        "--salt",
        "s",
        "--flag",
        "f",
        "--rollout",
        "5",
        "--variants",
        "a:50,b:50",
        "u");
    assertMistake(
        "bucketproof: --salt applies only with --profile: s",
        "bucket",
        "--salt",
        "s",
        "--flag",
        "f",
        "u");
    assertMistake(
        "bucketproof: --hasher applies to the standard bucketer, not with --profile unleash",
        "bucket",
        "--profile",
        "unleash",
        "--hasher",
        "guava:murmur3_x86_32",
        "--flag",
        "f",
        "u");
    assertMistake(
        "bucketproof: --salt is taken by neither unleash nor flagd: s",
        "compare",
        "--from",
        "unleash",
        "--to",
        "flagd",
        "--salt",
        "s",
        "--flag",
        "f",
        "--rollout",
        "5",
        "--population",
        "uuid",
        "--users",
        "10");
  }

  private static void assertMistake(String expected, String... args) {
    Result result = BucketproofCliTest.run(args);
    assertEquals(2, result.code(), result.out());
    assertEquals(expected, result.err().strip());
  }

  @Test
  void compareFindsNoFlipsBetweenUnleash9AndUnleashOnAsciiIds() {
    Result result =
        BucketproofCliTest.run(
            "compare",
            "--from",
            "unleash-9",
            "--to",
            "unleash",
            "--flag",
            "checkout",
            "--rollout",
            "30",
            "--population",
            "uuid",
            "--users",
            "20000");
    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains("changed    0 of 20,000 = 0.000%"), result.out());
  }

  @Test
  void compareFindsAboutHalfFlippingBetweenFlagdGenerations() {
    Result result =
        BucketproofCliTest.run(
            "compare",
            "--from",
            "flagd-0.11",
            "--to",
            "flagd",
            "--flag",
            "checkout",
            "--variants",
            "on:50,off:50",
            "--population",
            "uuid",
            "--users",
            "20000");
    assertEquals(0, result.code(), result.err());
    Matcher share =
        Pattern.compile("changed    [\\d,]+ of 20,000 = ([\\d.]+)%").matcher(result.out());
    assertTrue(share.find(), result.out());
    double percent = Double.parseDouble(share.group(1));
    assertTrue(percent > 48 && percent < 52, result.out());
  }

  @Test
  void compareListsTheChangedIdsOfAFile() throws IOException {
    Path ids = directory.resolve("ids.txt");
    Files.writeString(ids, "user-123\njosé\n😀\nZoë\nabc\n", StandardCharsets.UTF_8);
    Result result =
        BucketproofCliTest.run(
            "compare",
            "--from",
            "unleash-9",
            "--charset",
            "ISO-8859-1",
            "--to",
            "unleash",
            "--flag",
            "profile_ui_revamp",
            "--rollout",
            "50",
            "--ids",
            ids.toString(),
            "--list");
    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains("from       unleash-9 charset=ISO-8859-1\n"), result.out());
    for (String line : result.lines()) {
      if (line.startsWith("changed    ") && line.contains("\t")) {
        String id = line.substring("changed    ".length(), line.indexOf('\t'));
        assertTrue(!id.chars().allMatch(c -> c < 0x80), "an ASCII id changed: " + line);
      }
    }
  }

  @Test
  void reportWithProfilesAuditsThemAndAddsTheSystemsSections() throws IOException {
    Path out = directory.resolve("site");
    Result result =
        BucketproofCliTest.run(
            "report",
            "--quiet",
            "--users",
            "2000",
            "--population",
            "uuid",
            "--hasher",
            "bucketproof:murmur3_x86_32",
            "--profile",
            "unleash-9",
            "growthbook-v1",
            "--charset",
            "ISO-8859-1",
            "--out",
            out.toString());
    assertTrue(result.code() == 0 || result.code() == 1, result.err());
    String summary = Files.readString(out.resolve("summary.md"));
    assertTrue(summary.contains("## Agreement between systems"), summary);
    assertTrue(summary.contains("| unleash-9 charset=ISO-8859-1 | unleash |"), summary);
    assertTrue(summary.contains("## Bias of each system's rule"), summary);
    assertTrue(summary.contains("| growthbook-v1 encoding=js | 1% | 1.1000002% |"), summary);
    assertTrue(
        summary.contains("| uuid-2k | unleash-9 charset=ISO-8859-1 |"),
        "the profile's gates: " + summary);
    assertTrue(
        Files.readString(out.resolve("index.html")).contains("id=\"agreement-between-systems\""));
    assertTrue(
        Files.readString(out.resolve("report.json")).contains("\"agreementBetweenSystems\""));
  }

  @Test
  void reportProfileMistakes() {
    assertMistake(
        "bucketproof: --salt applies only with --profile",
        "report",
        "--quiet",
        "--users",
        "100",
        "--population",
        "uuid",
        "--salt",
        "s",
        "--out",
        "x");
    assertMistake(
        "bucketproof: --profile all names every profile; name no others with it: [all, unleash]",
        "report",
        "--quiet",
        "--users",
        "100",
        "--population",
        "uuid",
        "--profile",
        "all",
        "unleash",
        "--out",
        "x");
    assertMistake(
        "bucketproof: --group-id is taken by none of the profiles [flagd]: g",
        "report",
        "--quiet",
        "--users",
        "100",
        "--population",
        "uuid",
        "--profile",
        "flagd",
        "--group-id",
        "g",
        "--out",
        "x");
  }
}
