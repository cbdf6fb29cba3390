package dev.bucketproof.reports.audit;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.FlagBuckets;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.profiles.Profiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * What an audit measures: anything that maps (flag, user) to a bucket. Usually a {@link Bucketer};
 * the statistical gates also audit deliberately bad bucketers (a {@code String.hashCode} one, a
 * signed remainder, an unsalted one) to show that each gate can fail.
 *
 * <p>Thread-safety: the functions must be safe for concurrent use; the audit calls them from
 * several threads.
 *
 * @param name the name the report uses, such as {@code bucketproof:murmur3_x86_32}
 * @param bucketCount the number of buckets, 1..1,000,000 (the audit keeps a count per bucket)
 * @param hashBits the width of the hash (32 or 64) for the modulo-bias figure, or 0 when unknown
 * @param flags returns the bucket function of a flag key; a bad target may return buckets outside
 *     [0, bucketCount), which the audit counts and fails
 * @param utf8Flags returns the same bucket function for ids held as UTF-8 bytes (a file's lines,
 *     hashed where they lie); it must return what {@code flags} returns for the string the bytes
 *     decode to
 * @param rollouts returns, for a rollout, the target's own decision of which ids it enables (or
 *     null when the target cannot express that rollout); the whole function is null when a rollout
 *     of p% enables exactly the buckets below {@code p * bucketCount / 100} (a {@link Bucketer}'s
 *     rule). Other systems' profiles decide with their own cut-off (GrowthBook v1's {@code <=}, for
 *     one), and their rollout gates count those decisions
 */
public record AuditedBucketer(
    String name,
    int bucketCount,
    int hashBits,
    Function<String, ToIntFunction<CharSequence>> flags,
    Function<String, Utf8Buckets> utf8Flags,
    Function<Rollout, Predicate<CharSequence>> rollouts) {
  /** The largest bucket count an audit accepts: it keeps a counter per bucket. */
  public static final int MAX_BUCKET_COUNT = 1_000_000;

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code bucketCount} is outside [1, 1000000] or {@code
   *     hashBits} is not 0, 32 or 64
   */
  public AuditedBucketer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(utf8Flags, "utf8Flags");
    if (bucketCount < 1 || bucketCount > MAX_BUCKET_COUNT) {
      throw new IllegalArgumentException(
          "audit bucketCount must be within [1, 1000000]: " + bucketCount);
    }
    if (hashBits != 0 && hashBits != 32 && hashBits != 64) {
      throw new IllegalArgumentException("hashBits must be 0, 32 or 64: " + hashBits);
    }
  }

  /** Returns a target whose rollouts enable the buckets below the rollout's share of buckets. */
  public AuditedBucketer(
      String name,
      int bucketCount,
      int hashBits,
      Function<String, ToIntFunction<CharSequence>> flags,
      Function<String, Utf8Buckets> utf8Flags) {
    this(name, bucketCount, hashBits, flags, utf8Flags, null);
  }

  /**
   * Returns a target whose byte path decodes each id into a {@code String} and calls {@code flags}:
   * for bucketers that have no byte path of their own (the deliberately bad ones of the gates).
   */
  public AuditedBucketer(
      String name,
      int bucketCount,
      int hashBits,
      Function<String, ToIntFunction<CharSequence>> flags) {
    this(name, bucketCount, hashBits, flags, decodingFirst(flags));
  }

  private static Function<String, Utf8Buckets> decodingFirst(
      Function<String, ToIntFunction<CharSequence>> flags) {
    return flagKey -> {
      ToIntFunction<CharSequence> buckets = flags.apply(flagKey);
      return (utf8, offset, length) ->
          buckets.applyAsInt(IdEncoding.decodeUtf8(utf8, offset, length));
    };
  }

  /** The bucket function of one flag for an id given as UTF-8 bytes. */
  @FunctionalInterface
  public interface Utf8Buckets {
    /** Returns the bucket of the id whose UTF-8 bytes are {@code utf8[offset, offset + length)}. */
    int applyAsInt(byte[] utf8, int offset, int length);
  }

  /**
   * Returns the target that audits {@code bucketer}, named after its hasher (plus {@code
   * unsalted}).
   */
  public static AuditedBucketer of(Bucketer bucketer) {
    Objects.requireNonNull(bucketer, "bucketer");
    String name = bucketer.hasher().name() + (bucketer.isSalted() ? "" : " unsalted");
    return new AuditedBucketer(
        name,
        bucketer.bucketCount(),
        bucketer.hasher().family().bits(),
        flagKey -> {
          FlagBuckets buckets = bucketer.forFlag(flagKey);
          return buckets::bucket;
        },
        flagKey -> {
          FlagBuckets buckets = bucketer.forFlag(flagKey);
          return buckets::bucketUtf8;
        });
  }

  /**
   * Returns the audit targets of {@code profiles}, each on its own buckets and each rollout decided
   * by the profile's own {@link BucketingProfile#isEnabled} (only the rollouts it {@linkplain
   * BucketingProfile#expresses(Rollout) expresses} are gated); {@code bucketproof} is left out (it
   * is audited as a hasher already).
   */
  public static List<AuditedBucketer> ofProfiles(List<? extends BucketingProfile> profiles) {
    List<AuditedBucketer> targets = new ArrayList<>();
    for (BucketingProfile profile : profiles) {
      if (!profile.name().equals(Profiles.BUCKETPROOF)) {
        targets.add(
            new AuditedBucketer(
                profile.label(),
                profile.bucketCount(),
                0,
                profile::bucketsOf,
                decodingFirst(profile::bucketsOf),
                rollout ->
                    profile.expresses(rollout) ? id -> profile.isEnabled(rollout, id) : null));
      }
    }
    return targets;
  }
}
