package dev.bucketproof.bucketing;

import java.util.List;
import java.util.Locale;

/**
 * Every step of one rollout decision, as {@link Bucketer#explain} computed it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param hasher the hasher's name, such as {@code bucketproof:murmur3_x86_32}
 * @param hashedKey the string that was hashed ({@code flagKey:userId}, or {@code userId} unsalted)
 * @param seed the rollout seed
 * @param hash the hash, to be read as unsigned ({@link Long#toUnsignedString})
 * @param bucketCount the number of buckets
 * @param bucket {@code unsigned(hash) mod bucketCount}
 * @param rolloutPercent the rollout's percentage, exact, such as {@code 12.5}
 * @param threshold the number of enabled buckets: buckets [0, threshold) are enabled
 * @param enabled whether {@code bucket < threshold}
 * @param variant the variant choice, or null when no split was given
 * @param steps the system's own rule, one step per line (a profile's float cut-off, its key
 *     layout); empty for the standard bucketer
 */
public record Explanation(
    String hasher,
    String hashedKey,
    int seed,
    long hash,
    int bucketCount,
    int bucket,
    String rolloutPercent,
    int threshold,
    boolean enabled,
    VariantChoice variant,
    List<String> steps) {

  /** Copies {@code steps}. */
  public Explanation {
    steps = List.copyOf(steps);
  }

  /** Returns the explanation of a decision with no system-specific steps. */
  public Explanation(
      String hasher,
      String hashedKey,
      int seed,
      long hash,
      int bucketCount,
      int bucket,
      String rolloutPercent,
      int threshold,
      boolean enabled,
      VariantChoice variant) {
    this(
        hasher,
        hashedKey,
        seed,
        hash,
        bucketCount,
        bucket,
        rolloutPercent,
        threshold,
        enabled,
        variant,
        List.of());
  }

  /**
   * The variant step of a decision.
   *
   * @param name the chosen variant, or {@code (none)} when the system gives none
   * @param seed the variant seed
   * @param bucket the variant bucket, in [0, totalWeight)
   * @param totalWeight the sum of the split's weights
   */
  public record VariantChoice(String name, int seed, int bucket, int totalWeight) {}

  /**
   * Returns a few lines that a person reads: one step per line. Every value from input (the key,
   * the rule steps, the variant name) goes through {@link #escape}, so an id cannot forge a line or
   * send control sequences to the terminal.
   */
  public String describe() {
    StringBuilder text =
        new StringBuilder()
            .append("hasher     ")
            .append(escape(hasher))
            .append('\n')
            .append("key        ")
            .append(escape(hashedKey))
            .append('\n')
            .append("seed       ")
            .append(Integer.toUnsignedString(seed))
            .append('\n')
            .append("hash       ")
            .append(Long.toUnsignedString(hash))
            .append('\n')
            .append("bucket     ")
            .append(bucket)
            .append(" of ")
            .append(bucketCount)
            .append('\n')
            .append("rollout    ")
            .append(rolloutPercent)
            .append("% -> buckets [0, ")
            .append(threshold)
            .append(")\n")
            .append("enabled    ")
            .append(enabled)
            .append('\n');
    for (String step : steps) {
      text.append("rule       ").append(escape(step)).append('\n');
    }
    if (variant != null) {
      text.append("variant    ")
          .append(escape(variant.name()))
          .append(" (variant bucket ")
          .append(variant.bucket())
          .append(" of ")
          .append(variant.totalWeight())
          .append(", seed ")
          .append(Integer.toUnsignedString(variant.seed()))
          .append(")\n");
    }
    return text.toString();
  }

  /**
   * Returns {@code text} safe to print on one line of a terminal, escaped as a JSON string would
   * be: {@code \\} for a backslash, {@code \n}, {@code \r}, {@code \t}, and backslash-u with four
   * hex digits for any other control character (U+0000..U+001F, U+007F..U+009F), the line and
   * paragraph separators U+2028 and U+2029, the bidirectional controls (U+061C, U+200E, U+200F,
   * U+202A..U+202E, U+2066..U+2069) and an unpaired surrogate. {@code "a\nenabled true"} becomes
   * {@code a\\nenabled true}: one line.
   */
  public static String escape(CharSequence text) {
    StringBuilder out = null;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      String replacement = replacement(text, i, c);
      if (replacement != null && out == null) {
        out = new StringBuilder(length + 16).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text.toString() : out.toString();
  }

  private static String replacement(CharSequence text, int index, char c) {
    switch (c) {
      case '\\' -> {
        return "\\\\";
      }
      case '\n' -> {
        return "\\n";
      }
      case '\r' -> {
        return "\\r";
      }
      case '\t' -> {
        return "\\t";
      }
      default -> {}
    }
    boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    boolean bidi =
        c == '\u061c'
            || c == '\u200e'
            || c == '\u200f'
            || (c >= '\u202a' && c <= '\u202e')
            || (c >= '\u2066' && c <= '\u2069');
    boolean unpaired =
        Character.isHighSurrogate(c)
            ? index + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(index + 1))
            : Character.isLowSurrogate(c)
                && (index == 0 || !Character.isHighSurrogate(text.charAt(index - 1)));
    return control || bidi || unpaired ? String.format(Locale.ROOT, "\\u%04x", (int) c) : null;
  }
}
