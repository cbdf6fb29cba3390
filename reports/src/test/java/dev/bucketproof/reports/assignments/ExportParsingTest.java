package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.AssignmentFindings.RejectedLine;
import dev.bucketproof.reports.assignments.Columns.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the lines of an export become rows, on small files whose rows and rejects are known: every
 * file is read both ways the command line reads it, by the byte path of the ranges and by the text
 * path of the sequential (gzip) reader, and both must give the rows and the rejects written here.
 */
class ExportParsingTest {
  @TempDir Path directory;

  private static AssignmentSettings settings() {
    return AssignmentSettings.defaults().withCandidates(List.of());
  }

  /** Reads {@code text} by ranges and sequentially; returns the findings once both agree. */
  private AssignmentFindings read(String text, Columns columns) throws IOException {
    Path file = Exports.write(directory, "export-" + text.hashCode() + ".csv", text);
    AssignmentFindings ranges =
        AssignmentFile.audit(file, columns, settings(), lines -> {}, 1, 2, Long.MAX_VALUE);
    AssignmentFindings sequential =
        AssignmentFile.sequential(file, columns, settings(), lines -> {});
    assertEquals(sequential.rejects(), ranges.rejects(), "rejects, text path vs byte path");
    assertEquals(summary(sequential), summary(ranges), "rows, text path vs byte path");
    return sequential;
  }

  private AssignmentFindings read(String text) throws IOException {
    return read(text, Columns.guess());
  }

  /** Per flag: rows, enabled count, variant counts and bucket histogram. */
  private static String summary(AssignmentFindings findings) {
    StringBuilder text = new StringBuilder(findings.rowsAudited() + " rows");
    for (var flag : findings.flags()) {
      text.append("; ")
          .append(flag.flagKey())
          .append(": ")
          .append(flag.rows())
          .append(" rows, ")
          .append(flag.enabledCount())
          .append(" of ")
          .append(flag.enabledRows())
          .append(" enabled, ")
          .append(flag.variantCounts())
          .append(", ")
          .append(Arrays.toString(flag.bucketCounts()));
    }
    return text.toString();
  }

  private static List<RejectedLine> rejects(AssignmentFindings findings) {
    return findings.rejects().first();
  }

  private String errorOf(String name, byte[] bytes) throws IOException {
    Path file = directory.resolve(name);
    Files.write(file, bytes);
    return assertThrows(
            IllegalArgumentException.class,
            () -> AssignmentFile.audit(file, Columns.guess(), settings(), lines -> {}))
        .getMessage()
        .replace(file.toString(), "FILE");
  }

  // --- CSV and TSV ------------------------------------------------------------------------------

  @Test
  void quotedFieldsKeepDelimitersQuotesAndTextAfterTheClosingQuote() throws IOException {
    AssignmentFindings findings =
        read(
            "user_id,flag,variant\n"
                + "\"u,1\",f,\"a\"\"b\"\n"
                + "u2,f,\"a\"x\n"
                + "u3,\"f\",\"c\"\n"
                + "\"u4\"tail,f,c\n"
                + "u5,f,\"a\"\"b\"");
    assertEquals("5 rows; f: 5 rows, 0 of 0 enabled, {a\"b=2, ax=1, c=2}, []", summary(findings));
  }

