package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input at the command line: each case is one line on stderr naming the parameter and the
 * value, exit 2, and never a verdict computed from it (the README's "Bad input" table lists the
 * rules).
 */
class BadInputTest {
  @TempDir Path directory;

  @Test
  void srmRefusesCountsThatOverflowInsteadOfGivingAVerdict() {
    assertMistake(
        "bucketproof: observed counts must add up to at most 9223372036854775807:"
            + " [9223372036854775807, 9223372036854775807]",
        "srm",
        "--observed",
        "9223372036854775807,9223372036854775807",
        "--weights",
        "50,50");
    BucketproofCliTest.Result huge =
        BucketproofCliTest.run(
            "srm", "--observed", "821588,815482", "--weights", "1000000000000000,1000000000000000");
    assertEquals(1, huge.code(), huge.err());
    assertTrue(huge.out().contains("SAMPLE RATIO MISMATCH"), huge.out());
    assertTrue(huge.out().contains("50.000%"), "expected share from scaled weights: " + huge.out());
    long third = Long.MAX_VALUE / 3;
    BucketproofCliTest.Result even =
        BucketproofCliTest.run(
            "srm", "--observed", third + "," + third + "," + third, "--weights", "1,1,1");
    assertEquals(0, even.code(), even.out() + even.err());
    assertFalse(
        even.out().matches("(?s).*\\s-[0-9].*"), "no negative count or share: " + even.out());
    assertTrue(even.out().contains("verdict: no sample ratio mismatch"), even.out());
  }

  @Test
  void atFileArgumentsAreTakenLiterally() throws IOException {
    Path alice = Files.writeString(directory.resolve("alice"), "someone-else\n");
    String atAlice = "@" + alice;
    BucketproofCliTest.Result id = BucketproofCliTest.run("bucket", "--flag", "f", atAlice);
    assertEquals(0, id.code(), id.err());
    assertTrue(
        id.out()
            .startsWith(
                "{\"id\":\""
                    + atAlice
                    + "\",\"hasher\":\"bucketproof:murmur3_x86_32\",\"key\":\"f:"
                    + atAlice
                    + "\""),
        id.out());
    BucketproofCliTest.Result flag = BucketproofCliTest.run("bucket", "--flag", atAlice, "u1");
    assertEquals(0, flag.code(), flag.err());
    assertTrue(flag.out().contains("\"key\":\"" + atAlice + ":u1\""), flag.out());
    BucketproofCliTest.Result doubled =
        BucketproofCliTest.run("hash", "--hasher", "bucketproof:murmur3_x86_32", "@@x");
    assertTrue(doubled.out().startsWith("{\"id\":\"@@x\""), doubled.out());
  }

  @Test
  void flagKeysWithTheSaltSeparatorAreRejectedBecauseTwoFlagsCouldShareUsers() {
    String message =
        "bucketproof: flagKey must not contain ':' in a salted bucketer, which hashes flagKey:userId"
            + " (flag \"a:b\" with user \"c\" and flag \"a\" with user \"b:c\" would hash the same key and share users): a:b";
    assertMistake(message, "bucket", "--flag", "a:b", "c");
    assertMistake(message, "explain", "--flag", "a:b", "--rollout", "5", "c");
    BucketproofCliTest.Result unsalted =
        BucketproofCliTest.run("bucket", "--flag", "a:b", "--unsalted", "c");
    assertEquals(0, unsalted.code(), "unsalted, the key is the user id alone: " + unsalted.err());
  }

  @Test
  void rolloutIsAPlainDecimalWithAtMostTwoDecimals() {
    for (String text :
        new String[] {
          "0x1p2", "5d", "1e-9", "-0", " 5", "5.", ".5", "NaN", "Infinity", "+5", "5%"
        }) {
      assertMistake(
          "bucketproof: --rollout must be a plain decimal number of at most two decimals, such as 5, 12.5"
              + " or 0.01 (no sign, exponent, hex or suffix): "
              + text,
          "bucket",
          "--flag",
          "f",
          "--rollout",
          text,
          "u");
    }
    assertMistake(
        "bucketproof: --rollout must have at most two decimals (basis points): 14.999999999999999",
        "bucket",
        "--flag",
        "f",
        "--rollout",
        "14.999999999999999",
        "u");
    assertMistake(
        "bucketproof: --rollout must have at most two decimals (basis points): 0.001",
        "explain",
        "--flag",
        "f",
        "--rollout",
        "0.001",
        "u");
    BucketproofCliTest.Result trailingZeros =
        BucketproofCliTest.run(
            "explain", "--flag", "f", "--rollout", "12.50", "--buckets", "1000", "u");
    assertTrue(
        trailingZeros.out().contains("rollout    12.5% -> buckets"),
        trailingZeros.out() + trailingZeros.err());
  }

