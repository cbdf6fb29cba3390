package dev.bucketproof.bucketing;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code guava:murmur3_x64_128}: Guava's {@code Hashing.murmur3_128(seed)} over canonical UTF-8,
 * the low 64 bits (h1, {@code HashCode.asLong()}).
 *
 * <p>The family's seed is the C reference's {@code uint32_t}: both state words start at {@code
 * Integer.toUnsignedLong(seed)}. Guava's {@code murmur3_128(int)} sign-extends instead, so for a
 * negative seed no int Guava accepts starts from that state (the high 32 bits would be all ones),
 * and Guava's public API offers no other way into its state. A negative seed therefore goes through
 * {@link UnsignedSeed}, which still lets Guava hash every byte of the id, with Guava's public API
 * only: it prepends one 16-byte block that moves Guava's seed-0 state to the unsigned seed, and
 * then corrects the one place where that block shows, the length that the finalization mixes in.
 * For seeds 0 and above Guava's own result is returned unchanged. Either way the result agrees with
 * the reference and with {@code openhft:murmur3_x64_128} for every seed (IdHashersTest, every
 * length 0..1023, seeds 0x80000000 and 0xFFFFFFFF among them).
 */
final class GuavaMurmur3_128Hasher implements IdHasher {
  static final GuavaMurmur3_128Hasher INSTANCE = new GuavaMurmur3_128Hasher();
  private static final HashFunction SEED_ZERO = Hashing.murmur3_128(0);

  private GuavaMurmur3_128Hasher() {}

  @Override
  public String name() {
    return HasherType.GUAVA_MURMUR3_X64_128.hasherName();
  }

  @Override
  public HashFamily family() {
    return HashFamily.MURMUR3_X64_128;
  }

  @Override
  public long hash(CharSequence id, int seed) {
    return hashBytes(IdEncoding.utf8(id), seed);
  }

  @Override
  public long hashUtf8(byte[] utf8, int offset, int length, int seed) {
    Objects.requireNonNull(utf8, "utf8");
    Objects.checkFromIndexSize(offset, length, utf8.length);
    if (!WhatwgUtf8.isValid(utf8, offset, length)) {
      return IdHasher.super.hashUtf8(utf8, offset, length, seed);
    }
    // Well-formed UTF-8 is the canonical encoding: hash it as it is.
    boolean whole = offset == 0 && length == utf8.length;
    return hashBytes(whole ? utf8 : Arrays.copyOfRange(utf8, offset, offset + length), seed);
  }

  private static long hashBytes(byte[] bytes, int seed) {
    if (seed == 0) {
      return SEED_ZERO.hashBytes(bytes).asLong();
    }
    if (seed > 0) {
      return Hashing.murmur3_128(seed).hashBytes(bytes).asLong();
    }
    return UnsignedSeed.hash(bytes, seed);
  }

  @Override
  public String toString() {
    return name();
  }

  /**
   * MurmurHash3_x64_128 (SMHasher {@code MurmurHash3.cpp}) of {@code bytes} from the state {@code
   * h1 = h2 = Integer.toUnsignedLong(seed)}, computed by Guava's {@code murmur3_128(0)} through its
   * public API, for the negative seeds that Guava would sign-extend.
   *
   * <ol>
   *   <li>One body block moves the state {@code (h1, h2)}; for a fixed start it is a bijection of
   *       the block's two words {@code (k1, k2)}, so {@link #steeringBlock} solves for the 16 bytes
   *       that move Guava's seed-0 state {@code (0, 0)} to {@code (u, u)}, {@code u} the unsigned
   *       seed.
   *   <li>Guava hashes that block followed by the id: every block and tail byte of the id is mixed
   *       by Guava from the reference's start state.
   *   <li>Guava's finalization mixes in the byte count, here 16 too many. The finalization is a
   *       bijection of the 128-bit state, and {@code HashCode.asBytes()} returns all 128 bits, so
   *       {@link #refinalize} undoes it for {@code length + 16} and redoes it for {@code length}.
   * </ol>
   *
   * <p>Costs one extra block, the 16-byte {@code asBytes()} copy and four finalization mixes per
   * call.
   */
  static final class UnsignedSeed {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final long FMIX1 = 0xff51afd7ed558ccdL;
    private static final long FMIX2 = 0xc4ceb9fe1a85ec53L;
    private static final long C1_INVERSE = inverse(C1);
    private static final long C2_INVERSE = inverse(C2);
    private static final long FMIX1_INVERSE = inverse(FMIX1);
    private static final long FMIX2_INVERSE = inverse(FMIX2);
    private static final long FIVE_INVERSE = inverse(5);

