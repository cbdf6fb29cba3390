package dev.bucketproof.reports.assignments;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The day of a time column's value ({@code --time-column}), as an epoch day: a date {@code
 * 2026-12-01}, a timestamp that starts with one ({@code 2026-12-01T23:59:59+01:00}, {@code
 * 2026-12-01 10:00:00}: the date as written, whatever the offset), or epoch seconds or, from 12
 * digits on, milliseconds (an optional fraction after a {@code .}), whose day is the UTC day. Years
 * 1 to 9999 only.
 *
 * <p>Thread-safety: stateless.
 */
final class Days {
  /** No day: the row has no time column. */
  static final long NONE = Long.MIN_VALUE;

  /** Not a day: the value is none of the accepted forms. */
  static final long INVALID = Long.MIN_VALUE + 1;

  private static final long LAST = LocalDate.of(9999, 12, 31).toEpochDay();

  private Days() {}

  /** Returns the epoch day of {@code text} (already stripped, non-empty), or {@link #INVALID}. */
  static long parse(String text) {
    int length = text.length();
    if (length >= 10
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && (length == 10 || text.charAt(10) == 'T' || text.charAt(10) == ' ')) {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      if (year < 1 || month < 0 || day < 0) {
        return INVALID;
      }
      try {
        return LocalDate.of(year, month, day).toEpochDay();
      } catch (DateTimeException e) {
        return INVALID;
      }
    }
    int dot = text.indexOf('.');
    int end = dot < 0 ? length : dot;
    if (end == 0 || end > 18 || dot == length - 1) {
      return INVALID;
    }
    for (int i = end + 1; i < length; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return INVALID;
      }
    }
    long value = 0;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return INVALID;
      }
      value = value * 10 + (c - '0');
    }
    long day = Math.floorDiv(value, end >= 12 ? 86_400_000L : 86_400L);
    return day > LAST ? INVALID : day;
  }

  /** Returns the day as {@code 2026-12-01}. */
  static String format(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  /** Returns the non-negative number in {@code text[from, to)}, or -1 if it is not all digits. */
  private static int digits(String text, int from, int to) {
    if (to - from > 9) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
