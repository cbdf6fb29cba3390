package dev.bucketproof.reports.assignments;

import java.util.List;
import java.util.Locale;

/**
 * Which columns (or JSON keys) of an export hold the user, the flag and the outcomes. Found by
 * header name, case-insensitively and ignoring {@code _}, {@code -} and spaces: the user is the
 * first of {@code user_id, userId, user, id, key, targeting_key} present, the flag the first of
 * {@code flag, flag_key, feature, experiment}, and the outcomes {@code enabled} (true/false, 1/0,
 * on/off), {@code variant} (also {@code variation}, {@code treatment}) and {@code bucket} (an
 * integer). Each may be named instead: {@code --user-column}, {@code --flag-column} and {@code
 * --outcome-column NAME[:enabled|variant|bucket]} (the kind defaults to the one the name implies,
 * else {@code variant}, which takes any string).
 *
 * <p>Thread-safety: immutable.
 *
 * @param user the user column's name, or null to guess it
 * @param flag the flag column's name, or null to guess it
 * @param outcome the outcome column, such as {@code arm:variant}, or null to use every known
 *     outcome column
 * @param time the column that holds when the row was logged ({@code --time-column}), or null for
 *     none: a date such as {@code 2026-12-01}, a timestamp that starts with one, or epoch seconds
 *     or milliseconds; its day puts the row in the sequential SRM path by day ({@link Days})
 */
public record Columns(String user, String flag, String outcome, String time) {
  static final List<String> USER_NAMES =
      List.of("user_id", "userId", "user", "id", "key", "targeting_key");
  static final List<String> FLAG_NAMES = List.of("flag", "flag_key", "feature", "experiment");
  static final List<String> ENABLED_NAMES = List.of("enabled", "is_enabled");
  static final List<String> VARIANT_NAMES = List.of("variant", "variation", "treatment");
  static final List<String> BUCKET_NAMES = List.of("bucket");

  /** What a column holds. */
  enum Role {
    USER,
    FLAG,
    ENABLED,
    VARIANT,
    BUCKET,
    TIME
  }

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a name is empty, or the outcome's kind is not enabled,
   *     variant or bucket
   */
  public Columns {
    for (String name : new String[] {user, flag, outcome, time}) {
      if (name != null && name.isEmpty()) {
        throw new IllegalArgumentException("a column name must not be empty");
      }
    }
    if (outcome != null) {
      outcomeRole(outcome);
    }
  }

  /** Returns columns without a time column: {@code new Columns(user, flag, outcome, null)}. */
  public Columns(String user, String flag, String outcome) {
    this(user, flag, outcome, null);
  }

  /** Returns columns that are all guessed from the header, without a time column. */
  public static Columns guess() {
    return new Columns(null, null, null, null);
  }

  /** Returns these columns with {@code name} as the time column (null for none). */
  public Columns withTime(String name) {
    return new Columns(user, flag, outcome, name);
  }

  /** Returns the header name of the outcome override, without its kind. */
  String outcomeName() {
    int colon = outcome.lastIndexOf(':');
    return colon > 0 && kind(outcome.substring(colon + 1)) != null
        ? outcome.substring(0, colon)
        : outcome;
  }

  static Role outcomeRole(String outcome) {
    int colon = outcome.lastIndexOf(':');
    if (colon > 0) {
      String suffix = outcome.substring(colon + 1);
      Role role = kind(suffix);
      if (role != null) {
        return role;
      }
      if (suffix.matches("[a-zA-Z]+")) {
        throw new IllegalArgumentException(
            "--outcome-column kind must be enabled, variant or bucket: " + suffix);
      }
    }
    Role implied = known(outcome);
    return implied == Role.ENABLED || implied == Role.BUCKET ? implied : Role.VARIANT;
  }

  private static Role kind(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "enabled" -> Role.ENABLED;
      case "variant" -> Role.VARIANT;
      case "bucket" -> Role.BUCKET;
      default -> null;
    };
  }

  /** Returns the role a header name implies, or null. */
  static Role known(String name) {
    return rank(name) < 0 ? null : ROLES[rank(name) / 100];
  }

  private static final Role[] ROLES = Role.values();

  /** Returns role * 100 + position of the name in its list, or -1 when the name is not known. */
  static int rank(String name) {
    String normal = normalize(name);
    List<List<String>> lists =
        List.of(USER_NAMES, FLAG_NAMES, ENABLED_NAMES, VARIANT_NAMES, BUCKET_NAMES);
    for (int role = 0; role < lists.size(); role++) {
      List<String> names = lists.get(role);
      for (int position = 0; position < names.size(); position++) {
        if (normalize(names.get(position)).equals(normal)) {
          return role * 100 + position;
        }
      }
    }
    return -1;
  }

  static String normalize(String name) {
    StringBuilder normal = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_' && c != '-' && c != ' ') {
        normal.append(c);
      }
    }
    return normal.toString().toLowerCase(Locale.ROOT);
  }
}
