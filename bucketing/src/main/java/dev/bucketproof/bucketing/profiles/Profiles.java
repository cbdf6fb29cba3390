package dev.bucketproof.bucketing.profiles;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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

  private static final List<String> NAMES =
      List.of(
          BUCKETPROOF,
          UNLEASH,
          UNLEASH_9,
          OPTIMIZELY,
          LAUNCHDARKLY,
          FLAGD_0_11,
          FLAGD,
          SPLIT,
          GROWTHBOOK,
          GROWTHBOOK_V1);
  private static final Map<String, Set<String>> PARAMETERS =
      Map.of(
          BUCKETPROOF, Set.of(),
          UNLEASH, Set.of(GROUP_ID),
          UNLEASH_9, Set.of(GROUP_ID, CHARSET),
          OPTIMIZELY, Set.of(),
          LAUNCHDARKLY, Set.of(SALT, SEED),
          FLAGD_0_11, Set.of(),
          FLAGD, Set.of(ENCODING),
          SPLIT, Set.of(SEED, ALGORITHM),
          GROWTHBOOK, Set.of(ENCODING, CHARSET),
          GROWTHBOOK_V1, Set.of(ENCODING, CHARSET));

  private Profiles() {}

  /**
   * Returns how the command line and the report show {@code profile}: its name with its parameters,
   * such as {@code unleash-9 charset=ISO-8859-1}, or {@code bucketproof} for the standard bucketer.
   *
   * @throws NullPointerException if {@code profile} is null
   */
  public static String label(BucketingProfile profile) {
    return profile instanceof Bucketer ? profile.name() : profile.toString();
  }

  /** Returns every profile name, {@code bucketproof} first, in the order the report lists them. */
  public static List<String> names() {
    return NAMES;
  }

  /** Returns the parameters that profile {@code name} accepts, sorted. */
  public static Set<String> parameters(String name) {
    requireKnown(name);
    return new java.util.TreeSet<>(PARAMETERS.get(name));
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
    requireKnown(name);
    Objects.requireNonNull(parameters, "parameters");
    Map<String, String> given = new TreeMap<>(parameters);
    for (Map.Entry<String, String> entry : given.entrySet()) {
      Objects.requireNonNull(entry.getValue(), entry.getKey());
      if (!PARAMETERS.get(name).contains(entry.getKey())) {
        throw new IllegalArgumentException(
            "profile "
                + name
                + " takes no parameter "
                + entry.getKey()
                + " (given: "
                + entry.getValue()
                + "; it takes: "
                + describe(PARAMETERS.get(name))
                + ")");
      }
    }
    switch (name) {
      case BUCKETPROOF:
        return Bucketer.standard();
      case UNLEASH:
        return UnleashProfile.unleash().withGroupId(given.get(GROUP_ID));
      case UNLEASH_9:
        return UnleashProfile.unleash9(charset(given.getOrDefault(CHARSET, "UTF-8")))
            .withGroupId(given.get(GROUP_ID));
      case OPTIMIZELY:
        return OptimizelyProfile.optimizely();
      case LAUNCHDARKLY:
        return launchDarkly(given);
      case FLAGD_0_11:
        return FlagdProfile.flagd011();
      case FLAGD:
        return FlagdProfile.flagd(
            choose(FlagdProfile.Encoding.class, ENCODING, given.getOrDefault(ENCODING, "utf-8")));
      case SPLIT:
        if (!given.containsKey(SEED)) {
          throw new IllegalArgumentException(
              "profile split requires seed (the split's integer seed): none given");
        }
        return SplitProfile.split(integer(SEED, given.get(SEED)))
            .withAlgorithm(
                choose(
                    SplitProfile.Algorithm.class,
                    ALGORITHM,
                    given.getOrDefault(ALGORITHM, "murmur")));
      default:
        return new GrowthBookProfile(
            name,
            name.equals(GROWTHBOOK_V1) ? 1 : 2,
            choose(GrowthBookProfile.Encoding.class, ENCODING, given.getOrDefault(ENCODING, "js")),
            charset(given.getOrDefault(CHARSET, "UTF-8")),
            1.0);
    }
  }

  private static BucketingProfile launchDarkly(Map<String, String> given) {
    if (given.containsKey(SALT) == given.containsKey(SEED)) {
      throw new IllegalArgumentException(
          "profile launchdarkly requires exactly one of salt or seed: salt="
              + given.get(SALT)
              + ", seed="
              + given.get(SEED));
    }
    return given.containsKey(SEED)
        ? LaunchDarklyProfile.withSeed(integer(SEED, given.get(SEED)))
        : LaunchDarklyProfile.withSalt(given.get(SALT));
  }

  private static void requireKnown(String name) {
    Objects.requireNonNull(name, "name");
    if (!PARAMETERS.containsKey(name)) {
      throw new IllegalArgumentException(
          "unknown profile: " + name + " (known: " + String.join(", ", NAMES) + ")");
    }
  }

  private static int integer(String parameter, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(parameter + " must be a 32-bit integer: " + value, e);
    }
  }

  private static Charset charset(String value) {
    try {
      return Charset.forName(value);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException("charset is not one this JVM supports: " + value, e);
    }
  }

  private static <E extends Enum<E>> E choose(Class<E> type, String parameter, String value) {
    String wanted = value.replace("-", "_").toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    StringBuilder known = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      known
          .append(known.length() == 0 ? "" : ", ")
          .append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new IllegalArgumentException(parameter + " must be one of " + known + ": " + value);
  }

  private static String describe(Set<String> parameters) {
    return parameters.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(parameters));
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

  static void requireFlagKey(String flagKey) {
    Objects.requireNonNull(flagKey, "flagKey");
    if (flagKey.isEmpty()) {
      throw new IllegalArgumentException("flagKey must not be empty");
    }
  }

  /** Returns UTF-8, the default charset of every profile that takes one. */
  static Charset utf8() {
    return StandardCharsets.UTF_8;
  }
}
