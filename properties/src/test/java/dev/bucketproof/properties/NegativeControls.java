package dev.bucketproof.properties;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.FlagBuckets;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.audit.AuditedBucketer;

/** Deliberately bad bucketers, each of which a gate must reject. */
final class NegativeControls {
  private NegativeControls() {}

  /** {@code Math.floorMod(("flag:" + id).hashCode(), 100)}: what a hand-rolled rollout often is. */
  static AuditedBucketer stringHashCode() {
    return new AuditedBucketer(
        "String.hashCode", 100, 32, flag -> id -> Math.floorMod((flag + ":" + id).hashCode(), 100));
  }

  /**
   * Murmur3 read as a signed int with a signed remainder: negative buckets, all of them "enabled".
   */
  static AuditedBucketer signedRemainder() {
    return new AuditedBucketer(
        "signed remainder",
        100,
        32,
        flag -> id -> (int) IdHashers.murmur3_x86_32().hash(flag + ":" + id, 0) % 100);
  }

  /** Murmur3 of the user id alone: every flag picks the same users. */
  static AuditedBucketer unsalted() {
    return AuditedBucketer.of(Bucketer.builder().unsalted().build());
  }

  /**
   * A rollout that is really 21% when 25% is asked: buckets 21..99 are squeezed into 25..99. The
   * old "25% gives 20-30% of 10,000 users" check accepts it.
   */
  static AuditedBucketer twentyOnePercentPosingAsTwentyFive() {
    return new AuditedBucketer(
        "21% posing as 25%",
        100,
        32,
        flag -> {
          FlagBuckets buckets = Bucketer.standard().forFlag(flag);
          return id -> {
            int bucket = buckets.bucket(id);
            return bucket < 21 ? bucket : 25 + (bucket - 21) * 75 / 79;
          };
        });
  }
}
