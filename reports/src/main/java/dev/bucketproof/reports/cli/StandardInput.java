package dev.bucketproof.reports.cli;

import dev.bucketproof.reports.text.Display;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The process's own inputs checked before a command trusts them: standard input (closed, a
 * directory, unreadable) and the arguments (bytes the JVM could not decode).
 *
 * <p>A closed standard input ({@code bucket <&-}) is not an empty one: the JVM then opens its own
 * files at descriptor 0, and a command would read the jar's bytes as ids. {@link #of} detects it on
 * Linux ({@code /proc/self/fd/0} names a file of the JVM or of the class path) and returns a stream
 * whose first read fails with a message that names the fix.
 *
 * <p>Thread-safety: stateless helpers; the returned stream is as thread-safe as the one it wraps.
 */
final class StandardInput {
  /** The fix named when standard input is unusable. */
  static final String FIX = "give the ids as arguments, or redirect a file: < FILE";

  private StandardInput() {}

  /**
   * Returns {@code in} (the process's standard input) with read errors that name it, or a stream
   * that refuses every read when standard input is closed.
   */
  static InputStream of(InputStream in) {
    if (isClosed(Path.of("/proc/self/fd/0"))) {
      return new Refused("standard input is closed (<&-): " + FIX);
    }
    return new Named(in);
  }

  /**
   * Returns whether descriptor 0 (its {@code /proc} link {@code fd0}) is a file the JVM opened for
   * itself: under {@code java.home} or on the class path, which only happens when the process
   * started with descriptor 0 closed.
   */
  @SuppressWarnings("StringSplitter") // empty entries of the class path are skipped below
  static boolean isClosed(Path fd0) {
    Path target;
    try {
      target = Files.readSymbolicLink(fd0);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false; // not Linux, or no /proc: nothing to tell
    }
    if (!target.isAbsolute()) {
      return false; // pipe:[123], socket:[456]
    }
    Path home = Path.of(System.getProperty("java.home", "/nonexistent")).toAbsolutePath();
    if (target.startsWith(home)) {
      return true;
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().equals(target)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the message for the first argument the JVM could not decode, or null when every
   * argument is what the user typed. Under a non-UTF-8 {@code sun.jnu.encoding} (the C or POSIX
   * locale), the JVM turns the bytes of {@code josé} into {@code jos\ufffd\ufffd}: hashing that
   * gives a wrong bucket without a word, so the command refuses instead.
   *
   * @param encoding the JVM's argument encoding, {@code System.getProperty("sun.jnu.encoding")}
   */
  static String undecodableArgument(String[] args, String encoding) {
    if (isUtf8(encoding)) {
      return null;
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i].indexOf('\uFFFD') >= 0) {
        return String.format(
            Locale.ROOT,
            "argument %d (%s) has bytes the JVM could not decode: it reads arguments as %s"
                + " (the C or POSIX locale); run with LANG=C.UTF-8 (or LC_ALL=C.UTF-8),"
                + " or give ids on standard input",
            i + 1,
            Display.terminal(args[i]),
            encoding);
      }
    }
    return null;
  }

  private static boolean isUtf8(String encoding) {
    try {
      return encoding == null || Charset.forName(encoding).equals(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Standard input with read errors that say which input failed. */
  private static final class Named extends FilterInputStream {
    Named(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw named(e);
      }
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      try {
        return super.read(bytes, offset, length);
      } catch (IOException e) {
        throw named(e);
      }
    }

    private static IOException named(IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new IOException("cannot read standard input: " + reason + "; " + FIX, e);
    }
  }

  /** Standard input that refuses every read with one message. */
  static final class Refused extends InputStream {
    private final String message;

    Refused(String message) {
      this.message = message;
    }

    @Override
    public int read() throws IOException {
      throw new IOException(message);
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      throw new IOException(message);
    }
  }
}
