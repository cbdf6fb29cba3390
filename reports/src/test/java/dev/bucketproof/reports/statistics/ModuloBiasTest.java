package dev.bucketproof.reports.statistics;

import static dev.bucketproof.reports.statistics.NoncentralChiSquareTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The exact modulo bias, 2^bits = q x bucketCount + r, against Python's integers. */
class ModuloBiasTest {

  @Test
  void holdsTheQuotientTheRemainderAndTheRelativeBias() {
    // Python: divmod(2**32, 100) = (42949672, 96)
    ModuloBias hundred = ModuloBias.of(32, 100);
    assertEquals(32, hundred.bits());
    assertEquals(100, hundred.bucketCount());
    assertEquals(96, hundred.heavierBuckets());
    assertEquals(BigInteger.valueOf(42_949_672), hundred.valuesPerBucket());
    assertEquals(1.0 / 42_949_672, hundred.relativeBias(), 0);
    // Python: divmod(2**64, 2147483647) = (8589934596, 4)
    ModuloBias widest = ModuloBias.of(64, Integer.MAX_VALUE);
    assertEquals(4, widest.heavierBuckets());
    assertEquals(BigInteger.valueOf(8_589_934_596L), widest.valuesPerBucket());
    // 1 bit over 1 bucket: both values in it, no bias; over 3 buckets two get one value, one none
    assertEquals(0, ModuloBias.of(1, 1).heavierBuckets());
    assertEquals(BigInteger.TWO, ModuloBias.of(1, 1).valuesPerBucket());
    assertEquals(2, ModuloBias.of(1, 3).heavierBuckets());
    assertEquals(Double.POSITIVE_INFINITY, ModuloBias.of(1, 3).relativeBias());
  }

  @Test
  void rejectsWidthsAndCountsOutsideTheirRange() {
    assertMessage("bits must be within [1, 64]: 0", () -> ModuloBias.of(0, 100));
    assertMessage("bits must be within [1, 64]: 65", () -> ModuloBias.of(65, 100));
    assertMessage("bucketCount must be within [1, 2147483647]: 0", () -> ModuloBias.of(32, 0));
  }
}
