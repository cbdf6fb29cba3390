package dev.bucketproof.reports.render;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.audit.Audit;
import dev.bucketproof.reports.audit.AuditSettings;
import dev.bucketproof.reports.audit.AuditedBucketer;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.ids.IdFile;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.jmh.JmhResult;
import dev.bucketproof.reports.jmh.JmhResultTest;
import dev.bucketproof.reports.report.Report;
import dev.bucketproof.reports.statistics.Statistics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small report with every kind of content: generated and file ids, hostile text, bidi controls,
 * benchmarks.
 */
final class SampleReport {
  /** An id that would be markup, a script and a quote if printed unescaped. */
  static final String HOSTILE_ID = "<script>alert('\u00e9')</script>&\"";

  /** An id with a right-to-left override that would reverse what follows it on screen. */
  static final String BIDI_ID = "user\u202Egnp.exe";

  /** A flag key with markup, a backtick, a pipe and a left-to-right isolate. */
  static final String FLAG_KEY = "flag <b>`|\u2066x";

  private SampleReport() {}

  /** Returns the report of a unicode population and an id file written into {@code directory}. */
  static Report build(Path directory) throws IOException {
    Path ids = directory.resolve("hostile <ids>.txt");
    StringBuilder text = new StringBuilder(HOSTILE_ID + "\n\n" + BIDI_ID + "\n");
    for (int i = 0; i < 2000; i++) {
      text.append("caf\u00e9-").append(i).append('\n');
    }
    Files.writeString(ids, text, StandardCharsets.UTF_8);
    List<AuditedBucketer> targets =
        List.of(
            AuditedBucketer.of(Bucketer.standard()),
            AuditedBucketer.of(Bucketer.builder().hasher(IdHashers.murmur3_x86_32_js()).build()));
    PopulationFindings generated =
        Audit.run(Population.of(IdShape.UNICODE, 3000), targets, AuditSettings.defaults());
    PopulationFindings file = Audit.run(new IdFile(ids), targets, AuditSettings.defaults());
    return new Report(
        FLAG_KEY,
        100,
        Statistics.ALPHA,
        200,
        2000,
        List.of(targets.get(0).name(), targets.get(1).name()),
        List.of(generated, file),
        JmhResult.parse(JmhResultTest.SAMPLE));
  }
}
