package dev.bucketproof.bucketing.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each rule's {@code keyCollision()} is checked against the rule itself: where it says two (flag,
 * user) pairs hash the same key, every user of those pairs lands in the same bucket under both
 * flags; where it says none, the colliding input is rejected.
 */
class KeyCollisionTest {
  private static final int USERS = 200;

  @Test
  void unleashGroupAndUserShareTheSeparator() {
    assertSameBuckets(Profiles.byName("unleash"), false, "a:b", "c", "a", "b:c");
  }

  @Test
  void optimizelyJoinsUserAndExperimentWithoutSeparator() {
    assertSameBuckets(Profiles.byName("optimizely"), true, "3", "12", "23", "1");
  }

  @Test
  void flagdJoinsFlagAndTargetingKeyWithoutSeparator() {
    assertSameBuckets(Profiles.byName("flagd"), false, "ab", "c", "a", "bc");
    assertSameBuckets(Profiles.byName("flagd-0.11"), false, "ab", "c", "a", "bc");
  }

  @Test
  void growthBookJoinsValueAndSeedWithoutSeparator() {
    assertSameBuckets(Profiles.byName("growthbook-v1"), true, "c", "ab", "bc", "a");
    assertSameBuckets(Profiles.byName("growthbook"), false, "ab", "c", "a", "bc");
  }

  @Test
  void launchDarklyFlagAndSaltShareTheSeparator() {
    BucketingProfile first = Profiles.byName("launchdarkly", Map.of("salt", "c"));
    BucketingProfile second = Profiles.byName("launchdarkly", Map.of("salt", "b.c"));
    for (int i = 0; i < USERS; i++) {
      String user = "user-" + i;
      assertEquals(first.bucket("a.b", user), second.bucket("a", user), user);
    }
    assertTrue(first.keyCollision().startsWith("ambiguous"), first.keyCollision());
  }

  @Test
  void splitTellsSplitsApartBySeedOnly() {
    BucketingProfile split = Profiles.byName("split", Map.of("seed", "42"));
    for (int i = 0; i < USERS; i++) {
      assertEquals(split.bucket("checkout", "user-" + i), split.bucket("search", "user-" + i));
    }
    assertTrue(split.keyCollision().startsWith("ambiguous"), split.keyCollision());
  }

  @Test
  void saltedBucketproofHasNoCollisionBecauseItRejectsTheSeparator() {
    Bucketer salted = Bucketer.standard();
    assertEquals("none", salted.keyCollision().substring(0, 4), salted.keyCollision());
    assertThrows(IllegalArgumentException.class, () -> salted.bucket("a:b", "c"));
    int differ = 0;
    for (int i = 0; i < USERS; i++) {
      differ += salted.bucket("a", "b:c-" + i) != salted.bucket("ab", "c-" + i) ? 1 : 0;
    }
    assertNotEquals(0, differ, "distinct keys must not all collide");
    Bucketer unsalted = Bucketer.builder().unsalted().build();
    assertTrue(unsalted.keyCollision().startsWith("ambiguous"), unsalted.keyCollision());
  }

  /**
   * Asserts that user {@code firstUser} of flag {@code firstFlag} and user {@code secondUser} of
   * flag {@code secondFlag} share a bucket, for 200 variants of the users: a varying prefix where
   * the rule puts the user first in the key, a varying suffix where it puts the user last.
   */
  private static void assertSameBuckets(
      BucketingProfile profile,
      boolean userFirst,
      String firstFlag,
      String firstUser,
      String secondFlag,
      String secondUser) {
    assertTrue(profile.keyCollision().startsWith("ambiguous"), profile.keyCollision());
    assertFalse(firstFlag.equals(secondFlag));
    int distinctBuckets = 0;
    int previous = -1;
    for (int i = 0; i < USERS; i++) {
      String first = userFirst ? "u" + i + "-" + firstUser : firstUser + "-u" + i;
      String second = userFirst ? "u" + i + "-" + secondUser : secondUser + "-u" + i;
      int bucket = profile.bucket(firstFlag, first);
      assertEquals(
          bucket,
          profile.bucket(secondFlag, second),
          profile.name()
              + ": "
              + firstFlag
              + " / "
              + first
              + " against "
              + secondFlag
              + " / "
              + second);
      distinctBuckets += bucket != previous ? 1 : 0;
      previous = bucket;
    }
    assertTrue(
        distinctBuckets > USERS / 2, "the users must spread over buckets: " + distinctBuckets);
  }
}
