package dev.bucketproof.bucketing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * MurmurHash3 over bytes that are already encoded: the reference that every id hasher is held to,
 * and the "floor" of the benchmarks (the cost of hashing with no character encoding at all).
 *
 * <p>Both functions follow Austin Appleby's SMHasher {@code MurmurHash3.cpp} ({@code
 * MurmurHash3_x86_32} and {@code MurmurHash3_x64_128}) and read blocks little-endian whatever the
 * platform's byte order, so the output is the same on every machine. Seeds are treated as unsigned
 * 32-bit values, as the C reference does.
 *
 * <p>Known values: the SMHasher verification values 0xB0F57EE3 (x86_32) and 0x6384BA69 (x64_128),
 * and the published vectors kept in the project's test resources, {@code
 * bucketing/src/test/resources/murmur3-reference.tsv} (checked row by row by ReferenceVectorsTest).
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class Murmur3 {
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static final int C1_32 = 0xcc9e2d51;
  static final int C2_32 = 0x1b873593;
  private static final long C1_128 = 0x87c37b91114253d5L;
  private static final long C2_128 = 0x4cf5ad432745937fL;

  private Murmur3() {}

  /**
   * Returns MurmurHash3_x86_32 of all of {@code data} with the given seed.
   *
   * @throws NullPointerException if {@code data} is null
   */
  public static int x86_32(byte[] data, int seed) {
    return x86_32(data, 0, data.length, seed);
  }

  /**
   * Returns MurmurHash3_x86_32 of {@code data[offset, offset + length)} with the given seed.
   *
   * @throws NullPointerException if {@code data} is null
   * @throws IndexOutOfBoundsException if the range is outside {@code data}
   */
  public static int x86_32(byte[] data, int offset, int length, int seed) {
    Objects.checkFromIndexSize(offset, length, data.length);
    int h1 = seed;
    int end = offset + (length & ~3);
    for (int i = offset; i < end; i += 4) {
      h1 = mixBlock32(h1, (int) INT_LE.get(data, i));
    }
    int tail = 0;
    // the reference's tail, read from its last byte down (a switch that falls through)
    int tailLength = length & 3;
    if (tailLength >= 3) {
      tail ^= (data[end + 2] & 0xff) << 16;
    }
    if (tailLength >= 2) {
      tail ^= (data[end + 1] & 0xff) << 8;
    }
    if (tailLength >= 1) {
      tail ^= data[end] & 0xff;
      h1 ^= mixK1(tail);
    }
    return fmix32(h1 ^ length);
  }

  /**
   * Returns MurmurHash3_x64_128 of all of {@code data} as {@code {h1, h2}}, with the seed taken as
   * the unsigned 32-bit value the C reference accepts.
   *
   * @throws NullPointerException if {@code data} is null
   */
  public static long[] x64_128(byte[] data, int seed) {
    return x64_128(data, 0, data.length, seed);
  }

  /**
   * Returns MurmurHash3_x64_128 of {@code data[offset, offset + length)} as {@code {h1, h2}}.
   *
   * <p>The seed is zero-extended ({@code Integer.toUnsignedLong(seed)}), as in the C reference
   * whose seed is a {@code uint32_t}; Guava's {@code murmur3_128(int)} and
   * zero-allocation-hashing's {@code murmur_3(long)} sign-extend a negative int instead.
   *
   * @throws NullPointerException if {@code data} is null
   * @throws IndexOutOfBoundsException if the range is outside {@code data}
   */
  public static long[] x64_128(byte[] data, int offset, int length, int seed) {
    Objects.checkFromIndexSize(offset, length, data.length);
    long h1 = Integer.toUnsignedLong(seed);
    long h2 = h1;
    int end = offset + (length & ~15);
    for (int i = offset; i < end; i += 16) {
      long k1 = (long) LONG_LE.get(data, i);
      long k2 = (long) LONG_LE.get(data, i + 8);
      h1 ^= mixK1_128(k1);
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2_128(k2);
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    long k1 = 0;
    long k2 = 0;
    int rest = length & 15;
    for (int j = rest - 1; j >= 8; j--) {
      k2 ^= (data[end + j] & 0xffL) << ((j - 8) * 8);
    }
    if (rest > 8) {
      h2 ^= mixK2_128(k2);
    }
    for (int j = Math.min(rest, 8) - 1; j >= 0; j--) {
      k1 ^= (data[end + j] & 0xffL) << (j * 8);
    }
    if (rest > 0) {
      h1 ^= mixK1_128(k1);
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
    return new long[] {h1, h2};
  }

  /** Bit 32 of a {@link #continueBytes} result: some byte of the input was 0x80 or above. */
  static final long NON_ASCII = 1L << 32;

  /**
   * Continues MurmurHash3_x86_32 from {@code h1}, with {@code pendingCount} (0..3) bytes already in
   * {@code pending} (little-endian) and {@code byteCount} bytes consumed, over the raw bytes {@code
   * data[offset, offset + length)}. Returns the unsigned 32-bit hash, plus {@link #NON_ASCII} when
   * any byte was 0x80 or above (then the caller decides whether the raw bytes were the right ones
   * to hash).
   *
   * <p>Each 4-byte block is one little-endian load, shifted past the pending bytes; the ASCII test
   * is one OR per block. Callers pass {@code pendingCount} as a constant, so once inlined the shift
   * is one too.
   */
  static long continueBytes(
      int h1, long pending, int pendingCount, int byteCount, byte[] data, int offset, int length) {
    int shift = pendingCount << 3;
    int highBits = 0;
    int blocksEnd = offset + (length & ~3);
    int i = offset;
    for (; i < blocksEnd; i += 4) {
      int block = (int) INT_LE.get(data, i);
      highBits |= block;
      pending |= Integer.toUnsignedLong(block) << shift;
      h1 = mixBlock32(h1, (int) pending);
      pending >>>= 32;
    }
    int tail = 0;
    // the reference's tail, read from its last byte down (a switch that falls through)
    int tailLength = length & 3;
    if (tailLength >= 3) {
      tail = (data[i + 2] & 0xff) << 16;
    }
    if (tailLength >= 2) {
      tail |= (data[i + 1] & 0xff) << 8;
    }
    if (tailLength >= 1) {
      tail |= data[i] & 0xff;
      // A byte 0x80 or above sets bit 7 of its position in the tail.
      highBits |= tail;
    }
    int count = pendingCount + (length & 3);
    pending |= Integer.toUnsignedLong(tail) << shift;
    if (count >= 4) {
      h1 = mixBlock32(h1, (int) pending);
      pending >>>= 32;
      count -= 4;
    }
    if (count > 0) {
      h1 ^= mixK1((int) pending);
    }
    long hash = Integer.toUnsignedLong(fmix32(h1 ^ (byteCount + length)));
    return (highBits & 0x80808080) == 0 ? hash : hash | NON_ASCII;
  }

  /**
   * One body step of MurmurHash3_x86_32: mixes the 4-byte little-endian block {@code k1} into
   * {@code h1}.
   */
  static int mixBlock32(int h1, int k1) {
    h1 ^= mixK1(k1);
    h1 = Integer.rotateLeft(h1, 13);
    return h1 * 5 + 0xe6546b64;
  }

  /** The key mix of MurmurHash3_x86_32, used for full blocks and for the 1..3 byte tail. */
  static int mixK1(int k1) {
    k1 *= C1_32;
    k1 = Integer.rotateLeft(k1, 15);
    return k1 * C2_32;
  }

  /** The finalization mix (fmix32) of MurmurHash3_x86_32; callers pass {@code h1 ^ length}. */
  static int fmix32(int h1) {
    h1 ^= h1 >>> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >>> 13;
    h1 *= 0xc2b2ae35;
    return h1 ^ (h1 >>> 16);
  }

  private static long mixK1_128(long k1) {
    k1 *= C1_128;
    k1 = Long.rotateLeft(k1, 31);
    return k1 * C2_128;
  }

  private static long mixK2_128(long k2) {
    k2 *= C2_128;
    k2 = Long.rotateLeft(k2, 33);
    return k2 * C1_128;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    return k ^ (k >>> 33);
  }
}
