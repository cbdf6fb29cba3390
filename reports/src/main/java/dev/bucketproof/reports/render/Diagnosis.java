package dev.bucketproof.reports.render;

import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.report.Report;

/**
 * The sentence under a report's verdict, in words, as the first screen of {@code index.html} and
 * {@code summary.md} print it: for the command line, so that a terminal or a CI log reads the same
 * diagnosis as the page.
 */
public final class Diagnosis {
  private Diagnosis() {}

  /**
   * Returns what a report's failures are ({@code All 42 failures are on other systems' rules ...:
   * expected findings ...}) and the speed targets missed; empty when there is nothing to say.
   */
  public static String of(Report report) {
    return ReportChecks.why(report);
  }

  /**
   * Returns the diagnosis of an assignments audit, such as {@code These assignments were made by
   * unsalted murmur3_x86_32: every flag picks the same users.}; empty when nothing failed.
   */
  public static String of(AssignmentFindings findings) {
    return AssignmentChecks.diagnosis(findings);
  }
}
