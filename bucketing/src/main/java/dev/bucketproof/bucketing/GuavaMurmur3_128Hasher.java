package dev.bucketproof.bucketing;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * {@code guava:murmur3_x64_128}: Guava's {@code Hashing.murmur3_128(seed)} over canonical UTF-8, the low
 * 64 bits (h1, {@code HashCode.asLong()}).
 *
 * <p>Guava sign-extends a negative int seed into its 64-bit state, where the C reference (a
 * {@code uint32_t} seed) zero-extends it. For a negative seed this hasher therefore starts from a Guava
 * {@code Hasher} whose two state words it sets to {@code Integer.toUnsignedLong(seed)} before any byte is
 * added; the result then agrees with the reference and with {@code openhft:murmur3_x64_128} for every
 * seed. That needs deep reflection into {@code com.google.common.hash}, which works with Guava on the
 * class path (as here); where it is denied, a negative seed throws {@link IllegalStateException}.
 */
final class GuavaMurmur3_128Hasher implements IdHasher {
  static final GuavaMurmur3_128Hasher INSTANCE = new GuavaMurmur3_128Hasher();
  private static final HashFunction SEED_ZERO = Hashing.murmur3_128(0);

  private GuavaMurmur3_128Hasher() {}

  @Override
  public String name() {
    return "guava:murmur3_x64_128";
  }

  @Override
  public HashFamily family() {
    return HashFamily.MURMUR3_X64_128;
  }

  @Override
  public long hash(CharSequence id, int seed) {
    byte[] bytes = IdEncoding.utf8(id);
    if (seed == 0) {
      return SEED_ZERO.hashBytes(bytes).asLong();
    }
    if (seed > 0) {
      return Hashing.murmur3_128(seed).hashBytes(bytes).asLong();
    }
    Hasher hasher = Hashing.murmur3_128(seed).newHasher(bytes.length);
    UnsignedSeed.set(hasher, Integer.toUnsignedLong(seed));
    return hasher.putBytes(bytes).hash().asLong();
  }

  @Override
  public String toString() {
    return name();
  }

  /** Write access to the state words of Guava's Murmur3_128 hasher, resolved on first use. */
  private static final class UnsignedSeed {
    private static final VarHandle H1;
    private static final VarHandle H2;
    private static final RuntimeException FAILURE;

    static {
      VarHandle h1 = null;
      VarHandle h2 = null;
      RuntimeException failure = null;
      try {
        Class<?> type = Hashing.murmur3_128(-1).newHasher().getClass();
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        h1 = lookup.findVarHandle(type, "h1", long.class);
        h2 = lookup.findVarHandle(type, "h2", long.class);
      } catch (ReflectiveOperationException | RuntimeException e) {
        failure = new IllegalStateException(
            "guava:murmur3_x64_128 cannot apply a negative seed as unsigned: Guava's hasher state is not"
                + " accessible (" + e + "); use openhft:murmur3_x64_128",
            e);
      }
      H1 = h1;
      H2 = h2;
      FAILURE = failure;
    }

    static void set(Hasher hasher, long seed) {
      if (FAILURE != null) {
        throw FAILURE;
      }
      H1.set(hasher, seed);
      H2.set(hasher, seed);
    }
  }
}
