package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.reports.ids.IdFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of {@link FileAudit} that {@link FileAuditTest}'s equality with the sequential audit
 * cannot see: where the ranges are cut (any cut after a newline gives the same audit, so a wrong
 * balance would pass there), how many ranges a size calls for, the range stream, progress, the salt
 * meta-test's first ids and the line number of a line too long.
 */
class FileAuditPartsTest {

  @TempDir Path directory;

  private Path write(byte[] bytes) throws IOException {
    Path file = directory.resolve("ids-" + bytes.length + ".txt");
    Files.write(file, bytes);
    return file;
  }

  private long[] boundaries(byte[] bytes, int count) throws IOException {
    try (FileChannel channel = FileChannel.open(write(bytes))) {
      return FileAudit.boundaries(channel, bytes.length, count);
    }
  }

  private static byte[] lines(int count, String line) {
    return (line + "\n").repeat(count).getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void eachCutIsJustAfterTheFirstNewlineFromTheByteBeforeItsNominalPoint() throws IOException {
    // 1,000 lines of 11 bytes: the nominal points 2,750 r fall just after a newline (byte 2,749)
    assertArrayEquals(
        new long[] {0, 2_750, 5_500, 8_250, 11_000}, boundaries(lines(1_000, "0123456789"), 4));
    // 3 ranges of 11,000 bytes: 3,666 and 7,332; the newlines before them end at 3,663 and 7,326
    assertArrayEquals(
        new long[] {0, 3_674, 7_337, 11_000}, boundaries(lines(1_000, "0123456789"), 3));
    assertArrayEquals(new long[] {0, 11_000}, boundaries(lines(1_000, "0123456789"), 1));
  }

  @Test
  void aCutPastTheLastNewlineOrAfterTheLastCutGivesEmptyRanges() throws IOException {
    assertArrayEquals(new long[] {0, 2, 4, 6, 6, 6}, boundaries(lines(3, "a"), 5));
    // no newline at all: every cut is at the end
    assertArrayEquals(
        new long[] {0, 9, 9, 9}, boundaries("abcdefghi".getBytes(StandardCharsets.US_ASCII), 3));
    assertArrayEquals(new long[] {0, 0, 0}, boundaries(new byte[0], 2));
  }

  @Test
  void theSearchForANewlineCrossesReadsOfFourKibibytes() throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(lines(10, "a"));
    file.writeBytes("x".repeat(20_000).getBytes(StandardCharsets.US_ASCII));
    file.writeBytes(lines(3_000, "b"));
    byte[] bytes = file.toByteArray();
    // 26,020 bytes: the cut at 13,010 falls inside the long line "x...xb", whose newline is byte
    // 20,021
    assertArrayEquals(new long[] {0, 20_022, 26_020}, boundaries(bytes, 2));
  }

  @Test
  void aFileOfLessThanAMebibyteIsOneRangeAndALargerOneAtLeastTwoPerThread() {
    assertEquals(1, FileAudit.rangeCount(0, 8));
    assertEquals(1, FileAudit.rangeCount((1 << 20) - 1, 8));
    assertEquals(16, FileAudit.rangeCount(1 << 20, 8));
    assertEquals(4, FileAudit.rangeCount(3 * FileAudit.RANGE_BYTES, 2));
    assertEquals(5, FileAudit.rangeCount(4 * FileAudit.RANGE_BYTES + 1, 2), "rounded up");
    assertEquals(4, FileAudit.rangeCount(4 * FileAudit.RANGE_BYTES, 2));
    assertEquals(1 << 16, FileAudit.rangeCount(Long.MAX_VALUE / 2, 2), "at most 65,536");
  }

