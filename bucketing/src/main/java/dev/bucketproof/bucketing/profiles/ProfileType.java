package dev.bucketproof.bucketing.profiles;

import dev.bucketproof.bucketing.BucketingProfile;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one compatibility profile says about itself: its name, its parameters (type, required,
 * default), its decision rule, the unit of its variant weights, the parameters the report uses, the
 * SDK it was verified against, and how to make it. A profile is one class with one such constant
 * ({@code UnleashProfile.TYPE}) and one line in {@link Profiles}' table; the engine and the command
 * line ask a profile ({@link BucketingProfile#rolloutShare}, {@link BucketingProfile#weightTotal},
 * {@link BucketingProfile#keyCollision}) or its type, never its class.
 *
 * <pre>{@code
 * ProfileType split = Profiles.type("split");
 * split.parameters();                              // seed (integer, required), algorithm (murmur)
 * split.create(Map.of("seed", "7"));               // SplitProfile[seed=7, MURMUR]
 * split.reportProfile().rolloutShare(Rollout.ofPercent("f", 5));   // 0.0500000002, "abs(...)"
 * }</pre>
 *
 * <p>Thread-safety: immutable, if the factory is.
 *
 * @param name the profile's name, as the command line and the report spell it
 * @param decisionRule the rollout decision as one line, such as {@code
 *     unsigned(murmur3(group:user)) % 100 + 1 <= p}
 * @param weightUnit what a variant weight counts, such as {@code 1/100,000 (weights total 100,000)}
 * @param verifiedAgainst the SDK and version whose recorded decisions the profile agrees with
 * @param parameters the parameters, in the order the help lists them
 * @param reportDefaults the parameters the report and {@code --profile all} use when none are given
 * @param factory makes the profile from checked arguments
 */
public record ProfileType(
    String name,
    String decisionRule,
    String weightUnit,
    String verifiedAgainst,
    List<Parameter> parameters,
    Map<String, String> reportDefaults,
    Function<Arguments, BucketingProfile> factory) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if two parameters share a name, or a report default names no
   *     parameter
   */
  public ProfileType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(decisionRule, "decisionRule");
    Objects.requireNonNull(weightUnit, "weightUnit");
    Objects.requireNonNull(verifiedAgainst, "verifiedAgainst");
    parameters = List.copyOf(parameters);
    reportDefaults = Collections.unmodifiableMap(new LinkedHashMap<>(reportDefaults));
    Objects.requireNonNull(factory, "factory");
    Map<String, Parameter> byName = new LinkedHashMap<>();
    for (Parameter parameter : parameters) {
      if (byName.put(parameter.name(), parameter) != null) {
        throw new IllegalArgumentException(name + ": parameter named twice: " + parameter.name());
      }
    }
    for (String key : reportDefaults.keySet()) {
      if (!byName.containsKey(key)) {
        throw new IllegalArgumentException(name + ": report default for no parameter: " + key);
      }
    }
  }

  /** Returns the parameter names, sorted. */
  public TreeSet<String> parameterNames() {
    TreeSet<String> names = new TreeSet<>();
    parameters.forEach(parameter -> names.add(parameter.name()));
    return names;
  }

  /** Returns whether the profile cannot be made without a parameter ({@code split}'s seed). */
  public boolean needsParameters() {
    return parameters.stream().anyMatch(parameter -> parameter.need() != Parameter.Need.OPTIONAL);
  }

  /** Returns the profile the report audits: {@link #create} with the {@link #reportDefaults}. */
  public BucketingProfile reportProfile() {
    return create(reportDefaults);
  }

  /**
   * Returns {@code given} with the report defaults added where nothing given stands for them (a
   * default of an exactly-one-of group is added only when no member of the group is given).
   */
  public Map<String, String> withReportDefaults(Map<String, String> given) {
    Map<String, String> all = new LinkedHashMap<>(given);
    boolean oneOfGiven =
        parameters.stream()
            .anyMatch(p -> p.need() == Parameter.Need.ONE_OF && given.containsKey(p.name()));
    reportDefaults.forEach(
        (key, value) -> {
          boolean inGroup = parameter(key).need() == Parameter.Need.ONE_OF;
          if (!given.containsKey(key) && !(inGroup && oneOfGiven)) {
            all.put(key, value);
          }
        });
    return all;
  }

  /**
   * Returns the profile configured by {@code given} (parameter name to text).
   *
   * @throws NullPointerException if {@code given} or a value is null
   * @throws IllegalArgumentException naming the parameter and the value if a parameter is not one
   *     the profile takes, a required one is missing, not exactly one of a group is given, or a
   *     value is not of its type
   */
  public BucketingProfile create(Map<String, String> given) {
    Objects.requireNonNull(given, "parameters");
    Map<String, String> sorted = new TreeMap<>(given);
    for (Map.Entry<String, String> entry : sorted.entrySet()) {
      Objects.requireNonNull(entry.getValue(), entry.getKey());
      if (!parameterNames().contains(entry.getKey())) {
        throw new IllegalArgumentException(
            "profile "
                + name
                + " takes no parameter "
                + entry.getKey()
                + " (given: "
                + entry.getValue()
                + "; it takes: "
                + (parameters.isEmpty() ? "none" : String.join(", ", parameterNames()))
                + ")");
      }
    }
    List<Parameter> oneOf = new ArrayList<>();
    for (Parameter parameter : parameters) {
      if (parameter.need() == Parameter.Need.REQUIRED && !given.containsKey(parameter.name())) {
        throw new IllegalArgumentException(
            "profile "
                + name
                + " requires "
                + parameter.name()
                + " ("
                + parameter.description()
                + "): none given");
      }
      if (parameter.need() == Parameter.Need.ONE_OF) {
        oneOf.add(parameter);
      }
    }
    if (!oneOf.isEmpty() && oneOf.stream().filter(p -> given.containsKey(p.name())).count() != 1) {
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Parameter parameter : oneOf) {
        names.add(parameter.name());
        values.add(parameter.name() + "=" + given.get(parameter.name()));
      }
      throw new IllegalArgumentException(
          "profile "
              + name
              + " requires exactly one of "
              + String.join(" or ", names)
              + ": "
              + String.join(", ", values));
    }
    for (Parameter parameter : parameters) {
      String value = given.get(parameter.name());
      if (value != null) {
        parameter.check(value);
      }
    }
    return factory.apply(new Arguments(this, sorted));
  }

  private Parameter parameter(String key) {
    for (Parameter parameter : parameters) {
      if (parameter.name().equals(key)) {
        return parameter;
      }
    }
    throw new IllegalArgumentException("profile " + name + " has no parameter " + key);
  }

  /**
   * The checked arguments a factory reads: each value of its parameter's type, or its default.
   *
   * <p>Thread-safety: immutable.
   */
  public static final class Arguments {
    private final ProfileType type;
    private final Map<String, String> given;

    Arguments(ProfileType type, Map<String, String> given) {
      this.type = type;
      this.given = Map.copyOf(given);
    }

    /** Returns whether {@code name} was given. */
    public boolean has(String name) {
      return given.containsKey(name);
    }

    /** Returns the text of {@code name}, or its default (null when it has none). */
    public String text(String name) {
      return given.getOrDefault(name, type.parameter(name).defaultValue());
    }

    /** Returns the integer {@code name}. */
    public int integer(String name) {
      return type.parameter(name).integer(text(name));
    }

    /** Returns the charset {@code name}. */
    public Charset charset(String name) {
      return type.parameter(name).charset(text(name));
    }

    /** Returns the constant of {@code choices} that {@code name} chose. */
    public <E extends Enum<E>> E choice(String name, Class<E> choices) {
      return choices.getEnumConstants()[type.parameter(name).choice(text(name))];
    }
  }
}
