package dev.bucketproof.openfeature;

import java.util.function.LongPredicate;

/**
 * An open-addressing table from a 64-bit user key (never 0) to an int (never 0), kept between a
 * quarter and half full: 12 bytes a slot, so 24 to 48 bytes an entry.
 *
 * <p>Thread-safety: not thread-safe; confined to the checking thread (under the hook's lock).
 */
final class KeyTable {
  interface Visitor {
    void visit(long key, int value);
  }

  private long[] keys = new long[16];
  private int[] values = new int[16];
  private int size;

  /** Returns the value of {@code key}, or 0. */
  int get(long key) {
    int mask = keys.length - 1;
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
      if (keys[i] == 0) {
        return 0;
      }
    }
  }

  /** Sets the value of {@code key}; returns true if the key is new. */
  boolean put(long key, int value) {
    int mask = keys.length - 1;
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        values[i] = value;
        return false;
      }
      if (keys[i] == 0) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
          resize(keys.length * 2);
        }
        return true;
      }
    }
  }

  /** Keeps the entries whose key passes {@code keep}. */
  void retain(LongPredicate keep) {
    long[] oldKeys = keys;
    int[] oldValues = values;
    int capacity = 16;
    int kept = 0;
    for (long key : oldKeys) {
      if (key != 0 && keep.test(key)) {
        kept++;
      }
    }
    while (capacity < kept * 4) {
      capacity *= 2;
    }
    keys = new long[capacity];
    values = new int[capacity];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0 && keep.test(oldKeys[i])) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  void forEach(Visitor visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        visitor.visit(keys[i], values[i]);
      }
    }
  }

  int size() {
    return size;
  }

  private void resize(int capacity) {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[capacity];
    values = new int[capacity];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
