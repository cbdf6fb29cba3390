package dev.bucketproof.bucketing;

import java.util.Objects;

/**
 * {@code bucketproof:murmur3_x86_32}: MurmurHash3_x86_32 (SMHasher {@code MurmurHash3_x86_32}) over
 * the canonical UTF-8 of the id, encoded on the fly from its chars: no {@code byte[]}, no copy of
 * the id, no allocation per call.
 *
 * <p>Runs of 4 ASCII chars form a block directly, which is the whole id for UUIDs, numbers and most
 * emails. Other chars are encoded one code point at a time into a 64-bit little-endian accumulator
 * that holds at most 7 bytes; each time it holds 4, they are mixed as one block.
 */
final class BucketproofMurmur3_32Hasher implements IdHasher {
  static final BucketproofMurmur3_32Hasher INSTANCE = new BucketproofMurmur3_32Hasher();

  private BucketproofMurmur3_32Hasher() {}

  @Override
  public String name() {
    return HasherType.BUCKETPROOF_MURMUR3_X86_32.hasherName();
  }

  @Override
  public HashFamily family() {
    return HashFamily.MURMUR3_X86_32;
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
    Objects.requireNonNull(prefix, "prefix");
    int length = prefix.length();
    if (length > 0 && Character.isHighSurrogate(prefix.charAt(length - 1))) {
      // The suffix may start with the low half of the pair: encode the whole key each time.
      return IdHasher.super.prefixed(prefix, seed);
    }
    Murmur3_32Prefix state = Murmur3_32Prefix.of(IdEncoding.utf8(prefix), seed);
    // One class per number of pending bytes, each with that number as a constant: once inlined, the
    // shift that aligns the suffix's blocks is a constant too.
    return switch (state.pendingCount()) {
      case 0 -> new Pending0(state);
      case 1 -> new Pending1(state);
      case 2 -> new Pending2(state);
      default -> new Pending3(state);
    };
  }

  /**
   * Continues MurmurHash3_x86_32 from a prefix state over the id whose UTF-8 bytes are {@code
   * id[offset, offset + length)}: the raw bytes when they are well-formed UTF-8 (all ASCII is known
   * from the hash loop itself; otherwise one validity pass), else the WHATWG decoding re-encoded.
   */
  static long hashUtf8(
      int h1, long pending, int pendingCount, int byteCount, byte[] id, int offset, int length) {
    long result = Murmur3.continueBytes(h1, pending, pendingCount, byteCount, id, offset, length);
    if (result < Murmur3.NON_ASCII || WhatwgUtf8.isValid(id, offset, length)) {
      return result & 0xffffffffL;
    }
    return Integer.toUnsignedLong(
        hashDecoded(h1, pending, pendingCount, byteCount, id, offset, length));
  }

