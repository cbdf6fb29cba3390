package dev.bucketproof.reports.ids;

import java.io.IOException;
import java.util.Optional;

/**
 * A population of user ids that the audit streams in chunks: a seeded {@link Population} or an
 * {@link IdFile}. The ids of a chunk are numbered from {@link Chunk#start()}, so results can be
 * merged in a fixed order whatever the number of threads.
 */
public interface IdSource {

  /** Returns the short name the report uses, such as {@code uuid-1m} or {@code ids.txt}. */
  String name();

  /** Returns a one-line description: shape, size and seed, or the file. */
  String description();

  /**
   * Returns how many ids a read will pass, or -1 when that is known only after reading (a file).
   */
  long expectedSize();

  /**
   * Passes the ids to {@code consumer} in chunks of at most {@code chunkSize}, in order, and
   * returns how the input's lines were used (empty for a generated population, which has no lines).
   * A generated population creates the ids of a chunk only when the chunk is read, so that workers
   * generate them in parallel.
   *
   * @throws IOException if reading the ids fails
   */
  Optional<LineReport> forEachChunk(int chunkSize, ChunkConsumer consumer) throws IOException;

  /** Receives the chunks of a source. */
  @FunctionalInterface
  interface ChunkConsumer {
    /** Takes one chunk; may block to limit the chunks in flight. */
    void accept(Chunk chunk) throws IOException;
  }

  /** A run of consecutive ids. */
  interface Chunk {
    /** Returns the index of the first id in the population. */
    long start();

    /** Returns the number of ids. */
    int size();

    /** Returns id {@code start() + offset}. */
    String id(int offset);
  }
}
