package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.VariantSplit;

/**
 * A candidate rule whose every decision is computed by hand: the user's number is the digits of its
 * id ({@code u17} and {@code é17} are both 17), its bucket {@code number mod N}, enabled iff the
 * bucket is below {@code rollout * N}, its variant the {@code (number mod variants)}th, except
 * {@code ""} (no variant) when the number is a multiple of 7, and its variant bucket {@code number
 * mod N}. With {@code ownBuckets > 0} it uses that bucket count whatever the flag's.
 */
record DigitRule(String name, int ownBuckets) implements CandidateRule {
  DigitRule(String name) {
    this(name, 0);
  }

  static int number(String userId) {
    return Integer.parseInt(userId.replaceAll("[^0-9]", ""));
  }

  @Override
  public String description() {
    return "digits of the id mod N";
  }

  @Override
  public FlagRule forFlag(String flagKey, int bucketCount, Rollout rollout, VariantSplit split) {
    int buckets = ownBuckets > 0 ? ownBuckets : bucketCount;
    return new FlagRule() {
      @Override
      public int bucketCount() {
        return buckets;
      }

      @Override
      public int bucket(String userId) {
        return number(userId) % buckets;
      }

      @Override
      public Boolean enabled(String userId) {
        if (rollout == null || (long) rollout.basisPoints() * buckets % Rollout.FULL != 0) {
          return null;
        }
        return bucket(userId) < (long) rollout.basisPoints() * buckets / Rollout.FULL;
      }

      @Override
      public String variant(String userId) {
        if (split == null) {
          return null;
        }
        int number = number(userId);
        return number % 7 == 0 ? "" : split.variants().get(number % split.variants().size()).name();
      }

      @Override
      public int variantBucket(String userId) {
        return number(userId) % buckets;
      }
    };
  }
}
