package dev.bucketproof.bucketing;

import java.util.Objects;

/**
 * {@code bucketproof:murmur3_x86_32_js}: MurmurHash3_x86_32 over the low byte of each UTF-16 code unit,
 * bit-identical to {@code murmur3(key, seed)} of the npm package {@code murmurhash-js} and
 * {@code x86.hash32(key, seed)} of {@code murmurhash3js} (and so to Unleash's Node SDK). It reads the
 * chars directly: no {@code byte[]}, no allocation per call.
 *
 * <p>On ASCII ids it agrees with {@code murmur3_x86_32}; on others it does not, and distinct ids that
 * differ only in the high bytes of their chars ({@code "\u0100"} and {@code "\u0000"}) collide.
 */
final class BrowserMurmur3_32Hasher implements IdHasher {
  static final BrowserMurmur3_32Hasher INSTANCE = new BrowserMurmur3_32Hasher();

  private BrowserMurmur3_32Hasher() {}

  @Override
  public String name() {
    return "bucketproof:murmur3_x86_32_js";
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
  public Prefixed prefixed(CharSequence prefix, int seed) {
    Murmur3_32Prefix state = Murmur3_32Prefix.of(IdEncoding.utf16LowBytes(prefix), seed);
    return suffix -> {
      Objects.requireNonNull(suffix, "suffix");
      return Integer.toUnsignedLong(
          hash(state.h1(), state.pending(), state.pendingCount(), state.byteCount(), suffix));
    };
  }

  /** Continues MurmurHash3_x86_32 from a prefix state over one byte per char of {@code id}. */
  static int hash(int h1, long pending, int pendingCount, int byteCount, CharSequence id) {
    int length = id.length();
    int shift = pendingCount << 3;
    int i = 0;
    // Every char is one byte, so the number of pending bytes is the same after each full block.
    for (; i <= length - 4; i += 4) {
      int block = (id.charAt(i) & 0xff)
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