    private UnsignedSeed() {}

    static long hash(byte[] bytes, int seed) {
      byte[] steered =
          SEED_ZERO
              .newHasher(bytes.length + 16)
              .putBytes(steeringBlock(Integer.toUnsignedLong(seed)))
              .putBytes(bytes)
              .hash()
              .asBytes();
      ByteBuffer words = ByteBuffer.wrap(steered).order(ByteOrder.LITTLE_ENDIAN);
      // Guava counts the bytes in an int and mixes that int in sign-extended, as Murmur3.x64_128
      // does.
      return refinalize(words.getLong(0), words.getLong(8), bytes.length + 16, bytes.length);
    }

    /**
     * Returns the 16-byte block (k1, k2 little-endian) whose body step takes (0, 0) to (start,
     * start).
     */
    static byte[] steeringBlock(long start) {
      // Body step from (h1, h2) = (0, 0):
      //   h1' = rotl(mixK1(k1), 27) * 5 + 0x52dce729
      //   h2' = (rotl(mixK2(k2), 31) + h1') * 5 + 0x38495ab5
      long k1 = unmixK1(Long.rotateRight((start - 0x52dce729) * FIVE_INVERSE, 27));
      long k2 = unmixK2(Long.rotateRight((start - 0x38495ab5) * FIVE_INVERSE - start, 31));
      return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(k1).putLong(k2).array();
    }

    /**
     * Returns h1 of the finalization with {@code length}, given the output {@code (h1, h2)} of the
     * finalization with {@code hashedLength} of the same state.
     */
    static long refinalize(long h1, long h2, long hashedLength, long length) {
      // Finalization: s ^= len; x1 = s1 + s2; x2 = s2 + x1; a = fmix64(x1); b = fmix64(x2); h1 = a
      // + b; h2 = b + h1.
      long b = h2 - h1;
      long a = h1 - b;
      long x1 = unfmix64(a);
      long x2 = unfmix64(b);
      long s2 = (x2 - x1) ^ hashedLength;
      long s1 = (x1 - (x2 - x1)) ^ hashedLength;
      s1 ^= length;
      s2 ^= length;
      s1 += s2;
      s2 += s1;
      s1 = fmix64(s1);
      s2 = fmix64(s2);
      return s1 + s2;
    }

    /** Inverse of the key mix of k1: {@code mixK1(k) = rotl(k * C1, 31) * C2}. */
    static long unmixK1(long mixed) {
      return Long.rotateRight(mixed * C2_INVERSE, 31) * C1_INVERSE;
    }

    /** Inverse of the key mix of k2: {@code mixK2(k) = rotl(k * C2, 33) * C1}. */
    static long unmixK2(long mixed) {
      return Long.rotateRight(mixed * C1_INVERSE, 33) * C2_INVERSE;
    }

    static long fmix64(long k) {
      k ^= k >>> 33;
      k *= FMIX1;
      k ^= k >>> 33;
      k *= FMIX2;
      return k ^ (k >>> 33);
    }

    /**
     * Inverse of fmix64: a shift of 33 or more is its own inverse, and each odd factor has an
     * inverse mod 2^64.
     */
    static long unfmix64(long k) {
      k ^= k >>> 33;
      k *= FMIX2_INVERSE;
      k ^= k >>> 33;
      k *= FMIX1_INVERSE;
      return k ^ (k >>> 33);
    }

    /**
     * Returns the inverse of an odd {@code value} modulo 2^64, by Newton's iteration (3, 6, ..., 96
     * bits).
     */
    static long inverse(long value) {
      long inverse = value;
      for (int i = 0; i < 5; i++) {
        inverse *= 2 - value * inverse;
      }
      return inverse;
    }
  }
}
