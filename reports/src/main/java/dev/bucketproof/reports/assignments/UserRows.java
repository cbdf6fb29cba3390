package dev.bucketproof.reports.assignments;

import java.util.Arrays;

/**
 * The per-user outcomes of one part of a file, in row order, kept until the part's turn to feed the
 * whole file's {@link UserState}: flag index (the part's), sampling key, outcome code (with the
 * part's variant indices), line number (the part's) and user. Bounded by the part's rows.
 *
 * <p>Thread-safety: not thread-safe; written by one worker, then read by the merging thread.
 */
final class UserRows {
  int size;
  int[] flags = new int[1024];
  long[] keys = new long[1024];
  long[] codes = new long[1024];
  long[] lines = new long[1024];
  String[] users = new String[1024];

  void add(int flag, long key, long code, long line, String user) {
    if (size == flags.length) {
      int length = size * 2;
      flags = Arrays.copyOf(flags, length);
      keys = Arrays.copyOf(keys, length);
      codes = Arrays.copyOf(codes, length);
      lines = Arrays.copyOf(lines, length);
      users = Arrays.copyOf(users, length);
    }
    flags[size] = flag;
    keys[size] = key;
    codes[size] = code;
    lines[size] = line;
    users[size] = user;
    size++;
  }
}
