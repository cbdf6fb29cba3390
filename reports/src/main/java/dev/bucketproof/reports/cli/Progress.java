package dev.bucketproof.reports.cli;

import dev.bucketproof.reports.audit.AuditSettings;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long command on stderr. On a terminal the line is redrawn in place about five times
 * a second; anywhere else (a CI log, a file, a pipe) a plain line is printed every {@link
 * #PLAIN_EVERY_NANOS} (10 s), so a log shows that a report is under way without a carriage return
 * in it; with {@code --quiet} nothing is printed.
 *
 * <p>Thread-safety: called from one thread at a time (the audit reports progress in order).
 */
final class Progress implements AuditSettings.Progress {
  /** How often a plain progress line is printed where stderr is not a terminal. */
  static final long PLAIN_EVERY_NANOS = 10_000_000_000L;

  private static final long TERMINAL_EVERY_NANOS = 200_000_000L;

  /** Where progress goes. */
  enum Mode {
    /** Redrawn in place with a carriage return. */
    TERMINAL,
    /** A plain line every 10 s. */
    PLAIN,
    /** Nothing: {@code --quiet}. */
    OFF;

    /** Returns the mode for a command: off when quiet, else by whether there is a terminal. */
    static Mode of(boolean quiet) {
      return quiet ? OFF : onTerminal(System.console()) ? TERMINAL : PLAIN;
    }

    /**
     * Returns whether {@code console} is a terminal. Up to Java 21 {@code System.console()} is null
     * unless the JVM runs on one; Java 22 and 23 may return a console with the streams redirected
     * (a CI log would get carriage returns), so from Java 22 {@code Console.isTerminal()}, called
     * by reflection since the code is compiled for 17, decides.
     */
    static boolean onTerminal(Console console) {
      if (console == null) {
        return false;
      }
      try {
        return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
      } catch (NoSuchMethodException e) {
        return true; // Java 17 to 21: a console exists only on a terminal
      } catch (ReflectiveOperationException | RuntimeException e) {
        return false;
      }
    }
  }

  private final PrintWriter err;
  private final String name;
  private final Mode mode;
  private final LongSupplier clock;
  private final long started;
  private long lastDrawn;
  private boolean drawn;

  Progress(PrintWriter err, String name, Mode mode) {
    this(err, name, mode, System::nanoTime);
  }

  /** For tests: {@code clock} gives the time in nanoseconds. */
  Progress(PrintWriter err, String name, Mode mode, LongSupplier clock) {
    this.err = err;
    this.name = name;
    this.mode = mode;
    this.clock = clock;
    this.started = clock.getAsLong();
    this.lastDrawn = started;
  }

  @Override
  public void update(long done, long total) {
    long now = clock.getAsLong();
    if (!due(now)) {
      return;
    }
    double rate = done / seconds(now);
    String left =
        total > 0 && rate > 0
            ? String.format(Locale.ROOT, ", %.0f s left", (total - done) / rate)
            : "";
    String of = total > 0 ? String.format(Locale.ROOT, " / %,d", total) : "";
    draw(String.format(Locale.ROOT, "%-16s %,d%s ids, %,.0f ids/s%s", name, done, of, rate, left));
  }

  @Override
  public void updateBytes(long lines, long bytes, long totalBytes) {
    long now = clock.getAsLong();
    if (!due(now)) {
      return;
    }
    double bytesPerSecond = bytes / seconds(now);
    String left =
        bytesPerSecond > 0
            ? String.format(Locale.ROOT, ", %.0f s left", (totalBytes - bytes) / bytesPerSecond)
            : "";
    draw(
        String.format(
            Locale.ROOT,
            "%-16s %,d lines, %,.0f of %,.0f MB, %,.0f MB/s%s",
            name,
            lines,
            bytes / 1e6,
            totalBytes / 1e6,
            bytesPerSecond / 1e6,
            left));
  }

  /** Lines read so far, for an input whose size is not known ahead (an assignments export). */
  void lines(long lines) {
    long now = clock.getAsLong();
    if (!due(now)) {
      return;
    }
    draw(
        String.format(
            Locale.ROOT, "%-20s %,d lines, %,.0f lines/s", name, lines, lines / seconds(now)));
  }

  /** Clears a redrawn line, so the command's own lines start at the left. */
  void done() {
    if (mode == Mode.TERMINAL && drawn) {
      err.print("\r" + " ".repeat(80) + "\r");
      err.flush();
    }
  }

  private boolean due(long now) {
    long every = mode == Mode.TERMINAL ? TERMINAL_EVERY_NANOS : PLAIN_EVERY_NANOS;
    if (mode == Mode.OFF || now - lastDrawn < every) {
      return false;
    }
    lastDrawn = now;
    return true;
  }

  private double seconds(long now) {
    return Math.max((now - started) / 1e9, 1e-9);
  }

  private void draw(String text) {
    if (mode == Mode.TERMINAL) {
      err.print("\r" + text + "   ");
    } else {
      err.println("bucketproof: progress: " + text);
    }
    drawn = true;
    err.flush();
  }
}
