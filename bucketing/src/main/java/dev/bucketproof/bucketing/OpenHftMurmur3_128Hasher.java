package dev.bucketproof.bucketing;

import java.util.Objects;
import net.openhft.hashing.LongHashFunction;

/**
 * {@code openhft:murmur3_x64_128}: zero-allocation-hashing's {@code
 * LongHashFunction.murmur_3(Integer.toUnsignedLong(seed))} over canonical UTF-8, the low 64 bits
 * (h1). The seed is zero-extended as in the C reference; the library itself would sign-extend a
 * negative {@code long}.
 *
 * <p>The library hashes {@code CharSequence}s as UTF-16 code units, not UTF-8, so this hasher
 * encodes the id into a {@code byte[]} first: one allocation per call.
 */
final class OpenHftMurmur3_128Hasher implements IdHasher {
  static final OpenHftMurmur3_128Hasher INSTANCE = new OpenHftMurmur3_128Hasher();
  private static final LongHashFunction SEED_ZERO = LongHashFunction.murmur_3(0L);

  private OpenHftMurmur3_128Hasher() {}

  @Override
  public String name() {
    return HasherType.OPENHFT_MURMUR3_X64_128.hasherName();
  }

  @Override
  public HashFamily family() {
    return HashFamily.MURMUR3_X64_128;
  }

  @Override
  public long hash(CharSequence id, int seed) {
    return function(seed).hashBytes(IdEncoding.utf8(id));
  }

  @Override
  public long hashUtf8(byte[] utf8, int offset, int length, int seed) {
    Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(utf8, "utf8").length);
    return WhatwgUtf8.isValid(utf8, offset, length)
        ? function(seed).hashBytes(utf8, offset, length)
        : function(seed).hashBytes(WhatwgUtf8.repaired(utf8, offset, length));
  }

  @Override
  public Prefixed prefixed(CharSequence prefix, int seed) {
    LongHashFunction function = function(seed);
    String fixed = prefix.toString();
    return new JoinedKeyPrefix(
        this,
        fixed,
        seed,
        suffix -> function.hashBytes(IdEncoding.utf8(fixed.concat(suffix.toString()))));
  }

  /** The function of the last non-zero seed asked for: building one per call was garbage. */
  private volatile Seeded last = new Seeded(0, SEED_ZERO);

  private record Seeded(int seed, LongHashFunction function) {}

  private LongHashFunction function(int seed) {
    if (seed == 0) {
      return SEED_ZERO;
    }
    Seeded seeded = last;
    if (seeded.seed() != seed) {
      seeded = new Seeded(seed, LongHashFunction.murmur_3(Integer.toUnsignedLong(seed)));
      last = seeded;
    }
    return seeded.function();
  }

  @Override
  public String toString() {
    return name();
  }
}
