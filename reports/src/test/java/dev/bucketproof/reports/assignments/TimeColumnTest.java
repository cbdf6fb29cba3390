package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.render.AssignmentsJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --time-column}: each flag with weights gets the anytime-valid SRM p-value after every day
 * of its rows. The export is generated from seed {@value #SEED}: 12 days of a 50/50 split, 1,500
 * rows a day, balanced for 6 days and then 56/44 (a mismatch from day 7 on). The expected path is
 * computed here from the formula of Lindon and Malek (log BF with commons-math3's {@code logGamma},
 * not the code under test) on the counts tallied while writing the file; the audit must agree to
 * 1e-9 relative, in 1 and in 7 ranges, and name the first day the p-value reaches alpha.
 */
class TimeColumnTest {
  private static final long SEED = 0x71DE_2026L;
  private static final int DAYS = 12;
  private static final int ROWS_A_DAY = 1_500;
  private static final double K = 10_000;
  private static final LocalDate START = LocalDate.of(2026, 11, 20);

  @TempDir Path directory;

  private static AssignmentSettings settings() {
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put("control", 50);
    weights.put("treatment", 50);
    return AssignmentSettings.defaults()
        .withFlags(Map.of("checkout", new FlagSettings(null, weights, 100)));
  }

  /** Writes the export (days in shuffled row order) and returns each day's [control, treatment]. */
  private long[][] write(Path file) throws IOException {
    SplittableRandom random = new SplittableRandom(SEED);
    long[][] perDay = new long[DAYS][2];
    List<String> lines = new ArrayList<>();
    for (int day = 0; day < DAYS; day++) {
      double control = day < 6 ? 0.5 : 0.56;
      for (int i = 0; i < ROWS_A_DAY; i++) {
        int arm = random.nextDouble() < control ? 0 : 1;
        perDay[day][arm]++;
        String time =
            switch (i % 3) {
              case 0 -> START.plusDays(day).toString();
              case 1 -> START.plusDays(day) + "T" + String.format("%02d", i % 24) + ":15:00Z";
              default -> String.valueOf(START.plusDays(day).toEpochDay() * 86_400L + i % 86_400);
            };
        lines.add(
            "u-"
                + day
                + "-"
                + i
                + ",checkout,"
                + (arm == 0 ? "control" : "treatment")
                + ","
                + time);
      }
    }
    java.util.Collections.shuffle(lines, new java.util.Random(SEED));
    lines.add(0, "user_id,flag,variant,logged_at");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return perDay;
  }

  /** log BF_t of the Dirichlet-multinomial test, written out from the paper's formula. */
  private static double logBayesFactor(long[] counts, double[] shares) {
    long n = 0;
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      double alpha = K * shares[i];
      n += counts[i];
      sum +=
          Gamma.logGamma(alpha + counts[i])
              - Gamma.logGamma(alpha)
              - counts[i] * Math.log(shares[i]);
    }
    return Gamma.logGamma(K) - Gamma.logGamma(K + n) + sum;
  }

  @Test
  void eachDayHasTheAnytimeValidPValueOfItsCumulativeCounts() throws IOException {
    Path file = directory.resolve("timed.csv");
    long[][] perDay = write(file);
    double[] shares = {0.5, 0.5};
    long[] cumulative = new long[2];
    double p = 1;
    List<Double> expected = new ArrayList<>();
    String crossing = null;
    for (int day = 0; day < DAYS; day++) {
      cumulative[0] += perDay[day][0];
      cumulative[1] += perDay[day][1];
      p = Math.min(p, Math.exp(-logBayesFactor(cumulative, shares)));
      expected.add(p);
      if (crossing == null && p <= settings().alpha()) {
        crossing = START.plusDays(day).toString();
      }
    }
    assertNotNull(crossing, "the generated mismatch must be strong enough to cross alpha");
    for (int ranges : new int[] {1, 7}) {
      AssignmentFindings findings =
          AssignmentFile.audit(
              file, Columns.guess().withTime("logged_at"), settings(), lines -> {}, 2, ranges, 0);
      AssignmentFindings.SequentialPath path = findings.flags().get(0).sequential();
      assertNotNull(path, ranges + " ranges");
      assertEquals(DAYS, path.days().size());
      long[] running = new long[2];
      for (int day = 0; day < DAYS; day++) {
        AssignmentFindings.SequentialDay got = path.days().get(day);
        running[0] += perDay[day][0];
        running[1] += perDay[day][1];
        assertEquals(START.plusDays(day).toString(), got.day());
        assertEquals(running[0], got.counts()[0], "day " + day);
        assertEquals(running[1], got.counts()[1], "day " + day);
        double want = expected.get(day);
        assertEquals(want, got.pValue(), 1e-9 * want, "p after day " + got.day());
      }
      assertEquals(crossing, path.firstCrossing());
      assertEquals(0, findings.rejects().total());
      String json = AssignmentsJson.render(findings);
      assertTrue(json.contains("\"sequentialSrm\""), json);
      assertTrue(json.contains("\"firstCrossing\": \"" + crossing + "\""), json);
    }
  }

  /**
   * The comparison can fail: without the mismatch no day crosses, and without the column no path.
   */
  @Test
  void aBalancedSplitNeverCrossesAndNoTimeColumnGivesNoPath() throws IOException {
    Path file = directory.resolve("balanced.csv");
    SplittableRandom random = new SplittableRandom(SEED + 1);
    StringBuilder text = new StringBuilder("user_id,flag,variant,day\n");
    for (int i = 0; i < 20_000; i++) {
      text.append("u")
          .append(i)
          .append(",checkout,")
          .append(random.nextBoolean() ? "control" : "treatment")
          .append(',')
          .append(START.plusDays(i % 10))
          .append('\n');
    }
    Files.writeString(file, text);
    AssignmentFindings timed =
        AssignmentFile.audit(file, Columns.guess().withTime("day"), settings(), lines -> {});
    assertEquals(10, timed.flags().get(0).sequential().days().size());
    assertNull(timed.flags().get(0).sequential().firstCrossing());
    AssignmentFindings untimed =
        AssignmentFile.audit(file, Columns.guess(), settings(), lines -> {});
    assertNull(untimed.flags().get(0).sequential());
  }

  @Test
  void rowsWithoutADayAreRejectedWithTheirReason() throws IOException {
    Path file = directory.resolve("bad.csv");
    Files.writeString(
        file,
        "user_id,flag,variant,day\n"
            + "a,checkout,control,2026-12-01\n"
            + "b,checkout,treatment,\n"
            + "c,checkout,control,2026-02-30\n"
            + "d,checkout,treatment,yesterday\n"
            + "e,checkout,treatment,1764547200123\n"
            + "f,checkout,control,2026-12-01T10:00:00Z\n"
            + "g,checkout,treatment,2026-12-01 11:00:00\n");
    AssignmentFindings findings =
        AssignmentFile.audit(file, Columns.guess().withTime("day"), settings(), lines -> {});
    assertEquals(3, findings.rejects().total());
    String reasons = findings.rejects().toString();
    assertTrue(reasons.contains("no time"), reasons);
    assertTrue(reasons.contains("time must be a date"), reasons);
    assertTrue(reasons.contains("2026-02-30"), reasons);
    assertTrue(reasons.contains("yesterday"), reasons);
    List<AssignmentFindings.SequentialDay> days = findings.flags().get(0).sequential().days();
    assertEquals(List.of("2025-12-01", "2026-12-01"), days.stream().map(d -> d.day()).toList());
  }

  @Test
  void aMissingTimeColumnIsNamed() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              Path file = directory.resolve("plain.csv");
              Files.writeString(file, "user_id,flag,variant\na,checkout,control\n");
              AssignmentFile.audit(file, Columns.guess().withTime("when"), settings(), lines -> {});
            });
    assertTrue(
        error
            .getMessage()
            .endsWith(": no column when (--time-column) in the header: user_id, flag, variant"),
        error.getMessage());
  }

  @Test
  void daysAreReadFromDatesTimestampsAndEpochNumbers() {
    long first = LocalDate.of(2026, 12, 1).toEpochDay();
    assertEquals(first, Days.parse("2026-12-01"));
    assertEquals(first, Days.parse("2026-12-01T23:59:59+05:00"));
    assertEquals(first, Days.parse("2026-12-01 00:00:00.123"));
    assertEquals(first, Days.parse(String.valueOf(first * 86_400)));
    assertEquals(first, Days.parse(first * 86_400 + 86_399 + ".75"));
    assertEquals(first, Days.parse(String.valueOf(first * 86_400_000L + 1)));
    assertEquals(0, Days.parse("0"));
    for (String bad :
        new String[] {
          "2026-13-01",
          "2026-02-30",
          "0000-01-01",
          "2026-12-01X",
          "12:00",
          "yesterday",
          "1.",
          ".5",
          "-5",
          "1e9",
          "99999999999999999999",
          "2026-1-01"
        }) {
      assertEquals(Days.INVALID, Days.parse(bad), bad);
    }
  }
}