  @Test
  void anUnterminatedQuoteRejectsTheRowAndFailsTheHeader() throws IOException {
    AssignmentFindings findings =
        read("user_id,flag,enabled\nu1,f,true\n\"u2,f,true\nu3,f,\"false\n" + "u4,f,false\n");
    assertEquals(
        List.of(
            new RejectedLine(3, "unterminated quote (a field with a line break is not supported)"),
            new RejectedLine(4, "unterminated quote (a field with a line break is not supported)")),
        rejects(findings));
    assertEquals(Map.of("unterminated quote", 2L), findings.rejects().byReason());
    assertEquals(
        "FILE: the header has an unterminated quote: user_id,\"flag,enabled",
        errorOf(
            "header.csv", "user_id,\"flag,enabled\nu,f,true\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void tsvTakesQuotesLiterally() throws IOException {
    AssignmentFindings findings = read("user_id\tflag\tvariant\n\"u1\tf\t\"a,b\"\nu2\tf\tc\n");
    assertEquals("2 rows; f: 2 rows, 0 of 0 enabled, {\"a,b\"=1, c=1}, []", summary(findings));
  }

  @Test
  void rowsWithAnotherNumberOfFieldsAreRejectedWithBothCounts() throws IOException {
    AssignmentFindings findings =
        read(
            "user_id,flag,enabled\nu1,f,true\nu2,f\nu3,f,true,x,y\n\"u4\",f,true,z\nu5,f,true\n"
                + "u6,f,true\n");
    assertEquals(
        List.of(
            new RejectedLine(3, "2 fields, the header has 3"),
            new RejectedLine(4, "5 fields, the header has 3"),
            new RejectedLine(5, "4 fields, the header has 3")),
        rejects(findings));
    assertEquals(3, findings.rowsAudited());
  }

  @Test
  void outcomesAreParsedAfterStrippingAndInAnyCase() throws IOException {
    AssignmentFindings findings =
        read(
            "user_id,flag,enabled,bucket\n"
                + "u1,f,TRUE,\n"
                + "u2,f, On ,\n"
                + "u3,f,1, 3 \n"
                + "u4,f,false,\n"
                + "u5,f,Off,\n"
                + "u6,f,0,\n"
                + "u7,f,,0\n"
                + "u8,f,  ,99\n"
                + "u9,f,yes,\n"
                + "u10,f,,-1\n"
                + "u11,f,,4294967296\n"
                + "u12,f,,1.5\n");
    var flag = findings.flags().get(0);
    assertEquals(6, flag.enabledRows());
    assertEquals(3, flag.enabledCount());
    assertEquals(1, flag.bucketCounts()[0]);
    assertEquals(1, flag.bucketCounts()[3]);
    assertEquals(1, flag.bucketCounts()[99]);
    assertEquals(
        List.of(
            new RejectedLine(10, "enabled must be true/false, 1/0 or on/off: 'yes'"),
            new RejectedLine(11, "bucket must be an integer >= 0: '-1'"),
            new RejectedLine(12, "bucket must be an integer >= 0: '4294967296'"),
            new RejectedLine(13, "bucket must be an integer >= 0: '1.5'")),
        rejects(findings));
  }

  @Test
  void parseEnabledKnowsSixSpellingsInAnyCase() {
    for (String on : List.of("true", "True", "1", "on", "ON")) {
      assertEquals(Boolean.TRUE, AssignmentFile.parseEnabled(on), on);
    }
    for (String off : List.of("false", "FALSE", "0", "off", "Off")) {
      assertEquals(Boolean.FALSE, AssignmentFile.parseEnabled(off), off);
    }
    for (String neither : List.of("yes", "no", "2", "t", "")) {
      assertNull(AssignmentFile.parseEnabled(neither), neither);
    }
  }

  @Test
  void rowsWithoutAUserFlagOrOutcomeAreRejectedByName() throws IOException {
    AssignmentFindings findings =
        read("user_id,flag,variant\n,f,a\nu2,,a\nu3,f,\nu4,f, \nu5,f,a\nu6,f,a\nu7,f,b\nu8,f,b\n");
    assertEquals(
        List.of(
            new RejectedLine(2, "no user id"),
            new RejectedLine(3, "no flag key"),
            new RejectedLine(4, "no outcome: enabled, variant and bucket are all empty"),
            new RejectedLine(5, "no outcome: enabled, variant and bucket are all empty")),
        rejects(findings));
    assertEquals(
        Map.of("no user", 1L, "no flag", 1L, "no outcome", 2L), findings.rejects().byReason());
  }

  @Test
  void moreThanSixteenFlagsInTurnAreEachCountedUnderTheirOwnKey() throws IOException {
    // The byte path keeps the last 16 distinct values of a field; 20 flags of one length in
    // turn replace each other round-robin, and every row must still land under its own flag.
    StringBuilder text = new StringBuilder("user_id,flag,variant\n");
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (int round = 0; round < 3; round++) {
      for (int flag = 0; flag < 20; flag++) {
        String key = String.format("f%02d", flag);
        text.append("u")
            .append(round)
            .append(',')
            .append(key)
            .append(",v")
            .append(flag % 3)
            .append('\n');
        expected.merge(key, 1, Integer::sum);
      }
    }
    AssignmentFindings findings = read(text.toString());
    assertEquals(20, findings.flags().size());
    for (var flag : findings.flags()) {
      assertEquals(3, flag.rows(), flag.flagKey());
      int index = Integer.parseInt(flag.flagKey().substring(1));
      assertEquals(Map.of("v" + index % 3, 3L), flag.variantCounts(), flag.flagKey());
    }
    assertEquals(
        List.copyOf(expected.keySet()), findings.flags().stream().map(f -> f.flagKey()).toList());
  }

  @Test
  void recentTextsGiveBackTheStringOfTheSameBytes() {
    var recent = new AssignmentFile.DelimitedRowParser.RecentTexts();
    byte[] line = "ab,abc,ab,ba".getBytes(StandardCharsets.UTF_8);
    String first = recent.text(line, 0, 2);
    assertEquals("ab", first);
    assertEquals("abc", recent.text(line, 3, 3));
    assertTrue(first == recent.text(line, 7, 2), "the same bytes give the same String");
    assertEquals("ba", recent.text(line, 10, 2));
    for (int i = 0; i < 20; i++) {
      byte[] other = ("x" + i).getBytes(StandardCharsets.UTF_8);
      assertEquals("x" + i, recent.text(other, 0, other.length));
    }
    assertEquals("ab", recent.text(line, 0, 2), "replaced round-robin, decoded again");
  }

  @Test
  void theSplitterReturnsFalseOnlyForAnOpenQuote() {
    List<String> out = new ArrayList<>();
    assertTrue(AssignmentFile.DelimitedRowParser.split("a,,\"\"", ',', out));
    assertEquals(List.of("a", "", ""), out);
    assertTrue(AssignmentFile.DelimitedRowParser.split("\"x\"y", ',', out));
    assertEquals(List.of("xy"), out);
    assertTrue(AssignmentFile.DelimitedRowParser.split("a,", ',', out));
    assertEquals(List.of("a", ""), out);
    assertFalse(AssignmentFile.DelimitedRowParser.split("\"", ',', out));
    assertFalse(AssignmentFile.DelimitedRowParser.split("a,\"b\"\"", ',', out));
    assertTrue(AssignmentFile.DelimitedRowParser.split("\"a\tb", '\t', out));
    assertEquals(List.of("\"a", "b"), out);
  }

  // --- columns ----------------------------------------------------------------------------------

  @Test
  void theFirstKnownNameOfARoleWinsWhateverItsPlace() {
    List<String> names = List.of("id", "Feature", "USER-ID", "variation", "flag_key", "variant");
    int[] index = AssignmentFile.columnIndexes("src", names, Columns.guess());
    assertEquals(2, index[Role.USER.ordinal()], "user_id ranks before id");
    assertEquals(4, index[Role.FLAG.ordinal()], "flag_key ranks before feature");
    assertEquals(5, index[Role.VARIANT.ordinal()], "variant ranks before variation");
    assertEquals(-1, index[Role.ENABLED.ordinal()]);
    assertEquals(-1, index[Role.BUCKET.ordinal()]);
    assertEquals(-1, index[Role.TIME.ordinal()]);
  }

  @Test
  void anOverrideWinsAndTakesTheKnownNameOutOfItsRole() {
    List<String> names = List.of("user_id", "flag", "enabled", "customer", "exp", "arm", "when");
    int[] index =
        AssignmentFile.columnIndexes(
            "src", names, new Columns("Customer", "EXP", "arm:bucket", "WHEN"));
    assertEquals(3, index[Role.USER.ordinal()]);
    assertEquals(4, index[Role.FLAG.ordinal()]);
    assertEquals(5, index[Role.BUCKET.ordinal()]);
    assertEquals(-1, index[Role.ENABLED.ordinal()], "enabled is not read beside an override");
    assertEquals(6, index[Role.TIME.ordinal()]);
    assertNull(AssignmentFile.role("user_id", new Columns("customer", null, null)));
    assertEquals(Role.USER, AssignmentFile.role("user_id", new Columns(null, "exp", null)));
    assertNull(AssignmentFile.role("flag", new Columns(null, "exp", null)));
    assertNull(AssignmentFile.role("variant", new Columns(null, null, "arm")));
    assertEquals(Role.FLAG, AssignmentFile.role("flag", new Columns(null, null, "arm")));
    assertEquals(Role.VARIANT, AssignmentFile.role("arm", new Columns(null, null, "arm")));
    assertNull(AssignmentFile.role("timestamp", Columns.guess()));
  }

  @Test
  void aMissingColumnIsNamedWithTheOptionAndTheHeader() {
    List<String> names = List.of("user_id", "flag", "enabled");
    assertEquals(
        "src: no column exp (--flag-column) in the header: user_id, flag, enabled",
        assertThrows(
                IllegalArgumentException.class,
                () -> AssignmentFile.columnIndexes("src", names, new Columns(null, "exp", null)))
            .getMessage());
    assertEquals(
        "src: no column arm (--outcome-column) in the header: user_id, flag, enabled",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    AssignmentFile.columnIndexes(
                        "src", names, new Columns(null, null, "arm:variant")))
            .getMessage());
    assertEquals(
        "src: no flag column in the header: expected one of flag, flag_key, feature, experiment"
            + " (or --flag-column); header: user_id, enabled",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    AssignmentFile.columnIndexes(
                        "src", List.of("user_id", "enabled"), Columns.guess()))
            .getMessage());
  }

