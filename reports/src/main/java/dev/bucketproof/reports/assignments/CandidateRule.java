package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.VariantSplit;

/**
 * A rule that might have made an export's assignments: one system's whole decision (key construction,
 * hash, seed, bucket mapping, cut-off). The fingerprint runs every candidate over every row and reports
 * the share of rows each reproduces. {@link CandidateRules#builtIn()} holds the hashers' rules; a
 * compatibility profile joins by implementing this interface.
 *
 * <p>Implementations are immutable and safe for concurrent use.
 */
public interface CandidateRule {
  /** Returns the rule's stable name, such as {@code salted murmur3_x86_32}. */
  String name();

  /** Returns what the rule computes, such as {@code murmur3_x86_32(flagKey + ":" + userId, 0) mod N}. */
  String description();

  /**
   * Returns the rule for one flag.
   *
   * @param flagKey the flag, non-empty
   * @param bucketCount the bucket count the flag is configured with (a rule with its own fixed bucket
   *     space may ignore it and report its own through {@link FlagRule#bucketCount()})
   * @param split the configured variants, or null when none are configured
   */
  FlagRule forFlag(String flagKey, int bucketCount, VariantSplit split);

  /**
   * One candidate rule applied to one flag.
   *
   * <p>Implementations are immutable and safe for concurrent use.
   */
  interface FlagRule {
    /** Returns the number of buckets of {@link #bucket}; a rollout of p% enables buckets below p * N / 100. */
    int bucketCount();

    /** Returns the user's rollout bucket, in [0, bucketCount()). */
    int bucket(String userId);

    /** Returns the user's variant name, or null when the rule was given no split. */
    String variant(String userId);

    /**
     * Returns the user's variant bucket in [0, bucketCount()): the hash that picks a variant, before the
     * weights cut it. Used when no weights are configured: a rule that made the rows puts each variant
     * bucket in one variant.
     */
    int variantBucket(String userId);
  }
}
