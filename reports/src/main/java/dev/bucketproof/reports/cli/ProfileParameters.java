package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.profiles.Profiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The parameters of a compatibility profile ({@code --salt}, {@code --group-id}, {@code --charset},
 * {@code --encoding}, {@code --algorithm}): with {@code --profile} in {@code bucket} and {@code
 * explain} ({@link ProfileOptions}), and for both sides of {@code compare}, which has no {@code
 * --profile} (it takes {@code --from} and {@code --to}), so its help does not list one.
 */
final class ProfileParameters {
  @Option(names = "--salt", description = "launchdarkly: the flag's salt")
  String salt;

  @Option(
      names = "--group-id",
      paramLabel = "ID",
      description = "unleash, unleash-9: the group id (default: the flag)")
  String groupId;

  @Option(
      names = "--charset",
      description =
          "unleash-9: the JVM's charset (default UTF-8; ISO-8859-1 reproduces a"
              + " non-UTF-8 JVM); growthbook with --encoding java: the platform charset")
  String charset;

  @Option(
      names = "--encoding",
      description =
          "flagd: utf-8 (its rule) or imurmurhash (flagd-core 4.x in JavaScript);"
              + " growthbook: js, java or kotlin")
  String encoding;

  @Option(names = "--algorithm", description = "split: murmur (default) or legacy")
  String algorithm;

  /**
   * Returns the profile parameters given, {@code seed} included when not null, by parameter name.
   */
  Map<String, String> given(String seed) {
    Map<String, String> given = new LinkedHashMap<>();
    put(given, Profiles.SALT, salt);
    put(given, Profiles.GROUP_ID, groupId);
    put(given, Profiles.CHARSET, charset);
    put(given, Profiles.ENCODING, encoding);
    put(given, Profiles.ALGORITHM, algorithm);
    put(given, Profiles.SEED, seed);
    return given;
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /**
   * Returns the parameters of {@code name} from the shared options, each given one kept only by
   * profiles that take it, plus the side's own {@code KEY=VALUE} parameters.
   */
  static Map<String, String> forSide(
      String name, Map<String, String> shared, List<String> own, String option) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : shared.entrySet()) {
      if (Profiles.parameters(name).contains(entry.getKey())) {
        parameters.put(entry.getKey(), entry.getValue());
      }
    }
    for (String pair : own == null ? new ArrayList<String>() : own) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(option + " must be KEY=VALUE: " + pair);
      }
      parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    return parameters;
  }
}
