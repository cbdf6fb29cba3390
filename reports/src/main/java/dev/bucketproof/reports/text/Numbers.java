package dev.bucketproof.reports.text;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Number formatting shared by the renderers and the command line: always {@code Locale.ROOT}, so a
 * report is byte-identical on every machine.
 *
 * <p>Thread-safety: stateless.
 */
public final class Numbers {
  private Numbers() {}

  /** Returns {@code String.format(Locale.ROOT, pattern, values)}. */
  public static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }

  /** Returns a decimal without exponent: 0.0005, not 5.0E-4. */
  public static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Returns a share as a percentage with three decimals: 0.05 -> {@code 5.000%}. */
  public static String percent(double share) {
    return format("%.3f%%", share * 100);
  }

  /**
   * Returns a share as a percentage with two decimals, three below 0.1%: 0.05 -> {@code 5.00%},
   * 0.0005 -> {@code 0.050%}.
   */
  public static String percentBrief(double share) {
    double value = share * 100;
    return format(value != 0 && Math.abs(value) < 0.1 ? "%.3f%%" : "%.2f%%", value);
  }

  /**
   * Returns a probability: four decimals from 0.001 up, else two significant digits with an
   * exponent.
   */
  public static String probability(double p) {
    return p >= 0.001 ? format("%.4f", p) : format("%.2e", p);
  }
}
