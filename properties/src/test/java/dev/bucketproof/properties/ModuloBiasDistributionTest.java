package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.reports.audit.BucketerFindings;
import dev.bucketproof.reports.statistics.ModuloBias;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Modulo bias is computed exactly from the hash width and the bucket count, never sampled. The
 * gate: a heavier bucket may be at most {@value #MAX_RELATIVE_BIAS} more likely than a lighter one
 * (one part in 100,000; a 1,000,000-user audit resolves about 1%), for the bucket counts the
 * project recommends, 100 and 10,000. A 32-bit hash stays under it up to 42,949 buckets (2^32 /
 * 42,949 > 100,000); above that, use a 64-bit family.
 */
class ModuloBiasDistributionTest {
  static final double MAX_RELATIVE_BIAS = 1e-5;

  @Test
  void exactFormulaMatchesCountingEveryValueOfA16BitHash() {
    for (int bucketCount : new int[] {1, 3, 7, 100, 1000, 65_535, 65_536, 70_000}) {
      long[] counts = new long[bucketCount];
      for (int hash = 0; hash < 1 << 16; hash++) {
        counts[Bucketer.bucketOf(hash, bucketCount)]++;
      }
      ModuloBias bias = ModuloBias.of(16, bucketCount);
      long heavy = bias.valuesPerBucket().longValueExact() + 1;
      for (int bucket = 0; bucket < bucketCount; bucket++) {
        long expected = bucket < bias.heavierBuckets() ? heavy : heavy - 1;
        assertEquals(expected, counts[bucket], "bucket " + bucket + " of " + bucketCount);
      }
    }
  }

  @Test
  void everyHasherAndBucketCountInUseHasNegligibleBias() {
    for (int bits : new int[] {32, 64}) {
      for (int bucketCount : new int[] {100, 10_000}) {
        ModuloBias bias = ModuloBias.of(bits, bucketCount);
        assertTrue(
            bias.relativeBias() <= MAX_RELATIVE_BIAS,
            bits + "-bit, " + bucketCount + " buckets: " + bias);
        assertEquals(
            BigInteger.ONE.shiftLeft(bits),
            bias.valuesPerBucket()
                .multiply(BigInteger.valueOf(bucketCount))
                .add(BigInteger.valueOf(bias.heavierBuckets())));
      }
    }
    assertEquals(96, ModuloBias.of(32, 100).heavierBuckets());
  }

  @Test
  void thirtyTwoBitsStopBeingNegligibleAbove42949Buckets() {
    assertTrue(ModuloBias.of(32, 42_949).relativeBias() <= MAX_RELATIVE_BIAS);
    assertTrue(ModuloBias.of(32, 42_950).relativeBias() > MAX_RELATIVE_BIAS);
    assertEquals(2.3288e-4, ModuloBias.of(32, 1_000_000).relativeBias(), 1e-8);
    assertTrue(ModuloBias.of(64, 1_000_000).relativeBias() <= MAX_RELATIVE_BIAS);
  }

  @Test
  void auditsReportTheExactBiasOfEachHasher() {
    for (BucketerFindings target :
        GateAudits.of(GateAudits.populations().findFirst().orElseThrow()).targets()) {
      ModuloBias bias = target.moduloBias();
      assertEquals(target.name().contains("x64_128") ? 64 : 32, bias.bits(), target.name());
      assertTrue(bias.relativeBias() <= MAX_RELATIVE_BIAS, target.name() + ": " + bias);
    }
  }

  /**
   * Negative control: a hash cut to 16 bits before mod 100 has a bias of 1.5e-3 and is rejected.
   */
  @Test
  void sixteenBitHashIsRejected() {
    ModuloBias bias = ModuloBias.of(16, 100);
    assertEquals(36, bias.heavierBuckets());
    assertTrue(bias.relativeBias() > MAX_RELATIVE_BIAS, bias.toString());
  }
}
