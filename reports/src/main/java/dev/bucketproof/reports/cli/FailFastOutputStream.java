package dev.bucketproof.reports.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * An output stream that turns a failed write into an unchecked {@link OutputFailure}.
 *
 * <p>{@link PrintStream} and {@link java.io.PrintWriter}, which every command writes through, catch
 * an {@link IOException} and only set a flag: {@code bucket ... > /dev/full} would exit 0, and
 * {@code bucket ... | head -1} would read every line of its input after the pipe closed. They do
 * not catch an unchecked exception, so with this stream underneath, the first failed write (a full
 * disk, {@code EPIPE}) ends the command, and {@link BucketproofCli#run} reports it with exit code
 * {@value BucketproofCli#OUTPUT_FAILED}. Any buffering a command adds on top inherits this: its
 * flush fails the same way. When the wrapped stream is itself a {@link PrintStream} (which swallows
 * errors), its {@link PrintStream#checkError()} is asked after every write.
 *
 * <p>Thread-safety: as the wrapped stream.
 */
final class FailFastOutputStream extends OutputStream {
  private final OutputStream out;
  private final String name;

  /** Wraps {@code out}; {@code name} ("standard output") names it in the error message. */
  FailFastOutputStream(OutputStream out, String name) {
    this.out = Objects.requireNonNull(out, "out");
    this.name = Objects.requireNonNull(name, "name");
  }

  @Override
  public void write(int b) {
    try {
      out.write(b);
    } catch (IOException e) {
      throw new OutputFailure(name, e);
    }
    checkPrintStream();
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    try {
      out.write(bytes, offset, length);
    } catch (IOException e) {
      throw new OutputFailure(name, e);
    }
    checkPrintStream();
  }

  @Override
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new OutputFailure(name, e);
    }
    checkPrintStream();
  }

  @Override
  public void close() {
    flush();
  }

  private void checkPrintStream() {
    if (out instanceof PrintStream print && print.checkError()) {
      throw new OutputFailure(name, new IOException("write error"));
    }
  }

  /**
   * A write to an output failed; the message names the output and the reason ("No space left on
   * device").
   */
  static final class OutputFailure extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    OutputFailure(String name, IOException cause) {
      super(
          "cannot write to "
              + name
              + ": "
              + (cause.getMessage() == null
                  ? cause.getClass().getSimpleName()
                  : cause.getMessage()),
          cause);
    }
  }
}
