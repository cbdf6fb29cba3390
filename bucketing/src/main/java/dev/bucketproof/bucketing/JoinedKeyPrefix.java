package dev.bucketproof.bucketing;

import java.util.Objects;

/**
 * The {@link IdHasher.Prefixed} of a hasher that can only hash a whole key (the Guava and
 * zero-allocation-hashing ones): a {@code String} suffix goes through {@code stringPath} (the key
 * concatenated), and UTF-8 bytes are joined to the prefix's canonical UTF-8 in one array, hashed
 * with {@link IdHasher#hashUtf8(byte[], int, int, int)}: one allocation of the key's length, no
 * {@code String}. The join is exact for well-formed bytes: they decode to a string with no unpaired
 * surrogate, so the canonical UTF-8 of {@code prefix + suffix} is the prefix's followed by the
 * bytes (an unpaired high surrogate ending the prefix stays unpaired, U+FFFD, either way). Invalid
 * bytes are decoded and go through {@code stringPath}.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
final class JoinedKeyPrefix implements IdHasher.Prefixed {
  private final IdHasher hasher;
  private final byte[] prefixBytes;
  private final int seed;
  private final IdHasher.Prefixed stringPath;

  JoinedKeyPrefix(IdHasher hasher, CharSequence prefix, int seed, IdHasher.Prefixed stringPath) {
    this.hasher = hasher;
    this.prefixBytes = IdEncoding.utf8(prefix);
    this.seed = seed;
    this.stringPath = stringPath;
  }

  @Override
  public long hash(CharSequence suffix) {
    return stringPath.hash(suffix);
  }

  @Override
  public long hashUtf8(byte[] utf8, int offset, int length) {
    Objects.requireNonNull(utf8, "utf8");
    Objects.checkFromIndexSize(offset, length, utf8.length);
    if (!WhatwgUtf8.isValid(utf8, offset, length)) {
      return stringPath.hash(WhatwgUtf8.decode(utf8, offset, length));
    }
    byte[] key = new byte[prefixBytes.length + length];
    System.arraycopy(prefixBytes, 0, key, 0, prefixBytes.length);
    System.arraycopy(utf8, offset, key, prefixBytes.length, length);
    return hasher.hashUtf8(key, 0, key.length, seed);
  }
}