  @Test
  void columnsRefuseEmptyNamesAndUnknownKinds() {
    assertEquals(
        "a column name must not be empty",
        assertThrows(IllegalArgumentException.class, () -> new Columns(null, "", null))
            .getMessage());
    assertEquals(
        "a column name must not be empty",
        assertThrows(IllegalArgumentException.class, () -> Columns.guess().withTime(""))
            .getMessage());
    assertEquals(
        "--outcome-column kind must be enabled, variant or bucket: colour",
        assertThrows(IllegalArgumentException.class, () -> new Columns(null, null, "arm:colour"))
            .getMessage());
    // A suffix that is not a word is part of the name: the kind is implied.
    assertEquals(Role.VARIANT, Columns.outcomeRole("arm:2"));
    assertEquals("arm:2", new Columns(null, null, "arm:2").outcomeName());
    assertEquals(Role.ENABLED, Columns.outcomeRole("is-enabled"));
    assertEquals(Role.BUCKET, Columns.outcomeRole("Bucket"));
    assertEquals(Role.VARIANT, Columns.outcomeRole("treatment"));
    assertEquals(Role.ENABLED, Columns.outcomeRole("arm:Enabled"));
    assertEquals("arm", new Columns(null, null, "arm:Enabled").outcomeName());
    assertEquals(":bucket", new Columns(null, null, ":bucket").outcomeName());
    assertEquals(Role.VARIANT, Columns.outcomeRole(":bucket"));
    assertEquals(Role.TIME, AssignmentFile.role("When", Columns.guess().withTime("when")));
  }

