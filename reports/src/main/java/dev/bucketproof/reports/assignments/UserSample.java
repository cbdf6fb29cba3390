package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-user state of the audit, bounded: for each flag, the outcome of every kept user, keyed by
 * a 64-bit hash of the user id. It finds conflicts (one user, one flag, two outcomes) and gives the
 * cross-flag overlap tables.
 *
 * <p>All users are kept until the entries (user-flag pairs) exceed the capacity; then the sample
 * halves: a user is kept iff the top {@code level} bits of {@code murmur3_x64_128(userId, seed
 * 0x5A3D1E75)} are 0, a consistent sample of 1/2^level of the users, the same users for every flag,
 * and independent of the flags' own hashes (another algorithm and seed than any rule). Memory is 32
 * to 64 bytes per entry (open-addressing tables between a quarter and half full): at most 64 MiB at
 * the default capacity of 2^20 entries, whatever the number of rows. The error this costs: the
 * overlap of two flags is estimated from the sampled shared users only (standard error sqrt(p(1 -
 * p) / n) for n sampled shared users), and conflicts are found among sampled users only. Two users
 * collide in the 64-bit key with probability about n^2 / 2^65: 3e-8 for a million users.
 *
 * <p>Thread-safety: not thread-safe; confine to the audit's thread.
 */
final class UserSample {
  static final int SEED = 0x5A3D1E75;
  private static final IdHasher HASHER = IdHashers.murmur3_x64_128_openhft();

  private final int capacity;
  private final List<LongLongMap> flags = new ArrayList<>();
  private long entries;
  private int level;

  UserSample(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("sample capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Returns the sampling key of {@code userId}: never 0. */
  static long key(String userId) {
    long hash = HASHER.hash(userId, SEED);
    return hash == 0 ? 1 : hash;
  }

  /**
   * Returns {@link #key(String)} of the user whose UTF-8 bytes are {@code utf8[offset, offset +
   * length)}, hashed where they lie (the same value: the hasher hashes a string's UTF-8 bytes).
   */
  static long key(byte[] utf8, int offset, int length) {
    long hash = HASHER.hashUtf8(utf8, offset, length, SEED);
    return hash == 0 ? 1 : hash;
  }

  /** Returns whether a user with this key is in the current sample. */
  boolean kept(long key) {
    return level == 0 || key >>> (64 - level) == 0;
  }

  /**
   * Records {@code code} for (user, flag), returning the code already recorded, or 0 when none was
   * (or the user is not sampled). Codes are non-zero.
   */
  long put(int flagIndex, long key, long code) {
    if (!kept(key)) {
      return 0;
    }
    while (flags.size() <= flagIndex) {
      flags.add(new LongLongMap());
    }
    long previous = flags.get(flagIndex).putIfAbsent(key, code);
    if (previous == 0) {
      entries++;
      while (entries > capacity && level < 63) {
        level++;
        entries = 0;
        for (LongLongMap map : flags) {
          map.retain(this::kept);
          entries += map.size();
        }
      }
    }
    return previous;
  }

  /** Returns the map of one flag (key to code), possibly empty. */
  LongLongMap flag(int flagIndex) {
    return flagIndex < flags.size() ? flags.get(flagIndex) : new LongLongMap();
  }

  /** Returns the sampling level: 1/2^level of users are kept. */
  int level() {
    return level;
  }

  /** Returns the entries (user-flag pairs) kept. */
  long entries() {
    return entries;
  }
}