  @Test
  void theRangeStreamReadsItsBytesAndNoMore() throws IOException {
    byte[] bytes = {1, 2, (byte) 0xFF, 4, 5, 6};
    try (FileChannel channel = FileChannel.open(write(bytes))) {
      FileAudit.RangeInputStream range = new FileAudit.RangeInputStream(channel, 1, 4, null);
      assertEquals(3, range.available());
      assertEquals(2, range.read());
      assertEquals(255, range.read(), "a byte of 0xFF is 255, not the end");
      assertEquals(1, range.available());
      byte[] buffer = new byte[10];
      assertEquals(1, range.read(buffer, 3, 10));
      assertEquals(4, buffer[3]);
      assertEquals(0, range.available());
      assertEquals(-1, range.read());
      assertEquals(-1, range.read(buffer, 0, 10));
      FileAudit.RangeInputStream beyond = new FileAudit.RangeInputStream(channel, 6, 9, null);
      assertEquals(-1, beyond.read(buffer, 0, 10), "the file ends before the range");
    }
  }

  private static List<AuditedBucketer> standard() {
    return List.of(AuditedBucketer.of(Bucketer.standard()));
  }

  @Test
  void progressEndsAtEveryByteAndEveryLine() throws IOException {
    Path file = write(lines(5_000, "user-12345"));
    List<long[]> calls = new ArrayList<>();
    AuditSettings settings =
        AuditSettings.defaults()
            .withThreads(2)
            .withProgress(
                new AuditSettings.Progress() {
                  @Override
                  public void update(long done, long total) {}

                  @Override
                  public void updateBytes(long lines, long bytes, long totalBytes) {
                    calls.add(new long[] {lines, bytes, totalBytes});
                  }
                });
    FileAudit.run(new IdFile(file), new Audit.Plan(standard(), settings), settings, 4);
    assertArrayEquals(new long[] {5_000, 55_000, 55_000}, calls.get(calls.size() - 1));
    assertEquals(true, calls.size() >= 4, "once per range at least: " + calls.size());
  }

  /**
   * The salt meta-test takes the first ids of the file, skipping blank and invalid lines as the
   * sequential audit does: 40 of each open the file here.
   */
  @Test
  void theSaltMetaTestTakesTheFirstIdsSkippingBlankAndInvalidLines() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < 40; i++) {
      bytes.writeBytes(new byte[] {'\n', (byte) 0xFF, '\n'});
    }
    for (int i = 0; i < 2_000; i++) {
      bytes.writeBytes(("user-" + i + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    Path file = write(bytes.toByteArray());
    AuditSettings settings = AuditSettings.defaults().withSaltMetaTest(8, 400).withThreads(2);
    PopulationFindings split =
        FileAudit.run(new IdFile(file), new Audit.Plan(standard(), settings), settings, 3);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      ids.add("user-" + i);
    }
    PopulationFindings sequential =
        Audit.run(new SystemFindingsTest.ListSource("ids", ids), standard(), settings);
    assertEquals(sequential.targets().get(0).saltMetaTest(), split.targets().get(0).saltMetaTest());
    assertEquals(2_000, split.users());
    assertEquals(40, split.lineReport().blankLines());
    assertEquals(40, split.lineReport().invalidLines());
  }

  @Test
  void aLineTooLongIsNamedByItsNumberInTheWholeFile() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 1; i <= 2_000; i++) {
      String line = i == 1_501 ? "x".repeat(200) : "user-" + i;
      bytes.writeBytes((line + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    Path file = write(bytes.toByteArray());
    IdFile ids = new IdFile(file, 100);
    String expected =
        "line 1501 of "
            + file
            + " is longer than the maximum id length, 100 bytes (--max-id-bytes raises it)";
    // read by the salt meta-test's pass over the first 3,000 ids
    AuditSettings salt = AuditSettings.defaults().withSaltMetaTest(8, 3_000).withThreads(2);
    assertEquals(
        expected,
        assertThrows(
                IOException.class,
                () -> FileAudit.run(ids, new Audit.Plan(standard(), salt), salt, 4))
            .getMessage());
    // read by the third of four ranges, after the lines of the two before it
    AuditSettings ranges = AuditSettings.defaults().withSaltMetaTest(8, 100).withThreads(2);
    assertEquals(
        expected,
        assertThrows(
                IOException.class,
                () -> FileAudit.run(ids, new Audit.Plan(standard(), ranges), ranges, 4))
            .getMessage());
  }
}
