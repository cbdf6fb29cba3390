package dev.bucketproof.bucketing;

/**
 * Hashes an id ({@code CharSequence}) with a 32-bit seed. Obtain instances from {@link IdHashers}.
 *
 * <p>The hash is returned in a {@code long} and is to be read as unsigned: a 32-bit family returns a
 * value in [0, 2^32), a 64-bit family any 64 bits. {@code Bucketer} maps it to a bucket with an unsigned
 * remainder.
 *
 * <p>Implementations are immutable and safe for concurrent use.
 */
public interface IdHasher {

  /** Returns the stable name {@code implementation:family}, such as {@code bucketproof:murmur3_x86_32}. */
  String name();

  /** Returns the family: algorithm plus byte encoding. Hashers of one family agree on every input. */
  HashFamily family();

  /**
   * Returns the hash of {@code id} with {@code seed}, read as unsigned.
   *
   * @throws NullPointerException if {@code id} is null
   */
  long hash(CharSequence id, int seed);

  /**
   * Returns a function that hashes {@code prefix + suffix} with {@code seed}, for a prefix shared by many
   * calls (a flag key). Implementations may precompute the hash state after the prefix so that each
   * call costs about one hash of the suffix alone. The default concatenates on every call.
   *
   * @throws NullPointerException if {@code prefix} is null
   */
  default Prefixed prefixed(CharSequence prefix, int seed) {
    String fixed = prefix.toString();
    return suffix -> hash(fixed.concat(suffix.toString()), seed);
  }

  /**
   * Hashes {@code prefix + suffix} for one fixed prefix and seed.
   *
   * <p>Implementations are immutable and safe for concurrent use.
   */
  @FunctionalInterface
  interface Prefixed {
    /**
     * Returns the hash of the fixed prefix followed by {@code suffix}, read as unsigned.
     *
     * @throws NullPointerException if {@code suffix} is null
     */
    long hash(CharSequence suffix);
  }
}
