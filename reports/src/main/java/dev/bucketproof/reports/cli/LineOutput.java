package dev.bucketproof.reports.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The buffered standard output of a streaming filter ({@code bucket}, {@code explain}): lines are
 * assembled as UTF-8 bytes in a 64 KiB buffer and written in blocks, at the end, every {@code
 * flushEvery} ids when asked, and whenever the filter is about to wait for input (so that an
 * interactive pipe sees each answer). A write error, a closed pipe included, surfaces at the next
 * block written (the command line's standard output is a {@link FailFastOutputStream}), which stops
 * the filter: at most 64 KiB of output past a closed pipe. A {@link PrintStream} given directly is
 * asked {@link PrintStream#checkError()} after each block, since it swallows errors.
 *
 * <p>Thread-safety: not thread-safe; one per command run.
 */
final class LineOutput {
  private static final int BUFFER_SIZE = 1 << 16;
  private static final byte[] LINE_SEPARATOR =
      System.lineSeparator().getBytes(StandardCharsets.UTF_8);

  private final OutputStream out;
  private final long flushEvery;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int size;
  private long idsSinceFlush;

  /**
   * Returns an output to {@code out} that also flushes every {@code flushEvery} ids (0: only when
   * full, at the end and before waiting for input).
   */
  LineOutput(OutputStream out, long flushEvery) {
    this.out = out;
    this.flushEvery = flushEvery;
  }

  /** Appends bytes. */
  LineOutput write(byte[] bytes, int offset, int length) throws IOException {
    if (length > buffer.length - size) {
      drain();
      if (length > buffer.length) {
        out.write(bytes, offset, length);
        return this;
      }
    }
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
    return this;
  }

  /** Appends all of {@code bytes}. */
  LineOutput write(byte[] bytes) throws IOException {
    return write(bytes, 0, bytes.length);
  }

  /** Appends the UTF-8 of {@code text}. */
  LineOutput write(String text) throws IOException {
    return write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends the decimal digits of {@code value}, read as unsigned. */
  LineOutput writeUnsigned(long value) throws IOException {
    if (buffer.length - size < 20) {
      drain();
    }
    int digits = exactDigits(value);
    int end = size + digits;
    long rest = value;
    if (rest < 0) {
      // Unsigned: the first division by ten is done unsigned.
      long quotient = Long.divideUnsigned(rest, 10);
      buffer[--end] = (byte) ('0' + (rest - quotient * 10));
      rest = quotient;
    }
    do {
      buffer[--end] = (byte) ('0' + rest % 10);
      rest /= 10;
    } while (rest > 0);
    size += digits;
    return this;
  }

  /** Returns the number of decimal digits of {@code value} read as unsigned, 1..20. */
  private static int exactDigits(long value) {
    if (value < 0) {
      // [2^63, 10^19) has 19 digits, [10^19, 2^64) has 20; 10^19 as a signed long is
      // -8446744073709551616.
      return Long.compareUnsigned(value, -8446744073709551616L) >= 0 ? 20 : 19;
    }
    int digits = 1;
    for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
      digits++;
    }
    return digits;
  }

  /** Ends a line: the platform's line separator, as {@code println} writes it. */
  LineOutput endLine() throws IOException {
    return write(LINE_SEPARATOR);
  }

  /**
   * Ends the output of one id (one line of input); flushes when {@code flushEvery} ids are
   * buffered.
   */
  void endId() throws IOException {
    if (flushEvery > 0 && ++idsSinceFlush >= flushEvery) {
      flush();
    }
  }

  /** Writes what is buffered and flushes the stream; throws if the stream reports an error. */
  void flush() throws IOException {
    drain();
    out.flush();
    idsSinceFlush = 0;
    checkError();
  }

  private void drain() throws IOException {
    if (size > 0) {
      out.write(buffer, 0, size);
      size = 0;
      checkError();
    }
  }

  private void checkError() throws IOException {
    if (out instanceof PrintStream print && print.checkError()) {
      throw new IOException("cannot write to standard output (closed pipe or full disk?); stopped");
    }
  }
}
