package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.Rollout;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one number grammar of the command line, registered for every option of every command: plain
 * decimals only. A whole number is {@code [0-9]+} with an optional {@code -}; a decimal adds an
 * optional {@code .} and digits. No exponent ({@code 1e1}), no hex ({@code 0x1p2}), no suffix
 * ({@code 5d}), no {@code NaN} or {@code Infinity}, no locale comma ({@code 0,05}): each is refused
 * with the option's name, so that every command takes the same text for a percentage. Ranges are
 * each option's own, checked by its command before any work starts. (Seeds keep their own grammar,
 * which also takes {@code 0x} hex: a 32-bit seed is often written that way.)
 *
 * <p>Thread-safety: stateless.
 */
final class NumberGrammar {
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private NumberGrammar() {}

  /** Registers the converters on {@code line}; call it after every subcommand is added. */
  static void register(CommandLine line) {
    ITypeConverter<Double> decimal = NumberGrammar::decimal;
    ITypeConverter<Integer> integer =
        text -> (int) whole(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
    ITypeConverter<Long> longValue = text -> whole(text, Long.MIN_VALUE, Long.MAX_VALUE);
    line.registerConverter(Double.class, decimal);
    line.registerConverter(double.class, decimal);
    line.registerConverter(Integer.class, integer);
    line.registerConverter(int.class, integer);
    line.registerConverter(Long.class, longValue);
    line.registerConverter(long.class, longValue);
  }

  /**
   * Parses a plain decimal ({@code 5}, {@code 12.5}, {@code 0.0005}).
   *
   * @throws TypeConversionException otherwise; picocli names the option
   */
  static double decimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new TypeConversionException(
          "'"
              + text
              + "' is not a plain decimal number (such as 5, 12.5 or 0.0005: no exponent, hex,"
              + " suffix or comma)");
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      throw new TypeConversionException("'" + abbreviate(text) + "' is too large");
    }
    if (value == 0 && new BigDecimal(text).signum() != 0) {
      throw new TypeConversionException(
          "'" + abbreviate(text) + "' is too small to be told from 0");
    }
    return value;
  }

  private static long whole(String text, long min, long max) {
    if (!WHOLE.matcher(text).matches()) {
      throw new TypeConversionException(
          "'" + text + "' is not a whole number (digits only, such as 100)");
    }
    BigDecimal value = new BigDecimal(text);
    if (value.compareTo(BigDecimal.valueOf(min)) < 0
        || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new TypeConversionException(
          "'" + abbreviate(text) + "' is outside [" + min + ", " + max + "]");
    }
    return value.longValueExact();
  }

  /** The smallest level a gate may run at: below it no test this tool runs is accurate. */
  static final double SMALLEST_ALPHA = 1e-9;

  /** The largest level: a "significant" result at more than 50% says nothing. */
  static final double LARGEST_ALPHA = 0.5;

  /** The largest weight: doubles hold every whole number up to it exactly (2^53 is 9.0e15). */
  static final double LARGEST_WEIGHT = 1e15;

  /**
   * Returns {@code value} when it lies within [{@code min}, {@code max}].
   *
   * @throws IllegalArgumentException naming {@code option}, the range and the value otherwise
   */
  static double within(String option, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          option + " must be within [" + plain(min) + ", " + plain(max) + "]: " + plain(value));
    }
    return value;
  }

  /** Checks a gate's level: within [0.000000001, 0.5]. */
  static double alpha(String option, double value) {
    return within(option, value, SMALLEST_ALPHA, LARGEST_ALPHA);
  }

  /**
   * Returns the rollout of {@code flag} at {@code --rollout PERCENT}.
   *
   * @throws IllegalArgumentException naming {@code --rollout} (not the library's parameter)
   */
  static Rollout rollout(String flag, String percent) {
    try {
      return Rollout.ofPercent(flag, percent);
    } catch (IllegalArgumentException e) {
      throw inOptionNames(e);
    }
  }

  /**
   * Returns {@code e} with the library's parameter names ({@code rolloutPercent}, {@code
   * bucketCount}, {@code variantSeed}) replaced by the options the user typed ({@code --rollout},
   * {@code --buckets}, {@code --variant-seed}).
   */
  static IllegalArgumentException inOptionNames(IllegalArgumentException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String named =
        message
            .replace("rolloutPercent", "--rollout")
            .replace("bucketCount", "--buckets")
            .replace("variantSeed must differ from seed", "--variant-seed must differ from --seed");
    return named.equals(message) ? e : new IllegalArgumentException(named, e);
  }

  /** Returns {@code value} as a plain decimal, without exponent. */
  static String plain(double value) {
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 40
        ? text
        : text.substring(0, 20) + "..." + " (" + text.length() + " characters)";
  }
}
