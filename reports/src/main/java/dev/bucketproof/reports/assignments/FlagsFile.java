package dev.bucketproof.reports.assignments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.reports.text.Display;
import dev.bucketproof.reports.text.JsonInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads {@code FLAGS.json}: each flag's intended rollout, variant weights and bucket count, keyed
 * by flag.
 *
 * <pre>{@code
 * {"new-checkout": {"rollout": 5},
 *  "exp_12345":    {"weights": {"control": 50, "treatment": 50}},
 *  "search-v2":    {"rollout": 12.5, "buckets": 10000}}
 * }</pre>
 *
 * <p>Keys: {@code rollout} (percent, 0..100, at most two decimals), {@code weights} (variant name
 * to a non-negative integer weight, in order; the first is the control), {@code buckets} (the
 * bucket count of the export's bucket column and of the fingerprint's rules, default 100), {@code
 * profiles} (compatibility profiles to try on this flag with their parameters, such as {@code
 * {"launchdarkly": {"salt": "f3a1"}, "split": {"seed": 1234}}}: the profiles that need a per-flag
 * parameter are only tried when given here). Any other key is an error that names it, so a typo
 * never silently turns a gate inconclusive.
 *
 * <p>Thread-safety: stateless.
 */
public final class FlagsFile {
  private static final Set<String> KEYS = Set.of("rollout", "weights", "buckets", "profiles");

  /** The largest FLAGS.json read: 16 MiB, far more than any set of flags needs. */
  public static final long MAX_BYTES = 16L << 20;

  /** The deepest nesting of FLAGS.json: its own layout needs 4. */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final JsonInput INPUT = JsonInput.of(MAX_BYTES, MAX_NESTING_DEPTH);

  private static final ObjectReader TREE = INPUT.mapper().readerFor(JsonNode.class);

  private FlagsFile() {}

  /**
   * Returns the flags of the file at {@code path}, in file order.
   *
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is not the layout above; the message names the file, the
   *     flag, the key and the value
   */
  public static Map<String, FlagSettings> read(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    String name = Display.terminal(path.toString());
    JsonNode root;
    try {
      root = INPUT.read(path, TREE);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not valid JSON: " + e.getMessage(), e);
    }
    return settings(root, name);
  }

  /**
   * Returns the flags of {@code json}; {@code source} names it in error messages.
   *
   * @throws IllegalArgumentException if it is not the layout described above
   */
  public static Map<String, FlagSettings> parse(String json, String source) {
    String name = Display.terminal(source);
    JsonNode root;
    try {
      root = INPUT.read(json, TREE);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not valid JSON: " + e.getMessage(), e);
    }
    return settings(root, name);
  }

  private static Map<String, FlagSettings> settings(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          source
              + " must be a JSON object keyed by flag, such as "
              + "{\"new-checkout\": {\"rollout\": 5}}");
    }
    Map<String, FlagSettings> flags = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> flag = it.next();
      try {
        flags.put(flag.getKey(), settings(flag.getValue()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            source + ": flag " + Display.terminal(flag.getKey()) + ": " + e.getMessage(), e);
      }
    }
    return flags;
  }

  private static FlagSettings settings(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("must be an object such as {\"rollout\": 5}: " + node);
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown key "
                + Display.terminal(name)
                + " (known: rollout, weights, buckets, profiles)");
      }
    }
    Integer rollout = null;
    JsonNode rolloutNode = node.get("rollout");
    if (rolloutNode != null) {
      if (!rolloutNode.isNumber()) {
        throw new IllegalArgumentException("rollout must be a number of percent: " + rolloutNode);
      }
      rollout = Rollout.ofPercent("flag", rolloutNode.doubleValue()).basisPoints();
    }
    Map<String, Integer> weights = new LinkedHashMap<>();
    JsonNode weightsNode = node.get("weights");
    if (weightsNode != null) {
      if (!weightsNode.isObject()) {
        throw new IllegalArgumentException(
            "weights must be an object such as {\"control\": 50, \"treatment\": 50}: "
                + weightsNode);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = weightsNode.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> weight = it.next();
        JsonNode value = weight.getValue();
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
          throw new IllegalArgumentException(
              "weight of variant "
                  + Display.terminal(weight.getKey())
                  + " must be an integer: "
                  + value);
        }
        weights.put(weight.getKey(), value.intValue());
      }
    }
    int buckets = FlagSettings.DEFAULT_BUCKET_COUNT;
    JsonNode bucketsNode = node.get("buckets");
    if (bucketsNode != null) {
      if (!bucketsNode.isIntegralNumber() || !bucketsNode.canConvertToInt()) {
        throw new IllegalArgumentException("buckets must be an integer: " + bucketsNode);
      }
      buckets = bucketsNode.intValue();
    }
    Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
    JsonNode profilesNode = node.get("profiles");
    if (profilesNode != null) {
      if (!profilesNode.isObject()) {
        throw new IllegalArgumentException(
            "profiles must be an object such as {\"launchdarkly\": {\"salt\": \"f3a1\"}}: "
                + profilesNode);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = profilesNode.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> profile = it.next();
        if (!profile.getValue().isObject()) {
          throw new IllegalArgumentException(
              "parameters of profile "
                  + Display.terminal(profile.getKey())
                  + " must be an object: "
                  + profile.getValue());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> values =
                profile.getValue().properties().iterator();
            values.hasNext(); ) {
          Map.Entry<String, JsonNode> parameter = values.next();
          if (!parameter.getValue().isValueNode() || parameter.getValue().isNull()) {
            throw new IllegalArgumentException(
                "parameter "
                    + Display.terminal(parameter.getKey())
                    + " of profile "
                    + Display.terminal(profile.getKey())
                    + " must be a string or number: "
                    + parameter.getValue());
          }
          parameters.put(parameter.getKey(), parameter.getValue().asText());
        }
        ProfileRule.of(profile.getKey(), parameters); // the profile's own check, naming the value
        profiles.put(profile.getKey(), parameters);
      }
    }
    return new FlagSettings(rollout, weights, buckets, profiles);
  }
}
