package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.text.Display;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, group 5: untrusted text (ids, flag keys, file names, option values, CSV headers) never
 * reaches a terminal, a JSON line or a report raw. ESC ({@code \e[31m}) and U+202E (the
 * Trojan-Source override) are the two probes; each output shows them as <code>&#92;u001b</code> and
 * <code>&#92;u202e</code>.
 */
class DisplayPolicyTest {
  private static final String ESC = "\u001b[31m";
  private static final String RLO = "\u202e";

  @TempDir Path directory;

  /** Fails when {@code text} holds a character the display policy never shows raw. */
  static void assertNothingHidden(String where, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\n' && c != '\r' && c != '\t' && Display.isHidden(c)) {
        throw new AssertionError(
            where + ": raw " + Display.unicodeEscape(c) + " at " + i + " in " + text);
      }
    }
  }

  private static void assertShownOnStderr(BucketproofCliTest.Result result, String escape) {
    assertTrue(result.code() != 0, result.out() + result.err());
    assertNothingHidden("stderr", result.err());
    assertTrue(result.err().contains(escape), "expected " + escape + " in " + result.err());
  }

  @Test
  void anUnknownHasherNameIsShownEscaped() {
    assertShownOnStderr(BucketproofCliTest.run("hash", "--hasher", ESC + "x", "a"), "\\u001b[31mx");
    assertShownOnStderr(
        BucketproofCliTest.run("hash", "--hasher", "x" + RLO + "y", "a"), "x\\u202ey");
  }

  @Test
  void aMissingFilesNameIsShownEscaped() {
    assertShownOnStderr(
        BucketproofCliTest.run(
            "report",
            "--ids",
            directory.resolve(ESC + "ids.txt").toString(),
            "--out",
            directory.resolve("site").toString()),
        "\\u001b[31mids.txt");
  }

  @Test
  void aCsvHeaderIsShownEscaped() throws IOException {
    Path export =
        Files.writeString(
            directory.resolve("a.csv"), "us" + ESC + "er,fl" + RLO + "ag,enabled\nu1,a,true\n");
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            "report",
            "--quiet",
            "--assignments",
            export.toString(),
            "--out",
            directory.resolve("site").toString());
    assertShownOnStderr(result, "\\u001b[31m");
  }

  @Test
  void aFlagsJsonKeyIsShownEscaped() throws IOException {
    Path export = Files.writeString(directory.resolve("a.csv"), "user,flag,enabled\nu1,a,true\n");
    Path flags =
        Files.writeString(
            directory.resolve("flags.json"),
            "{\"a\": {\"rollout\": 50}, \"b" + RLO + "\\u001b[31m\": {\"rollout\": 5}}");
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            "report",
            "--assignments",
            export.toString(),
            "--flags",
            flags.toString(),
            "--out",
            directory.resolve("site").toString());
    assertNothingHidden("stderr", result.err());
    assertTrue(result.err().contains("b\\u202e\\u001b[31m"), result.err());
  }

  @Test
  void anOutNameIsShownEscaped() throws IOException {
    Path file = Files.writeString(directory.resolve(ESC + "file"), "x");
    assertShownOnStderr(
        BucketproofCliTest.run(
            "report",
            "--population",
            "uuid",
            "--users",
            "10",
            "--out",
            file.resolve("site").toString()),
        "\\u001b[31mfile");
  }

  @Test
  void bucketAndHashJsonLinesEscapeBidiControlsOnBothPaths() {
    for (String[] args :
        List.of(
            new String[] {"bucket", "--flag", "f"},
            new String[] {"hash", "--hasher", "bucketproof:murmur3_x86_32"})) {
      String id = "user" + RLO + "gnp.exe\u0085\u2066";
      BucketproofCliTest.Result typed = BucketproofCliTest.run(concat(args, id));
      BucketproofCliTest.Result piped =
          BucketproofCliTest.run((id + "\n").getBytes(StandardCharsets.UTF_8), args);
      assertEquals(0, typed.code(), typed.err());
      assertEquals(typed.out(), piped.out(), "the byte path and the string path agree");
      assertNothingHidden(args[0], typed.out());
      assertTrue(typed.out().contains("user\\u202egnp.exe\\u0085\\u2066"), typed.out());
    }
  }

  @Test
  void theAssignmentsReportEscapesIdsAndFlagKeysEverywhere() throws IOException {
    StringBuilder csv = new StringBuilder("user,flag,enabled\n");
    for (int i = 0; i < 40; i++) {
      csv.append("u").append(RLO).append(i).append(",fl").append(RLO).append("ag,");
      csv.append(i % 2 == 0).append('\n');
    }
    Path export = Files.writeString(directory.resolve("a.csv"), csv);
    Path out = directory.resolve("site");
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            "report", "--assignments", export.toString(), "--out", out.toString());
    assertNothingHidden("stderr", result.err());
    for (String file : List.of("index.html", "summary.md", "report.json")) {
      String text = Files.readString(out.resolve(file), StandardCharsets.UTF_8);
      assertFalse(text.contains(RLO), file + " holds a raw U+202E");
      assertTrue(text.contains("fl\\u202eag"), file + " shows the flag key escaped");
    }
  }

  private static String[] concat(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }
}
