package dev.bucketproof.openfeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The evaluation counts of one flag: one striped counter ({@link LongAdder}) per outcome, in a
 * preallocated table of {@code maxOutcomes} slots. The configured variants take the first slots, in
 * FLAGS.json order; an outcome seen for the first time takes the next free slot with one
 * compare-and-set; outcomes beyond the table are counted together as {@link #overflow}.
 *
 * <p>Recording scans the slots comparing by identity first, then {@code equals}: providers hand out
 * the same variant {@code String} every time, so a scan of 2 to 4 slots costs a few nanoseconds and
 * allocates nothing.
 *
 * <p>Thread-safety: {@link #slot} and the counters are lock-free and safe from any thread.
 */
final class FlagCounters {
  final String flagKey;
  final int index;
  private final AtomicReferenceArray<Object> outcomes;
  private final LongAdder[] counts;
  final LongAdder overflow = new LongAdder();
  final LongAdder errors = new LongAdder();

  FlagCounters(String flagKey, int index, List<String> configured, int maxOutcomes) {
    this.flagKey = flagKey;
    this.index = index;
    int size = Math.max(maxOutcomes, configured.size());
    outcomes = new AtomicReferenceArray<>(size);
    counts = new LongAdder[size];
    for (int i = 0; i < size; i++) {
      counts[i] = new LongAdder();
    }
    for (int i = 0; i < configured.size(); i++) {
      outcomes.set(i, configured.get(i));
    }
  }

  /**
   * Returns the slot of {@code outcome}, taking a free one if needed; -1 when the table is full.
   */
  int slot(Object outcome) {
    int size = counts.length;
    for (int i = 0; i < size; i++) {
      Object known = outcomes.get(i);
      if (known == null) {
        if (outcomes.compareAndSet(i, null, outcome)) {
          return i;
        }
        known = outcomes.get(i); // another thread took the slot: it may hold this outcome
      }
      if (known == outcome || known.equals(outcome)) {
        return i;
      }
    }
    return -1;
  }

  /** Counts one evaluation in {@code slot} (from {@link #slot}, or -1 for overflow). */
  void count(int slot) {
    if (slot < 0) {
      overflow.increment();
    } else {
      counts[slot].increment();
    }
  }

  /** Returns the name of the outcome in {@code slot}, or null when the slot is free. */
  String name(int slot) {
    Object outcome = outcomes.get(slot);
    return outcome == null ? null : String.valueOf(outcome);
  }

  /** Returns the number of slots. */
  int slots() {
    return counts.length;
  }

  /** Returns the evaluations counted: every outcome plus overflow (errors excluded). */
  long total() {
    long total = overflow.sum();
    for (LongAdder count : counts) {
      total += count.sum();
    }
    return total;
  }

  /** Returns the count of {@code slot}. */
  long countOf(int slot) {
    return counts[slot].sum();
  }

  /** Returns the count of each outcome seen (and of each configured one), in slot order. */
  Map<String, Long> counts() {
    Map<String, Long> result = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      Object outcome = outcomes.get(i);
      if (outcome == null) {
        break;
      }
      result.merge(String.valueOf(outcome), counts[i].sum(), Long::sum);
    }
    return result;
  }

  /** Returns the names of the outcomes seen or configured, in slot order. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      Object outcome = outcomes.get(i);
      if (outcome == null) {
        break;
      }
      names.add(String.valueOf(outcome));
    }
    return names;
  }
}
