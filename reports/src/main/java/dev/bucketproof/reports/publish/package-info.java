/**
 * Publishing a report: {@link dev.bucketproof.reports.publish.ReportWriter} writes the renderings
 * into one directory atomically (a partial directory beside the target, one rename, the old report
 * deleted only when it is a report this writer wrote); {@code ReportDirectory} recognises such a
 * directory by its marker file and refuses anything else. Files get the permissions the process's
 * umask gives.
 *
 * <p>Depends on {@code render} (the files' contents), {@code report} and {@code assignments} (the
 * values rendered); used by {@code cli} only.
 *
 * <pre>{@code
 * ReportWriter.checkTarget(Path.of("reports/target/site"));   // refuses early: a user's directory
 * ReportWriter.write(report, Path.of("reports/target/site"));
 * }</pre>
 */
package dev.bucketproof.reports.publish;
