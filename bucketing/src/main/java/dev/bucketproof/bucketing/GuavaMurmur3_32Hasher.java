package dev.bucketproof.bucketing;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code guava:murmur3_x86_32}: Guava's {@code Hashing.murmur3_32_fixed(seed)} over canonical
 * UTF-8.
 *
 * <p>Guava's {@code hashString(id, UTF_8)} encodes an unpaired surrogate as {@code ?}, as {@code
 * String.getBytes} does; ids that hold one are hashed from {@link IdEncoding#utf8} instead, so this
 * hasher agrees with every other member of its family. (The deprecated {@code murmur3_32} is not
 * used: it hashes supplementary characters wrongly.)
 */
final class GuavaMurmur3_32Hasher implements IdHasher {
  static final GuavaMurmur3_32Hasher INSTANCE = new GuavaMurmur3_32Hasher();
  private static final HashFunction SEED_ZERO = Hashing.murmur3_32_fixed(0);

  private GuavaMurmur3_32Hasher() {}

  @Override
  public String name() {
    return HasherType.GUAVA_MURMUR3_X86_32.hasherName();
  }

  @Override
  public HashFamily family() {
    return HashFamily.MURMUR3_X86_32;
  }

  @Override
  public long hash(CharSequence id, int seed) {
    return hash(function(seed), id);
  }

  @Override
  public long hashUtf8(byte[] utf8, int offset, int length, int seed) {
    Objects.requireNonNull(utf8, "utf8");
    Objects.checkFromIndexSize(offset, length, utf8.length);
    // Well-formed UTF-8 is the canonical encoding: hash it as it is.
    return WhatwgUtf8.isValid(utf8, offset, length)
        ? Integer.toUnsignedLong(function(seed).hashBytes(utf8, offset, length).asInt())
        : IdHasher.super.hashUtf8(utf8, offset, length, seed);
  }

  @Override
  public Prefixed prefixed(CharSequence prefix, int seed) {
    HashFunction function = function(seed);
    String fixed = prefix.toString();
    return new JoinedKeyPrefix(
        this, fixed, seed, suffix -> hash(function, fixed.concat(suffix.toString())));
  }

  private static HashFunction function(int seed) {
    return seed == 0 ? SEED_ZERO : Hashing.murmur3_32_fixed(seed);
  }

  private static long hash(HashFunction function, CharSequence id) {
    Objects.requireNonNull(id, "id");
    int hash =
        IdEncoding.hasUnpairedSurrogate(id)
            ? function.hashBytes(IdEncoding.utf8(id)).asInt()
            : function.hashString(id, StandardCharsets.UTF_8).asInt();
    return Integer.toUnsignedLong(hash);
  }

  @Override
  public String toString() {
    return name();
  }
}
