/**
 * The renderings of a report, each a pure function from a value to a string: {@code index.html}
 * (self-contained, inline SVG), {@code report.json} and {@code summary.md}, for a {@link
 * dev.bucketproof.reports.report.Report} ({@code ReportHtml}, {@code ReportJson}, {@code
 * ReportMarkdown}) and for the findings of an assignments audit ({@code AssignmentsHtml}, {@code
 * AssignmentsJson}, {@code AssignmentsMarkdown}). Renderers only print what they are given; they
 * compute no verdict.
 *
 * <p>Depends on {@code report}, {@code assignments}, {@code audit}, {@code jmh}, {@code
 * statistics}, {@code ids} and {@code text}; used by {@code publish}.
 *
 * <pre>{@code
 * String html = ReportHtml.render(report);
 * String json = AssignmentsJson.render(findings);
 * }</pre>
 */
package dev.bucketproof.reports.render;