  @Test
  void headerNamesIgnoreCaseUnderscoresDashesAndSpaces() {
    assertEquals("userid", Columns.normalize("User_ I-d"));
    assertEquals(0, Columns.rank("USER ID"));
    assertEquals(5, Columns.rank("targeting-key"));
    assertEquals(103, Columns.rank("Experiment"));
    assertEquals(201, Columns.rank("isEnabled"));
    assertEquals(302, Columns.rank("treatment"));
    assertEquals(400, Columns.rank("bucket"));
    assertEquals(-1, Columns.rank("buckets"));
    assertEquals(Role.BUCKET, Columns.known("BUCKET"));
    assertNull(Columns.known("time"));
  }

  // --- JSON lines -------------------------------------------------------------------------------

  @Test
  void jsonLinesRejectEachKindOfBadLineByName() throws IOException {
    AssignmentFindings findings =
        read(
            "{\"user\":\"u1\",\"flag\":\"f\",\"enabled\":true}\n"
                + "{\"user\":\"u2\",\"flag\":\"f\",\"enabled\":{\"x\":1}}\n"
                + "{\"user\":\"u3\",\"flag\":\"f\",\"variant\":[1]}\n"
                + "{\"user\":\"u4\",\"flag\":\"f\",\"enabled\":true} {\"a\":1}\n"
                + "\"u5\"\n"
                + "{\"user\":\"u6\",\"flag\":\"f\"}\n"
                + "{\"user\":\"u7\",\"user\":\"u8\",\"flag\":\"f\",\"enabled\":true}\n"
                + "{\"flag\":\"f\",\"enabled\":true}\n"
                + "{\"user\":\"u9\",\"flag\":\"f\",\"context\":{\"a\":[1,{\"b\":2}]},\"variant\":\"x\"}\n"
                + "{\"user\":\"u10\",\"flag\":\"f\",\"enabled\":null,\"variant\":\"y\"}\n"
                + "{\"user\":\"u11\",\"flag\":\"f\",\"bucket\":\"1\"}\n"
                + "{\"user\":\"u12\",\"flag\":\"f\",\"bucket\":2}\n"
                + "{\"user\":\"u13\",\"flag\":\"f\",\"enabled\":\"off\"}\n"
                + "{\"user\":\"u14\",\"flag\":\"f\",\"enabled\":0}\n");
    assertEquals(
        List.of(
            new RejectedLine(2, "key enabled holds an object or array"),
            new RejectedLine(3, "key variant holds an object or array"),
            new RejectedLine(4, "malformed JSON: text after the object"),
            new RejectedLine(5, "not a JSON object"),
            new RejectedLine(
                6, "no outcome key: expected enabled, variant (variation, treatment) or bucket"),
            new RejectedLine(7, "malformed JSON: Duplicate field 'user'"),
            new RejectedLine(8, "no user id")),
        rejects(findings).stream()
            .map(
                line ->
                    line.reason().startsWith("malformed JSON: Duplicate field 'user'")
                        ? new RejectedLine(line.line(), "malformed JSON: Duplicate field 'user'")
                        : line)
            .toList());
    assertFalse(rejects(findings).get(5).reason().contains("\n"), "only the message's first line");
    assertEquals(
        Map.of(
            "JSON value not a scalar", 2L,
            "malformed JSON", 2L,
            "not a JSON object", 1L,
            "no outcome", 1L,
            "no user", 1L),
        findings.rejects().byReason());
    var flag = findings.flags().get(0);
    assertEquals(7, flag.rows());
    assertEquals(3, flag.enabledRows());
    assertEquals(1, flag.enabledCount());
    assertEquals(Map.of("x", 1L, "y", 1L), flag.variantCounts());
    long[] buckets = new long[FlagSettings.DEFAULT_BUCKET_COUNT];
    buckets[1] = 1;
    buckets[2] = 1;
    assertEquals(Arrays.toString(buckets), Arrays.toString(flag.bucketCounts()));
  }

