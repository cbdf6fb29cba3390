package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.statistics.Independence;
import dev.bucketproof.reports.statistics.SampleRatioMismatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link VariantAudit}: the variant counts and the rollout-by-variant table it builds, checked
 * against rules written so the counts are known: user i is in the rollout when i % 4 == 0 and in
 * variant i % 3.
 */
class VariantAuditTest {

  private static SystemFindingsTest.ListSource users(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(Integer.toString(i));
    }
    return new SystemFindingsTest.ListSource("ids", ids);
  }

  private static int number(CharSequence id) {
    return Integer.parseInt(id.toString());
  }

  @Test
  void countsEachVariantAndEachRowOfTheRollout() throws IOException {
    double[] weights = {1, 1, 1};
    VariantAudit.Result result =
        VariantAudit.run(
            users(12_000), id -> number(id) % 4 == 0, id -> number(id) % 3, weights, 0.001);
    assertArrayEquals(new long[] {4_000, 4_000, 4_000}, result.split().observed());
    assertEquals(
        SampleRatioMismatch.of(new long[] {4_000, 4_000, 4_000}, weights, 0.001).pValue(),
        result.split().pValue());
    // i % 4 == 0 and i % 3 are independent over 12,000 consecutive ids: 1,000 per variant in
    long[][] table = {{3_000, 3_000, 3_000}, {1_000, 1_000, 1_000}};
    for (int row = 0; row < 2; row++) {
      assertArrayEquals(table[row], result.independence().table()[row], "row " + row);
    }
    assertEquals(Independence.of(table, 0.001).pValue(), result.independence().pValue());
    assertFalse(result.independence().rejected());
  }

  @Test
  void aVariantTiedToTheRolloutFailsIndependence() throws IOException {
    VariantAudit.Result result =
        VariantAudit.run(
            users(1_000),
            id -> number(id) % 2 == 0,
            id -> number(id) % 2 == 0 ? 0 : (number(id) % 4 == 1 ? 0 : 1),
            new double[] {1, 1},
            0.001);
    assertArrayEquals(new long[] {750, 250}, result.split().observed());
    assertTrue(result.split().mismatch());
    assertTrue(result.independence().rejected());
  }

  @Test
  void withEveryoneOrNoOneInTheRolloutThereIsNoIndependenceTest() throws IOException {
    assertNull(
        VariantAudit.run(users(100), id -> true, id -> number(id) % 2, new double[] {1, 1}, 0.001)
            .independence());
    assertNull(
        VariantAudit.run(users(100), id -> false, id -> number(id) % 2, new double[] {1, 1}, 0.001)
            .independence());
    assertEquals(
        2,
        VariantAudit.run(
                users(100), id -> number(id) == 0, id -> number(id) % 2, new double[] {1, 1}, 0.001)
            .independence()
            .table()
            .length,
        "one user in the rollout is enough for a table");
  }

  @Test
  void aVariantIndexOutsideTheWeightsIsRefusedWithTheIdAndTheIndex() {
    IllegalArgumentException above =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                VariantAudit.run(
                    users(10),
                    id -> true,
                    id -> number(id) == 7 ? 2 : 0,
                    new double[] {1, 1},
                    0.01));
    assertEquals("variant index must be within [0, 2): 2 for id 7", above.getMessage());
    IllegalArgumentException below =
        assertThrows(
            IllegalArgumentException.class,
            () -> VariantAudit.run(users(10), id -> true, id -> -1, new double[] {1, 1}, 0.01));
    assertEquals("variant index must be within [0, 2): -1 for id 0", below.getMessage());
    assertEquals(
        "source",
        assertThrows(
                NullPointerException.class,
                () -> VariantAudit.run(null, id -> true, id -> 0, new double[] {1}, 0.01))
            .getMessage());
  }
}
