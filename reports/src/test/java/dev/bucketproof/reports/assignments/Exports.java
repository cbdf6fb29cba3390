package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import dev.bucketproof.bucketing.VariantAssigner;
import dev.bucketproof.bucketing.VariantSplit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Generated exports with known answers: rows made by a known rule, optionally with a known set of
 * rows flipped, written as CSV, TSV or JSON lines, gzip or not.
 */
final class Exports {
  /**
   * Every tenth user id is not ASCII, so the UTF-8 and browser-byte families disagree on some rows.
   */
  static String userId(int index) {
    return index % 10 == 3
        ? String.format(Locale.ROOT, "josé-%06d-日本", index)
        : String.format(Locale.ROOT, "user-%06d", index);
  }

  /** One export row before it is written: line numbers are assigned by {@link #csv}. */
  record Row(String userId, String flagKey, String enabled, String variant, String bucket) {
    static Row enabled(String user, String flag, boolean on) {
      return new Row(user, flag, String.valueOf(on), "", "");
    }

    static Row variant(String user, String flag, String variant) {
      return new Row(user, flag, "", variant, "");
    }

    static Row bucket(String user, String flag, int bucket) {
      return new Row(user, flag, "", "", String.valueOf(bucket));
    }
  }

  private Exports() {}

  /** Rows of a rollout of {@code percent}% decided by {@code bucketer} for users 0..users-1. */
  static List<Row> rollout(Bucketer bucketer, String flag, double percent, int users) {
    RolloutGate gate = bucketer.rollout(Rollout.ofPercent(flag, percent));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      rows.add(Row.enabled(userId(i), flag, gate.isEnabled(userId(i))));
    }
    return rows;
  }

  /** Rows of a split decided by {@code bucketer} for users 0..users-1. */
  static List<Row> split(Bucketer bucketer, VariantSplit split, int users) {
    VariantAssigner assigner = bucketer.variants(split);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      rows.add(Row.variant(userId(i), split.flagKey(), assigner.variant(userId(i)).name()));
    }
    return rows;
  }

  /**
   * Flips the enabled outcome of each row with probability {@code share}, from {@code seed};
   * returns the 1-based indexes (data rows, so line = index + 1 below a header) of the flipped
   * rows, ascending.
   */
  static List<Long> flip(List<Row> rows, double share, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Long> flipped = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (random.nextDouble() < share) {
        Row row = rows.get(i);
        rows.set(i, Row.enabled(row.userId(), row.flagKey(), !Boolean.parseBoolean(row.enabled())));
        flipped.add(i + 1L);
      }
    }
    return flipped;
  }

  /** Returns the CSV text (header user_id,flag,enabled,variant,bucket; ids quoted when needed). */
  static String csv(List<Row> rows, String newline) {
    StringBuilder text = new StringBuilder("user_id,flag,enabled,variant,bucket").append(newline);
    for (Row row : rows) {
      text.append(quote(row.userId()))
          .append(',')
          .append(quote(row.flagKey()))
          .append(',')
          .append(row.enabled())
          .append(',')
          .append(quote(row.variant()))
          .append(',')
          .append(row.bucket())
          .append(newline);
    }
    return text.toString();
  }

  /** Returns the TSV text with the header userId, feature, enabled, variation, bucket. */
  static String tsv(List<Row> rows) {
    StringBuilder text = new StringBuilder("userId\tfeature\tenabled\tvariation\tbucket\n");
    for (Row row : rows) {
      text.append(row.userId())
          .append('\t')
          .append(row.flagKey())
          .append('\t')
          .append(row.enabled())
          .append('\t')
          .append(row.variant())
          .append('\t')
          .append(row.bucket())
          .append('\n');
    }
    return text.toString();
  }

  /**
   * Returns JSON lines with keys targeting_key, flag_key and the outcomes present (enabled as a
   * boolean).
   */
  static String jsonLines(List<Row> rows) {
    StringBuilder text = new StringBuilder();
    for (Row row : rows) {
      text.append("{\"targeting_key\":\"")
          .append(row.userId())
          .append("\",\"flag_key\":\"")
          .append(row.flagKey())
          .append('"');
      if (!row.enabled().isEmpty()) {
        text.append(",\"enabled\":").append(row.enabled());
      }
      if (!row.variant().isEmpty()) {
        text.append(",\"variant\":\"").append(row.variant()).append('"');
      }
      if (!row.bucket().isEmpty()) {
        text.append(",\"bucket\":").append(row.bucket());
      }
      text.append(",\"ts\":{\"ignored\":[1,2]}}\n");
    }
    return text.toString();
  }

  private static String quote(String value) {
    return value.contains(",") || value.contains("\"")
        ? '"' + value.replace("\"", "\"\"") + '"'
        : value;
  }

  static Path write(Path directory, String name, String text) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  static Path gzip(Path directory, String name, String text) throws IOException {
    Path file = directory.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