  @Test
  void jsonKeysFollowTheRanksAndTheOutcomeOverride() throws IOException {
    AssignmentFindings findings =
        read(
            "{\"id\":\"wrong\",\"user_id\":\"u1\",\"experiment\":\"e\",\"flag\":\"f\",\"arm\":\"a\",\"variant\":\"v\"}\n"
                + "{\"user_id\":\"u2\",\"flag\":\"f\",\"variant\":\"v\"}\n"
                + "{\"user_id\":\"u3\",\"flag\":\"f\",\"arm\":7}\n",
            new Columns(null, null, "arm"));
    assertEquals(
        List.of(
            new RejectedLine(
                2,
                "no outcome key: expected enabled, variant (variation, treatment) or bucket, or arm")),
        rejects(findings));
    assertEquals("2 rows; f: 2 rows, 0 of 0 enabled, {a=1, 7=1}, []", summary(findings));
  }

  // --- files ------------------------------------------------------------------------------------

  @Test
  void aFirstLineThatIsNotUtf8IsAnErrorNamingTheFile() throws IOException {
    byte[] bytes = {'u', (byte) 0xC3, '(', ',', 'f', '\n', 'u', ',', 'f', '\n'};
    assertEquals(
        "FILE: line 1 is not valid UTF-8 (a binary file, or another encoding?)",
        errorOf("binary.csv", bytes));
    Path gzip = directory.resolve("binary.csv.gz");
    Files.write(gzip, gzip(bytes));
    assertEquals(
        gzip + ": line 1 is not valid UTF-8 (a binary file, or another encoding?)",
        assertThrows(
                IllegalArgumentException.class,
                () -> AssignmentFile.audit(gzip, Columns.guess(), settings(), lines -> {}))
            .getMessage());
  }

