package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --assignments}: the report, the exit codes, and bad input that writes nothing. */
class ReportAssignmentsTest {
  private static final int USERS = 5_000;

  @TempDir Path directory;

  /** Two 10% canaries over the same users, decided by {@code bucketer}. */
  private Path export(Bucketer bucketer, String name) throws IOException {
    StringBuilder csv = new StringBuilder("user_id,flag,enabled\n");
    for (String flag : new String[] {"canary-a", "canary-b"}) {
      RolloutGate gate = bucketer.rollout(Rollout.ofPercent(flag, 10));
      for (int i = 0; i < USERS; i++) {
        csv.append("user-")
            .append(i)
            .append(',')
            .append(flag)
            .append(',')
            .append(gate.isEnabled("user-" + i))
            .append('\n');
      }
    }
    return Files.writeString(directory.resolve(name), csv.toString(), StandardCharsets.UTF_8);
  }

  private Path flags() throws IOException {
    return Files.writeString(
        directory.resolve("flags.json"),
        "{\"canary-a\": {\"rollout\": 10}, \"canary-b\": {\"rollout\": 10}}");
  }

  @Test
  void aCorrectExportWritesTheReportAndExitsZero() throws IOException {
    Path out = directory.resolve("site");
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            "report",
            "--assignments",
            export(Bucketer.standard(), "good.csv").toString(),
            "--flags",
            flags().toString(),
            "--out",
            out.toString());
    assertEquals(0, result.code(), result.err());
    assertTrue(
        result
            .err()
            .contains(
                "  10,001 lines read = 10,000 rows audited + 0 rejected + 1 header\n"
                    + "  PASS 3 gates passed\n"),
        result.err());
    assertTrue(
        result.err().contains("canary-a: 100.00% of 5,000 rows match salted murmur3_x86_32"),
        result.err());
    String json = Files.readString(out.resolve("report.json"));
    assertTrue(json.contains("\"kind\": \"assignments\""), json);
    assertTrue(json.contains("\"best\": \"salted murmur3_x86_32\""), json);
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("100.00% of 5,000 rows match salted murmur3_x86_32"), html);
    assertTrue(
        Files.readString(out.resolve("summary.md")).contains("| canary-b | 5,000 | 1/1 ✅ |"));
  }

  @Test
  void anUnsaltedExportFailsIndependenceAndExitsOne() throws IOException {
    Path out = directory.resolve("site");
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            "report",
            "--assignments",
            export(Bucketer.builder().unsalted().build(), "unsalted.csv").toString(),
            "--flags",
            flags().toString(),
            "--out",
            out.toString());
    assertEquals(1, result.code(), result.err());
    assertTrue(result.err().contains("  FAIL 1 gate failed:\n"), result.err());
    assertTrue(result.err().contains("    independence canary-a x canary-b | "), result.err());
    assertTrue(
        result.err().contains("flags canary-a and canary-b enable the same users: overlap"),
        result.err());
    assertTrue(Files.exists(out.resolve("index.html")), "the report is written when a gate fails");
  }

  @Test
  void badInputIsOneLineWithExitTwoAndNothingWritten() throws IOException {
    Path out = directory.resolve("site");
    Path empty = Files.writeString(directory.resolve("empty.csv"), "");
    Path badFlags =
        Files.writeString(
            directory.resolve("bad.json"), "{\"canary-a\": {\"rollout\": 5, \"salt\": \"x\"}}");
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(Files.readAllBytes(export(Bucketer.standard(), "whole.csv")));
    }
    Path truncated =
        Files.write(
            directory.resolve("truncated.csv.gz"),
            Arrays.copyOf(compressed.toByteArray(), compressed.size() / 2));
    String[][] cases = {
      {"--assignments", empty.toString()},
      {"--assignments", truncated.toString()},
      {
        "--assignments",
        export(Bucketer.standard(), "x.csv").toString(),
        "--flags",
        badFlags.toString()
      },
      {"--assignments", export(Bucketer.standard(), "y.csv").toString(), "--ids", empty.toString()},
      {"--flags", flags().toString()},
      {"--assignments", directory.resolve("missing.csv").toString()},
    };
    String[] expected = {
      "bucketproof: " + empty + " is empty: expected a header row (CSV or TSV) or JSON lines",
      "bucketproof: " + truncated + ": the gzip data ends early after line ",
      "bucketproof: "
          + badFlags
          + ": flag canary-a: unknown key salt (known: rollout, weights, buckets, profiles)",
      "bucketproof: --ids is not used by the assignments audit, so report refuses it with --assignments ",
      "bucketproof: --flags, --user-column, --flag-column, --outcome-column and --time-column need"
          + " --assignments FILE",
      "bucketproof: no such file: " + directory.resolve("missing.csv"),
    };
    for (int i = 0; i < cases.length; i++) {
      String[] args = new String[cases[i].length + 3];
      args[0] = "report";
      System.arraycopy(cases[i], 0, args, 1, cases[i].length);
      args[args.length - 2] = "--out";
      args[args.length - 1] = out.toString();
      BucketproofCliTest.Result result = BucketproofCliTest.run(args);
      assertEquals(2, result.code(), Arrays.toString(args) + ": " + result.err());
      assertTrue(result.err().startsWith(expected[i]), Arrays.toString(args) + ": " + result.err());
      assertEquals(1, result.err().split("\n").length, "one line: " + result.err());
      assertFalse(Files.exists(out), "nothing written for " + Arrays.toString(args));
    }
  }
}
