package dev.bucketproof.reports.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.reports.audit.Audit;
import dev.bucketproof.reports.audit.AuditSettings;
import dev.bucketproof.reports.audit.AuditedBucketer;
import dev.bucketproof.reports.audit.PopulationFindings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdFileTest {
  @TempDir Path directory;

  @Test
  void readsUtf8LinesWithBomAndCrlfAndReportsEveryRejectedLine() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.writeBytes("alice\r\n".getBytes(StandardCharsets.UTF_8)); // line 1, BOM skipped
    bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_8)); // line 2, blank
    bytes.writeBytes(" bob \n".getBytes(StandardCharsets.UTF_8)); // line 3, spaces kept
    bytes.writeBytes(new byte[] {'x', (byte) 0xC3, '\n'}); // line 4, invalid UTF-8
    bytes.writeBytes("jos\u00e9\r\n".getBytes(StandardCharsets.UTF_8)); // line 5
    bytes.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8)); // line 6, blank
    bytes.writeBytes(
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}); // line 7, encoded surrogate
    bytes.writeBytes("last".getBytes(StandardCharsets.UTF_8)); // line 8, no terminator
    Path file = directory.resolve("ids.txt");
    Files.write(file, bytes.toByteArray());

    IdFile source = new IdFile(file);
    List<String> ids = new ArrayList<>();
    LineReport report =
        source
            .forEachChunk(
                2,
                chunk -> {
                  assertEquals(ids.size(), chunk.start());
                  for (int i = 0; i < chunk.size(); i++) {
                    ids.add(chunk.id(i));
                  }
                })
            .orElseThrow();
    assertEquals(List.of("alice", " bob ", "jos\u00e9", "last"), ids);
    assertEquals(8, report.linesRead());
    assertEquals(4, report.idsAudited());
    assertEquals(List.of(2L, 6L), report.blankLineNumbers());
    assertEquals(List.of(4L, 7L), report.invalidLineNumbers());
    assertEquals(report.linesRead(), report.idsAudited() + report.linesRejected());
    assertEquals(
        "8 lines read = 4 ids audited + 4 lines rejected; 2 blank (lines 2, 6);"
            + " 2 not valid UTF-8 (lines 4, 7)",
        report.summary());
  }

  @Test
  void auditOfAFileReportsItsLines() throws IOException {
    Path file = directory.resolve("users.txt");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append("user-").append(i).append(i % 1000 == 999 ? "\n\n" : "\n");
    }
    Files.writeString(file, text);
    PopulationFindings audit =
        Audit.run(
            new IdFile(file),
            List.of(AuditedBucketer.of(Bucketer.standard())),
            AuditSettings.defaults());
    assertEquals(5000, audit.users());
    assertEquals("users.txt", audit.population());
    assertEquals(5005, audit.lineReport().linesRead());
    assertEquals(5, audit.lineReport().blankLines());
  }

  @Test
  void missingFileIsAnIoError() {
    IdFile source = new IdFile(directory.resolve("missing.txt"));
    assertThrows(NoSuchFileException.class, () -> source.forEachChunk(10, chunk -> {}));
  }

  @Test
  void emptyFileHasNoLines() throws IOException {
    Path file = directory.resolve("empty.txt");
    Files.write(file, new byte[0]);
    IdFile source = new IdFile(file);
    assertEquals(0, source.forEachChunk(10, chunk -> {}).orElseThrow().linesRead());
  }
}
