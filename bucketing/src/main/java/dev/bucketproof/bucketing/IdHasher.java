package dev.bucketproof.bucketing;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Hashes an id ({@code CharSequence}, or its UTF-8 bytes) with a 32-bit seed. Obtain instances from
 * {@link IdHashers}.
 *
 * <p>The hash is returned in a {@code long} and is to be read as unsigned: a 32-bit family returns
 * a value in [0, 2^32), a 64-bit family any 64 bits. {@code Bucketer} maps it to a bucket with an
 * unsigned remainder.
 *
 * <p>Implementations are immutable and safe for concurrent use.
 */
public interface IdHasher {

  /**
   * Returns the stable name {@code implementation:family}, such as {@code
   * bucketproof:murmur3_x86_32}.
   */
  String name();

  /**
   * Returns the family: algorithm plus byte encoding. Hashers of one family agree on every input.
   */
  HashFamily family();

  /**
   * Returns the hash of {@code id} with {@code seed}, read as unsigned.
   *
   * @throws NullPointerException if {@code id} is null
   */
  long hash(CharSequence id, int seed);

  /**
   * Returns the hash of the id whose UTF-8 bytes are {@code utf8[offset, offset + length)}, read as
   * unsigned: the same value as {@link #hash(CharSequence, int)} of the string those bytes decode
   * to.
   *
   * <p>Well-formed UTF-8 is the id's canonical encoding, so a UTF-8 family hashes it as it is.
   * Invalid bytes are decoded as the WHATWG Encoding Standard (and {@code new String(bytes,
   * UTF_8)}, and a browser's {@code TextDecoder}) decodes them, each maximal invalid subpart
   * becoming U+FFFD, and that string is hashed: {@code C3 28} hashes as {@code "\uFFFD("}, whose
   * canonical UTF-8 is {@code EF BF BD 28}. The browser family hashes the low byte of each UTF-16
   * unit of the decoded string.
   *
   * <p>The default decodes into a {@code String}. The {@code bucketproof:} hashers allocate
   * nothing: on well-formed UTF-8 they hash the bytes where they lie (about the cost of {@link
   * Murmur3#x86_32} over the same bytes: {@code hashUtf8} against {@code floor} in benchmarks.jar
   * {@code Utf8Benchmark}).
   *
   * @throws NullPointerException if {@code utf8} is null
   * @throws IndexOutOfBoundsException if the range is outside {@code utf8}
   */
  default long hashUtf8(byte[] utf8, int offset, int length, int seed) {
    Objects.requireNonNull(utf8, "utf8");
    Objects.checkFromIndexSize(offset, length, utf8.length);
    return hash(WhatwgUtf8.decode(utf8, offset, length), seed);
  }

  /**
   * Returns the hash of the id whose UTF-8 bytes are the {@code remaining()} bytes of {@code utf8},
   * as {@link #hashUtf8(byte[], int, int, int)} does; the buffer's position and limit are not
   * changed. A buffer without an accessible array (direct or read-only) is copied first: one
   * allocation.
   *
   * @throws NullPointerException if {@code utf8} is null
   */
  default long hashUtf8(ByteBuffer utf8, int seed) {
    Objects.requireNonNull(utf8, "utf8");
    if (utf8.hasArray()) {
      return hashUtf8(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining(), seed);
    }
    byte[] copy = Prefixed.copyRemaining(utf8);
    return hashUtf8(copy, 0, copy.length, seed);
  }

  /**
   * Returns a function that hashes {@code prefix + suffix} with {@code seed}, for a prefix shared
   * by many calls (a flag key). Implementations may precompute the hash state after the prefix so
   * that each call costs about one hash of the suffix alone. The default concatenates on every call
   * (for UTF-8 bytes: joins the prefix's canonical UTF-8 and the bytes into one array and calls
   * {@link #hashUtf8(byte[], int, int, int)}).
   *
   * @throws NullPointerException if {@code prefix} is null
   */
  default Prefixed prefixed(CharSequence prefix, int seed) {
    String fixed = prefix.toString();
    return new JoinedKeyPrefix(
        this, fixed, seed, suffix -> hash(fixed.concat(suffix.toString()), seed));
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

    /**
     * Returns the hash of the fixed prefix followed by the id whose UTF-8 bytes are {@code
     * utf8[offset, offset + length)}: equal to {@link #hash(CharSequence)} of the string those
     * bytes decode to, invalid bytes decoded as in {@link IdHasher#hashUtf8(byte[], int, int,
     * int)}. The default decodes into a {@code String}.
     *
     * @throws NullPointerException if {@code utf8} is null
     * @throws IndexOutOfBoundsException if the range is outside {@code utf8}
     */
    default long hashUtf8(byte[] utf8, int offset, int length) {
      Objects.requireNonNull(utf8, "utf8");
      Objects.checkFromIndexSize(offset, length, utf8.length);
      return hash(WhatwgUtf8.decode(utf8, offset, length));
    }

    /**
     * Returns the hash of the fixed prefix followed by the id whose UTF-8 bytes are the {@code
     * remaining()} bytes of {@code utf8}; position and limit are not changed. A buffer without an
     * accessible array (direct or read-only) is copied first: one allocation.
     *
     * @throws NullPointerException if {@code utf8} is null
     */
    default long hashUtf8(ByteBuffer utf8) {
      Objects.requireNonNull(utf8, "utf8");
      if (utf8.hasArray()) {
        return hashUtf8(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining());
      }
      byte[] copy = copyRemaining(utf8);
      return hashUtf8(copy, 0, copy.length);
    }

    /**
     * Returns a copy of the remaining bytes of {@code buffer}, leaving its position where it was.
     */
    private static byte[] copyRemaining(ByteBuffer buffer) {
      byte[] copy = new byte[buffer.remaining()];
      buffer.get(buffer.position(), copy);
      return copy;
    }
  }
}
