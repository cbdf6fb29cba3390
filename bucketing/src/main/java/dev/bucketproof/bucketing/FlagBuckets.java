package dev.bucketproof.bucketing;

import java.util.Objects;

/**
 * The buckets of one flag: the hash state after the flag's key prefix is computed once, so each call
 * costs about one hash of the user id alone. Obtained from {@link Bucketer#forFlag}.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
public final class FlagBuckets {
  private final IdHasher.Prefixed hash;
  private final int bucketCount;

  FlagBuckets(IdHasher.Prefixed hash, int bucketCount) {
    this.hash = hash;
    this.bucketCount = Bucketer.requireBucketCount(bucketCount);
  }

  /**
   * Returns the hash of the key of {@code userId}, read as unsigned.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public long hash(CharSequence userId) {
    return hash.hash(Objects.requireNonNull(userId, "userId"));
  }

  /**
   * Returns the bucket of {@code userId}, in [0, bucketCount).
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public int bucket(CharSequence userId) {
    return Bucketer.bucketOf(hash.hash(Objects.requireNonNull(userId, "userId")), bucketCount);
  }

  /** Returns the number of buckets. */
  public int bucketCount() {
    return bucketCount;
  }
}
