package dev.bucketproof.reports.assignments;

import dev.bucketproof.reports.assignments.AssignmentFindings.Conflict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The per-user state of an audit, fed in file order: the bounded {@link UserSample}, the repeats
 * and conflicts it finds, and the overlap of every pair of flags at the end. The sequential audit
 * feeds it row by row; the parallel file audit feeds it the rows of each range, oldest range first,
 * so that "the first outcome of a (user, flag)" means the same in both.
 *
 * <p>Thread-safety: not thread-safe; confine to one thread.
 */
final class UserState {
  private final UserSample sample;
  private final List<String> flagKeys = new ArrayList<>();
  private final List<Conflict> examples = new ArrayList<>();
  private long duplicates;
  private long conflicts;

  UserState(int capacity) {
    this.sample = new UserSample(capacity);
  }

  /** Registers the next flag; returns its index. */
  int addFlag(String flagKey) {
    flagKeys.add(flagKey);
    return flagKeys.size() - 1;
  }

  /**
   * Records one row's outcome {@code code} for (user, flag); {@code variantNames} names the code's
   * variant indices.
   */
  void put(
      int flagIndex, long key, long code, long line, String userId, List<String> variantNames) {
    long previous = sample.put(flagIndex, key, code);
    if (previous == code) {
      duplicates++;
    } else if (previous != 0) {
      conflicts++;
      if (examples.size() < AssignmentAudit.CONFLICTS_KEPT) {
        examples.add(
            new Conflict(
                line,
                userId,
                flagKeys.get(flagIndex),
                FlagState.describe(previous, variantNames),
                FlagState.describe(code, variantNames)));
      }
    }
  }

  /** Returns the summary so far, in the canonical order of {@link AssignmentCounts}. */
  AssignmentCounts.UserCounts counts() {
    List<AssignmentCounts.Overlap> overlaps = new ArrayList<>();
    for (int i = 0; i < flagKeys.size(); i++) {
      for (int j = i + 1; j < flagKeys.size(); j++) {
        long[][] table = overlap(i, j);
        if (table[0][0] + table[0][1] + table[1][0] + table[1][1] > 0) {
          overlaps.add(AssignmentCounts.Overlap.of(flagKeys.get(i), flagKeys.get(j), table));
        }
      }
    }
    overlaps.sort(
        Comparator.comparing(AssignmentCounts.Overlap::first)
            .thenComparing(AssignmentCounts.Overlap::second));
    return new AssignmentCounts.UserCounts(
        duplicates, conflicts, examples, sample.level(), sample.entries(), overlaps);
  }

  private long[][] overlap(int first, int second) {
    LongLongMap a = sample.flag(first);
    LongLongMap b = sample.flag(second);
    boolean swap = a.size() > b.size();
    LongLongMap small = swap ? b : a;
    LongLongMap large = swap ? a : b;
    long[][] table = new long[2][2];
    small.forEach(
        (key, code) -> {
          long other = large.get(key);
          if (other != 0 && FlagState.known(code) && FlagState.known(other)) {
            int inSmall = FlagState.member(code) ? 1 : 0;
            int inLarge = FlagState.member(other) ? 1 : 0;
            if (swap) {
              table[inLarge][inSmall]++;
            } else {
              table[inSmall][inLarge]++;
            }
          }
        });
    return table;
  }
}