  @Test
  void aRowLongerThanOneMebibyteIsAnErrorNamingItsLine() throws IOException {
    byte[] header = "user_id,flag,enabled\nu1,f,true\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(header, header.length + (1 << 20) + 10);
    Arrays.fill(bytes, header.length, bytes.length, (byte) 'x');
    String expected =
        ": line 3 is longer than 1048576 bytes, the longest row an assignments export may have"
            + " (a binary file, or a file without line ends?)";
    assertEquals("FILE" + expected, errorOf("long.csv", bytes));
    Path gzip = directory.resolve("long.csv.gz");
    Files.write(gzip, gzip(bytes));
    assertEquals(
        gzip + expected,
        assertThrows(
                IllegalArgumentException.class,
                () -> AssignmentFile.audit(gzip, Columns.guess(), settings(), lines -> {}))
            .getMessage());
  }

  @Test
  void aCorruptGzipIsAnErrorNamingTheFileAndTheLastLine() throws IOException {
    StringBuilder text = new StringBuilder("user_id,flag,enabled\n");
    for (int i = 0; i < 4_000; i++) {
      text.append("user-").append(i).append(",f,").append(i % 2 == 0).append('\n');
    }
    byte[] compressed = gzip(text.toString().getBytes(StandardCharsets.UTF_8));
    // Flip bytes in the middle of the deflate stream.
    for (int i = compressed.length / 2; i < compressed.length / 2 + 16; i++) {
      compressed[i] = (byte) ~compressed[i];
    }
    Path file = directory.resolve("corrupt.csv.gz");
    Files.write(file, compressed);
    IOException error =
        assertThrows(
            IOException.class,
            () -> AssignmentFile.audit(file, Columns.guess(), settings(), lines -> {}));
    assertTrue(
        error.getMessage().startsWith(file + ": the gzip data is corrupt after line "),
        error.getMessage());
    long line =
        Long.parseLong(
            error
                .getMessage()
                .substring((file + ": the gzip data is corrupt after line ").length())
                .split(":")[0]);
    assertTrue(line > 1 && line < 4_001, error.getMessage());
  }

  @Test
  void gzipIsRecognisedByItsTwoMagicBytes() throws IOException {
    Path one = Exports.write(directory, "one.csv", "\u001f");
    Path wrong = directory.resolve("wrong.csv");
    Files.write(wrong, new byte[] {0x1f, 0x00, 0x1f, (byte) 0x8b});
    Path right = directory.resolve("right.txt");
    Files.write(right, gzip("x".getBytes(StandardCharsets.UTF_8)));
    assertFalse(AssignmentFile.isGzip(one));
    assertFalse(AssignmentFile.isGzip(wrong));
    assertTrue(AssignmentFile.isGzip(right));
  }

