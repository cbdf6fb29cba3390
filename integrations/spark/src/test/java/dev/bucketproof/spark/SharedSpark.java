package dev.bucketproof.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] SparkSession every test class uses (surefire runs them in one JVM): started on
 * first use, bound to 127.0.0.1, no UI, few shuffle partitions, stopped when the JVM exits.
 */
final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .appName("bucketproof tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.default.parallelism", "2")
              .config("spark.sql.adaptive.enabled", "false")
              .getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }
}
