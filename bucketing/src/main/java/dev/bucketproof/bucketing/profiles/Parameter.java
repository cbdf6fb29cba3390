package dev.bucketproof.bucketing.profiles;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One parameter of a compatibility profile: its name as the command line spells it ({@code
 * --group-id}, FLAGS.json {@code "group-id"}), the type of its value, whether it is required, and
 * its default.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name the parameter's name as the command line spells it, such as seed
 * @param type the type of its value
 * @param choices the values a {@link Type#CHOICE} takes, lowercase with {@code -}; empty otherwise
 * @param need whether the profile needs it
 * @param defaultValue the value when none is given, or null (required parameters, or none)
 * @param description one line: what the system calls it
 */
public record Parameter(
    String name,
    Type type,
    List<String> choices,
    Need need,
    String defaultValue,
    String description) {

  /** The type of a parameter's value. */
  public enum Type {
    /** Any non-empty text. */
    TEXT,
    /** A signed 32-bit decimal integer. */
    INTEGER,
    /** A charset name this JVM supports. */
    CHARSET,
    /** One of {@link Parameter#choices}. */
    CHOICE
  }

  /** Whether a profile needs a parameter. */
  public enum Need {
    /** May be left out. */
    OPTIONAL,
    /** Must be given. */
    REQUIRED,
    /** Exactly one of the profile's parameters marked so must be given. */
    ONE_OF
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component other than {@code defaultValue} is null
   * @throws IllegalArgumentException if a choice has no choices, another type has some, or a
   *     required parameter has a default
   */
  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    choices = List.copyOf(choices);
    Objects.requireNonNull(need, "need");
    Objects.requireNonNull(description, "description");
    if ((type == Type.CHOICE) == choices.isEmpty()) {
      throw new IllegalArgumentException("choices go with type CHOICE only: " + name);
    }
    if (need != Need.OPTIONAL && defaultValue != null) {
      throw new IllegalArgumentException("a needed parameter has no default: " + name);
    }
  }

  /** Returns an optional parameter of {@code type} with {@code defaultValue} (or null). */
  public static Parameter optional(
      String name, Type type, String defaultValue, String description) {
    return new Parameter(name, type, List.of(), Need.OPTIONAL, defaultValue, description);
  }

  /** Returns a parameter that must be given. */
  public static Parameter required(String name, Type type, String description) {
    return new Parameter(name, type, List.of(), Need.REQUIRED, null, description);
  }

  /** Returns one of the parameters of which exactly one must be given. */
  public static Parameter oneOf(String name, Type type, String description) {
    return new Parameter(name, type, List.of(), Need.ONE_OF, null, description);
  }

  /** Returns an optional choice among the constants of {@code type}, spelled lowercase with -. */
  public static <E extends Enum<E>> Parameter choice(
      String name, Class<E> type, E defaultValue, String description) {
    return new Parameter(
        name,
        Type.CHOICE,
        Arrays.stream(type.getEnumConstants()).map(Parameter::spelled).toList(),
        Need.OPTIONAL,
        spelled(defaultValue),
        description);
  }

  /**
   * Checks {@code value} against the type.
   *
   * @throws IllegalArgumentException naming the parameter and the value if it is not of the type
   */
  void check(String value) {
    switch (type) {
      case INTEGER -> integer(value);
      case CHARSET -> charset(value);
      case CHOICE -> choice(value);
      case TEXT -> {
        // any text; the profile checks what it needs (LaunchDarkly's salt may be empty)
      }
    }
  }

  /** Returns {@code value} as an int. */
  int integer(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a 32-bit integer: " + value, e);
    }
  }

  /** Returns {@code value} as a charset. */
  Charset charset(String value) {
    try {
      return Charset.forName(value);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException(name + " is not one this JVM supports: " + value, e);
    }
  }

  /**
   * Returns the index of {@code value} among the choices (case and {@code -}/{@code _} ignored).
   */
  int choice(String value) {
    String wanted = value.replace('-', '_').toUpperCase(Locale.ROOT);
    for (int i = 0; i < choices.size(); i++) {
      if (choices.get(i).replace('-', '_').toUpperCase(Locale.ROOT).equals(wanted)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        name + " must be one of " + String.join(", ", choices) + ": " + value);
  }

  private static String spelled(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
