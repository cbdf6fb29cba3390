package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  static void assertMistake(String message, String... args) {
    BucketproofCliTest.Result result = BucketproofCliTest.run(args);
    assertEquals(2, result.code(), String.join(" ", args) + " -> " + result.out() + result.err());
    assertEquals(message, result.err().strip(), String.join(" ", args));
  }
}
