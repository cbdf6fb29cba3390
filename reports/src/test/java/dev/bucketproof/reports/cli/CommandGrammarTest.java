package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One command-line grammar (issue 20) and every option honoured or refused (issue 18, groups 1 and
 * 3): each case below was accepted silently, or died with another library's message, before.
 */
class CommandGrammarTest {
  @TempDir Path directory;

  private static void assertRefused(BucketproofCliTest.Result result, String... parts) {
    assertEquals(2, result.code(), result.out() + result.err());
    String err = result.err().strip();
    assertFalse(err.contains("\tat "), err);
    for (String part : parts) {
      assertTrue(err.contains(part), "expected [" + part + "] in: " + err);
    }
  }

  @Test
  void everyCommandTakesTheSameTextForANumber() {
    for (String text : List.of("1e1", "0x1p2", "5d", "NaN", "0,05", "Infinity")) {
      assertRefused(
          BucketproofCliTest.run("power", "--rollout", text, "--users", "1000"),
          "option '--rollout'",
          "not a plain decimal");
      assertRefused(
          BucketproofCliTest.run("bucket", "--flag", "f", "--rollout", text, "u1"), "--rollout");
    }
    assertRefused(
        BucketproofCliTest.run("power", "--rollout", "5", "--users", "1e3"),
        "option '--users'",
        "not a whole number");
    assertRefused(BucketproofCliTest.run("report", "--buckets", "0x10"), "option '--buckets'");
  }

  @Test
  void plannerAndTestInputsOutsideTheirRangeAreRefusedBeforeAnyWork() {
    assertRefused(
        BucketproofCliTest.run("power", "--buckets", "100", "--deviation", "0.000000001"),
        "--deviation must be within [0.1, 1000]");
    assertRefused(
        BucketproofCliTest.run(
            "power", "--weights", "1" + "0".repeat(308) + ",1", "--users", "1000"),
        "--weights must be within [0, 1000000000000000]");
    assertRefused(
        BucketproofCliTest.run(
            "srm", "--observed", "10,20", "--weights", "1" + "0".repeat(308) + ",1"),
        "--weights must be within [0, 1000000000000000]");
    assertRefused(
        BucketproofCliTest.run(
            "report",
            "--alpha",
            "0." + "0".repeat(299) + "1",
            "--users",
            "10",
            "--population",
            "uuid",
            "--out",
            "site"),
        "--alpha must be within [0.000000001, 0.5]");
    BucketproofCliTest.Result srm =
        BucketproofCliTest.run("srm", "--observed", "10,20", "--weights", "1,1", "--alpha", "0.9");
    assertRefused(srm, "--alpha must be within [0.000000001, 0.5]: 0.9");
  }

  @Test
  void srmTakesAlphaAndKeepsThresholdAsAnAliasWithANote() {
    BucketproofCliTest.Result alpha =
        BucketproofCliTest.run("srm", "--observed", "50,50", "--weights", "1,1", "--alpha", "0.01");
    assertEquals(0, alpha.code(), alpha.err());
    assertEquals("", alpha.err());
    BucketproofCliTest.Result threshold =
        BucketproofCliTest.run(
            "srm", "--observed", "50,50", "--weights", "1,1", "--threshold", "0.01");
    assertEquals(alpha.out(), threshold.out());
    assertEquals(
        "bucketproof: note: --threshold is now --alpha; the old name keeps working",
        threshold.err().strip());
  }

  @Test
  void compareTakesARolloutOrASplitNotBoth() {
    assertRefused(
        BucketproofCliTest.run(
            "compare",
            "--from",
            "unleash",
            "--to",
            "flagd",
            "--flag",
            "f",
            "--rollout",
            "5",
            "--variants",
            "on:50,off:50",
            "--population",
            "uuid",
            "--users",
            "10"),
        "exactly one of --rollout or --variants: both given");
  }

  private Path export() throws IOException {
    StringBuilder csv = new StringBuilder("user,flag,enabled\n");
    Bucketer bucketer = Bucketer.standard();
    for (int i = 0; i < 200; i++) {
      csv.append("u").append(i).append(",f,").append(bucketer.bucket("f", "u" + i) < 50);
      csv.append('\n');
    }
    return Files.writeString(directory.resolve("export.csv"), csv);
  }

  @Test
  void theAssignmentsAuditRefusesEveryOptionItDoesNotUse() throws IOException {
    String export = export().toString();
    String out = directory.resolve("site").toString();
    for (List<String> option :
        List.of(
            List.of("--profile", "nope"),
            List.of("--profile", "unleash"),
            List.of("--max-id-bytes", "3"),
            List.of("--seed", "zz"),
            List.of("--salt", "s"),
            List.of("--charset", "bogus"),
            List.of("--encoding", "bogus"),
            List.of("--algorithm", "bogus"),
            List.of("--group-id", "g"))) {
      String[] args =
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of("report", "--assignments", export, "--out", out),
                  option.stream())
              .toArray(String[]::new);
      assertRefused(
          BucketproofCliTest.run(args),
          option.get(0) + " is not used by the assignments audit, so report refuses it");
      assertFalse(Files.exists(Path.of(out)), "nothing written for " + option);
    }
  }

  @Test
  void auditAssignmentsIsItsOwnCommandAndTheOldFormSaysSo() throws IOException {
    String export = export().toString();
    BucketproofCliTest.Result command =
        BucketproofCliTest.run(
            "audit-assignments",
            "--assignments",
            export,
            "--out",
            directory.resolve("new").toString());
    BucketproofCliTest.Result old =
        BucketproofCliTest.run(
            "report", "--assignments", export, "--out", directory.resolve("old").toString());
    assertEquals(command.code(), old.code(), old.err());
    assertTrue(
        old.err()
            .strip()
            .endsWith(
                "bucketproof: note: report --assignments/--snapshots is now"
                    + " `bucketproof audit-assignments`; this form keeps working"),
        old.err());
    assertFalse(command.err().contains("note:"), command.err());
    for (String file : List.of("index.html", "report.json", "summary.md")) {
      assertEquals(
          Files.readString(directory.resolve("new").resolve(file)),
          Files.readString(directory.resolve("old").resolve(file)),
          file);
    }
    assertRefused(
        BucketproofCliTest.run("audit-assignments", "--out", "site"),
        "audit-assignments needs --assignments FILE or --snapshots DIR");
    assertRefused(
        BucketproofCliTest.run("audit-assignments", "--assignments", export, "--users", "10"),
        "Unknown options: '--users'");
  }
}
