package dev.bucketproof.reports.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bucketproof} command line: {@code java -jar reports/target/bucketproof.jar COMMAND}.
 *
 * <p>Exit codes: 0 success; 1 the answer is "no" (a sample ratio mismatch, a failed gate); 2 a
 * user's mistake, reported as one line on stderr; 70 a bug, with its stack trace; 74 a failed write
 * to standard output (a full disk, a closed pipe: the command stops at the first failed write, with
 * one line on stderr). Output is UTF-8 whatever the platform's default charset.
 */
@Command(
    name = "bucketproof",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    version = "bucketproof 0.1.0",
    description =
        "Deterministic percentage bucketing: which bucket is a user in, is a split a sample ratio"
            + " mismatch, and the distribution report.",
    subcommands = {
      HashersCommand.class,
      HashCommand.class,
      BucketCommand.class,
      ExplainCommand.class,
      CompareCommand.class,
      SrmCommand.class,
      ReportCommand.class,
      AuditAssignmentsCommand.class,
      PowerCommand.class
    })
public final class BucketproofCli implements Callable<Integer> {
  /** Exit code of a user's mistake. */
  static final int USAGE = 2;

  /** Exit code of a bug. */
  static final int SOFTWARE = 70;

  /**
   * Exit code of a failed write to standard output (a full disk, a closed pipe): sysexits'
   * EX_IOERR.
   */
  static final int OUTPUT_FAILED = 74;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    // FailFastOutputStream keeps the reason ("No space left on device") that PrintStream would
    // swallow
    PrintStream out =
        new PrintStream(
            new FailFastOutputStream(new FileOutputStream(FileDescriptor.out), "standard output"),
            true,
            StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    String undecodable = StandardInput.undecodableArgument(args, jvmArgumentEncoding());
    if (undecodable != null) {
      err.println("bucketproof: " + undecodable);
      System.exit(USAGE);
    }
    System.exit(run(args, StandardInput.of(System.in), out, err));
  }

  /** Returns the charset the JVM decoded the command line with ({@code sun.jnu.encoding}). */
  private static String jvmArgumentEncoding() {
    return System.getProperty("sun.jnu.encoding", StandardCharsets.UTF_8.name());
  }

  /**
   * Runs the command line with the given streams and returns the exit code. Commands write to
   * picocli's {@code getOut()} and {@code getErr()}; those that read ids get {@code in} through
   * their constructor.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    // A failed write to standard output ends the command (see FailFastOutputStream) with
    // OUTPUT_FAILED.
    FailFastOutputStream failFast = new FailFastOutputStream(out, "standard output");
    CommandLine line = new CommandLine(new BucketproofCli(), new StdinFactory(in, failFast));
    PrintStream checkedOut = new PrintStream(failFast, true, StandardCharsets.UTF_8);
    line.setOut(new PrintWriter(checkedOut, true, StandardCharsets.UTF_8));
    // Standard error shows untrusted text by the one display policy (TerminalWriter).
    line.setErr(
        new PrintWriter(
            new TerminalWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8)), true));
    line.setCaseInsensitiveEnumValuesAllowed(true);
    NumberGrammar.register(line);
    // Ids and flag keys are literal: "@alice" is the id "@alice", not the contents of a file
    // ./alice.
    line.setExpandAtFiles(false);
    line.setParameterExceptionHandler(
        (exception, arguments) -> {
          exception
              .getCommandLine()
              .getErr()
              .println("bucketproof: " + oneLine(exception.getMessage()) + " (see --help)");
          return USAGE;
        });
    // --help and --version write from picocli's own code, outside a command: a failed write there
    // is caught here, so that it is reported like any other command's (no stack trace).
    CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
    line.setExecutionStrategy(
        parseResult -> {
          try {
            return runLast.execute(parseResult);
          } catch (FailFastOutputStream.OutputFailure failure) {
            parseResult
                .commandSpec()
                .commandLine()
                .getErr()
                .println("bucketproof: " + oneLine(failure.getMessage()));
            return OUTPUT_FAILED;
          }
        });
    line.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          PrintWriter errors = commandLine.getErr();
          if (exception instanceof FailFastOutputStream.OutputFailure failure) {
            errors.println("bucketproof: " + oneLine(failure.getMessage()));
            return OUTPUT_FAILED;
          }
          String message = userMistake(exception);
          if (message == null) {
            exception.printStackTrace(errors);
            errors.flush();
            return SOFTWARE;
          }
          errors.println("bucketproof: " + message);
          return USAGE;
        });
    try {
      int code = line.execute(args);
      if (code != OUTPUT_FAILED) {
        line.getOut().flush();
        checkedOut.flush();
      }
      return code;
    } catch (FailFastOutputStream.OutputFailure failure) {
      // from outside a command: picocli's help, or the last flush
      line.getErr().println("bucketproof: " + oneLine(failure.getMessage()));
      return OUTPUT_FAILED;
    }
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return USAGE;
  }

  /**
   * Creates the commands: one whose constructor takes an {@link InputStream} gets the command
   * line's standard input, and one that takes an {@link InputStream} and an {@link OutputStream} (a
   * streaming filter that writes bytes) gets standard input and the fail-fast standard output;
   * everything else comes from picocli's default factory.
   */
  private static final class StdinFactory implements CommandLine.IFactory {
    private final InputStream in;
    private final OutputStream out;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    StdinFactory(InputStream in, OutputStream out) {
      this.in = in;
      this.out = out;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        Class<?>[] parameters = constructor.getParameterTypes();
        if (parameters.length == 1 && parameters[0] == InputStream.class) {
          constructor.setAccessible(true);
          return type.cast(constructor.newInstance(in));
        }
        if (parameters.length == 2
            && parameters[0] == InputStream.class
            && parameters[1] == OutputStream.class) {
          constructor.setAccessible(true);
          return type.cast(constructor.newInstance(in, out));
        }
      }
      return fallback.create(type);
    }
  }

  /**
   * Returns the one-line message for an exception caused by the user's input, or null for a bug.
   */
  static String userMistake(Throwable exception) {
    if (exception instanceof UncheckedIOException unchecked) {
      return userMistake(unchecked.getCause());
    }
    if (exception instanceof NoSuchFileException missing) {
      return "no such file: " + missing.getFile();
    }
    if (exception instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (exception instanceof FileAlreadyExistsException exists) {
      return "cannot write "
          + exists.getFile()
          + ": "
          + (exists.getReason() == null ? "it exists" : exists.getReason());
    }
    if (exception instanceof FileSystemException system) {
      return "cannot use "
          + system.getFile()
          + ": "
          + (system.getReason() == null ? system.getClass().getSimpleName() : system.getReason());
    }
    if (exception instanceof IOException io) {
      return oneLine(io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage());
    }
    if (exception instanceof IllegalArgumentException illegal) {
      return oneLine(illegal.getMessage());
    }
    return null;
  }

  static String oneLine(String message) {
    return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ').trim();
  }
}
