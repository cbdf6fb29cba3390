package dev.bucketproof.reports.assignments;

import java.util.function.LongPredicate;

/**
 * An open-addressing hash map from non-zero {@code long} keys to non-zero {@code long} values,
 * linear probing, between a quarter and half full: 32 to 64 bytes per entry (16 bytes a slot), no
 * boxing. Written here because none of the project's libraries has a primitive map (Guava's maps
 * box every key).
 *
 * <p>Thread-safety: not thread-safe.
 */
final class LongLongMap {
  private long[] keys = new long[16];
  private long[] values = new long[16];
  private int size;

  /** Returns the value of {@code key}, or 0. */
  long get(long key) {
    int mask = keys.length - 1;
    for (int slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
      long present = keys[slot];
      if (present == key) {
        return values[slot];
      }
      if (present == 0) {
        return 0;
      }
    }
  }

  /** Stores {@code value} for {@code key} unless a value is present; returns that value, or 0. */
  long putIfAbsent(long key, long value) {
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (keys[slot] != 0) {
      if (keys[slot] == key) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = value;
    if (++size * 2 > keys.length) {
      rehash(keys.length * 2, any -> true);
    }
    return 0;
  }

  /** Keeps only the keys that {@code keep} accepts. */
  void retain(LongPredicate keep) {
    rehash(keys.length, keep);
  }

  int size() {
    return size;
  }

  /** Calls {@code visitor} for every entry. */
  void forEach(Visitor visitor) {
    for (int slot = 0; slot < keys.length; slot++) {
      if (keys[slot] != 0) {
        visitor.visit(keys[slot], values[slot]);
      }
    }
  }

  @FunctionalInterface
  interface Visitor {
    void visit(long key, long value);
  }

  private void rehash(int length, LongPredicate keep) {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[length];
    values = new long[length];
    size = 0;
    int mask = length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      long key = oldKeys[i];
      if (key != 0 && keep.test(key)) {
        int slot = mix(key) & mask;
        while (keys[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = oldValues[i];
        size++;
      }
    }
  }

  /**
   * The keys are already hashes; fold the high bits in so a sampled (top bits 0) key spreads too.
   */
  private static int mix(long key) {
    return (int) (key ^ (key >>> 32));
  }
}
