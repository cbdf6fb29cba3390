package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.VariantSplit;

/**
 * A rule that might have made an export's assignments: one system's whole decision (key
 * construction, hash, seed, bucket mapping, cut-off). The fingerprint runs every candidate over
 * every row and reports the share of rows each reproduces. {@link CandidateRules#builtIn()} holds
 * the hashers' rules and the compatibility profiles; another rule joins by implementing this
 * interface.
 *
 * <p>Implementations are immutable and safe for concurrent use.
 */
public interface CandidateRule {
  /**
   * Returns the rule's stable name, such as {@code salted murmur3_x86_32} or {@code profile
   * unleash}.
   */
  String name();

  /**
   * Returns what the rule computes, such as {@code murmur3_x86_32(flagKey + ":" + userId, 0) mod
   * N}.
   */
  String description();

  /**
   * Returns the rule for one flag.
   *
   * @param flagKey the flag, non-empty
   * @param bucketCount the bucket count the flag is configured with (a rule with its own fixed
   *     bucket space ignores it and reports its own through {@link FlagRule#bucketCount()})
   * @param rollout the configured rollout, or null
   * @param split the configured variants, or null
   */
  FlagRule forFlag(String flagKey, int bucketCount, Rollout rollout, VariantSplit split);

  /**
   * One candidate rule applied to one flag.
   *
   * <p>Implementations are immutable and safe for concurrent use.
   */
  interface FlagRule {
    /** Returns the number of buckets of {@link #bucket}. */
    int bucketCount();

    /**
     * Returns the user's rollout bucket, in [0, bucketCount()); a rollout of p% enables about the
     * buckets below p * bucketCount() / 100 (the fingerprint infers an unconfigured rollout from
     * them).
     */
    int bucket(String userId);

    /**
     * Returns whether the configured rollout enables the user, or null when the rule cannot tell
     * (none configured).
     */
    Boolean enabled(String userId);

    /**
     * Returns the user's variant under the configured split, {@code ""} for none, or null when the
     * rule cannot tell.
     */
    String variant(String userId);

    /**
     * Returns the user's variant bucket in [0, bucketCount()): the hash that picks a variant,
     * before the weights cut it; or -1 when the rule has no such bucket. Used when no weights are
     * configured: the rule that made the rows puts each variant bucket in one variant.
     */
    int variantBucket(String userId);
  }
}
