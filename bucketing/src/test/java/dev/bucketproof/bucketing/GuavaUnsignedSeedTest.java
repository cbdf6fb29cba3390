package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The steps by which {@code guava:murmur3_x64_128} applies a negative seed as unsigned through
 * Guava's public API: each inverse undoes its function, the steering block reaches the unsigned
 * seed's state, and the result equals the C reference for every negative seed tried.
 */
class GuavaUnsignedSeedTest {
  private static final long SEED = 0x6A7A_0128L;

  @Test
  void inversesUndoTheirFunctions() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 10_000; i++) {
      long value = random.nextLong();
      assertEquals(
          value,
          GuavaMurmur3_128Hasher.UnsignedSeed.unfmix64(
              GuavaMurmur3_128Hasher.UnsignedSeed.fmix64(value)),
          () -> Long.toHexString(value));
      long odd = value | 1;
      assertEquals(
          1L, odd * GuavaMurmur3_128Hasher.UnsignedSeed.inverse(odd), () -> Long.toHexString(odd));
    }
  }

  @Test
  void steeringBlockThenAnIdEqualsTheReferenceFromTheUnsignedSeedButForTheLength() {
    // With 16 extra bytes, Guava's seed-0 hash of steering block + id is the reference's hash of
    // the id
    // from the unsigned seed, finalized with length + 16: compare by refinalizing the reference's
    // output.
    byte[] id = "hello".getBytes(StandardCharsets.UTF_8);
    for (int seed : new int[] {-1, Integer.MIN_VALUE, 0x9747B28C, -2}) {
      byte[] steered =
          Hashing.murmur3_128(0)
              .newHasher()
              .putBytes(
                  GuavaMurmur3_128Hasher.UnsignedSeed.steeringBlock(Integer.toUnsignedLong(seed)))
              .putBytes(id)
              .hash()
              .asBytes();
      ByteBuffer words = ByteBuffer.wrap(steered).order(ByteOrder.LITTLE_ENDIAN);
      long[] reference = Murmur3.x64_128(id, seed);
      assertEquals(
          reference[0],
          GuavaMurmur3_128Hasher.UnsignedSeed.refinalize(
              words.getLong(0), words.getLong(8), id.length + 16, id.length),
          "seed " + Integer.toUnsignedString(seed));
      assertEquals(reference[0], IdHashers.murmur3_x64_128_guava().hash("hello", seed));
    }
  }

  @Test
  void everyNegativeSeedTriedAgreesWithTheReference() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < 2_000; i++) {
      int seed = random.nextInt() | Integer.MIN_VALUE;
      String id = TestIds.mixedUnicode(random, random.nextInt(0, 70));
      assertEquals(
          HashFamily.MURMUR3_X64_128.referenceHash(id, seed),
          IdHashers.murmur3_x64_128_guava().hash(id, seed),
          () -> "seed " + Integer.toUnsignedString(seed) + " id " + TestIds.escape(id));
    }
  }

  @Test
  void nonNegativeSeedsAreGuavasOwnResult() {
    for (int seed : new int[] {0, 1, 42, Integer.MAX_VALUE}) {
      assertEquals(
          Hashing.murmur3_128(seed).hashBytes("user-42".getBytes(StandardCharsets.UTF_8)).asLong(),
          IdHashers.murmur3_x64_128_guava().hash("user-42", seed));
    }
  }
}
