package dev.bucketproof.reports.assignments;

import java.util.Objects;

/**
 * One row of an assignments export: which user got what for which flag. At least one outcome is
 * present: {@code enabled}, {@code variant} or {@code bucket}; an absent outcome is null.
 *
 * <p>Thread-safety: immutable.
 *
 * @param line the 1-based line of the row in its file (for an in-memory row, any positive number
 *     the caller uses to find it again, such as its index + 1)
 * @param userId the user, non-empty
 * @param flagKey the flag, non-empty
 * @param enabled whether the flag was on for the user, or null
 * @param variant the variant the user got, non-empty, or null
 * @param bucket the bucket the user was put in, 0 or more, or null
 */
public record AssignmentRow(
    long line, String userId, String flagKey, Boolean enabled, String variant, Integer bucket) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code userId} or {@code flagKey} is null
   * @throws IllegalArgumentException if {@code line} is below 1, {@code userId} or {@code flagKey}
   *     is empty, {@code variant} is empty, {@code bucket} is negative, or every outcome is null
   */
  public AssignmentRow {
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1: " + line);
    }
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(flagKey, "flagKey");
    if (userId.isEmpty()) {
      throw new IllegalArgumentException("userId must not be empty (line " + line + ")");
    }
    if (flagKey.isEmpty()) {
      throw new IllegalArgumentException("flagKey must not be empty (line " + line + ")");
    }
    if (variant != null && variant.isEmpty()) {
      throw new IllegalArgumentException("variant must be null or non-empty (line " + line + ")");
    }
    if (bucket != null && bucket < 0) {
      throw new IllegalArgumentException("bucket must be >= 0: " + bucket + " (line " + line + ")");
    }
    if (enabled == null && variant == null && bucket == null) {
      throw new IllegalArgumentException(
          "a row needs an outcome (enabled, variant or bucket): line " + line);
    }
  }

  /** Returns a row with only the {@code enabled} outcome. */
  public static AssignmentRow enabled(long line, String userId, String flagKey, boolean enabled) {
    return new AssignmentRow(line, userId, flagKey, enabled, null, null);
  }

  /** Returns a row with only the {@code variant} outcome. */
  public static AssignmentRow variant(long line, String userId, String flagKey, String variant) {
    return new AssignmentRow(line, userId, flagKey, null, variant, null);
  }

  /** Returns a row with only the {@code bucket} outcome. */
  public static AssignmentRow bucket(long line, String userId, String flagKey, int bucket) {
    return new AssignmentRow(line, userId, flagKey, null, null, bucket);
  }
}
