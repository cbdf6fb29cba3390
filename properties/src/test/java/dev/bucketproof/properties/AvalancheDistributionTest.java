package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.HashFamily;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Avalanche: flipping any one of the 112 input bits of a 16-char ASCII id (bits 0..6 of each char)
 * flips each output bit with probability 0.5. Over {@value #SAMPLES} random ids per input bit, each
 * (input bit, output bit) share must lie within 0.5 +- z * sqrt(0.25 / samples), with z chosen so
 * that all cells together have a false-alarm rate of alpha = 0.0005 (Bonferroni): about +-0.059 for
 * 32-bit and +-0.060 for 64-bit hashes.
 */
class AvalancheDistributionTest {
  static final int SAMPLES = 2_000;
  static final int CHARS = 16;
  static final int BITS_PER_CHAR = 7;
  static final long SEED = 0xA7A1_A7C3L;
  static final double ALPHA = 0.0005;

  static List<IdHasher> hashers() {
    return IdHashers.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hashers")
  void everyInputBitFlipsEveryOutputBitHalfTheTime(IdHasher hasher) {
    Result result = measure(hasher);
    assertTrue(result.worstDeviation() <= result.tolerance(), result.describe(hasher.name()));
  }

  /** Negative control: String.hashCode flips few, predictable output bits. */
  @Test
  void stringHashCodeIsRejected() {
    IdHasher hashCode =
        new IdHasher() {
          @Override
          public String name() {
            return "String.hashCode";
          }

          @Override
          public HashFamily family() {
            return HashFamily.MURMUR3_X86_32;
          }

          @Override
          public long hash(CharSequence id, int seed) {
            return Integer.toUnsignedLong(id.toString().hashCode());
          }
        };
    Result result = measure(hashCode);
    assertTrue(result.worstDeviation() > result.tolerance(), result.describe(hashCode.name()));
  }

  record Result(
      double worstDeviation, double tolerance, int inputBit, int outputBit, double share) {
    String describe(String hasher) {
      return String.format(
          Locale.ROOT,
          "%s: input bit %d (char %d, bit %d) flips output bit %d with"
              + " share %.4f; largest |share - 0.5| = %.4f, tolerance %.4f (%d samples, seed 0x%X)",
          hasher,
          inputBit,
          inputBit / BITS_PER_CHAR,
          inputBit % BITS_PER_CHAR,
          outputBit,
          share,
          worstDeviation,
          tolerance,
          SAMPLES,
          SEED);
    }
  }

  static Result measure(IdHasher hasher) {
    int outputBits = hasher.family().bits();
    int inputBits = CHARS * BITS_PER_CHAR;
    long[][] flips = new long[inputBits][outputBits];
    SplittableRandom random = new SplittableRandom(SEED);
    char[] chars = new char[CHARS];
    for (int sample = 0; sample < SAMPLES; sample++) {
      for (int i = 0; i < CHARS; i++) {
        chars[i] = (char) random.nextInt(0x80);
      }
      long base = hasher.hash(new String(chars), 0);
      for (int input = 0; input < inputBits; input++) {
        int position = input / BITS_PER_CHAR;
        char original = chars[position];
        chars[position] = (char) (original ^ (1 << (input % BITS_PER_CHAR)));
        long difference = base ^ hasher.hash(new String(chars), 0);
        chars[position] = original;
        for (int output = 0; output < outputBits; output++) {
          flips[input][output] += (difference >>> output) & 1;
        }
      }
    }
    int cells = inputBits * outputBits;
    double z =
        new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - ALPHA / (2.0 * cells));
    double tolerance = z * Math.sqrt(0.25 / SAMPLES);
    Result worst = new Result(-1, tolerance, 0, 0, 0);
    for (int input = 0; input < inputBits; input++) {
      for (int output = 0; output < outputBits; output++) {
        double share = (double) flips[input][output] / SAMPLES;
        double deviation = Math.abs(share - 0.5);
        if (deviation > worst.worstDeviation()) {
          worst = new Result(deviation, tolerance, input, output, share);
        }
      }
    }
    return worst;
  }
}
