package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.reports.assignments.AssignmentFindings.RejectedLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The formats an export comes in, and every kind of bad input: a clear error or a line-numbered
 * reject.
 */
class AssignmentFileTest {
  private static final int USERS = 10_000;

  @TempDir Path directory;

  private static List<Exports.Row> mixedRows() {
    List<Exports.Row> rows =
        new ArrayList<>(Exports.rollout(Bucketer.standard(), "new-checkout", 5, USERS));
    rows.addAll(
        Exports.split(
            Bucketer.standard(),
            VariantSplit.of("exp_12345", new Variant("control", 50), new Variant("treatment", 50)),
            USERS));
    return rows;
  }

  private static AssignmentFindings audit(Path file) throws IOException {
    return AssignmentFile.audit(file, Columns.guess(), AssignmentSettings.defaults(), lines -> {});
  }

  /**
   * The numbers that must not depend on the format: rows, rejects, and each flag's best rule and
   * counts.
   */
  private static String summary(AssignmentFindings findings) {
    StringBuilder text =
        new StringBuilder(
            findings.rowsAudited() + " rows, " + findings.rejects().total() + " rejected");
    for (var flag : findings.flags()) {
      text.append("; ")
          .append(flag.flagKey())
          .append(' ')
          .append(flag.enabledCount())
          .append(' ')
          .append(flag.variantCounts())
          .append(' ')
          .append(flag.best().rule())
          .append(' ')
          .append(flag.best().rowsMatched());
    }
    return text.toString();
  }

  @Test
  void csvTsvJsonLinesGzipAndCrlfGiveTheSameFindings() throws IOException {
    List<Exports.Row> rows = mixedRows();
    String expected = summary(audit(Exports.write(directory, "a.csv", Exports.csv(rows, "\n"))));
    assertTrue(expected.startsWith(2 * USERS + " rows, 0 rejected"), expected);
    assertEquals(
        expected,
        summary(audit(Exports.write(directory, "b.csv", Exports.csv(rows, "\r\n")))),
        "CRLF");
    assertEquals(
        expected, summary(audit(Exports.write(directory, "c.tsv", Exports.tsv(rows)))), "TSV");
    assertEquals(
        expected,
        summary(audit(Exports.write(directory, "d.jsonl", Exports.jsonLines(rows)))),
        "JSON lines");
    // Gzip is recognised by its magic bytes, not by the name.
    assertEquals(
        expected,
        summary(audit(Exports.gzip(directory, "e.csv", Exports.csv(rows, "\n")))),
        "gzip CSV");
    assertEquals(
        expected,
        summary(audit(Exports.gzip(directory, "f.txt", Exports.jsonLines(rows)))),
        "gzip JSON lines");
    // A byte-order mark before the header is skipped.
    assertEquals(
        expected,
        summary(audit(Exports.write(directory, "g.csv", "\uFEFF" + Exports.csv(rows, "\n")))),
        "BOM");
  }

