package dev.bucketproof.reports.assignments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows that could not be used, with their line numbers and reasons: every one is counted, the
 * first {@value #LINES_KEPT} are listed, and each reason keeps its own count. Nothing is dropped
 * silently: lines read = rows audited + lines rejected (+ the header).
 *
 * <p>Thread-safety: not thread-safe; confine to the audit's thread.
 */
final class RejectLog {
  /** How many rejected lines are listed with their reason. */
  static final int LINES_KEPT = 100;

  private long count;
  private final Map<String, long[]> byReason = new LinkedHashMap<>();
  private final List<AssignmentFindings.RejectedLine> first = new ArrayList<>();

  /**
   * Records that line {@code line} was rejected: {@code kind} groups it, {@code detail} is shown
   * with it.
   */
  void reject(long line, String kind, String detail) {
    count++;
    // {first line, count}
    byReason.computeIfAbsent(kind, any -> new long[] {line, 0})[1]++;
    if (first.size() < LINES_KEPT) {
      first.add(new AssignmentFindings.RejectedLine(line, detail));
    }
  }

  long count() {
    return count;
  }

  /** Returns the rejects so far, in the canonical order of {@link AssignmentCounts}. */
  AssignmentCounts.RejectCounts counts() {
    List<AssignmentCounts.Reason> reasons = new ArrayList<>();
    byReason.forEach(
        (kind, firstAndCount) ->
            reasons.add(new AssignmentCounts.Reason(kind, firstAndCount[0], firstAndCount[1])));
    reasons.sort(
        Comparator.comparingLong(AssignmentCounts.Reason::firstLine)
            .thenComparing(AssignmentCounts.Reason::kind));
    List<AssignmentFindings.RejectedLine> kept = new ArrayList<>(first);
    kept.sort(
        Comparator.comparingLong(AssignmentFindings.RejectedLine::line)
            .thenComparing(AssignmentFindings.RejectedLine::reason));
    return new AssignmentCounts.RejectCounts(count, reasons, kept);
  }

  static String quote(String value) {
    String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
    return String.format(Locale.ROOT, "'%s'", shown);
  }
}
