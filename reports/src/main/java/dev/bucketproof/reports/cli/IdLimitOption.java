package dev.bucketproof.reports.cli;

import dev.bucketproof.reports.ids.IdLineReader;
import picocli.CommandLine.Option;

/**
 * {@code --max-id-bytes}: the longest id (one line) a command reads from a file or standard input.
 * A longer line is an error naming its number, so that {@code --ids /dev/zero} ends at once instead
 * of filling the heap.
 */
final class IdLimitOption {
  @Option(
      names = "--max-id-bytes",
      paramLabel = "N",
      defaultValue = "1048576",
      description =
          "longest id (line) read, in bytes of UTF-8, 1..1073741824 (default ${DEFAULT-VALUE}, 1 MiB);"
              + " a longer line is an error naming it")
  int maxIdBytes;

  /**
   * Returns the limit in bytes.
   *
   * @throws IllegalArgumentException if it is outside [1, 2^30]
   */
  int maxIdBytes() {
    if (maxIdBytes < 1 || maxIdBytes > IdLineReader.LARGEST_MAX_LINE_BYTES) {
      throw new IllegalArgumentException(
          "--max-id-bytes must be within [1, "
              + IdLineReader.LARGEST_MAX_LINE_BYTES
              + "]: "
              + maxIdBytes);
    }
    return maxIdBytes;
  }
}
