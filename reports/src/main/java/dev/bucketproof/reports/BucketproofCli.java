package dev.bucketproof.reports;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.FlagBuckets;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code bucketproof} command line: {@code java -jar reports/target/bucketproof.jar COMMAND}.
 *
 * <p>Exit codes: 0 success; 1 the answer is "no" (a sample ratio mismatch, a failed gate); 2 a user's
 * mistake, reported as one line on stderr; 70 a bug, with its stack trace. Output is UTF-8 whatever the
 * platform's default charset.
 */
@Command(name = "bucketproof", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "bucketproof 0.1.0",
    description = "Deterministic percentage bucketing: which bucket is a user in, is a split a sample ratio"
        + " mismatch, and the distribution report.",
    subcommands = {BucketproofCli.Hashers.class, BucketproofCli.Hash.class, BucketproofCli.BucketCommand.class,
        BucketproofCli.Explain.class, BucketproofCli.Srm.class, ReportCommand.class})
public final class BucketproofCli implements Callable<Integer> {
  /** Exit code of a user's mistake. */
  static final int USAGE = 2;
  /** Exit code of a bug. */
  static final int SOFTWARE = 70;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, System.in, out, err));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    CommandLine line = new CommandLine(new BucketproofCli());
    line.setOut(new java.io.PrintWriter(out, true));
    line.setErr(new java.io.PrintWriter(err, true));
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.setParameterExceptionHandler((exception, arguments) -> {
      err.println("bucketproof: " + oneLine(exception.getMessage()) + " (see --help)");
      return USAGE;
    });
    line.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
      String message = userMistake(exception);
      if (message == null) {
        exception.printStackTrace(err);
        return SOFTWARE;
      }
      err.println("bucketproof: " + message);
      return USAGE;
    });
    STREAMS.set(new Streams(in, out, err));
    try {
      return line.execute(args);
    } finally {
      STREAMS.remove();
    }
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(streams().out);
    return USAGE;
  }

  /** The streams of the running command; set by {@link #run}. */
  record Streams(InputStream in, PrintStream out, PrintStream err) {}

  private static final ThreadLocal<Streams> STREAMS = new ThreadLocal<>();

  static Streams streams() {
    return STREAMS.get();
  }

  /** Returns the one-line message for an exception caused by the user's input, or null for a bug. */
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
      return "cannot write " + exists.getFile() + ": " + (exists.getReason() == null ? "it exists" : exists.getReason());
    }
    if (exception instanceof FileSystemException system) {
      return "cannot use " + system.getFile() + ": " + (system.getReason() == null ? system.getClass().getSimpleName() : system.getReason());
    }
    if (exception instanceof IOException io) {
      return oneLine(io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage());
    }
    if (exception instanceof IllegalArgumentException illegal) {
      return oneLine(illegal.getMessage());
    }
    return null;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ').trim();
  }

  /**
   * Parses a 32-bit seed: signed or unsigned decimal ({@code -1}, {@code 4294967295}) or {@code 0x} hex.
   *
   * @throws IllegalArgumentException if the text is not a 32-bit value
   */
  static int parseSeed(String text) {
    try {
      if (text.startsWith("0x") || text.startsWith("0X")) {
        return Integer.parseUnsignedInt(text.substring(2), 16);
      }
      long value = Long.parseLong(text);
      if (value >= Integer.MIN_VALUE && value <= 0xFFFF_FFFFL) {
        return (int) value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("seed must be a 32-bit value (signed or unsigned decimal, or 0x hex): " + text);
  }

  /** Passes each id to {@code action}: the arguments, or else the lines of standard input. */
  static void forEachId(List<String> ids, IdAction action) throws IOException {
    if (ids != null && !ids.isEmpty()) {
      for (String id : ids) {
        action.accept(id);
      }
      return;
    }
    IdLineReader reader = new IdLineReader(streams().in());
    IdLineReader.Line line;
    while ((line = reader.next()) != null) {
      if (line.invalid()) {
        throw new IllegalArgumentException("line " + line.number() + " of standard input is not valid UTF-8");
      }
      action.accept(line.text());
    }
  }

  /** Receives one id. */
  @FunctionalInterface
  interface IdAction {
    void accept(String id) throws IOException;
  }

  @Command(name = "hashers", description = "List the hashers: name<TAB>family, one per line.")
  static final class Hashers implements Callable<Integer> {
    @Override
    public Integer call() {
      for (IdHasher hasher : IdHashers.all()) {
        streams().out().println(hasher.name() + "\t" + hasher.family().id());
      }
      return 0;
    }
  }

  @Command(name = "hash", description = "Hash ids (arguments, or else lines of stdin): one JSON object per line.")
  static final class Hash implements Callable<Integer> {
    @Option(names = "--hasher", required = true, description = "a name from `bucketproof hashers`")
    String hasher;

    @Option(names = "--seed", defaultValue = "0", description = "32-bit seed: signed or unsigned decimal, or 0x hex (default 0)")
    String seed;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "ids; without any, one id per line of stdin")
    List<String> ids;

    @Override
    public Integer call() throws IOException {
      IdHasher idHasher = IdHashers.byName(hasher);
      int seedValue = parseSeed(seed);
      PrintStream out = streams().out();
      forEachId(ids, id -> out.println(new JsonWriter(false).beginObject().field("id", id)
          .field("hasher", idHasher.name()).name("seed").value(Integer.toUnsignedLong(seedValue))
          .name("hash").value(Long.toUnsignedString(idHasher.hash(id, seedValue))).endObject()));
      return 0;
    }
  }

  /** The options that set up a bucketer for one flag, shared by {@code bucket} and {@code explain}. */
  static final class FlagOptions {
    @Option(names = "--flag", required = true, description = "the flag key")
    String flag;

    @Option(names = "--hasher", defaultValue = "bucketproof:murmur3_x86_32", description = "default ${DEFAULT-VALUE}")
    String hasher;

    @Option(names = "--buckets", defaultValue = "100", description = "bucket count (default ${DEFAULT-VALUE})")
    int buckets;

    @Option(names = "--unsalted", description = "hash the user id alone instead of flag:user")
    boolean unsalted;

    @Option(names = "--seed", defaultValue = "0", description = "32-bit seed (default 0)")
    String seed;

    /** Returns a builder with the hasher, bucket count, seed and salting of these options. */
    Bucketer.Builder builder() {
      Bucketer.Builder builder = Bucketer.builder().hasher(IdHashers.byName(hasher)).bucketCount(buckets)
          .seed(parseSeed(seed));
      if (unsalted) {
        builder.unsalted();
      }
      return builder;
    }
  }

  @Command(name = "bucket", description = "Which bucket is each user in? One JSON object per line.")
  static final class BucketCommand implements Callable<Integer> {
    @Mixin
    FlagOptions options;

    @Option(names = "--rollout", description = "rollout percentage, up to two decimals; sets \"enabled\"")
    Double rollout;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "user ids; without any, one id per line of stdin")
    List<String> ids;

    @Override
    public Integer call() throws IOException {
      int seedValue = parseSeed(options.seed);
      // This command assigns no variants; keep the variant seed apart from any rollout seed given.
      int variantSeed = seedValue == Bucketer.DEFAULT_VARIANT_SEED ? ~seedValue : Bucketer.DEFAULT_VARIANT_SEED;
      Bucketer bucketer = options.builder().variantSeed(variantSeed).build();
      String flag = options.flag;
      int buckets = options.buckets;
      FlagBuckets flagBuckets = bucketer.forFlag(flag);
      int threshold = rollout == null ? -1 : Rollout.ofPercent(flag, rollout).threshold(buckets);
      PrintStream out = streams().out();
      forEachId(ids, id -> {
        long hash = flagBuckets.hash(id);
        int bucket = Bucketer.bucketOf(hash, buckets);
        JsonWriter json = new JsonWriter(false).beginObject().field("id", id).field("hasher", bucketer.hasher().name())
            .field("key", bucketer.hashedKey(flag, id)).name("hash").value(Long.toUnsignedString(hash))
            .field("bucket", bucket).name("enabled");
        if (threshold < 0) {
          json.nullValue();
        } else {
          json.value(bucket < threshold);
        }
        out.println(json.endObject());
      });
      return 0;
    }
  }

  @Command(name = "explain", description = "Why is this user in or out? Every step of the decision, per id.")
  static final class Explain implements Callable<Integer> {
    @Mixin
    FlagOptions options;

    @Option(names = "--rollout", required = true, description = "rollout percentage, up to two decimals")
    double rollout;

    @Option(names = "--variants", split = ",", paramLabel = "NAME:WEIGHT",
        description = "variants of the flag, e.g. control:50,treatment:50")
    List<String> variants;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "user ids; without any, one id per line of stdin")
    List<String> ids;

    @Override
    public Integer call() throws IOException {
      Bucketer bucketer = options.builder().build();
      String flag = options.flag;
      Rollout decision = Rollout.ofPercent(flag, rollout);
      VariantSplit split = variants == null || variants.isEmpty() ? null : new VariantSplit(flag, parseVariants(variants));
      PrintStream out = streams().out();
      forEachId(ids, id -> {
        out.println("user       " + id);
        out.print(bucketer.explain(decision, split, id).describe());
        out.println();
      });
      return 0;
    }

    private static List<Variant> parseVariants(List<String> specs) {
      List<Variant> parsed = new ArrayList<>();
      for (String spec : specs) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException("--variants must be NAME:WEIGHT: " + spec);
        }
        try {
          parsed.add(new Variant(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1))));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("variant weight must be an integer: " + spec);
        }
      }
      return parsed;
    }
  }

  @Command(name = "srm", description = "Is this split a sample ratio mismatch? Exit 0 when not, 1 when it is.")
  static final class Srm implements Callable<Integer> {
    @Option(names = "--observed", required = true, split = ",", description = "users per variant, e.g. 5012,4988")
    List<Long> observed;

    @Option(names = "--weights", required = true, split = ",", description = "configured weights, e.g. 50,50")
    List<Double> weights;

    @Option(names = "--threshold", defaultValue = "0.0005", description = "p-value below which it is a mismatch (default ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() {
      long[] counts = observed.stream().mapToLong(Long::longValue).toArray();
      double[] weightValues = weights.stream().mapToDouble(Double::doubleValue).toArray();
      Statistics.SampleRatioMismatch srm = Statistics.sampleRatioMismatch(counts, weightValues, threshold);
      PrintStream out = streams().out();
      if (json) {
        JsonWriter writer = new JsonWriter(false).beginObject().name("observed").beginArray();
        for (long count : srm.observed()) {
          writer.value(count);
        }
        writer.endArray().name("expected").beginArray();
        for (double expected : srm.expected()) {
          writer.value(expected);
        }
        out.println(writer.endArray().field("chiSquare", srm.statistic()).field("degreesOfFreedom", srm.degreesOfFreedom())
            .field("pValue", srm.pValue()).field("threshold", threshold).field("mismatch", srm.mismatch()).endObject());
      } else {
        long total = 0;
        for (long count : counts) {
          total += count;
        }
        out.println("variant  observed    expected  observed share  expected share");
        double weightSum = 0;
        for (double weight : weightValues) {
          weightSum += weight;
        }
        for (int i = 0; i < counts.length; i++) {
          out.println(String.format(Locale.ROOT, "%-7d  %,8d  %,10.1f  %13.3f%%  %13.3f%%", i + 1, counts[i],
              srm.expected()[i], 100.0 * counts[i] / total, 100 * weightValues[i] / weightSum));
        }
        out.println(String.format(Locale.ROOT, "chi-square %.4f, df %d, p-value %s", srm.statistic(),
            srm.degreesOfFreedom(), Text.probability(srm.pValue())));
        out.println(srm.mismatch()
            ? "verdict: SAMPLE RATIO MISMATCH (p < " + Text.plain(threshold) + "): do not trust this experiment's results"
            : "verdict: no sample ratio mismatch (p >= " + Text.plain(threshold) + ")");
      }
      return srm.mismatch() ? 1 : 0;
    }
  }

  /** Splits comma-separated option values and trims them. */
  static List<String> split(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String value : values) {
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            out.add(part.trim());
          }
        }
      }
    }
    return out;
  }

  static Path path(String text) {
    return Path.of(text);
  }
}
