package dev.bucketproof.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a CSV assignments export (such as the benchmarks' {@code AssignmentExport}) as Parquet, in
 * {@code local[*]}: the input of the Spark benchmark in docs/spark.md. The rows keep their order
 * (one output file per input split, in order); {@code enabled} becomes a boolean column.
 *
 * <pre>
 * BUCKETPROOF_SPARK_MAIN=dev.bucketproof.spark.ParquetExport \
 *   integrations/spark/bin/bucketproof-spark export.csv export.parquet
 * </pre>
 *
 * <p>Thread-safety: a command-line program.
 */
public final class ParquetExport {
  private ParquetExport() {}

  /** Converts {@code args[0]} (CSV) to {@code args[1]} (a Parquet directory). */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ParquetExport EXPORT.csv OUT.parquet");
      System.exit(2);
    }
    String master = System.getProperty("spark.master", "local[*]");
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("bucketproof parquet export")
            .master(master)
            .config("spark.ui.enabled", "false");
    if (master.startsWith("local")) {
      // On one machine the driver needs no network interface: loopback only.
      builder
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      StructType schema =
          new StructType()
              .add("user_id", DataTypes.StringType)
              .add("flag", DataTypes.StringType)
              .add("enabled", DataTypes.BooleanType)
              .add("variant", DataTypes.StringType);
      spark.read().option("header", "true").schema(schema).csv(args[0]).write().parquet(args[1]);
    } finally {
      spark.stop();
    }
  }
}