  @Test
  void quotedFieldsAndOverriddenColumnsAreRead() throws IOException {
    Path file =
        Exports.write(
            directory,
            "quoted.csv",
            "customer,experiment,arm,when\n"
                + "\"a,b\",exp,treatment,1\n"
                + "\"say \"\"hi\"\"\",exp,control,2\n");
    AssignmentFindings findings =
        AssignmentFile.audit(
            file,
            new Columns("customer", null, "arm:variant"),
            AssignmentSettings.defaults(),
            lines -> {});
    assertEquals(2, findings.rowsAudited());
    assertEquals(Map.of("treatment", 1L, "control", 1L), findings.flags().get(0).variantCounts());
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AssignmentFile.audit(
                    file,
                    new Columns("client", null, null),
                    AssignmentSettings.defaults(),
                    lines -> {}));
    assertTrue(
        error
            .getMessage()
            .contains(
                "no column client (--user-column) in the header: customer, experiment, arm, when"),
        error.getMessage());
  }

  @Test
  void anEmptyFileIsAnErrorNamingIt() throws IOException {
    Path file = Exports.write(directory, "empty.csv", "");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> audit(file));
    assertEquals(
        file + " is empty: expected a header row (CSV or TSV) or JSON lines", error.getMessage());
  }

  @Test
  void aHeaderWithoutRowsIsAnError() throws IOException {
    Path file = Exports.write(directory, "header.csv", "user_id,flag,enabled\r\n");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> audit(file));
    assertEquals(file + " has a header but no rows", error.getMessage());
  }

  @Test
  void aHeaderWithoutAnOutcomeColumnIsAnErrorListingTheHeader() throws IOException {
    Path file =
        Exports.write(directory, "no-outcome.csv", "user_id,flag,timestamp\nu1,f,2026-01-01\n");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> audit(file));
    assertEquals(
        file
            + ": no outcome column in the header: expected enabled, variant (variation, treatment) or bucket,"
            + " or --outcome-column NAME[:enabled|variant|bucket]; header: user_id, flag, timestamp",
        error.getMessage());
    Path noUser = Exports.write(directory, "no-user.csv", "who,flag,enabled\nu1,f,true\n");
    IllegalArgumentException missingUser =
        assertThrows(IllegalArgumentException.class, () -> audit(noUser));
    assertTrue(
        missingUser
            .getMessage()
            .contains(
                "no user column in the header: expected one of user_id, userId, user, id,"
                    + " key, targeting_key (or --user-column); header: who, flag, enabled"),
        missingUser.getMessage());
  }

  /**
   * Returns a CSV of {@code USERS} good rows with {@code bad} inserted as data rows at the given
   * indexes.
   */
  private Path withBadRows(String name, List<Integer> at, List<byte[]> bad) throws IOException {
    List<Exports.Row> rows = Exports.rollout(Bucketer.standard(), "new-checkout", 5, USERS);
    String[] lines = Exports.csv(rows, "\n").split("\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int inserted = 0;
    for (int i = 0; i < lines.length; i++) {
      while (inserted < at.size() && at.get(inserted) == i) {
        out.write(bad.get(inserted++));
        out.write('\n');
      }
      out.write(lines[i].getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    Path file = directory.resolve(name);
    Files.write(file, out.toByteArray());
    return file;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void unknownOutcomeValuesAreRejectedWithTheirLineNumbers() throws IOException {
    Path file =
        withBadRows(
            "unknown.csv",
            List.of(10, 500, 9_000),
            List.of(
                bytes("u1,new-checkout,maybe,,"),
                bytes("u2,new-checkout,,,twelve"),
                bytes("u3,new-checkout,,,")));
    AssignmentFindings findings = audit(file);
    assertEquals(USERS, findings.rowsAudited());
    assertEquals(3, findings.rejects().total());
    assertEquals(
        List.of(
            new RejectedLine(11, "enabled must be true/false, 1/0 or on/off: 'maybe'"),
            new RejectedLine(502, "bucket must be an integer >= 0: 'twelve'"),
            new RejectedLine(9_003, "no outcome: enabled, variant and bucket are all empty")),
        findings.rejects().first());
    assertEquals(
        USERS + 4, findings.linesRead(), "lines read = header + rows audited + lines rejected");
  }

  @Test
  void mixedColumnCountsInvalidUtf8AndBlankLinesAreRejectedWithTheirLineNumbers()
      throws IOException {
    byte[] invalid = Arrays.copyOf(bytes("u9,new-checkout,true,,"), 23);
    invalid[21] = (byte) 0xC3; // a UTF-8 lead byte without its continuation
    invalid[22] = (byte) 0x28;
    Path file =
        withBadRows(
            "mixed.csv",
            List.of(3, 4, 7, 7),
            List.of(
                bytes("u1,new-checkout,true"),
                bytes("u2,new-checkout,true,,,extra"),
                invalid,
                bytes("")));
    AssignmentFindings findings = audit(file);
    assertEquals(
        List.of(
            new RejectedLine(4, "3 fields, the header has 5"),
            new RejectedLine(6, "6 fields, the header has 5"),
            new RejectedLine(10, "not valid UTF-8"),
            new RejectedLine(11, "blank line")),
        findings.rejects().first());
    assertEquals(
        Map.of("wrong number of fields", 2L, "invalid UTF-8", 1L, "blank line", 1L),
        Map.copyOf(findings.rejects().byReason()));
    assertEquals(USERS, findings.rowsAudited());
  }

  @Test
  void aMostlyUnreadableFileIsAnErrorNotAReport() throws IOException {
    StringBuilder text = new StringBuilder("user_id,flag,enabled\n");
    for (int i = 0; i < 10; i++) {
      text.append("u").append(i).append(",f,true\n");
    }
    for (int i = 0; i < 11; i++) {
      text.append("u").append(i).append(",f,yes please\n");
    }
    Path file = Exports.write(directory, "mostly-bad.csv", text.toString());
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> audit(file));
    assertEquals(
        "mostly-bad.csv is mostly unreadable: 11 rows rejected, 10 used; line 12: enabled must be true/false,"
            + " 1/0 or on/off: 'yes please', line 13: enabled must be true/false, 1/0 or on/off: 'yes please', line 14:"
            + " enabled must be true/false, 1/0 or on/off: 'yes please'",
        error.getMessage());
  }

  @Test
  void aTruncatedGzipIsAnErrorNamingTheFile() throws IOException {
    List<Exports.Row> rows = mixedRows();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
      out.write(Exports.csv(rows, "\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = compressed.toByteArray();
    Path file = directory.resolve("truncated.csv.gz");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    IOException error = assertThrows(IOException.class, () -> audit(file));
    assertTrue(
        error.getMessage().startsWith(file + ": the gzip data ends early after line "),
        error.getMessage());
    assertTrue(error.getMessage().endsWith(" (a truncated file?)"), error.getMessage());
  }

  @Test
  void malformedJsonLinesAreRejectedWithTheirLineNumbers() throws IOException {
    Path file =
        Exports.write(
            directory,
            "bad.jsonl",
            "{\"user\":\"u1\",\"flag\":\"f\",\"enabled\":true}\n"
                + "{\"user\":\"u2\",\"flag\":\"f\",\"enabled\":tru}\n"
                + "[1,2]\n"
                + "{\"user\":\"u3\",\"flag\":\"f\"}\n"
                + "{\"user\":\"u4\",\"flag\":\"f\",\"variant\":\"on\"}\n"
                + "{\"user\":\"u5\",\"flag\":\"f\",\"enabled\":0}\n"
                + "{\"user\":\"u6\",\"flag\":\"f\",\"enabled\":\"off\"}\n"
                + "{\"user\":\"u7\",\"flag\":\"f\",\"enabled\":1}\n");
    AssignmentFindings findings = audit(file);
    assertEquals(5, findings.rowsAudited());
    List<Long> lines = findings.rejects().first().stream().map(RejectedLine::line).toList();
    assertEquals(List.of(2L, 3L, 4L), lines, findings.rejects().toString());
    assertTrue(
        findings.rejects().first().get(0).reason().startsWith("malformed JSON: "),
        findings.rejects().toString());
  }
}