  @Test
  void parquetIsRecognisedByNameInAnyCaseOrByItsMagic() throws IOException {
    Path named = Exports.write(directory, "export.PARQUET", "user_id,flag,enabled\nu,f,true\n");
    String message =
        assertThrows(IllegalArgumentException.class, () -> AssignmentFile.requireNotParquet(named))
            .getMessage();
    assertEquals(
        named
            + " is a Parquet file: the command line reads CSV, TSV and JSON lines; audit Parquet"
            + " with the Spark job: "
            + AssignmentFile.SPARK_COMMAND
            + " (or spark-submit, see docs/spark.md)",
        message);
    Path magic = Exports.write(directory, "export.bin", "PAR1xxxx");
    assertThrows(IllegalArgumentException.class, () -> AssignmentFile.requireNotParquet(magic));
    Path almost = Exports.write(directory, "export.csv", "PAR2,flag,enabled\n");
    AssignmentFile.requireNotParquet(almost);
    Path shortFile = Exports.write(directory, "short.csv", "PA");
    AssignmentFile.requireNotParquet(shortFile);
  }

  @Test
  void progressIsToldEvery65536LinesAndAtTheEnd() throws IOException {
    StringBuilder text = new StringBuilder("user_id,flag,enabled\n");
    for (int i = 0; i < 70_000; i++) {
      text.append("u,f,1\n");
    }
    Path file = Exports.gzip(directory, "progress.csv.gz", text.toString());
    List<Long> told = new ArrayList<>();
    AssignmentFindings findings =
        AssignmentFile.audit(file, Columns.guess(), settings(), told::add);
    assertEquals(List.of(65_536L, 70_001L), told);
    assertEquals(70_001, findings.linesRead());
  }

  @Test
  void aJsonExportOfOneLineIsReadAndBlankLinesAreRejected() throws IOException {
    AssignmentFindings one = read("{\"user\":\"u1\",\"flag\":\"f\",\"enabled\":true}");
    assertEquals(1, one.rowsAudited());
    assertEquals(1, one.linesRead());
    AssignmentFindings blank =
        read(
            "{\"user\":\"u1\",\"flag\":\"f\",\"enabled\":true}\n\n{\"user\":\"u2\",\"flag\":\"f\",\"enabled\":false}\n");
    assertEquals(List.of(new RejectedLine(2, "blank line")), rejects(blank));
    assertEquals(3, blank.linesRead());
  }

  @Test
  void anInvalidLineInTheMiddleIsRejectedByBothPaths() throws IOException {
    byte[] head = "user_id,flag,enabled\nu1,f,true\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {'u', (byte) 0xC3, '(', ',', 'f', ',', '1', '\n'};
    byte[] tail = "u2,f,false\nu3,f,true\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(head);
    out.write(bad);
    out.write(tail);
    Path file = directory.resolve("invalid.csv");
    Files.write(file, out.toByteArray());
    AssignmentFindings ranges =
        AssignmentFile.audit(file, Columns.guess(), settings(), lines -> {}, 1, 2, Long.MAX_VALUE);
    AssignmentFindings sequential =
        AssignmentFile.sequential(file, Columns.guess(), settings(), lines -> {});
    for (AssignmentFindings findings : List.of(ranges, sequential)) {
      assertEquals(List.of(new RejectedLine(3, "not valid UTF-8")), rejects(findings));
      assertEquals(Map.of("invalid UTF-8", 1L), findings.rejects().byReason());
      assertEquals(3, findings.rowsAudited());
    }
  }

