package dev.bucketproof.reports.render;

import dev.bucketproof.reports.jmh.JmhResultTest;
import dev.bucketproof.reports.audit.Audit;
import dev.bucketproof.reports.audit.AuditSettings;
import dev.bucketproof.reports.audit.AuditedBucketer;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.ids.IdFile;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.jmh.JmhResult;
import dev.bucketproof.reports.jmh.JsonReader;
import dev.bucketproof.reports.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHashers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  private static final String HOSTILE_ID = "<script>alert('\u00e9')</script>&\"";

  @TempDir
  Path directory;

  private Report report() throws IOException {
    Path ids = directory.resolve("hostile <ids>.txt");
    StringBuilder text = new StringBuilder(HOSTILE_ID + "\n\n");
    for (int i = 0; i < 3000; i++) {
      text.append("caf\u00e9-").append(i).append('\n');
    }
    Files.writeString(ids, text, StandardCharsets.UTF_8);
    List<AuditedBucketer> targets = List.of(AuditedBucketer.of(Bucketer.standard()),
        AuditedBucketer.of(Bucketer.builder().hasher(IdHashers.murmur3_x86_32_js()).build()));
    PopulationFindings generated = Audit.run(Population.of(IdShape.UUID, 5000), targets, AuditSettings.defaults());
    PopulationFindings file = Audit.run(new IdFile(ids), targets, AuditSettings.defaults());
    List<JmhResult> benchmarks = JmhResult.parse(JmhResultTest.SAMPLE);
    return new Report("flag <b>", 100, Statistics.ALPHA, 200, 2000,
        List.of(targets.get(0).name(), targets.get(1).name()), List.of(generated, file), benchmarks);
  }

  @Test
  void writesThreeFilesAndEscapesEveryInputValue() throws IOException {
    Path out = directory.resolve("site");
    ReportWriter.write(report(), out);
    String html = Files.readString(out.resolve("index.html"));
    assertFalse(html.contains("<script"), "an id from input must be escaped");
    assertTrue(html.contains("&lt;script&gt;alert(&#39;\u00e9&#39;)&lt;/script&gt;&amp;&quot;"), "escaped id shown");
    assertTrue(html.contains("flag &lt;b&gt;"));
    assertTrue(html.contains("hostile &lt;ids&gt;.txt"));
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no resources from elsewhere");
    assertTrue(html.contains("<svg"), "inline charts");
    assertTrue(html.contains("HashBenchmark.hash"), "JMH table");
    assertTrue(html.contains("3,002 lines read = 3,001 ids audited + 1 lines rejected; 1 blank (lines 2)"), "line report");

    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) JsonReader.parse(Files.readString(out.resolve("report.json")));
    assertEquals(1.0, json.get("formatVersion"));
    assertEquals(List.of("formatVersion", "tool", "settings", "gatesPassed", "gatesFailed", "gatesInconclusive",
        "headline", "populations", "benchmarks", "speedClaims"),
        List.copyOf(json.keySet()));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> populations = (List<Map<String, Object>>) json.get("populations");
    assertEquals(5000.0, populations.get(0).get("users"));
    assertEquals("hostile <ids>.txt", populations.get(1).get("name"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> hashers = (List<Map<String, Object>>) populations.get(0).get("hashers");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> gates = (List<Map<String, Object>>) hashers.get(0).get("gates");
    assertFalse(gates.isEmpty());
    for (Map<String, Object> gate : gates) {
      assertTrue(List.of("pass", "fail", "inconclusive").contains(gate.get("verdict")), gate.toString());
      assertTrue(gate.get("power") instanceof Map, "every gate has its power figure: " + gate);
    }

    String summary = Files.readString(out.resolve("summary.md"));
    assertTrue(summary.startsWith("# bucketproof distribution report"), summary);
    assertTrue(summary.contains("| uuid-5k | bucketproof:murmur3\\_x86\\_32 |"), summary);
  }

  @Test
  void replacesAnEarlierReportAndLeavesNoTemporaryDirectory() throws IOException {
    Path out = directory.resolve("site");
    Files.createDirectories(out);
    Files.writeString(out.resolve("stale.txt"), "old");
    ReportWriter.write(report(), out);
    assertFalse(Files.exists(out.resolve("stale.txt")));
    assertTrue(Files.exists(out.resolve("index.html")));
    try (Stream<Path> siblings = Files.list(directory)) {
      assertEquals(List.of(), siblings.filter(path -> path.getFileName().toString().startsWith(".")).toList());
    }
  }

  @Test
  void refusesToReplaceAFileAndLeavesNothingHalfWritten() throws IOException {
    Path out = directory.resolve("site");
    Files.writeString(out, "a file, not a directory");
    Report report = report();
    assertThrows(FileAlreadyExistsException.class, () -> ReportWriter.write(report, out));
    assertEquals("a file, not a directory", Files.readString(out));
    try (Stream<Path> siblings = Files.list(directory)) {
      assertEquals(List.of(), siblings.filter(path -> path.getFileName().toString().startsWith(".")).toList());
    }
  }
}
