package dev.bucketproof.bucketing.profiles;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The catalogue of compatibility profiles, by the names the command line and the report use.
 *
 * <table>
 *   <caption>Profiles</caption>
 *   <tr><th>name</th><th>parameters</th><th>verified against</th></tr>
 *   <tr><td>{@code bucketproof}</td><td></td><td>this library's {@link Bucketer#standard()}</td></tr>
 *   <tr><td>{@code unleash}</td><td>{@code group-id}</td><td>unleash-client-java 12.2.3</td></tr>
 *   <tr><td>{@code unleash-9}</td><td>{@code group-id}, {@code charset}</td><td>unleash-client-java 9.3.2</td></tr>
 *   <tr><td>{@code optimizely}</td><td></td><td>core-api 4.2.2</td></tr>
 *   <tr><td>{@code launchdarkly}</td><td>{@code salt} or {@code seed} (one required)</td><td>launchdarkly-java-server-sdk 7.13.0</td></tr>
 *   <tr><td>{@code flagd-0.11}</td><td></td><td>flagd provider 0.11.15</td></tr>
 *   <tr><td>{@code flagd}</td><td>{@code encoding} (utf-8, imurmurhash)</td><td>{@code @openfeature/flagd-core} 4.0.1</td></tr>
 *   <tr><td>{@code split}</td><td>{@code seed} (required), {@code algorithm} (murmur, legacy)</td><td>java-client 4.18.2</td></tr>
 *   <tr><td>{@code growthbook}, {@code growthbook-v1}</td><td>{@code encoding} (js, java, kotlin), {@code charset}</td><td>{@code @growthbook/growthbook} 1.8.0 (js)</td></tr>
 * </table>
 *
 * <p>The registry is the table {@code TABLE}: each line is a profile's {@link ProfileType}, which
 * names its parameters, decision rule, weight unit, report defaults and the SDK it was verified
 * against. Adding a profile: its class with a {@code TYPE} constant, one line in the table, and an
 * agreement test in the {@code properties} module (docs/profiles.md, "Adding a profile").
 *
 * <p>Thread-safety: stateless; every profile is immutable and safe for concurrent use.
 */
public final class Profiles {
  /** Profile name of the standard bucketer. */
  public static final String BUCKETPROOF = Bucketer.PROFILE_NAME;

  /** Profile name of Unleash 10.x and later. */
  public static final String UNLEASH = "unleash";

  /** Profile name of Unleash's Java SDK up to 9.x. */
  public static final String UNLEASH_9 = "unleash-9";

  /** Profile name of Optimizely. */
  public static final String OPTIMIZELY = "optimizely";

  /** Profile name of LaunchDarkly. */
  public static final String LAUNCHDARKLY = "launchdarkly";

  /** Profile name of flagd's Java provider 0.11.x. */
  public static final String FLAGD_0_11 = "flagd-0.11";

  /** Profile name of flagd's 2026 rule. */
  public static final String FLAGD = "flagd";

  /** Profile name of Split. */
  public static final String SPLIT = "split";

  /** Profile name of GrowthBook's hash version 2. */
  public static final String GROWTHBOOK = "growthbook";

  /** Profile name of GrowthBook's hash version 1. */
  public static final String GROWTHBOOK_V1 = "growthbook-v1";

  /** Parameter: Unleash's group id. */
  public static final String GROUP_ID = "group-id";

  /** Parameter: LaunchDarkly's salt. */
  public static final String SALT = "salt";

  /** Parameter: LaunchDarkly's or Split's integer seed. */
  public static final String SEED = "seed";

  /** Parameter: a Java charset name. */
  public static final String CHARSET = "charset";

  /** Parameter: flagd's or GrowthBook's encoding. */
  public static final String ENCODING = "encoding";

  /** Parameter: Split's algorithm. */
  public static final String ALGORITHM = "algorithm";