  @Test
  void anEmptyOrHeaderOnlyGzipIsAnError() throws IOException {
    Path empty = Exports.gzip(directory, "empty.csv.gz", "");
    assertEquals(
        empty + " is empty: expected a header row (CSV or TSV) or JSON lines",
        assertThrows(
                IllegalArgumentException.class,
                () -> AssignmentFile.audit(empty, Columns.guess(), settings(), lines -> {}))
            .getMessage());
    Path header = Exports.gzip(directory, "header.csv.gz", "user_id,flag,enabled\n");
    assertEquals(
        header + " has a header but no rows",
        assertThrows(
                IllegalArgumentException.class,
                () -> AssignmentFile.audit(header, Columns.guess(), settings(), lines -> {}))
            .getMessage());
  }

  @Test
  void aParquetFileIsRefusedBeforeAnyReading() throws IOException {
    Path named = Exports.write(directory, "export.parquet", "user_id,flag,enabled\nu,f,true\n");
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> AssignmentFile.audit(named, Columns.guess(), settings(), lines -> {}))
            .getMessage();
    assertTrue(message.startsWith(named + " is a Parquet file: "), message);
  }

  @Test
  void ofTwoColumnsOfTheSameRankTheFirstIsRead() throws IOException {
    // user_id and userId both normalise to userid: the first column wins, in CSV and JSON.
    int[] index =
        AssignmentFile.columnIndexes(
            "src", List.of("userId", "flag", "user_id", "enabled"), Columns.guess());
    assertEquals(0, index[Role.USER.ordinal()]);
    AssignmentFindings json =
        read(
            "{\"userId\":\"first\",\"user_id\":\"second\",\"flag\":\"f\",\"enabled\":true}\n"
                + "{\"user_id\":\"first\",\"flag\":\"f\",\"enabled\":false}\n");
    assertEquals(1, json.conflictCount(), "both rows are user first's");
  }

  @Test
  void aColumnInTheFirstPlaceIsFound() {
    int[] index =
        AssignmentFile.columnIndexes("src", List.of("enabled", "user", "flag"), Columns.guess());
    assertEquals(0, index[Role.ENABLED.ordinal()]);
    int[] timed =
        AssignmentFile.columnIndexes(
            "src", List.of("ts", "user", "flag", "bucket"), Columns.guess().withTime("ts"));
    assertEquals(0, timed[Role.TIME.ordinal()]);
    assertEquals(3, timed[Role.BUCKET.ordinal()]);
    assertEquals(
        "src: no user column in the header: expected one of user_id, userId, user, id, key,"
            + " targeting_key (or --user-column); header: flag, enabled",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    AssignmentFile.columnIndexes(
                        "src", List.of("flag", "enabled"), Columns.guess()))
            .getMessage());
  }

  @Test
  void aTsvHeaderMayStartWithATabAndRowsMayHaveManyFields() throws IOException {
    AssignmentFindings tsv = read("\tuser_id\tflag\tenabled\nx\tu1\tf\ttrue\ny\tu2\tf\tfalse\n");
    assertEquals("2 rows; f: 2 rows, 1 of 2 enabled, {}, []", summary(tsv));
    StringBuilder text = new StringBuilder("a,b,c,d,e,f,g,h,i,user_id,flag,enabled\n");
    for (int i = 0; i < 3; i++) {
      text.append("1,2,3,4,5,6,7,8,9,u").append(i).append(",f,").append(i == 0).append('\n');
    }
    assertEquals("3 rows; f: 3 rows, 1 of 3 enabled, {}, []", summary(read(text.toString())));
  }

  @Test
  void aJsonLineWithoutUserOrOutcomeIsRejectedForItsUser() throws IOException {
    AssignmentFindings findings =
        read(
            "{\"flag\":\"f\"}\n"
                + "{\"user\":\"u1\",\"flag\":\"f\",\"enabled\":true}\n"
                + "{\"user\":\"u2\",\"flag\":\"f\",\"enabled\":true}\n");
    assertEquals(List.of(new RejectedLine(1, "no user id")), rejects(findings));
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }
}