  @Test
  void listsRejectEmptyEntriesAndAmbiguousVariants() {
    assertMistake(
        "bucketproof: --observed has an empty entry (a stray comma?): 10,20,",
        "srm",
        "--observed",
        "10,20,",
        "--weights",
        "50,50");
    assertMistake(
        "bucketproof: --weights has an empty entry (a stray comma?): 50,,50",
        "srm",
        "--observed",
        "10,20",
        "--weights",
        "50,,50");
    assertMistake(
        "bucketproof: --observed must be a whole number >= 0: 1e3",
        "srm",
        "--observed",
        "1e3,20",
        "--weights",
        "50,50");
    assertMistake(
        "bucketproof: --weights must be a plain decimal number >= 0 (digits, an optional fraction;"
            + " no exponent, sign or comma): 0x1p2",
        "srm",
        "--observed",
        "10,20",
        "--weights",
        "0x1p2,50");
    assertMistake(
        "bucketproof: note: --threshold is now --alpha; the old name keeps working\n"
            + "bucketproof: --threshold must be a plain decimal number >= 0 (digits, an optional"
            + " fraction; no exponent, sign or comma): 0x1p-11",
        "srm",
        "--observed",
        "10,20",
        "--weights",
        "50,50",
        "--threshold",
        "0x1p-11");
    assertMistake(
        "bucketproof: --variants must be NAME:WEIGHT, with one ':': a:50:1",
        "explain",
        "--flag",
        "f",
        "--rollout",
        "5",
        "--variants",
        "a:50:1,b:50",
        "u");
    assertMistake(
        "bucketproof: --variants has an empty entry (a stray comma?): a:50,",
        "explain",
        "--flag",
        "f",
        "--rollout",
        "5",
        "--variants",
        "a:50,",
        "u");
  }

  @Test
  void aRepeatedHasherOrPopulationIsAnError() {
    assertMistake(
        "bucketproof: --hasher lists bucketproof:murmur3_x86_32 twice",
        "report",
        "--quiet",
        "--population",
        "uuid",
        "--users",
        "100",
        "--hasher",
        "bucketproof:murmur3_x86_32",
        "bucketproof:murmur3_x86_32",
        "--out",
        directory.resolve("site").toString());
    assertMistake(
        "bucketproof: --population lists uuid twice",
        "report",
        "--quiet",
        "--population",
        "uuid,uuid",
        "--users",
        "100",
        "--out",
        directory.resolve("site").toString());
    assertMistake(
        "bucketproof: --hasher has an empty entry (a stray comma?): bucketproof:murmur3_x86_32,",
        "report",
        "--quiet",
        "--hasher",
        "bucketproof:murmur3_x86_32,",
        "--out",
        directory.resolve("site").toString());
    assertFalse(Files.exists(directory.resolve("site")), "nothing written");
  }

  @Test
  void anEmptyAuditIsAnErrorNotAPass() throws IOException {
    Path empty = Files.writeString(directory.resolve("empty.txt"), "");
    Path blank = Files.writeString(directory.resolve("blank.txt"), "\n\r\n\n");
    Path out = directory.resolve("site");
    assertMistake(
        "bucketproof: no ids to audit in "
            + empty
            + ": 0 lines read = 0 ids audited + 0 lines rejected",
        "report",
        "--quiet",
        "--ids",
        empty.toString(),
        "--out",
        out.toString());
    assertMistake(
        "bucketproof: no ids to audit in "
            + blank
            + ": 3 lines read = 0 ids audited + 3 lines rejected;"
            + " 3 blank (lines 1, 2, 3)",
        "report",
        "--quiet",
        "--ids",
        blank.toString(),
        "--out",
        out.toString());
    assertFalse(Files.exists(out), "no report of nothing");
  }

  @Test
  void explainEscapesControlCharactersSoAnIdCannotForgeALine() {
    String id = "u1\nenabled    true\u001b]0;owned\u0007\u202e";
    BucketproofCliTest.Result result =
        BucketproofCliTest.run("explain", "--flag", "f", "--rollout", "0", id);
    assertEquals(0, result.code(), result.err());
    String escaped = "u1\\nenabled    true\\u001b]0;owned\\u0007\\u202e";
    assertTrue(result.out().startsWith("user       " + escaped + "\n"), result.out());
    assertTrue(result.out().contains("key        f:" + escaped + "\n"), result.out());
    assertTrue(result.out().contains("\nenabled    false\n"), result.out());
    assertEquals(
        1, result.out().split("\nenabled ", -1).length - 1, "one enabled line: " + result.out());
    assertFalse(
        result.out().chars().anyMatch(c -> c < 0x20 && c != '\n' || c == 0x202e), result.out());
  }

