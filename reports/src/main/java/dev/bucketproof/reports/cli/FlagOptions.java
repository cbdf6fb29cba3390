package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHashers;
import picocli.CommandLine.Option;

/**
 * The options that set up a bucketer for one flag, shared by {@code bucket} and {@code explain}.
 */
final class FlagOptions {
  @Option(names = "--flag", required = true, description = "the flag key")
  String flag;

  @Option(
      names = "--hasher",
      defaultValue = IdHashers.DEFAULT_NAME,
      description = "default ${DEFAULT-VALUE}")
  String hasher;

  @Option(
      names = "--buckets",
      defaultValue = "100",
      description = "bucket count (default ${DEFAULT-VALUE})")
  int buckets;

  @Option(names = "--unsalted", description = "hash the user id alone instead of flag:user")
  boolean unsalted;

  @Option(names = "--seed", defaultValue = "0", description = "32-bit seed (default 0)")
  String seed;

  @Option(
      names = "--flush-every",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "also flush the output after every N ids (default: in 64 KiB blocks, at the end, and whenever"
              + " the input pauses)")
  long flushEvery;

  /** Returns {@code --flush-every}, checked. */
  long flushEvery() {
    if (flushEvery < 0) {
      throw new IllegalArgumentException("--flush-every must be >= 0: " + flushEvery);
    }
    return flushEvery;
  }

  /** Returns a builder with the hasher, bucket count, seed and salting of these options. */
  Bucketer.Builder builder() {
    Bucketer.Builder builder =
        Bucketer.builder()
            .hasher(IdHashers.byName(hasher))
            .bucketCount(buckets)
            .seed(Arguments.parseSeed(seed));
    if (unsalted) {
      builder.unsalted();
    }
    return builder;
  }
}
