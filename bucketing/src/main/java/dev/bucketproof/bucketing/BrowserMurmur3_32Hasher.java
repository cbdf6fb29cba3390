package dev.bucketproof.bucketing;

import java.util.Objects;

/**
 * {@code bucketproof:murmur3_x86_32_js}: MurmurHash3_x86_32 over the low byte of each UTF-16 code
 * unit, bit-identical to {@code murmur3(key, seed)} of the npm package {@code murmurhash-js} and
 * {@code x86.hash32(key, seed)} of {@code murmurhash3js} (and so to Unleash's Node SDK). It reads
 * the chars directly: no {@code byte[]}, no allocation per call.
 *
 * <p>On ASCII ids it agrees with {@code murmur3_x86_32}; on others it does not, and distinct ids
 * that differ only in the high bytes of their chars ({@code "\u0100"} and {@code "\u0000"})
 * collide.
 */
final class BrowserMurmur3_32Hasher implements IdHasher {
  static final BrowserMurmur3_32Hasher INSTANCE = new BrowserMurmur3_32Hasher();

  private BrowserMurmur3_32Hasher() {}

  @Override
  public String name() {
    return HasherType.BUCKETPROOF_MURMUR3_X86_32_JS.hasherName();
  }

  @Override
  public HashFamily family() {
    return HashFamily.MURMUR3_X86_32_JS;
  }

  @Override
  public long hash(CharSequence id, int seed) {
    Objects.requireNonNull(id, "id");
    return Integer.toUnsignedLong(hash(seed, 0L, 0, 0, id));
  }

  @Override
  public long hashUtf8(byte[] utf8, int offset, int length, int seed) {
    Objects.requireNonNull(utf8, "utf8");
    Objects.checkFromIndexSize(offset, length, utf8.length);
    return hashUtf8(seed, 0L, 0, 0, utf8, offset, length);
  }

  @Override
  public Prefixed prefixed(CharSequence prefix, int seed) {
    Murmur3_32Prefix state = Murmur3_32Prefix.of(IdEncoding.utf16LowBytes(prefix), seed);
    return new Prefixed() {
      @Override
      public long hash(CharSequence suffix) {
        Objects.requireNonNull(suffix, "suffix");
        return Integer.toUnsignedLong(
            BrowserMurmur3_32Hasher.hash(
                state.h1(), state.pending(), state.pendingCount(), state.byteCount(), suffix));
      }

      @Override
      public long hashUtf8(byte[] utf8, int offset, int length) {
        Objects.requireNonNull(utf8, "utf8");
        Objects.checkFromIndexSize(offset, length, utf8.length);
        return BrowserMurmur3_32Hasher.hashUtf8(
            state.h1(),
            state.pending(),
            state.pendingCount(),
            state.byteCount(),
            utf8,
            offset,
            length);
      }
    };
  }

  /**
   * Continues MurmurHash3_x86_32 from a prefix state over the UTF-16 units that the UTF-8 bytes
   * {@code id[offset, offset + length)} decode to (WHATWG decoding, invalid subparts as U+FFFD),
   * one low byte per unit, without building the string: all-ASCII bytes are their own low bytes and
   * are hashed in place; otherwise each code point is decoded and its one or two units' low bytes
   * hashed.
   */
  static long hashUtf8(
      int h1, long pending, int pendingCount, int byteCount, byte[] id, int offset, int length) {
    long result = Murmur3.continueBytes(h1, pending, pendingCount, byteCount, id, offset, length);
    if (result < Murmur3.NON_ASCII) {
      return result;
    }
    int end = offset + length;
    for (int i = offset; i < end; ) {
      long step = WhatwgUtf8.next(id, i, end);
      i += WhatwgUtf8.consumed(step);
      int codePoint = WhatwgUtf8.codePoint(step);
      int units;
      int lowBytes;
      if (codePoint < 0x10000) {
        units = 1;
        lowBytes = codePoint & 0xff;
      } else {
        // High surrogate 0xD800 | (codePoint - 0x10000) >>> 10, low surrogate 0xDC00 | codePoint &
        // 0x3FF.
        units = 2;
        lowBytes = ((codePoint - 0x10000) >>> 10 & 0xff) | (codePoint & 0xff) << 8;
      }
      pending |= Integer.toUnsignedLong(lowBytes) << (pendingCount << 3);
      pendingCount += units;
      byteCount += units;
      if (pendingCount >= 4) {
        h1 = Murmur3.mixBlock32(h1, (int) pending);
        pending >>>= 32;
        pendingCount -= 4;
      }
    }
    if (pendingCount > 0) {
      h1 ^= Murmur3.mixK1((int) pending);
    }
    return Integer.toUnsignedLong(Murmur3.fmix32(h1 ^ byteCount));
  }

  /** Continues MurmurHash3_x86_32 from a prefix state over one byte per char of {@code id}. */
  static int hash(int h1, long pending, int pendingCount, int byteCount, CharSequence id) {
    int length = id.length();
    int shift = pendingCount << 3;
    int i = 0;
    // Every char is one byte, so the number of pending bytes is the same after each full block.
    for (; i <= length - 4; i += 4) {
      int block =
          (id.charAt(i) & 0xff)
              | (id.charAt(i + 1) & 0xff) << 8
              | (id.charAt(i + 2) & 0xff) << 16
              | (id.charAt(i + 3) & 0xff) << 24;
      pending |= Integer.toUnsignedLong(block) << shift;
      h1 = Murmur3.mixBlock32(h1, (int) pending);
      pending >>>= 32;
    }
    for (; i < length; i++) {
      pending |= (long) (id.charAt(i) & 0xff) << (pendingCount << 3);
      if (++pendingCount == 4) {
        h1 = Murmur3.mixBlock32(h1, (int) pending);
        pending >>>= 32;
        pendingCount = 0;
      }
    }
    if (pendingCount > 0) {
      h1 ^= Murmur3.mixK1((int) pending);
    }
    return Murmur3.fmix32(h1 ^ (byteCount + length));
  }

  @Override
  public String toString() {
    return name();
  }
}