  @Test
  void aLineLongerThanTheMaximumIdLengthIsAnErrorNamingIt() throws IOException {
    Path ids = directory.resolve("long.txt");
    String longId = "x".repeat(2 * 1024 * 1024);
    Files.writeString(ids, "alice\nbob\n" + longId + "\ncarol\n");
    assertMistake(
        "bucketproof: line 3 of "
            + ids
            + " is longer than the maximum id length, 1048576 bytes"
            + " (--max-id-bytes raises it)",
        "report",
        "--quiet",
        "--ids",
        ids.toString(),
        "--out",
        directory.resolve("site").toString());
    // Far into a file read in parallel ranges, the line number still counts from the file's start.
    Path later = directory.resolve("later.txt");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      text.append("user-").append(i).append('\n');
    }
    Files.writeString(later, text + longId + "\n" + text);
    for (String threads : List.of("1", "4")) {
      assertMistake(
          "bucketproof: line 50001 of "
              + later
              + " is longer than the maximum id length, 1048576 bytes"
              + " (--max-id-bytes raises it)",
          "report",
          "--quiet",
          "--threads",
          threads,
          "--hasher",
          "bucketproof:murmur3_x86_32",
          "--ids",
          later.toString(),
          "--out",
          directory.resolve("site").toString());
    }
    BucketproofCliTest.Result raised =
        BucketproofCliTest.run(
            "report",
            "--quiet",
            "--ids",
            ids.toString(),
            "--max-id-bytes",
            "4194304",
            "--hasher",
            "bucketproof:murmur3_x86_32",
            "--out",
            directory.resolve("site").toString());
    assertTrue(raised.code() <= 1, "configurable: " + raised.err());
    byte[] stdin = "a\nbcdef\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    BucketproofCliTest.Result hash =
        BucketproofCliTest.run(
            stdin, "hash", "--hasher", "bucketproof:murmur3_x86_32", "--max-id-bytes", "4");
    assertEquals(2, hash.code(), hash.err());
    assertEquals(
        "bucketproof: line 2 of standard input is longer than the maximum id length, 4 bytes"
            + " (--max-id-bytes raises it)",
        hash.err().strip());
    BucketproofCliTest.Result bucket =
        BucketproofCliTest.run(stdin, "bucket", "--flag", "f", "--max-id-bytes", "4");
    assertEquals(
        "bucketproof: line 2 of standard input is longer than the maximum id length, 4 bytes"
            + " (--max-id-bytes raises it)",
        bucket.err().strip());
    assertMistake(
        "bucketproof: --max-id-bytes must be within [1, 1073741824]: 0",
        "bucket",
        "--flag",
        "f",
        "--max-id-bytes",
        "0",
        "u");
  }

  @Test
  void devZeroOrA64MibLineEndsWithAnErrorInA64MibHeap() throws IOException, InterruptedException {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.isReadable(zero), "needs /dev/zero");
    Path err = directory.resolve("err.txt");
    int report =
        CliProcess.run(
            CliProcess.builder(
                List.of("-Xmx64m"),
                "report",
                "--quiet",
                "--ids",
                zero.toString(),
                "--out",
                directory.resolve("site").toString()),
            directory.resolve("out.txt"),
            err);
    assertEquals(
        "bucketproof: line 1 of /dev/zero is longer than the maximum id length, 1048576 bytes"
            + " (--max-id-bytes raises it)",
        Files.readString(err).strip());
    assertEquals(2, report);
    // One 64 MiB line in a regular file (sparse: zeros, no newline), read in parallel ranges.
    Path sparse = directory.resolve("one-line.txt");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
      file.setLength(64L << 20);
    }
    int line =
        CliProcess.run(
            CliProcess.builder(
                List.of("-Xmx64m"),
                "report",
                "--quiet",
                "--ids",
                sparse.toString(),
                "--out",
                directory.resolve("site").toString()),
            directory.resolve("out.txt"),
            err);
    assertEquals(
        "bucketproof: line 1 of "
            + sparse
            + " is longer than the maximum id length, 1048576 bytes"
            + " (--max-id-bytes raises it)",
        Files.readString(err).strip());
    assertEquals(2, line);
    int bucket =
        CliProcess.run(
            CliProcess.builder(List.of("-Xmx64m"), "bucket", "--flag", "f")
                .redirectInput(zero.toFile()),
            directory.resolve("out.txt"),
            err);
    assertEquals(
        "bucketproof: line 1 of standard input is longer than the maximum id length, 1048576 bytes"
            + " (--max-id-bytes raises it)",
        Files.readString(err).strip());
    assertEquals(2, bucket);
  }

  @Test
  void aDeeplyNestedJmhFileIsAClearError() throws IOException {
    Path deep = Files.writeString(directory.resolve("deep.json"), "[".repeat(100_000));
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            "report",
            "--quiet",
            "--users",
            "100",
            "--population",
            "uuid",
            "--jmh",
            deep.toString(),
            "--out",
            directory.resolve("site").toString());
    assertEquals(2, result.code(), result.err());
    assertTrue(result.err().startsWith("bucketproof: not a JMH JSON result file"), result.err());
    assertTrue(result.err().contains(deep.toString()), "names the file: " + result.err());
    assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
  }

  @Test
  void idsThatNameADirectorySayWhichAndWhy() {
    assertMistake(
        "bucketproof: cannot use "
            + directory
            + ": is a directory, not a file of ids (one per line)",
        "report",
        "--quiet",
        "--ids",
        directory.toString(),
        "--out",
        directory.resolve("site").toString());
  }

  static void assertMistake(String message, String... args) {
    BucketproofCliTest.Result result = BucketproofCliTest.run(args);
    assertEquals(2, result.code(), String.join(" ", args) + " -> " + result.out() + result.err());
    assertEquals(message, result.err().strip(), String.join(" ", args));
  }
}
