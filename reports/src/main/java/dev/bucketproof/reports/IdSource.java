package dev.bucketproof.reports;

import java.io.IOException;

/**
 * A population of user ids that the audit streams in chunks: a seeded {@link Population} or an
 * {@link IdFile}. The ids of a chunk are numbered from {@link Chunk#start()}, so results can be merged in
 * a fixed order whatever the number of threads.
 */
public interface IdSource {

  /** Returns the short name the report uses, such as {@code uuid-1m} or {@code ids.txt}. */
  String name();

  /** Returns a one-line description: shape, size and seed, or the file. */
  String description();

  /**
   * Passes the ids to {@code consumer} in chunks of at most {@code chunkSize}, in order. A generated
   * population creates the ids of a chunk only when the chunk is read, so that workers generate them in
   * parallel.
   *
   * @throws IOException if reading the ids fails
   */
  void forEachChunk(int chunkSize, ChunkConsumer consumer) throws IOException;

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
