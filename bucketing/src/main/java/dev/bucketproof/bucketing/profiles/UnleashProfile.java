package dev.bucketproof.bucketing.profiles;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutShare;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Unleash's flexible rollout and variant rule. The hashed key is {@code groupId + ":" + userId}
 * (the group id defaults to the flag's name), encoded with {@code charset} and hashed with
 * MurmurHash3_x86_32:
 *
 * <ul>
 *   <li>rollout: {@code normalized = unsigned(murmur3(key, 0)) % 100 + 1}; enabled iff {@code
 *       normalized <= percent} (whole percents only), so bucket {@code normalized - 1} in [0, 100);
 *   <li>variants: {@code target = unsigned(murmur3(key, 86028157)) % totalWeight + 1}; the first
 *       variant whose running weight sum is {@code >= target}, variants of weight 0 skipped.
 * </ul>
 *
 * <p>Profile {@code unleash} (10.x and later: every server SDK on the Yggdrasil engine) hashes
 * canonical UTF-8 with the reference MurmurHash3; verified against unleash-client-java 12.2.3.
 * Profile {@code unleash-9} reproduces unleash-client-java up to 9.x (verified against 9.3.2): the
 * key's bytes are {@code String.getBytes(charset)} (9.x called {@code getBytes()}, the JVM's
 * default charset, so ISO-8859-1 reproduces a JVM whose {@code file.encoding} is not UTF-8; an
 * unpaired surrogate becomes {@code ?}), and the hash is {@code com.sangupta:murmur} 1.0.0's, whose
 * tail bytes are sign-extended. ASCII ids land in the same bucket under both; {@code josé} and
 * {@code 😀} may not.
 *
 * <p>An id with an unpaired surrogate cannot cross into the 12.x engine (its context is JSON, and
 * the engine rejects a lone surrogate escape): the SDK then answers {@code false} for every rollout
 * and the {@code disabled} variant, which this profile reproduces ({@code
 * rejectsUnpairedSurrogates}). Its {@link #bucket} still hashes such an id, with U+FFFD, for the
 * gates.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 *
 * @param name the profile's name, such as {@code unleash}
 * @param separator between group id and user id; Unleash uses {@code ":"}
 * @param seed the rollout hash's seed; Unleash uses 0
 * @param variantSeed the variant hash's seed; Unleash uses 86028157
 * @param charset the key's byte encoding; for {@code signExtendedTail == false} only UTF-8 is
 *     canonical
 * @param signExtendedTail whether the hash reads tail bytes as signed (9.x) or unsigned (10.x and
 *     later)
 * @param groupId the group id for every flag, or null to use each flag's name (Unleash's default)
 * @param rejectsUnpairedSurrogates whether an id with an unpaired surrogate is disabled and gets no
 *     variant (the 12.x engine) instead of being hashed (9.x)
 */
