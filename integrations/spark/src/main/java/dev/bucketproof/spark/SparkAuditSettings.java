package dev.bucketproof.spark;

import dev.bucketproof.reports.assignments.AssignmentSettings;
import dev.bucketproof.reports.assignments.Columns;
import dev.bucketproof.reports.assignments.FlagsFile;
import dev.bucketproof.reports.statistics.Statistics;
import java.io.Serializable;
import java.util.Objects;

/**
 * How a Spark audit runs, in a form Spark can ship to its executors: the flags as the text of a
 * FLAGS.json (the file {@code report --flags} reads), the column overrides and the gates' level.
 * Each side builds the same {@link AssignmentSettings} from it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param source the export's name in the report, such as {@code exposures.parquet}
 * @param flagsJson the FLAGS.json text, {@code {}} for no configured flag
 * @param userColumn the user column, or null to guess it as the command line does
 * @param flagColumn the flag column, or null
 * @param outcomeColumn the outcome column ({@code NAME[:enabled|variant|bucket]}), or null
 * @param alpha the level of each gate, in (0, 1)
 * @param firstLine the line number of the first row: 1 for a table, 2 for a CSV file with a header
 *     (so that rows are numbered as the command line numbers the same file's lines)
 * @param timeColumn the column of when each row was logged ({@code --time-column}), or null
 */
public record SparkAuditSettings(
    String source,
    String flagsJson,
    String userColumn,
    String flagColumn,
    String outcomeColumn,
    double alpha,
    long firstLine,
    String timeColumn)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Validates the components; the flags are parsed once here, so that a mistake in them is found on
   * the driver.
   *
   * @throws IllegalArgumentException if the flags are not valid FLAGS.json or alpha is outside (0,
   *     1)
   */
  public SparkAuditSettings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(flagsJson, "flagsJson");
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be within (0, 1): " + alpha);
    }
    if (firstLine < 1) {
      throw new IllegalArgumentException("firstLine must be >= 1: " + firstLine);
    }
    FlagsFile.parse(flagsJson, "--flags");
  }

  /** Returns settings with no configured flag, guessed columns and alpha 0.0005. */
  public static SparkAuditSettings of(String source) {
    return new SparkAuditSettings(source, "{}", null, null, null, Statistics.ALPHA, 1, null);
  }

  /** Returns these settings with the flags of {@code flagsJson}. */
  public SparkAuditSettings withFlags(String flagsJson) {
    return new SparkAuditSettings(
        source, flagsJson, userColumn, flagColumn, outcomeColumn, alpha, firstLine, timeColumn);
  }

  /**
   * Returns these settings with each gate at level {@code level}.
   *
   * @throws IllegalArgumentException if the level is outside (0, 1)
   */
  public SparkAuditSettings withAlpha(double level) {
    return new SparkAuditSettings(
        source, flagsJson, userColumn, flagColumn, outcomeColumn, level, firstLine, timeColumn);
  }

  /** Returns these settings numbering the first row {@code firstLine}. */
  public SparkAuditSettings withFirstLine(long firstLine) {
    return new SparkAuditSettings(
        source, flagsJson, userColumn, flagColumn, outcomeColumn, alpha, firstLine, timeColumn);
  }

  /** Returns these settings with the column overrides (each null to guess). */
  public SparkAuditSettings withColumns(String user, String flag, String outcome) {
    return new SparkAuditSettings(
        source, flagsJson, user, flag, outcome, alpha, firstLine, timeColumn);
  }

  /**
   * Returns these settings with {@code name} as the time column (null for none): each flag with
   * weights then gets its sequential SRM path by day, as with the command line's {@code
   * --time-column}.
   */
  public SparkAuditSettings withTimeColumn(String name) {
    return new SparkAuditSettings(
        source, flagsJson, userColumn, flagColumn, outcomeColumn, alpha, firstLine, name);
  }

  /** Returns the column overrides. */
  public Columns columns() {
    return new Columns(userColumn, flagColumn, outcomeColumn, timeColumn);
  }

  /** Returns the audit's settings: the built-in rules, the flags, this alpha. */
  public AssignmentSettings assignmentSettings() {
    AssignmentSettings defaults = AssignmentSettings.defaults();
    return new AssignmentSettings(
        FlagsFile.parse(flagsJson, "--flags"),
        defaults.candidates(),
        defaults.sampleCapacity(),
        alpha);
  }
}
