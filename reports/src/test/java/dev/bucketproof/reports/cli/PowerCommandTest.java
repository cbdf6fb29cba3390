package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bucketproof.reports.statistics.PowerAnalysis;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.statistics.SampleRatioMismatch;
import dev.bucketproof.reports.statistics.Uniformity;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The planner's answers, checked against seeded simulation ({@value #SEED}): at the error it
 * reports for a number of users, and at the users it reports for an error, a gate at alpha 0.0005
 * catches the error in about 80% of {@value #RUNS} runs (inside the exact binomial 99.95% region
 * around 0.8).
 */
class PowerCommandTest {
  static final long SEED = 0x9_1A22_2026L;
  static final int RUNS = 500;
  static final double ALPHA = 0.0005;

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String... args) {
    BucketproofCliTest.Result result = BucketproofCliTest.run(args);
    assertEquals(0, result.code(), result.err());
    try {
      return new ObjectMapper().readValue(result.out(), Map.class);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + result.out(), e);
    }
  }

  static void assertCaughtAbout80Percent(String what, int caught) {
    long[] region = RolloutAccuracy.region(RUNS, 0.8, ALPHA);
    String message =
        String.format(
            Locale.ROOT,
            "%s: caught %d of %d, region [%d, %d], seed %#x",
            what,
            caught,
            RUNS,
            region[0],
            region[1],
            SEED);
    assertTrue(caught >= region[0] && caught <= region[1], message);
  }

  @Test
  void rolloutErrorFromUsersIsCaughtEightyPercentOfTheTime() {
    Map<String, Object> answer = json("power", "--rollout", "5", "--users", "10000", "--json");
    double tooHigh = ((Number) answer.get("tooHighPoints")).doubleValue() / 100;
    assertEquals(0.975, tooHigh * 100, 0.01, "10,000 users, 5%: about a point");
    long[] region = RolloutAccuracy.region(10_000, 0.05, ALPHA);
    SplittableRandom random = new SplittableRandom(SEED);
    int caught = 0;
    for (int run = 0; run < RUNS; run++) {
      long enabled = 0;
      for (int user = 0; user < 10_000; user++) {
        enabled += random.nextDouble() < 0.05 + tooHigh ? 1 : 0;
      }
      caught += enabled < region[0] || enabled > region[1] ? 1 : 0;
    }
    assertCaughtAbout80Percent("rollout 5% + " + tooHigh * 100 + " points on 10,000 users", caught);
  }

  @Test
  void usersForARolloutErrorCatchItEightyPercentOfTheTime() {
    Map<String, Object> answer = json("power", "--rollout", "5", "--error", "0.5", "--json");
    int users = ((Number) answer.get("usersNeeded")).intValue();
    long[] region = RolloutAccuracy.region(users, 0.05, ALPHA);
    SplittableRandom random = new SplittableRandom(SEED);
    int caught = 0;
    for (int run = 0; run < RUNS; run++) {
      long enabled = 0;
      for (int user = 0; user < users; user++) {
        enabled += random.nextDouble() < 0.055 ? 1 : 0;
      }
      caught += enabled < region[0] || enabled > region[1] ? 1 : 0;
    }
    // Too high is the harder direction (a larger variance): it sets the users; too low is caught
    // more often.
    assertEquals(0.8, PowerAnalysis.rolloutRejection(users, 0.055, region), 0.01);
    assertTrue(PowerAnalysis.rolloutRejection(users, 0.045, region) >= 0.8);
    assertCaughtAbout80Percent("rollout 5% at 5.5% on " + users + " users", caught);
  }

  @Test
  void usersForABucketDeviationCatchItEightyPercentOfTheTime() {
    Map<String, Object> answer = json("power", "--buckets", "20", "--deviation", "20", "--json");
    int users = ((Number) answer.get("usersNeeded")).intValue();
    SplittableRandom random = new SplittableRandom(SEED);
    double heavy = 1.2 / 20;
    int caught = 0;
    for (int run = 0; run < RUNS; run++) {
      long[] counts = new long[20];
      for (int user = 0; user < users; user++) {
        double value = random.nextDouble();
        counts[value < heavy ? 0 : 1 + (int) ((value - heavy) / (1 - heavy) * 19)]++;
      }
      caught += Uniformity.of(counts, ALPHA).rejected() ? 1 : 0;
    }
    assertCaughtAbout80Percent("20 buckets, one 20% heavy, on " + users + " users", caught);
  }

  @Test
  void splitErrorFromUsersIsCaughtEightyPercentOfTheTime() {
    Map<String, Object> answer = json("power", "--weights", "50,50", "--users", "20000", "--json");
    double error = ((Number) answer.get("errorPercent")).doubleValue() / 100;
    SplittableRandom random = new SplittableRandom(SEED);
    int caught = 0;
    for (int run = 0; run < RUNS; run++) {
      long first = 0;
      for (int user = 0; user < 20_000; user++) {
        first += random.nextDouble() < 0.5 * (1 + error) ? 1 : 0;
      }
      caught +=
          SampleRatioMismatch.of(new long[] {first, 20_000 - first}, new double[] {50, 50}, ALPHA)
                  .mismatch()
              ? 1
              : 0;
    }
    assertCaughtAbout80Percent(
        "50/50 split, first variant " + error * 100 + "% over, 20,000 users", caught);
  }

  @Test
  void textAnswersNameTheNumbers() {
    BucketproofCliTest.Result result =
        BucketproofCliTest.run("power", "--rollout", "5", "--users", "10000");
    assertEquals(
        "rollout 5% on 10,000 users (alpha 0.0005, exact binomial region [426, 577]): caught with 80% power"
            + " when the true rollout is 0.975 points too high or 0.911 points too low\n",
        result.out());
    BucketproofCliTest.Result weights =
        BucketproofCliTest.run("power", "--weights", "50,50", "--error", "2");
    assertTrue(weights.out().startsWith("split 50:50 (alpha 0.0005): 46,708 users"), weights.out());
  }

  @Test
  void mistakesNameTheParameter() {
    BucketproofCliTest.Result none = BucketproofCliTest.run("power", "--users", "100");
    assertEquals(2, none.code());
    assertTrue(
        none.err().contains("give exactly one of --rollout, --buckets, --weights: 0 given"),
        none.err());
    BucketproofCliTest.Result error =
        BucketproofCliTest.run("power", "--rollout", "5", "--error", "7");
    assertTrue(
        error
            .err()
            .contains("--error must be within (0, 5] percentage points for --rollout 5: 7.0"),
        error.err());
    assertTrue(Arrays.asList(2).contains(error.code()));
  }
}
