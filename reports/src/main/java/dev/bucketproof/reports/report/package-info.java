/**
 * The report as a value: {@link dev.bucketproof.reports.report.Report} holds the findings of every
 * population, the systems compared, the JMH rows and speed claims, and computes once what the
 * renderers print (the gates with their report-level verdicts, the failures, the inconclusive
 * gates, the false-alarm rate).
 *
 * <p>Depends on {@code audit}, {@code jmh}, {@code statistics} and {@code text}; used by {@code
 * render}, {@code publish} and {@code cli}.
 *
 * <pre>{@code
 * Report report = new Report(flagKey, 100, Statistics.ALPHA, 200, 2_000, hasherNames, findings, jmhRows);
 * report.failures();              // the gates that failed, after the report-level correction
 * }</pre>
 */
package dev.bucketproof.reports.report;
