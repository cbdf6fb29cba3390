/**
 * The report as a value and its three renderings: {@code index.html} (self-contained, inline SVG),
 * {@code report.json} and {@code summary.md}, written atomically into one directory.
 *
 * <p>Depends on {@code audit}, {@code jmh}, {@code ids} and {@code statistics}; renderers only
 * print the {@link dev.bucketproof.reports.render.Report} they are given, which computed its gates
 * and claims once. JSON goes through Jackson ({@link dev.bucketproof.reports.render.Json}, also
 * used by the command line's JSON lines), HTML and Markdown escaping through Guava's escapers
 * ({@code Escapes}).
 *
 * <pre>{@code
 * Report report = new Report(flagKey, 100, Statistics.ALPHA, 200, 2_000, hasherNames, findings, jmhRows);
 * ReportWriter.write(report, Path.of("reports/target/site"));
 * }</pre>
 */
package dev.bucketproof.reports.render;
