package dev.bucketproof.openfeature;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded, lock-free ring of sampled evaluations: many threads offer, one drains. Each slot holds
 * the flag's index, the outcome's slot, the targeting key's sampling hash and a reference to the
 * targeting key; nothing is allocated after construction.
 *
 * <p>The algorithm is Dmitry Vyukov's bounded queue: each slot carries a sequence number; a
 * producer claims position {@code p} with one compare-and-set when the slot's sequence equals
 * {@code p}, writes the fields, then publishes by setting the sequence to {@code p + 1}; the
 * consumer reads a slot whose sequence is {@code p + 1} and frees it by setting {@code p +
 * capacity}. A full ring drops the offer (counted by the caller) instead of waiting: the caller's
 * thread never blocks.
 *
 * <p>Thread-safety: {@link #offer} from any number of threads; {@link #drain} from one thread at a
 * time (the caller holds a lock).
 */
final class SampleRing {
  /** Receives drained entries; called on the draining thread. */
  interface Sink {
    void accept(int flag, int outcome, int sampleHash, String targetingKey);
  }

  private final int mask;
  private final AtomicLongArray sequences;
  private final int[] flags;
  private final int[] outcomes;
  private final int[] hashes;
  private final String[] keys;
  private final AtomicLong tail = new AtomicLong();
  private long head;

  /**
   * Returns a ring of {@code capacity} entries.
   *
   * @throws IllegalArgumentException if {@code capacity} is not a power of two in [2, 2^24]
   */
  SampleRing(int capacity) {
    if (capacity < 2 || capacity > 1 << 24 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException(
          "ringCapacity must be a power of two within [2, 16777216]: " + capacity);
    }
    mask = capacity - 1;
    sequences = new AtomicLongArray(capacity);
    for (int i = 0; i < capacity; i++) {
      sequences.set(i, i);
    }
    flags = new int[capacity];
    outcomes = new int[capacity];
    hashes = new int[capacity];
    keys = new String[capacity];
  }

  /** Returns the number of entries the ring holds at most. */
  int capacity() {
    return mask + 1;
  }

  /** Adds one entry; returns false, without waiting, when the ring is full. */
  boolean offer(int flag, int outcome, int sampleHash, String targetingKey) {
    long position = tail.get();
    while (true) {
      int index = (int) position & mask;
      long difference = sequences.get(index) - position;
      if (difference == 0) {
        if (tail.compareAndSet(position, position + 1)) {
          flags[index] = flag;
          outcomes[index] = outcome;
          hashes[index] = sampleHash;
          keys[index] = targetingKey;
          sequences.lazySet(index, position + 1); // publishes the fields written above
          return true;
        }
        position = tail.get();
      } else if (difference < 0) {
        return false; // full: the slot still holds an entry one lap behind
      } else {
        position = tail.get(); // another producer took this position
      }
    }
  }

  /** Hands every published entry to {@code sink}, in order; returns how many. */
  int drain(Sink sink) {
    int drained = 0;
    while (true) {
      int index = (int) head & mask;
      if (sequences.get(index) != head + 1) {
        return drained;
      }
      String key = keys[index];
      keys[index] = null;
      sink.accept(flags[index], outcomes[index], hashes[index], key);
      sequences.lazySet(index, head + mask + 1);
      head++;
      drained++;
    }
  }
}
