package dev.bucketproof.bucketing.profiles;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutShare;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * GrowthBook's hash, with FNV-1a 32 ({@code fnv}) and the seed defaulting to the feature key:
 *
 * <ul>
 *   <li>version 1: {@code n = fnv(userId + seed) % 1000 / 1000}, 1,000 values: biased, since 2^32
 *       is not a multiple of 1,000 and, for a rollout, {@code n <= coverage} admits one value too
 *       many;
 *   <li>version 2: {@code n = fnv(decimal(fnv(seed + userId))) % 10000 / 10000}.
 * </ul>
 *
 * <p>Rollout (a force rule with {@code coverage = p / 10000}): enabled iff {@code coverage > 0} and
 * {@code n <= coverage}. Variants (an experiment rule, weights {@code w / totalWeight} as doubles,
 * with {@code coverage}): ranges {@code [start, start + coverage * w)} at running starts; the first
 * range holding {@code n}, none past coverage. An empty id is in no rollout and no experiment.
 *
 * <p>The SDKs disagree on the bytes that FNV-1a sees ({@link Encoding}); JavaScript's is verified
 * against {@code @growthbook/growthbook} 1.8.0 through a real {@code GrowthBook} instance with
 * feature rules (committed vectors). The Java and Kotlin encodings follow those SDKs' code and are
 * not checked against a jar (neither is on Maven Central).
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 *
 * @param name the profile's name
 * @param version the hash version, 1 or 2
 * @param encoding the bytes or units FNV-1a sees
 * @param charset the charset of {@link Encoding#JAVA}
 * @param coverage the experiment's coverage, in [0, 1]
 */
public record GrowthBookProfile(
    String name, int version, Encoding encoding, Charset charset, double coverage)
    implements BucketingProfile {
  /** Profile {@code growthbook}: hash version 2. */
  public static final ProfileType TYPE = type(Profiles.GROWTHBOOK, 2);

  /** Profile {@code growthbook-v1}: hash version 1. */
  public static final ProfileType TYPE_V1 = type(Profiles.GROWTHBOOK_V1, 1);

  /** The inputs of FNV-1a in each SDK. */
  public enum Encoding {
    /** JavaScript: each UTF-16 code unit XORed in whole ({@code charCodeAt}). */
    JS,
    /**
     * Java: the bytes of {@code String.getBytes(charset)} (the platform charset; UTF-8 here by
     * default).
     */
    JAVA,
    /** Kotlin: the low byte of each UTF-16 code unit. */
    KOTLIN
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code name}, {@code encoding} or {@code charset} is null
   * @throws IllegalArgumentException if {@code version} is not 1 or 2, or {@code coverage} is
   *     outside [0, 1]
   */
  public GrowthBookProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(charset, "charset");
    if (version != 1 && version != 2) {
      throw new IllegalArgumentException("growthbook hash version must be 1 or 2: " + version);
    }
    if (!(coverage >= 0 && coverage <= 1)) {
      throw new IllegalArgumentException("growthbook coverage must be within [0, 1]: " + coverage);
    }
  }

  private static ProfileType type(String name, int version) {
    return new ProfileType(
        name,
        version == 1
            ? "n = fnv1a32(userId + seed) % 1000 / 1000; enabled iff n <= p / 100"
            : "n = fnv1a32(str(fnv1a32(seed + userId))) % 10000 / 10000; enabled iff n <= p / 100",
        "relative (weights total 100 here; the SDK divides by their sum)",
        "@growthbook/growthbook 1.8.0 (npm, js encoding, committed vectors)",
        List.of(
            Parameter.choice(Profiles.ENCODING, Encoding.class, Encoding.JS, "the SDK's bytes"),
            Parameter.optional(
                Profiles.CHARSET, Parameter.Type.CHARSET, "UTF-8", "the charset of encoding java")),
        Map.of(),
        arguments ->
            new GrowthBookProfile(
                name,
                version,
                arguments.choice(Profiles.ENCODING, Encoding.class),
                arguments.charset(Profiles.CHARSET),
                1.0));
  }

  /** Returns profile {@code growthbook} (version 2) or {@code growthbook-v1}, full coverage. */
  public static GrowthBookProfile growthBook(int version, Encoding encoding) {
    return new GrowthBookProfile(
        version == 1 ? Profiles.GROWTHBOOK_V1 : Profiles.GROWTHBOOK,
        version,
        encoding,
        StandardCharsets.UTF_8,
        1.0);
  }

  /** Returns this profile with experiment {@code coverage}. */
  public GrowthBookProfile withCoverage(double coverage) {
    return new GrowthBookProfile(name, version, encoding, charset, coverage);
  }

  /** Returns the collision that joining value and seed without a separator leaves open. */
  @Override
  public String keyCollision() {
    return version == 1
        ? "ambiguous: no separator, so user \"ab\" with seed \"c\" and user \"a\" with seed \"bc\" hash the same key"
        : "ambiguous: no separator inside the first hash, so seed \"ab\" with user \"c\" and seed \"a\" with user"
            + " \"bc\" hash the same key";
  }

  /**
   * Returns the share of 32-bit hashes with {@code h % values / values <= coverage}, the outer FNV
   * of version 2 taken as uniform.
   */
  @Override
  public RolloutShare rolloutShare(Rollout rollout) {
    int values = bucketCount();
    double coverageOfRollout = rollout.basisPoints() / 10000.0;
    BigInteger count = BigInteger.ZERO;
    if (coverageOfRollout != 0) {
      BigInteger perValue = RolloutShare.TWO_32.divide(BigInteger.valueOf(values));
      int withOneMore = RolloutShare.TWO_32.mod(BigInteger.valueOf(values)).intValue();
      for (int k = 0; k < values; k++) {
        if ((double) k / values <= coverageOfRollout) {
          count = count.add(perValue).add(k < withOneMore ? BigInteger.ONE : BigInteger.ZERO);
        }
      }
    }
    return RolloutShare.counted(
        count,
        RolloutShare.TWO_32,
        "h % "
            + values
            + " / "
            + values
            + " <= "
            + coverageOfRollout
            + (version == 2 ? " (outer FNV taken as uniform)" : ""));
  }

  /** Returns 100: weights are relative; the report gives them in percent. */
  @Override
  public int weightTotal() {
    return 100;
  }

  /** Returns 1,000 (version 1) or 10,000 (version 2). */
  @Override
  public int bucketCount() {
    return version == 1 ? 1000 : 10_000;
  }

  int fnv(String text) {
    return switch (encoding) {
      case JS -> SystemHashes.fnv1a32Units(text);
      case JAVA -> SystemHashes.fnv1a32Bytes(text.getBytes(charset));
      default -> SystemHashes.fnv1a32Bytes(IdEncoding.utf16LowBytes(text));
    };
  }

  /** Returns the string hashed first: {@code userId + seed} (v1) or {@code seed + userId} (v2). */
  public String hashedKey(String seed, CharSequence userId) {
    BucketingProfile.requireFlagKey(seed);
    Objects.requireNonNull(userId, "userId");
    return version == 1 ? userId + seed : seed + userId;
  }

  long hash(String key) {
    long first = Integer.toUnsignedLong(fnv(key));
    return version == 1 ? first : Integer.toUnsignedLong(fnv(Long.toString(first)));
  }

  @Override
  public int bucket(String seed, CharSequence userId) {
    return (int) (hash(hashedKey(seed, userId)) % bucketCount());
  }

  /** Returns GrowthBook's {@code n} in [0, 1). */
  public double value(String seed, CharSequence userId) {
    return (double) bucket(seed, userId) / bucketCount();
  }

  @Override
  public boolean isEnabled(Rollout rollout, CharSequence userId) {
    double coverageOfRollout = rollout.basisPoints() / 10000.0;
    return coverageOfRollout != 0
        && userId.length() > 0
        && value(rollout.flagKey(), userId) <= coverageOfRollout;
  }

  @Override
  public Optional<Variant> variant(VariantSplit split, CharSequence userId) {
    if (userId.length() == 0) {
      Objects.requireNonNull(split, "split");
      return Optional.empty();
    }
    return Optional.ofNullable(pick(split, value(split.flagKey(), userId)));
  }

  private Variant pick(VariantSplit split, double n) {
    double total = split.totalWeight();
    double cumulative = 0;
    for (Variant variant : split.variants()) {
      double weight = variant.weight() / total;
      double start = cumulative;
      cumulative += weight;
      if (n >= start && n < start + coverage * weight) {
        return variant;
      }
    }
    return null;
  }

  @Override
  public Explanation explain(Rollout rollout, VariantSplit split, CharSequence userId) {
    BucketingProfile.requireSameFlag(rollout, split);
    String key = hashedKey(rollout.flagKey(), userId);
    long hash = hash(key);
    int bucket = (int) (hash % bucketCount());
    Explanation.VariantChoice choice = null;
    if (split != null) {
      Variant variant = variant(split, userId).orElse(null);
      choice =
          new Explanation.VariantChoice(
              variant == null ? Profiles.NO_VARIANT : variant.name(), 0, bucket, bucketCount());
    }
    return new Explanation(
        name,
        key,
        0,
        hash,
        bucketCount(),
        bucket,
        rollout.percent().toPlainString(),
        (int) ((long) rollout.basisPoints() * bucketCount() / Rollout.FULL),
        isEnabled(rollout, userId),
        choice,
        List.of(
            (version == 1 ? "fnv1a32(userId + seed)" : "fnv1a32(str(fnv1a32(seed + userId)))")
                + ", "
                + encoding
                + " encoding = "
                + hash,
            "n = hash % "
                + bucketCount()
                + " / "
                + bucketCount()
                + " = "
                + ((double) bucket / bucketCount())
                + "; enabled iff n <= coverage "
                + (rollout.basisPoints() / 10000.0)));
  }

  /** Returns the name with the encoding (and charset for Java), and the coverage when below 1. */
  @Override
  public String toString() {
    return name
        + " encoding="
        + encoding.name().toLowerCase(Locale.ROOT)
        + (encoding == Encoding.JAVA ? " charset=" + charset.name() : "")
        + (coverage == 1 ? "" : " coverage=" + coverage);
  }
}
