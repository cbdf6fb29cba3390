package dev.bucketproof.bucketing;

import java.util.Objects;

/**
 * A hash algorithm together with the byte encoding it applies to an id. Hashers of one family
 * return the same value for every id and seed; hashers of different families assign users
 * differently.
 *
 * <p>Each family's {@link #referenceHash} is its specification: encode the id, then hash the bytes
 * with {@link Murmur3}. Every hasher of the family is tested against it.
 *
 * <p>Thread-safety: immutable.
 */
public enum HashFamily {
  /** MurmurHash3_x86_32 over canonical UTF-8; the hash is unsigned 32-bit. The default. */
  MURMUR3_X86_32("murmur3_x86_32", 32) {
    @Override
    public long referenceHash(CharSequence id, int seed) {
      return Integer.toUnsignedLong(Murmur3.x86_32(IdEncoding.utf8(id), seed));
    }
  },
  /** MurmurHash3_x64_128 over canonical UTF-8, the low 64 bits (h1), seed zero-extended. */
  MURMUR3_X64_128("murmur3_x64_128", 64) {
    @Override
    public long referenceHash(CharSequence id, int seed) {
      return Murmur3.x64_128(IdEncoding.utf8(id), seed)[0];
    }
  },
  /**
   * MurmurHash3_x86_32 over the low byte of each UTF-16 code unit, as {@code murmurhash-js} and
   * {@code murmurhash3js} compute in a browser. Agrees with {@link #MURMUR3_X86_32} on ASCII ids
   * only.
   */
  MURMUR3_X86_32_JS("murmur3_x86_32_js", 32) {
    @Override
    public long referenceHash(CharSequence id, int seed) {
      return Integer.toUnsignedLong(Murmur3.x86_32(IdEncoding.utf16LowBytes(id), seed));
    }
  };

  private final String id;
  private final int bits;

  HashFamily(String id, int bits) {
    this.id = id;
    this.bits = bits;
  }

  /** Returns the family's stable name, such as {@code murmur3_x86_32}. */
  public String id() {
    return id;
  }

  /** Returns the width of the hash: 32 (values in [0, 2^32)) or 64 (any long, read as unsigned). */
  public int bits() {
    return bits;
  }

  /**
   * Returns the family's hash of {@code id}, computed the slow, obvious way: encode, then hash the
   * bytes.
   *
   * @throws NullPointerException if {@code id} is null
   */
  public abstract long referenceHash(CharSequence id, int seed);

  /**
   * Returns the family named {@code id}.
   *
   * @throws IllegalArgumentException if no family has that name
   */
  public static HashFamily byId(String id) {
    Objects.requireNonNull(id, "id");
    for (HashFamily family : values()) {
      if (family.id.equals(id)) {
        return family;
      }
    }
    throw new IllegalArgumentException("unknown hash family: " + id);
  }

  @Override
  public String toString() {
    return id;
  }
}
