package dev.bucketproof.reports.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FLAGS.json: the layout, and an error naming the file, flag, key and value for everything else.
 */
class FlagsFileTest {
  @Test
  void readsRolloutWeightsBucketsAndProfilesInOrder() {
    Map<String, FlagSettings> flags =
        FlagsFile.parse(
            "{\"new-checkout\": {\"rollout\": 12.5, \"buckets\": 10000},"
                + " \"exp\": {\"weights\": {\"treatment\": 30, \"control\": 70}},"
                + " \"ld\": {\"rollout\": 30, \"profiles\": {\"launchdarkly\": {\"salt\": \"f3a1\"}, \"split\": {\"seed\": 1234}}}}",
            "f.json");
    assertEquals(List.of("new-checkout", "exp", "ld"), List.copyOf(flags.keySet()));
    assertEquals(1_250, flags.get("new-checkout").rolloutBasisPoints());
    assertEquals(10_000, flags.get("new-checkout").bucketCount());
    assertEquals(List.of("treatment", "control"), List.copyOf(flags.get("exp").weights().keySet()));
    assertEquals(
        Map.of("launchdarkly", Map.of("salt", "f3a1"), "split", Map.of("seed", "1234")),
        flags.get("ld").profiles());
    assertEquals(
        List.of("profile launchdarkly salt=f3a1", "profile split seed=1234"),
        flags.get("ld").profileRules().stream().map(CandidateRule::name).toList());
  }

  private static String error(String json) {
    return assertThrows(IllegalArgumentException.class, () -> FlagsFile.parse(json, "f.json"))
        .getMessage();
  }

  @Test
  void everyMistakeIsNamed() {
    assertEquals(
        "f.json is not valid JSON: line 1, column 21: Unexpected end-of-input: expected close marker for Object",
        error("{\"a\": {\"rollout\": 5}"));
    assertEquals(
        "f.json must be a JSON object keyed by flag, such as {\"new-checkout\": {\"rollout\": 5}}",
        error("[1]"));
    assertEquals(
        "f.json: flag a: unknown key weight (known: rollout, weights, buckets, profiles)",
        error("{\"a\": {\"weight\": 5}}"));
    assertEquals(
        "f.json: flag a: rolloutPercent must have at most two decimals (basis points): 5.555",
        error("{\"a\": {\"rollout\": 5.555}}"));
    assertEquals(
        "f.json: flag a: rolloutPercent must be within [0, 100]: 101.0",
        error("{\"a\": {\"rollout\": 101}}"));
    assertEquals(
        "f.json: flag a: rollout must be a number of percent: \"5\"",
        error("{\"a\": {\"rollout\": \"5\"}}"));
    assertEquals(
        "f.json: flag a: weight of variant b must be an integer: 2.5",
        error("{\"a\": {\"weights\": {\"b\": 2.5, \"c\": 1}}}"));
    assertEquals(
        "f.json: flag a: weights need at least 2 variants: {b=1}",
        error("{\"a\": {\"weights\": {\"b\": 1}}}"));
    assertEquals(
        "f.json: flag a: buckets must be within [1, 1000000]: 0",
        error("{\"a\": {\"buckets\": 0}}"));
    assertEquals(
        "f.json: flag a: profile split requires seed (the split's integer seed): none given",
        error("{\"a\": {\"profiles\": {\"split\": {}}}}"));
  }
}
