/**
 * The assignments audit on Apache Spark: {@link dev.bucketproof.spark.SparkAudit} over any {@code
 * Dataset<Row>} (Parquet, CSV, JSON lines, a catalog table), with the command line's findings,
 * gates and report files, the per-user state exact by Spark's grouping; {@link
 * dev.bucketproof.spark.SparkAuditJob} as a job for {@code spark-submit} or, without a Spark
 * install, {@code integrations/spark/bin/bucketproof-spark}. See docs/spark.md.
 *
 * <pre>{@code
 * AssignmentFindings findings = SparkAudit.auditAssignments(
 *     spark.read().parquet("exposures.parquet"),
 *     SparkAuditSettings.of("exposures.parquet").withFlags(flagsJson));
 * }</pre>
 *
 * <p>Arrows: this package uses {@code dev.bucketproof.reports} (assignments, publish) and Spark;
 * nothing in bucketproof uses it.
 */
package dev.bucketproof.spark;