  /** The variant name an explanation shows when the system gives none. */
  static final String NO_VARIANT = "(none)";

  /** The standard bucketer as a profile: this library's own rule. */
  private static final ProfileType BUCKETPROOF_TYPE =
      new ProfileType(
          BUCKETPROOF,
          "unsigned(murmur3_x86_32(flagKey + \":\" + userId, seed 0)) % 100 < p",
          "percent (weights relative to their total)",
          "SMHasher's verification value and the reference vectors (bucketing's own tests)",
          List.of(),
          Map.of(),
          arguments -> Bucketer.standard());

  /**
   * The registry: one line per profile, in the order the report lists them. A name not in this
   * table is refused; it never becomes another profile.
   */
  private static final List<ProfileType> TABLE =
      List.of(
          BUCKETPROOF_TYPE,
          UnleashProfile.TYPE,
          UnleashProfile.TYPE_9,
          OptimizelyProfile.TYPE,
          LaunchDarklyProfile.TYPE,
          FlagdProfile.TYPE_0_11,
          FlagdProfile.TYPE,
          SplitProfile.TYPE,
          GrowthBookProfile.TYPE,
          GrowthBookProfile.TYPE_V1);

  private static final Map<String, ProfileType> BY_NAME = index(TABLE);

  private Profiles() {}

  private static Map<String, ProfileType> index(List<ProfileType> table) {
    Map<String, ProfileType> byName = new LinkedHashMap<>();
    for (ProfileType type : table) {
      if (byName.put(type.name(), type) != null) {
        throw new IllegalStateException("profile registered twice: " + type.name());
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /**
   * Returns how the command line and the report show {@code profile}: its name with its parameters,
   * such as {@code unleash-9 charset=ISO-8859-1}, or {@code bucketproof} for the standard bucketer.
   *
   * @throws NullPointerException if {@code profile} is null
   */
  public static String label(BucketingProfile profile) {
    return profile.label();
  }

  /** Returns every profile, {@code bucketproof} first, in the order the report lists them. */
  public static List<ProfileType> types() {
    return TABLE;
  }

  /**
   * Returns the profile named {@code name}.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if no profile has that name; the message lists the known ones
   */
  public static ProfileType type(String name) {
    Objects.requireNonNull(name, "name");
    ProfileType type = BY_NAME.get(name);
    if (type == null) {
      throw new IllegalArgumentException(
          "unknown profile: " + name + " (known: " + String.join(", ", names()) + ")");
    }
    return type;
  }

  /** Returns every profile name, {@code bucketproof} first, in the order the report lists them. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** Returns the parameters that profile {@code name} accepts, sorted. */
  public static Set<String> parameters(String name) {
    return type(name).parameterNames();
  }

  /**
   * Returns the profile {@code name} with no parameters.
   *
   * @throws IllegalArgumentException if the name is unknown or the profile requires a parameter
   *     ({@code split} needs {@code seed}; {@code launchdarkly} needs {@code salt} or {@code seed})
   */
  public static BucketingProfile byName(String name) {
    return byName(name, Map.of());
  }

  /**
   * Returns the profile {@code name} configured by {@code parameters} (names as in {@link
   * #parameters}).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming the value if the profile is unknown, a parameter is not
   *     one the profile takes, a required one is missing, or a value is invalid
   */
  public static BucketingProfile byName(String name, Map<String, String> parameters) {
    return type(name).create(parameters);
  }

  /**
   * Returns {@code rollout} in whole percents, for the systems that take no finer rollout (Unleash,
   * Split).
   *
   * @throws IllegalArgumentException if the rollout is not a whole percent; the message names the
   *     profile
   */
  static int wholePercent(String profile, Rollout rollout) {
    if (rollout.basisPoints() % 100 != 0) {
      throw new IllegalArgumentException(
          profile + " rollouts take whole percents (0..100): " + rollout.percent().toPlainString());
    }
    return rollout.basisPoints() / 100;
  }
}
