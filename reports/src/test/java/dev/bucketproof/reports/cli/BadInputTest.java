package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input at the command line: each case is one line on stderr naming the parameter and the value,
 * exit 2, and never a verdict computed from it (the README's "Bad input" table lists the rules).
 */
class BadInputTest {
  @TempDir
  Path directory;

  @Test
  void srmRefusesCountsThatOverflowInsteadOfGivingAVerdict() {
    assertMistake("bucketproof: observed counts must add up to at most 9223372036854775807:"
        + " [9223372036854775807, 9223372036854775807]",
        "srm", "--observed", "9223372036854775807,9223372036854775807", "--weights", "50,50");
    BucketproofCliTest.Result huge = BucketproofCliTest.run("srm", "--observed", "821588,815482", "--weights", "1e308,1e308");
    assertEquals(1, huge.code(), huge.err());
    assertTrue(huge.out().contains("SAMPLE RATIO MISMATCH"), huge.out());
    assertTrue(huge.out().contains("50.000%"), "expected share from scaled weights: " + huge.out());
    long third = Long.MAX_VALUE / 3;
    BucketproofCliTest.Result even = BucketproofCliTest.run("srm", "--observed", third + "," + third + "," + third,
        "--weights", "1,1,1");
    assertEquals(0, even.code(), even.out() + even.err());
    assertFalse(even.out().matches("(?s).*\\s-[0-9].*"), "no negative count or share: " + even.out());
    assertTrue(even.out().contains("verdict: no sample ratio mismatch"), even.out());
  }

  @Test
  void atFileArgumentsAreTakenLiterally() throws IOException {
    Path alice = Files.writeString(directory.resolve("alice"), "someone-else\n");
    String atAlice = "@" + alice;
    BucketproofCliTest.Result id = BucketproofCliTest.run("bucket", "--flag", "f", atAlice);
    assertEquals(0, id.code(), id.err());
    assertTrue(id.out().startsWith("{\"id\":\"" + atAlice + "\",\"hasher\":\"bucketproof:murmur3_x86_32\",\"key\":\"f:"
        + atAlice + "\""), id.out());
    BucketproofCliTest.Result flag = BucketproofCliTest.run("bucket", "--flag", atAlice, "u1");
    assertEquals(0, flag.code(), flag.err());
    assertTrue(flag.out().contains("\"key\":\"" + atAlice + ":u1\""), flag.out());
    BucketproofCliTest.Result doubled = BucketproofCliTest.run("hash", "--hasher", "bucketproof:murmur3_x86_32", "@@x");
    assertTrue(doubled.out().startsWith("{\"id\":\"@@x\""), doubled.out());
  }

  @Test
  void flagKeysWithTheSaltSeparatorAreRejectedBecauseTwoFlagsCouldShareUsers() {
    String message = "bucketproof: flagKey must not contain ':' in a salted bucketer, which hashes flagKey:userId"
        + " (flag \"a:b\" with user \"c\" and flag \"a\" with user \"b:c\" would hash the same key and share users): a:b";
    assertMistake(message, "bucket", "--flag", "a:b", "c");
    assertMistake(message, "explain", "--flag", "a:b", "--rollout", "5", "c");
    BucketproofCliTest.Result unsalted = BucketproofCliTest.run("bucket", "--flag", "a:b", "--unsalted", "c");
    assertEquals(0, unsalted.code(), "unsalted, the key is the user id alone: " + unsalted.err());
  }

  @Test
  void rolloutIsAPlainDecimalWithAtMostTwoDecimals() {
    for (String text : new String[] {"0x1p2", "5d", "1e-9", "-0", " 5", "5.", ".5", "NaN", "Infinity", "+5", "5%"}) {
      assertMistake("bucketproof: rolloutPercent must be a plain decimal number of at most two decimals, such as 5, 12.5"
          + " or 0.01 (no sign, exponent, hex or suffix): " + text, "bucket", "--flag", "f", "--rollout", text, "u");
    }
    assertMistake("bucketproof: rolloutPercent must have at most two decimals (basis points): 14.999999999999999",
        "bucket", "--flag", "f", "--rollout", "14.999999999999999", "u");
    assertMistake("bucketproof: rolloutPercent must have at most two decimals (basis points): 0.001",
        "explain", "--flag", "f", "--rollout", "0.001", "u");
    BucketproofCliTest.Result trailingZeros = BucketproofCliTest.run("explain", "--flag", "f", "--rollout", "12.50", "--buckets", "1000", "u");
    assertTrue(trailingZeros.out().contains("rollout    12.5% -> buckets"), trailingZeros.out() + trailingZeros.err());
  }

  @Test
  void listsRejectEmptyEntriesAndAmbiguousVariants() {
    assertMistake("bucketproof: --observed has an empty entry (a stray comma?): 10,20,",
        "srm", "--observed", "10,20,", "--weights", "50,50");
    assertMistake("bucketproof: --weights has an empty entry (a stray comma?): 50,,50",
        "srm", "--observed", "10,20", "--weights", "50,,50");
    assertMistake("bucketproof: --observed must be whole numbers >= 0: 1e3", "srm", "--observed", "1e3,20", "--weights", "50,50");
    assertMistake("bucketproof: --weights must be decimal numbers >= 0 (such as 50, 12.5 or 1e3): 0x1p2",
        "srm", "--observed", "10,20", "--weights", "0x1p2,50");
    assertMistake("bucketproof: --variants must be NAME:WEIGHT, with one ':': a:50:1",
        "explain", "--flag", "f", "--rollout", "5", "--variants", "a:50:1,b:50", "u");
    assertMistake("bucketproof: --variants has an empty entry (a stray comma?): a:50,",
        "explain", "--flag", "f", "--rollout", "5", "--variants", "a:50,", "u");
  }

  @Test
  void aRepeatedHasherOrPopulationIsAnError() {
    assertMistake("bucketproof: --hasher lists bucketproof:murmur3_x86_32 twice", "report", "--quiet",
        "--population", "uuid", "--users", "100", "--hasher", "bucketproof:murmur3_x86_32", "bucketproof:murmur3_x86_32",
        "--out", directory.resolve("site").toString());
    assertMistake("bucketproof: --population lists uuid twice", "report", "--quiet", "--population", "uuid,uuid",
        "--users", "100", "--out", directory.resolve("site").toString());
    assertMistake("bucketproof: --hasher has an empty entry (a stray comma?): bucketproof:murmur3_x86_32,", "report",
        "--quiet", "--hasher", "bucketproof:murmur3_x86_32,", "--out", directory.resolve("site").toString());
    assertFalse(Files.exists(directory.resolve("site")), "nothing written");
  }

  static void assertMistake(String message, String... args) {
    BucketproofCliTest.Result result = BucketproofCliTest.run(args);
    assertEquals(2, result.code(), String.join(" ", args) + " -> " + result.out() + result.err());
    assertEquals(message, result.err().strip(), String.join(" ", args));
  }
}
