package dev.bucketproof.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet written by another writer than Spark's (parquet-avro's {@code AvroParquetWriter}, gzip
 * pages, an Avro schema with optional columns) audits correctly through the job's {@code report
 * --format parquet}: a clean export passes with a 100% fingerprint (exit 0); the unsalted rule and
 * a 52/48 split fail (exit 1); every flipped row is listed by its row number. Seed {@value
 * Exposures#SEED}.
 */
class IndependentParquetTest {
  private static final Schema SCHEMA =
      SchemaBuilder.record("exposure")
          .fields()
          .requiredString("user_id")
          .requiredString("flag")
          .optionalBoolean("enabled")
          .optionalString("variant")
          .endRecord();

  @TempDir Path directory;

  private Path parquet(Exposures export, String name) throws IOException {
    Path file = directory.resolve(name + ".parquet");
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withSchema(SCHEMA)
            .withCompressionCodec(CompressionCodecName.GZIP)
            .withRowGroupSize(256L << 10)
            .build()) {
      for (Object[] row : export.rows) {
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("user_id", row[0]);
        record.put("flag", row[1]);
        record.put("enabled", row[2]);
        record.put("variant", row[3]);
        writer.write(record);
      }
    }
    return file;
  }

  /** Runs the job; returns its exit code and report.json. */
  private record Run(int exit, JsonNode report, String err) {}

  private int runs;

  private Run job(String name, int rows, String... options) throws IOException {
    Exposures export = new Exposures(name, rows);
    Path written = directory.resolve(name + ".parquet");
    Path file = Files.exists(written) ? written : parquet(export, name);
    Path out = directory.resolve(name + "-report-" + runs++);
    StringWriter err = new StringWriter();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "report",
                "--assignments",
                file.toString(),
                "--format",
                "parquet",
                "--flags",
                export.flags(directory.resolve(name + ".flags.json")).toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(options));
    int exit =
        SparkAuditJob.run(
            args.toArray(new String[0]), new PrintWriter(err, true), SharedSpark.session());
    assertTrue(Files.exists(out.resolve("index.html")), err.toString());
    assertTrue(Files.exists(out.resolve("summary.md")), err.toString());
    return new Run(
        exit, new ObjectMapper().readTree(out.resolve("report.json").toFile()), err.toString());
  }

  @Test
  void cleanExportPassesWithAFullFingerprint() throws IOException {
    Run run = job("correct", 9_000);
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.err().contains("0 failed"), run.err());
    for (String flag : List.of("new-checkout", "exp_12345", "search-ranking")) {
      assertTrue(
          run.err().contains(flag + ": 100.00% of 3,000 rows match salted murmur3_x86_32"),
          run.err());
    }
  }

  @Test
  void unsaltedRuleFails() throws IOException {
    Run run = job("unsalted", 9_000);
    assertEquals(1, run.exit(), run.err());
    assertTrue(run.err().contains("unsalted murmur3_x86_32"), run.err());
    assertTrue(run.err().contains("enable the same users"), run.err());
  }

  /** --alpha and --family-alpha change the verdict, as on the command line. */
  @Test
  void alphaAndFamilyAlphaAreHonoured() throws IOException {
    Run strict = job("srm", 45_000, "--alpha", "1e-9");
    assertEquals(0, strict.exit(), strict.err());
    assertEquals(1e-9, strict.report().get("alpha").asDouble());
    Run family = job("srm", 45_000, "--family-alpha", "1e-9");
    assertEquals(0, family.exit(), family.err());
    assertEquals(1e-9, family.report().get("familyAlpha").asDouble());
  }

  @Test
  void splitOf52To48Fails() throws IOException {
    Run run = job("srm", 45_000);
    assertEquals(1, run.exit(), run.err());
    assertTrue(run.err().contains("sample ratio mismatch"), run.err());
  }

  @Test
  void everyFlippedRowIsListed() throws IOException {
    Exposures export = new Exposures("flipped", 9_000);
    assertTrue(
        export.flipped.size() > 20 && export.flipped.size() <= 100, export.flipped.toString());
    Run run = job("flipped", 9_000);
    List<Long> listed = new ArrayList<>();
    for (JsonNode flag : run.report().path("flags")) {
      JsonNode best = flag.path("fingerprint").path("rules").path(0);
      for (JsonNode mismatch : best.path("firstMismatches")) {
        listed.add(mismatch.path("line").asLong());
      }
    }
    listed.sort(null);
    assertEquals(export.flipped, listed, run.report().toString().substring(0, 2_000));
  }
}