public record UnleashProfile(
    String name,
    String separator,
    int seed,
    int variantSeed,
    Charset charset,
    boolean signExtendedTail,
    String groupId,
    boolean rejectsUnpairedSurrogates)
    implements BucketingProfile {
  /** Profile {@code unleash}: 10.x and later. */
  public static final ProfileType TYPE =
      new ProfileType(
          Profiles.UNLEASH,
          "murmur3_x86_32(groupId + \":\" + userId, seed 0), unsigned, % 100 + 1 <= p (whole percents)",
          "percent (weights total 100)",
          "unleash-client-java 12.2.3",
          List.of(
              Parameter.optional(
                  Profiles.GROUP_ID,
                  Parameter.Type.TEXT,
                  null,
                  "the group id (default: the flag)")),
          Map.of(),
          arguments -> unleash().withGroupId(arguments.text(Profiles.GROUP_ID)));

  /** Profile {@code unleash-9}: the Java SDK up to 9.x, the key in the JVM's charset. */
  public static final ProfileType TYPE_9 =
      new ProfileType(
          Profiles.UNLEASH_9,
          "murmur3_x86_32 of groupId + \":\" + userId in the charset, sign-extended tail,"
              + " % 100 + 1 <= p (whole percents)",
          "percent (weights total 100)",
          "unleash-client-java 9.3.2",
          List.of(
              Parameter.optional(
                  Profiles.GROUP_ID, Parameter.Type.TEXT, null, "the group id (default: the flag)"),
              Parameter.optional(
                  Profiles.CHARSET, Parameter.Type.CHARSET, "UTF-8", "the JVM's file.encoding")),
          Map.of(),
          arguments ->
              unleash9(arguments.charset(Profiles.CHARSET))
                  .withGroupId(arguments.text(Profiles.GROUP_ID)));

  /** Unleash's rollout seed. */
  public static final int SEED = 0;

  /** Unleash's variant normalization seed. */
  public static final int VARIANT_SEED = 86028157;

  /** Unleash's rollout buckets: normalized numbers 1..100. */
  public static final int BUCKET_COUNT = 100;

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code name}, {@code separator} or {@code charset} is null
   * @throws IllegalArgumentException if {@code groupId} is empty
   */
  public UnleashProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(separator, "separator");
    Objects.requireNonNull(charset, "charset");
    if (groupId != null && groupId.isEmpty()) {
      throw new IllegalArgumentException(
          "groupId must not be empty (omit it to use the flag name)");
    }
  }

  /**
   * Returns profile {@code unleash}: 10.x and later, UTF-8, reference MurmurHash3, group id = flag.
   */
  public static UnleashProfile unleash() {
    return new UnleashProfile(
        Profiles.UNLEASH, ":", SEED, VARIANT_SEED, StandardCharsets.UTF_8, false, null, true);
  }

  /**
   * Returns profile {@code unleash-9}: 9.x with the key encoded in {@code charset}.
   *
   * @throws NullPointerException if {@code charset} is null
   */
  public static UnleashProfile unleash9(Charset charset) {
    return new UnleashProfile(
        Profiles.UNLEASH_9, ":", SEED, VARIANT_SEED, charset, true, null, false);
  }

  /** Returns this profile with every flag hashed under {@code groupId} (null: the flag's name). */
  public UnleashProfile withGroupId(String groupId) {
    return new UnleashProfile(
        name,
        separator,
        seed,
        variantSeed,
        charset,
        signExtendedTail,
        groupId,
        rejectsUnpairedSurrogates);
  }

  /** Returns this profile with {@code rejectsUnpairedSurrogates} set as given. */
  public UnleashProfile withRejection(boolean rejects) {
    return new UnleashProfile(
        name, separator, seed, variantSeed, charset, signExtendedTail, groupId, rejects);
  }

  /** Returns the collision that the separator between group id and user id leaves open. */
  @Override
  public String keyCollision() {
    return separator.isEmpty()
        ? "ambiguous: no separator, so group \"ab\" with user \"c\" and group \"a\" with user \"bc\" hash the same key"
        : "ambiguous: group \"a"
            + separator
            + "b\" with user \"c\" and group \"a\" with user \"b"
            + separator
            + "c\" hash the same key (Unleash allows \""
            + separator
            + "\" in both)";
  }

  /** Returns {@code unsigned(h) % 100 + 1 <= p} counted over 2^32 hashes; whole percents only. */
  @Override
  public RolloutShare rolloutShare(Rollout rollout) {
    if (!expresses(rollout)) {
      return RolloutShare.notExpressible("whole percents only");
    }
    int whole = rollout.basisPoints() / 100;
    return RolloutShare.counted(
        RolloutShare.remainderCount(RolloutShare.TWO_32, BUCKET_COUNT, whole),
        RolloutShare.TWO_32,
        "unsigned(h) % 100 + 1 <= " + whole);
  }

  /** Returns whether the rollout is a whole percent. */
  @Override
  public boolean expresses(Rollout rollout) {
    return rollout.basisPoints() % 100 == 0;
  }

  /** Returns 100: Unleash's variant weights are relative, shown in percent. */
  @Override
  public int weightTotal() {
    return 100;
  }

  @Override
  public int bucketCount() {
    return BUCKET_COUNT;
  }

  /** Returns the string that is hashed: {@code groupId + ":" + userId}. */
  public String hashedKey(String flagKey, CharSequence userId) {
    BucketingProfile.requireFlagKey(flagKey);
    Objects.requireNonNull(userId, "userId");
    return (groupId == null ? flagKey : groupId) + separator + userId;
  }

  /** Returns the unsigned 32-bit hash of {@code key} with {@code hashSeed}. */
  long hash(String key, int hashSeed) {
    byte[] bytes =
        signExtendedTail || !charset.equals(StandardCharsets.UTF_8)
            ? key.getBytes(charset)
            : IdEncoding.utf8(key);
    int hash =
        signExtendedTail
            ? SystemHashes.murmur3SignExtendedTail(bytes, hashSeed)
            : SystemHashes.murmur3(bytes, hashSeed);
    return Integer.toUnsignedLong(hash);
  }

  /** Returns {@code normalized - 1 = unsigned(hash) % 100}, in [0, 100). */
  @Override
  public int bucket(String flagKey, CharSequence userId) {
    return (int) (hash(hashedKey(flagKey, userId), seed) % BUCKET_COUNT);
  }

  /**
   * Returns the unsigned hashes of one flag's keys with {@code hashSeed}, as {@link #hash} of
   * {@link #hashedKey} gives them. With UTF-8 and the reference tail (profile {@code unleash}), the
   * {@code groupId + separator} prefix is hashed once and each id continues from its state, without
   * building the key or its bytes (the same canonical UTF-8: an unpaired surrogate is U+FFFD, and a
   * prefix ending in a high surrogate is re-encoded with each id).
   */
  private ToLongFunction<CharSequence> hashesOf(String flagKey, int hashSeed) {
    BucketingProfile.requireFlagKey(flagKey);
    if (signExtendedTail || !charset.equals(StandardCharsets.UTF_8)) {
      return userId -> hash(hashedKey(flagKey, userId), hashSeed);
    }
    IdHasher.Prefixed prefixed =
        IdHashers.murmur3_x86_32()
            .prefixed((groupId == null ? flagKey : groupId) + separator, hashSeed);
    return userId -> prefixed.hash(Objects.requireNonNull(userId, "userId"));
  }

  /** Returns {@link #bucket} of one flag, its key's prefix hashed once (see {@link #hashesOf}). */
  @Override
  public ToIntFunction<CharSequence> bucketsOf(String flagKey) {
    ToLongFunction<CharSequence> hashes = hashesOf(flagKey, seed);
    return userId -> (int) (hashes.applyAsLong(userId) % BUCKET_COUNT);
  }

  /**
   * Returns {@link #isEnabled} of one rollout; a percentage that is not whole is refused here, not
   * at the first call.
   */
  @Override
  public Predicate<CharSequence> enabledOf(Rollout rollout) {
    Objects.requireNonNull(rollout, "rollout");
    int percent = Profiles.wholePercent(name, rollout);
    ToIntFunction<CharSequence> buckets = bucketsOf(rollout.flagKey());
    return userId -> {
      int bucket = buckets.applyAsInt(userId);
      return !rejected(userId) && bucket + 1 <= percent;
    };
  }

  /** Returns {@link #variant} of one split, its key's prefix hashed once. */
  @Override
  public Function<CharSequence, Optional<Variant>> variantsOf(VariantSplit split) {
    Objects.requireNonNull(split, "split");
    ToLongFunction<CharSequence> hashes = hashesOf(split.flagKey(), variantSeed);
    return userId -> {
      int target = (int) (hashes.applyAsLong(userId) % split.totalWeight()) + 1;
      return rejected(userId) ? Optional.empty() : Optional.ofNullable(pick(split, target));
    };
  }

  @Override
  public boolean isEnabled(Rollout rollout, CharSequence userId) {
    int percent = Profiles.wholePercent(name, rollout);
    return !rejected(userId) && bucket(rollout.flagKey(), userId) + 1 <= percent;
  }

  @Override
  public Optional<Variant> variant(VariantSplit split, CharSequence userId) {
    int target = target(split, userId);
    return rejected(userId) ? Optional.empty() : Optional.ofNullable(pick(split, target));
  }

  private boolean rejected(CharSequence userId) {
    return rejectsUnpairedSurrogates && IdEncoding.hasUnpairedSurrogate(userId);
  }

  private int target(VariantSplit split, CharSequence userId) {
    return (int) (hash(hashedKey(split.flagKey(), userId), variantSeed) % split.totalWeight()) + 1;
  }

  private static Variant pick(VariantSplit split, int target) {
    int running = 0;
    for (Variant variant : split.variants()) {
      if (variant.weight() != 0) {
        running += variant.weight();
        if (running >= target) {
          return variant;
        }
      }
    }
    return null;
  }

  @Override
  public Explanation explain(Rollout rollout, VariantSplit split, CharSequence userId) {
    BucketingProfile.requireSameFlag(rollout, split);
    String key = hashedKey(rollout.flagKey(), userId);
    long hash = hash(key, seed);
    int bucket = (int) (hash % BUCKET_COUNT);
    int percent = Profiles.wholePercent(name, rollout);
    Explanation.VariantChoice choice = null;
    String variantStep = null;
    if (split != null) {
      int target = target(split, userId);
      Variant variant = rejected(userId) ? null : pick(split, target);
      choice =
          new Explanation.VariantChoice(
              variant == null ? Profiles.NO_VARIANT : variant.name(),
              variantSeed,
              target - 1,
              split.totalWeight());
      variantStep =
          "variant target = hash(key, "
              + variantSeed
              + ") % "
              + split.totalWeight()
              + " + 1 = "
              + target
              + "; first variant whose running weight >= "
              + target;
    }
    String encoding =
        charset.name() + (signExtendedTail ? ", murmur3 with sign-extended tail bytes" : "");
    List<String> steps =
        variantStep == null
            ? List.of(
                "key " + describeKey() + ", bytes in " + encoding,
                "normalized = hash % 100 + 1 = "
                    + (bucket + 1)
                    + "; enabled iff "
                    + (bucket + 1)
                    + " <= "
                    + percent)
            : List.of(
                "key " + describeKey() + ", bytes in " + encoding,
                "normalized = hash % 100 + 1 = "
                    + (bucket + 1)
                    + "; enabled iff "
                    + (bucket + 1)
                    + " <= "
                    + percent,
                variantStep);
    return new Explanation(
        name,
        key,
        seed,
        hash,
        BUCKET_COUNT,
        bucket,
        rollout.percent().toPlainString(),
        percent,
        isEnabled(rollout, userId),
        choice,
        rejected(userId)
            ? Stream.concat(
                    steps.stream(),
                    Stream.of(
                        "the id holds an unpaired surrogate: the engine rejects it, disabled"))
                .toList()
            : steps);
  }

  private String describeKey() {
    return (groupId == null ? "flagKey" : "groupId") + " + \"" + separator + "\" + userId";
  }

  /** Returns the name, with the charset and group id when they are not the defaults. */
  @Override
  public String toString() {
    return name
        + (charset.equals(StandardCharsets.UTF_8) ? "" : " charset=" + charset.name())
        + (groupId == null ? "" : " group-id=" + groupId);
  }
}
