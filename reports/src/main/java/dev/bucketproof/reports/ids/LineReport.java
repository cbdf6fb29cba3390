package dev.bucketproof.reports.ids;

import java.util.List;
import java.util.Locale;

/**
 * How the lines of a file were used: lines read = ids audited + lines rejected.
 *
 * @param linesRead every line of the file
 * @param idsAudited lines that became ids
 * @param blankLines lines that were empty (after removing the terminator)
 * @param blankLineNumbers the first {@value #LINE_NUMBERS_KEPT} of them
 * @param invalidLines lines that were not valid UTF-8
 * @param invalidLineNumbers the first {@value #LINE_NUMBERS_KEPT} of them
 */
public record LineReport(
    long linesRead,
    long idsAudited,
    long blankLines,
    List<Long> blankLineNumbers,
    long invalidLines,
    List<Long> invalidLineNumbers) {
  /** How many line numbers of each kind of rejection a report lists. */
  public static final int LINE_NUMBERS_KEPT = 20;

  /** Returns the lines rejected: blank plus invalid. */
  public long linesRejected() {
    return blankLines + invalidLines;
  }

  /** Returns a sentence such as "10,002 lines read = 10,000 ids audited + 2 rejected (...)". */
  public String summary() {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%,d lines read = %,d ids audited + %,d lines rejected",
                linesRead,
                idsAudited,
                linesRejected()));
    if (blankLines > 0) {
      text.append(
          String.format(
              Locale.ROOT,
              "; %,d blank (lines %s%s)",
              blankLines,
              join(blankLineNumbers),
              blankLines > blankLineNumbers.size() ? ", ..." : ""));
    }
    if (invalidLines > 0) {
      text.append(
          String.format(
              Locale.ROOT,
              "; %,d not valid UTF-8 (lines %s%s)",
              invalidLines,
              join(invalidLineNumbers),
              invalidLines > invalidLineNumbers.size() ? ", ..." : ""));
    }
    return text.toString();
  }

  private static String join(List<Long> numbers) {
    StringBuilder text = new StringBuilder();
    for (Long number : numbers) {
      text.append(text.length() == 0 ? "" : ", ").append(number);
    }
    return text.toString();
  }
}