  /**
   * Hashes the canonical UTF-8 of the WHATWG decoding of invalid bytes, one code point at a time.
   */
  private static int hashDecoded(
      int h1, long pending, int pendingCount, int byteCount, byte[] id, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; ) {
      long step = WhatwgUtf8.next(id, i, end);
      i += WhatwgUtf8.consumed(step);
      int codePoint = WhatwgUtf8.codePoint(step);
      int count = WhatwgUtf8.encodedLength(codePoint);
      pending |= Integer.toUnsignedLong(WhatwgUtf8.encoded(codePoint)) << (pendingCount << 3);
      pendingCount += count;
      byteCount += count;
      if (pendingCount >= 4) {
        h1 = Murmur3.mixBlock32(h1, (int) pending);
        pending >>>= 32;
        pendingCount -= 4;
      }
    }
    return finish(h1, pending, pendingCount, byteCount);
  }

  /**
   * The hash state after a prefix, for both kinds of suffix; subclasses fix the pending byte count.
   */
  private abstract static class PrefixState implements Prefixed {
    final int h1;
    final long pending;
    final int byteCount;

    PrefixState(Murmur3_32Prefix state) {
      this.h1 = state.h1();
      this.pending = state.pending();
      this.byteCount = state.byteCount();
    }

    static byte[] checkRange(byte[] utf8, int offset, int length) {
      Objects.requireNonNull(utf8, "utf8");
      Objects.checkFromIndexSize(offset, length, utf8.length);
      return utf8;
    }
  }

  private static final class Pending0 extends PrefixState {
    Pending0(Murmur3_32Prefix state) {
      super(state);
    }

    @Override
    public long hash(CharSequence suffix) {
      return Integer.toUnsignedLong(
          BucketproofMurmur3_32Hasher.hash(
              h1, pending, 0, byteCount, Objects.requireNonNull(suffix, "suffix")));
    }

    @Override
    public long hashUtf8(byte[] utf8, int offset, int length) {
      return BucketproofMurmur3_32Hasher.hashUtf8(
          h1, pending, 0, byteCount, checkRange(utf8, offset, length), offset, length);
    }
  }

  private static final class Pending1 extends PrefixState {
    Pending1(Murmur3_32Prefix state) {
      super(state);
    }

    @Override
    public long hash(CharSequence suffix) {
      return Integer.toUnsignedLong(
          BucketproofMurmur3_32Hasher.hash(
              h1, pending, 1, byteCount, Objects.requireNonNull(suffix, "suffix")));
    }

    @Override
    public long hashUtf8(byte[] utf8, int offset, int length) {
      return BucketproofMurmur3_32Hasher.hashUtf8(
          h1, pending, 1, byteCount, checkRange(utf8, offset, length), offset, length);
    }
  }

  private static final class Pending2 extends PrefixState {
    Pending2(Murmur3_32Prefix state) {
      super(state);
    }

    @Override
    public long hash(CharSequence suffix) {
      return Integer.toUnsignedLong(
          BucketproofMurmur3_32Hasher.hash(
              h1, pending, 2, byteCount, Objects.requireNonNull(suffix, "suffix")));
    }

    @Override
    public long hashUtf8(byte[] utf8, int offset, int length) {
      return BucketproofMurmur3_32Hasher.hashUtf8(
          h1, pending, 2, byteCount, checkRange(utf8, offset, length), offset, length);
    }
  }

  private static final class Pending3 extends PrefixState {
    Pending3(Murmur3_32Prefix state) {
      super(state);
    }

    @Override
    public long hash(CharSequence suffix) {
      return Integer.toUnsignedLong(
          BucketproofMurmur3_32Hasher.hash(
              h1, pending, 3, byteCount, Objects.requireNonNull(suffix, "suffix")));
    }

    @Override
    public long hashUtf8(byte[] utf8, int offset, int length) {
      return BucketproofMurmur3_32Hasher.hashUtf8(
          h1, pending, 3, byteCount, checkRange(utf8, offset, length), offset, length);
    }
  }

  /**
   * Continues MurmurHash3_x86_32 from {@code h1} with {@code pendingCount} (0..3) bytes already in
   * {@code pending} and {@code byteCount} bytes consumed, over the canonical UTF-8 of {@code id}.
   *
   * <p>Kept small so that it inlines into the caller: a counted loop over runs of 4 ASCII chars
   * (each run one block, whatever the number of pending bytes), then {@link #hashFrom} for the
   * rest.
   */
  static int hash(int h1, long pending, int pendingCount, int byteCount, CharSequence id) {
    int length = id.length();
    int shift = pendingCount << 3;
    int i = 0;
    for (; i <= length - 4; i += 4) {
      int c0 = id.charAt(i);
      int c1 = id.charAt(i + 1);
      int c2 = id.charAt(i + 2);
      int c3 = id.charAt(i + 3);
      if ((c0 | c1 | c2 | c3) >= 0x80) {
        break;
      }
      pending |= Integer.toUnsignedLong(c0 | c1 << 8 | c2 << 16 | c3 << 24) << shift;
      h1 = Murmur3.mixBlock32(h1, (int) pending);
      pending >>>= 32;
    }
    if (i < length) {
      return hashFrom(h1, pending, pendingCount, byteCount + i, id, i);
    }
    return finish(h1, pending, pendingCount, byteCount + i);
  }

  /**
   * The general path: encodes the chars of {@code id} from {@code start} one code point at a time.
   */
  private static int hashFrom(
      int h1, long pending, int pendingCount, int byteCount, CharSequence id, int start) {
    int length = id.length();
    for (int i = start; i < length; ) {
      char c = id.charAt(i++);
      int bytes;
      int count;
      if (c < 0x80) {
        bytes = c;
        count = 1;
      } else if (c < 0x800) {
        bytes = (0xc0 | c >>> 6) | (0x80 | (c & 0x3f)) << 8;
        count = 2;
      } else if (Character.isHighSurrogate(c)
          && i < length
          && Character.isLowSurrogate(id.charAt(i))) {
        int codePoint = Character.toCodePoint(c, id.charAt(i++));
        bytes =
            (0xf0 | codePoint >>> 18)
                | (0x80 | (codePoint >>> 12 & 0x3f)) << 8
                | (0x80 | (codePoint >>> 6 & 0x3f)) << 16
                | (0x80 | (codePoint & 0x3f)) << 24;
        count = 4;
      } else {
        int unit = Character.isSurrogate(c) ? 0xfffd : c;
        bytes =
            (0xe0 | unit >>> 12) | (0x80 | (unit >>> 6 & 0x3f)) << 8 | (0x80 | (unit & 0x3f)) << 16;
        count = 3;
      }
      pending |= Integer.toUnsignedLong(bytes) << (pendingCount << 3);
      pendingCount += count;
      byteCount += count;
      if (pendingCount >= 4) {
        h1 = Murmur3.mixBlock32(h1, (int) pending);
        pending >>>= 32;
        pendingCount -= 4;
      }
    }
    return finish(h1, pending, pendingCount, byteCount);
  }

  /** Mixes the 0..3 pending tail bytes and finalizes with the total byte count. */
  private static int finish(int h1, long pending, int pendingCount, int byteCount) {
    if (pendingCount > 0) {
      h1 ^= Murmur3.mixK1((int) pending);
    }
    return Murmur3.fmix32(h1 ^ byteCount);
  }

  @Override
  public String toString() {
    return name();
  }
}
