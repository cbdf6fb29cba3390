package dev.bucketproof.spark;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantAssigner;
import dev.bucketproof.bucketing.VariantSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generated exports with a known answer, as the benchmarks' AssignmentExport writes them: a user's
 * three flags in a row, ids UUID-shaped from a seed (every 50th a non-ASCII name). Cases: {@code
 * correct} (new-checkout 5%, exp_12345 50/50, search-ranking 20%, the standard salted bucketer),
 * {@code unsalted} (canary-a/b/c at 5/10/20% on the user id alone: the same users in every canary),
 * {@code srm} (exp_12345 split 52/48, configured 50/50) and {@code flipped} (1% of rows flipped,
 * seed {@value #FLIP_SEED}; their row numbers kept in {@link #flipped}).
 */
final class Exposures {
  static final long SEED = 0xA55E_2026L;
  static final long FLIP_SEED = 0xF11BL;
  static final StructType SCHEMA =
      new StructType()
          .add("user_id", DataTypes.StringType)
          .add("flag", DataTypes.StringType)
          .add("enabled", DataTypes.BooleanType)
          .add("variant", DataTypes.StringType);

  /** Rows of (user_id, flag, enabled or null, variant or null). */
  final List<Object[]> rows = new ArrayList<>();

  /** The 1-based row numbers flipped (case {@code flipped}). */
  final List<Long> flipped = new ArrayList<>();

  final String flagsJson;

  Exposures(String name, int rowCount) {
    boolean unsalted = name.equals("unsalted");
    Bucketer bucketer = unsalted ? Bucketer.builder().unsalted().build() : Bucketer.standard();
    String[] flags =
        unsalted
            ? new String[] {"canary-a", "canary-b", "canary-c"}
            : new String[] {"new-checkout", "exp_12345", "search-ranking"};
    RolloutGate first = bucketer.rollout(Rollout.ofPercent(flags[0], 5));
    RolloutGate second = unsalted ? bucketer.rollout(Rollout.ofPercent(flags[1], 10)) : null;
    int control = name.equals("srm") ? 52 : 50;
    VariantAssigner split =
        unsalted
            ? null
            : bucketer.variants(
                VariantSplit.of(
                    flags[1],
                    new Variant("control", control),
                    new Variant("treatment", 100 - control)));
    RolloutGate third = bucketer.rollout(Rollout.ofPercent(flags[2], 20));
    SplittableRandom ids = new SplittableRandom(SEED);
    SplittableRandom flips = new SplittableRandom(FLIP_SEED);
    boolean flip = name.equals("flipped");
    for (long user = 0; rows.size() < rowCount; user++) {
      String id =
          user % 50 == 7
              ? String.format(Locale.ROOT, "usuário-%d-東京", user)
              : new UUID(ids.nextLong(), ids.nextLong()).toString();
      for (int flag = 0; flag < 3 && rows.size() < rowCount; flag++) {
        boolean change = flip && flips.nextDouble() < 0.01;
        if (change) {
          flipped.add(rows.size() + 1L);
        }
        if (flag == 1 && split != null) {
          String variant = split.variant(id).name();
          rows.add(
              new Object[] {
                id,
                flags[flag],
                null,
                change ? (variant.equals("control") ? "treatment" : "control") : variant
              });
        } else {
          RolloutGate gate = flag == 0 ? first : flag == 1 ? second : third;
          rows.add(new Object[] {id, flags[flag], gate.isEnabled(id) != change, null});
        }
      }
    }
    flagsJson =
        unsalted
            ? "{\"canary-a\": {\"rollout\": 5}, \"canary-b\": {\"rollout\": 10},"
                + " \"canary-c\": {\"rollout\": 20}}"
            : "{\"new-checkout\": {\"rollout\": 5}, \"exp_12345\": {\"weights\":"
                + " {\"control\": 50, \"treatment\": 50}}, \"search-ranking\": {\"rollout\": 20}}";
  }

  /** Writes the rows as the command line's CSV (user_id,flag,enabled,variant). */
  Path csv(Path file) throws IOException {
    StringBuilder text = new StringBuilder("user_id,flag,enabled,variant\n");
    for (Object[] row : rows) {
      text.append(row[0])
          .append(',')
          .append(row[1])
          .append(',')
          .append(row[2] == null ? "" : row[2])
          .append(',')
          .append(row[3] == null ? "" : row[3])
          .append('\n');
    }
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  Path flags(Path file) throws IOException {
    return Files.writeString(file, flagsJson, StandardCharsets.UTF_8);
  }

  /** The rows as a DataFrame in {@code partitions} partitions, in order. */
  Dataset<Row> frame(SparkSession spark, int partitions) {
    List<Row> list = new ArrayList<>();
    for (Object[] row : rows) {
      list.add(RowFactory.create(row));
    }
    return spark.createDataFrame(
        new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
            .parallelize(list, partitions),
        SCHEMA);
  }
}
