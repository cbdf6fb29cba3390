package dev.bucketproof.bucketing;

/**
 * The MurmurHash3_x86_32 state after a fixed prefix of encoded bytes: the running {@code h1}, the
 * 0..3 bytes that do not yet fill a block ({@code pending}, little-endian, {@code pendingCount} of
 * them) and the number of bytes consumed. Lets a flag's {@code "flagKey:"} prefix be hashed once,
 * not per user.
 */
record Murmur3_32Prefix(int h1, long pending, int pendingCount, int byteCount) {

  /** Returns the state after hashing all of {@code prefixBytes} with {@code seed}. */
  static Murmur3_32Prefix of(byte[] prefixBytes, int seed) {
    int h1 = seed;
    int end = prefixBytes.length & ~3;
    for (int i = 0; i < end; i += 4) {
      h1 = Murmur3.mixBlock32(h1, littleEndianInt(prefixBytes, i, 4));
    }
    int pendingCount = prefixBytes.length - end;
    long pending = Integer.toUnsignedLong(littleEndianInt(prefixBytes, end, pendingCount));
    return new Murmur3_32Prefix(h1, pending, pendingCount, prefixBytes.length);
  }

  private static int littleEndianInt(byte[] bytes, int offset, int count) {
    int value = 0;
    for (int i = 0; i < count; i++) {
      value |= (bytes[offset + i] & 0xff) << (8 * i);
    }
    return value;
  }
}
