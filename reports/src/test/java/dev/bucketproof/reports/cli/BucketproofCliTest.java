package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.jmh.JmhResultTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketproofCliTest {
  @TempDir Path directory;

  record Result(int code, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  static Result run(byte[] stdin, String... args) {
    return run(args, new ByteArrayInputStream(stdin));
  }

  static Result run(String[] args, java.io.InputStream stdin) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BucketproofCli.run(
            args,
            stdin,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Result run(String... args) {
    return run(new byte[0], args);
  }

  @Test
  void hashersListsNameAndFamily() {
    Result result = run("hashers");
    assertEquals(0, result.code());
    // five hashers, then the ten profiles (ProfileCommandsTest)
    assertEquals(15, result.lines().size());
    assertEquals("bucketproof:murmur3_x86_32\tmurmur3_x86_32", result.lines().get(0));
    assertEquals("bucketproof:murmur3_x86_32_js\tmurmur3_x86_32_js", result.lines().get(4));
  }

  @Test
  void hashPrintsOneJsonObjectPerIdWithUnsignedValues() {
    Result result =
        run("hash", "--hasher", "guava:murmur3_x86_32", "--seed", "0x9747B28C", "Hello, world!");
    assertEquals(0, result.code(), result.err());
    assertEquals(
        "{\"id\":\"Hello, world!\",\"hasher\":\"guava:murmur3_x86_32\",\"seed\":2538058380,\"hash\":\"612912314\"}",
        result.out().strip());
  }

  @Test
  void seedAcceptsSignedUnsignedAndHex() {
    String signed =
        run("hash", "--hasher", "openhft:murmur3_x64_128", "--seed", "-1", "hello").out();
    assertEquals(
        signed,
        run("hash", "--hasher", "openhft:murmur3_x64_128", "--seed", "4294967295", "hello").out());
    assertEquals(
        signed,
        run("hash", "--hasher", "openhft:murmur3_x64_128", "--seed", "0xFFFFFFFF", "hello").out());
    // C reference h1 for seed 0xFFFFFFFF: 347bad75d7575e14
    assertTrue(
        signed.contains("\"hash\":\"" + Long.toUnsignedString(0x347bad75d7575e14L) + "\""), signed);
  }

  @Test
  void idsFromStdinAreWholeLinesWithoutTheirTerminator() {
    byte[] stdin = "a\r\n  spaced  \n\njos\u00e9".getBytes(StandardCharsets.UTF_8);
    Result result = run(stdin, "hash", "--hasher", "bucketproof:murmur3_x86_32");
    assertEquals(0, result.code(), result.err());
    List<String> lines = result.lines();
    // the blank line 3 is not a user: skipped, and counted on stderr (HostileInputTest)
    assertEquals(3, lines.size(), result.out());
    assertTrue(lines.get(0).startsWith("{\"id\":\"a\","));
    assertTrue(lines.get(1).startsWith("{\"id\":\"  spaced  \","));
    assertTrue(lines.get(2).startsWith("{\"id\":\"jos\u00e9\","), "UTF-8 output: " + lines.get(2));
  }

  @Test
  void invalidUtf8OnStdinIsHashedAsBucketDecidesItAndCountedByLine() {
    byte[] stdin = {'o', 'k', '\n', (byte) 0xff, '\n'};
    Result result = run(stdin, "hash", "--hasher", "bucketproof:murmur3_x86_32");
    assertEquals(0, result.code(), result.err());
    assertTrue(result.lines().get(1).startsWith("{\"id\":\"\ufffd\""), result.out());
    assertTrue(
        result
            .err()
            .startsWith("bucketproof: 1 line of standard input was not valid UTF-8 (line 2)"),
        result.err());
  }

  @Test
  void bucketAnswersWhichBucketAUserIsIn() {
    Result result = run("bucket", "--flag", "gr1", "--rollout", "80", "123");
    assertEquals(0, result.code(), result.err());
    long hash = IdHashers.murmur3_x86_32().hash("gr1:123", 0);
    assertEquals(
        "{\"id\":\"123\",\"hasher\":\"bucketproof:murmur3_x86_32\",\"key\":\"gr1:123\",\"hash\":\""
            + hash
            + "\",\"bucket\":72,\"enabled\":true}",
        result.out().strip());
    Result unsalted = run("bucket", "--flag", "gr1", "--unsalted", "--buckets", "10000", "123");
    assertTrue(unsalted.out().contains("\"key\":\"123\""), unsalted.out());
    assertTrue(unsalted.out().contains("\"enabled\":null"), unsalted.out());
    assertTrue(
        unsalted
            .out()
            .contains(
                "\"bucket\":"
                    + Bucketer.builder()
                        .unsalted()
                        .bucketCount(10_000)
                        .build()
                        .bucket("gr1", "123")),
        unsalted.out());
  }

  @Test
  void everyCommandAnswersHelpAsItsErrorsSuggest() {
    for (String command : List.of("hashers", "hash", "bucket", "explain", "srm", "report")) {
      Result result = run(command, "--help");
      assertEquals(0, result.code(), command + " --help: " + result.err());
      assertTrue(result.out().startsWith("Usage: bucketproof " + command), result.out());
    }
  }

  @Test
  void explainPrintsEveryStepOfTheDecision() {
    Result result =
        run(
            "explain",
            "--flag",
            "gr1",
            "--rollout",
            "80",
            "--variants",
            "control:50,treatment:50",
            "123");
    assertEquals(0, result.code(), result.err());
    String out = result.out();
    assertTrue(
        out.startsWith(
            "user       123\nhasher     bucketproof:murmur3_x86_32\nkey        gr1:123\n"),
        out);
    assertTrue(out.contains("bucket     72 of 100\n"), out);
    assertTrue(out.contains("rollout    80% -> buckets [0, 80)\n"), out);
    assertTrue(out.contains("enabled    true\n"), out);
    assertTrue(out.contains("variant    "), out);
    assertMistake(
        "bucketproof: --variants must be NAME:WEIGHT, with one ':': control",
        "explain",
        "--flag",
        "f",
        "--rollout",
        "5",
        "--variants",
        "control",
        "u");
    assertMistake(
        "bucketproof: variant names must be unique: a appears twice",
        "explain",
        "--flag",
        "f",
        "--rollout",
        "5",
        "--variants",
        "a:1,a:2",
        "u");
  }

  @Test
  void bucketAndExplainAgreeOnEverySeedTheVariantSeedIncluded() {
    for (String seed : List.of("0", "86028157", "0x520AC5D", "-1")) {
      for (String user : List.of("123", "user-42", "\u00e9t\u00e9")) {
        Result bucket = run("bucket", "--flag", "gr1", "--seed", seed, "--rollout", "50", user);
        Result explain = run("explain", "--flag", "gr1", "--seed", seed, "--rollout", "50", user);
        String context = "seed " + seed + ", user " + user + ": " + bucket.err() + explain.err();
        assertEquals(0, bucket.code(), context);
        assertEquals(0, explain.code(), context);
        String bucketLine =
            explain
                .out()
                .lines()
                .filter(line -> line.startsWith("bucket "))
                .findFirst()
                .orElseThrow();
        String enabledLine =
            explain
                .out()
                .lines()
                .filter(line -> line.startsWith("enabled "))
                .findFirst()
                .orElseThrow();
        assertTrue(
            bucket.out().contains("\"bucket\":" + bucketLine.split("\\s+")[1] + ","),
            context + bucket.out() + explain.out());
        assertTrue(
            bucket.out().contains("\"enabled\":" + enabledLine.split("\\s+")[1] + "}"),
            context + bucket.out() + explain.out());
      }
    }
    // The rollout hash uses seed 86028157 itself, not a substitute.
    long hash = IdHashers.murmur3_x86_32().hash("gr1:123", 86028157);
    String line = run("bucket", "--flag", "gr1", "--seed", "86028157", "123").out();
    assertTrue(line.contains("\"hash\":\"" + hash + "\",\"bucket\":" + hash % 100 + ","), line);
    assertMistake(
        "bucketproof: --variant-seed must differ from --seed, or variant and rollout would be correlated: 86028157",
        "explain",
        "--flag",
        "gr1",
        "--seed",
        "86028157",
        "--rollout",
        "50",
        "--variants",
        "a:1,b:1",
        "123");
    Result separate =
        run(
            "explain",
            "--flag",
            "gr1",
            "--seed",
            "86028157",
            "--variant-seed",
            "1",
            "--rollout",
            "50",
            "--variants",
            "a:1,b:1",
            "123");
    assertEquals(0, separate.code(), separate.err());
    assertTrue(separate.out().contains(", seed 1)\n"), separate.out());
    assertMistake(
        "bucketproof: --variant-seed must be a 32-bit value",
        "explain",
        "--flag",
        "gr1",
        "--variant-seed",
        "x",
        "--rollout",
        "5",
        "u");
  }

  @Test
  void srmExitsOneOnAMismatchAndZeroOtherwise() {
    Result mismatch = run("srm", "--observed", "821588,815482", "--weights", "50,50");
    assertEquals(1, mismatch.code(), mismatch.err());
    assertTrue(mismatch.out().contains("exact binomial p-value 1.83e-06"), mismatch.out());
    assertTrue(mismatch.out().contains("SAMPLE RATIO MISMATCH (p < 0.0005)"), mismatch.out());
    Result fine = run("srm", "--observed", "5012,4988", "--weights", "50,50", "--json");
    assertEquals(0, fine.code(), fine.err());
    assertTrue(
        fine.out().startsWith("{\"observed\":[5012,4988],\"expected\":[5000,5000],"), fine.out());
    assertTrue(fine.out().contains("\"mismatch\":false"), fine.out());
  }

  @Test
  void userMistakesAreOneLineOnStderrAndExitTwo() {
    assertMistake("bucketproof: unknown hasher: nope (known: ", "hash", "--hasher", "nope", "x");
    assertMistake(
        "bucketproof: --buckets must be within [1, 2147483647]: 0",
        "bucket",
        "--flag",
        "f",
        "--buckets",
        "0",
        "u");
    assertMistake(
        "bucketproof: --rollout must be within [0, 100]: 100.5",
        "bucket",
        "--flag",
        "f",
        "--rollout",
        "100.5",
        "u");
    assertMistake(
        "bucketproof: --rollout 5.25 cannot be expressed with --buckets 100",
        "bucket",
        "--flag",
        "f",
        "--rollout",
        "5.25",
        "u");
    assertMistake("bucketproof: flagKey must not be empty", "bucket", "--flag", "", "u");
    assertMistake(
        "bucketproof: weights must not all be zero: [0.0, 0.0]",
        "srm",
        "--observed",
        "1,2",
        "--weights",
        "0,0");
    assertMistake(
        "bucketproof: --seed must be a 32-bit value",
        "hash",
        "--hasher",
        "guava:murmur3_x86_32",
        "--seed",
        "1e3",
        "x");
    assertMistake(
        "bucketproof: no such file: " + directory.resolve("missing.txt"),
        "report",
        "--quiet",
        "--ids",
        directory.resolve("missing.txt").toString(),
        "--out",
        directory.resolve("out").toString());
    assertMistake(
        "bucketproof: unknown population shape: nope", "report", "--quiet", "--population", "nope");
    assertMistake(
        "bucketproof: --buckets must be within [1, 1000000]: 0",
        "report",
        "--quiet",
        "--buckets",
        "0");
    assertMistake("bucketproof: Missing required option: '--flag=<flag>'", "bucket", "u");
    assertMistake("bucketproof: Unknown option: '--bogus'", "hashers", "--bogus");
  }

  @Test
  void unwritableOutputDirectoryIsAUserMistake() throws IOException {
    Path file = directory.resolve("not-a-directory");
    Files.writeString(file, "x");
    assertMistake(
        "bucketproof: cannot write " + file.toAbsolutePath() + ": exists and is not a directory",
        "report",
        "--quiet",
        "--users",
        "100",
        "--population",
        "uuid",
        "--out",
        file.toString());
    assertMistake(
        "bucketproof: cannot write the report to "
            + file.toAbsolutePath().resolve("site")
            + ": "
            + file.toAbsolutePath()
            + " exists and is not a directory",
        "report",
        "--quiet",
        "--users",
        "100",
        "--population",
        "uuid",
        "--out",
        file.resolve("site").toString());
  }

  @Test
  void reportWritesTheDirectoryAndExitsZeroWhenEveryGatePasses() throws IOException {
    Path ids = directory.resolve("ids.txt");
    Files.writeString(ids, "alice\nbob\n\ncarol\n");
    Path out = directory.resolve("site");
    Result result =
        run(
            "report",
            "--quiet",
            "--users",
            "20000",
            "--population",
            "uuid,email",
            "--hasher",
            "bucketproof:murmur3_x86_32",
            "guava:murmur3_x86_32",
            "--ids",
            ids.toString(),
            "--out",
            out.toString(),
            "--jmh",
            writeJmh().toString(),
            writePeerJmh().toString());
    String json = Files.readString(out.resolve("report.json"));
    assertTrue(json.contains("\"name\": \"uuid-20k\""), json.substring(0, 400));
    assertTrue(json.contains("\"name\": \"email-20k\""));
    assertTrue(json.contains("\"name\": \"ids.txt\""));
    assertTrue(json.contains("\"blankLineNumbers\": [\n"), "line numbers of blank lines");
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("HashBenchmark.hash"));
    assertTrue(
        html.contains("own hash vs guava:murmur3_x86_32, uuid"),
        "speed claims from the first --jmh file");
    assertTrue(
        html.contains("50% rollout decision vs unleash"),
        "speed claims from the second --jmh file");
    assertTrue(json.contains("\"speedClaims\": ["));
    assertTrue(Files.exists(out.resolve("summary.md")));
    // Four ids cannot decide a uniformity gate: it is inconclusive, not failed, and the exit code
    // is 0.
    assertTrue(json.contains("\"verdict\": \"inconclusive\""), "four ids leave gates inconclusive");
    assertEquals(0, result.code(), result.err());
    assertEquals(
        "  PASS 40 gates passed\n"
            + "  1 of 3 JMH speed targets missed: own hash vs guava:murmur3_x86_32, uuid.\n"
            + "  INCONCLUSIVE 14 gates need more users: rollout up to 826, independence up to 20,"
            + " salt meta test up to 10\n",
        result.err(),
        "--quiet: no progress and no file line, only the verdict lines");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 30})
  void aFewRandomIdsNeverFailAndTheInconclusiveGatesNameTheUsersTheyNeed(int count)
      throws IOException {
    SplittableRandom random = new SplittableRandom(RANDOM_IDS_SEED + count);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < count; i++) {
      long high = random.nextLong() & ~0xF000L | 0x4000L;
      long low = random.nextLong() & ~(3L << 62) | 1L << 63;
      lines.append(new UUID(high, low)).append('\n');
    }
    Path ids = Files.writeString(directory.resolve("uuids-" + count + ".txt"), lines.toString());
    Path out = directory.resolve("site-" + count);
    Result result = run("report", "--ids", ids.toString(), "--out", out.toString());
    assertEquals(
        0,
        result.code(),
        "seed " + (RANDOM_IDS_SEED + count) + ", " + count + " ids:\n" + result.err());
    assertTrue(result.err().contains(" 0 failed, "), result.err());
    // one line for every inconclusive gate, grouped by kind, each kind with the users it needs
    List<String> inconclusive =
        result.err().lines().filter(line -> line.startsWith("  INCONCLUSIVE")).toList();
    assertEquals(1, inconclusive.size(), result.err());
    assertTrue(
        inconclusive
            .get(0)
            .matches("  INCONCLUSIVE [0-9,]+ gates need more users: .*rollout up to [0-9,]+.*"),
        inconclusive.get(0));
    Result strict =
        run(
            "report",
            "--quiet",
            "--fail-on-inconclusive",
            "--ids",
            ids.toString(),
            "--out",
            out.toString());
    assertEquals(1, strict.code(), "--fail-on-inconclusive turns inconclusive into a failure");
  }

  private static final long RANDOM_IDS_SEED = 0x1D5_2026L;

  private Path writeJmh() throws IOException {
    Path file = directory.resolve("jmh.json");
    Files.writeString(file, JmhResultTest.SAMPLE);
    return file;
  }

  private Path writePeerJmh() throws IOException {
    Path file = directory.resolve("peers.json");
    Files.writeString(
        file,
        """
        [
          { "benchmark" : "dev.bucketproof.benchmarks.PeerBenchmark.isEnabled", "mode" : "avgt",
            "params" : { "sdk" : "bucketproof" }, "primaryMetric" : { "score" : 35.0, "scoreUnit" : "ns/op" } },
          { "benchmark" : "dev.bucketproof.benchmarks.PeerBenchmark.isEnabled", "mode" : "avgt",
            "params" : { "sdk" : "unleash" }, "primaryMetric" : { "score" : 7000.0, "scoreUnit" : "ns/op" } }
        ]
        """);
    return file;
  }

  private static void assertMistake(String messageStart, String... args) {
    Result result = run(args);
    assertEquals(2, result.code(), String.join(" ", args) + " -> " + result.err());
    assertTrue(result.err().startsWith(messageStart), result.err());
    assertEquals(1, result.err().strip().split("\n").length, "one line: " + result.err());
    assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
  }
}
