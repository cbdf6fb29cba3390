package dev.bucketproof.bucketing.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link BucketingProfile#bucketsOf}, {@link BucketingProfile#enabledOf} and {@link
 * BucketingProfile#variantsOf} (one flag's decisions, what the audit engine calls per row) give the
 * per-call decisions {@link BucketingProfile#bucket}, {@link BucketingProfile#isEnabled} and {@link
 * BucketingProfile#variant} for every id; those are held to the real SDKs by the properties
 * module's agreement tests. Unleash's per-flag path hashes the key's prefix once, so its ids
 * include every surrogate case the canonical UTF-8 treats specially.
 */
class PerFlagDecisionsTest {
  private static final long SURROGATE_IDS_SEED = 0x5A11_2026L;

  /** ProfilesTest's ids, plus ids made of surrogates, paired or not, in every position. */
  private static List<String> ids() {
    List<String> ids = new ArrayList<>(ProfilesTest.ids());
    ids.addAll(List.of("", "\udc00x", "x\ud800", "\ud83d\ude00", "\ude00\ud83d", "\ud800\ud800"));
    SplittableRandom random = new SplittableRandom(SURROGATE_IDS_SEED);
    char[] pieces = {'a', 'é', '\u65e5', '\ud83d', '\ude00', '\udbff', '\udc00', ':'};
    for (int i = 0; i < 300; i++) {
      StringBuilder id = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        id.append(pieces[random.nextInt(pieces.length)]);
      }
      ids.add(id.toString());
    }
    return ids;
  }

  private static List<BucketingProfile> profiles() {
    List<BucketingProfile> profiles = new ArrayList<>(ProfilesTest.all());
    profiles.add(UnleashProfile.unleash().withGroupId("checkout-group"));
    profiles.add(UnleashProfile.unleash9(StandardCharsets.ISO_8859_1));
    // A separator ending in a high surrogate: the id's first char may complete the pair, so the
    // per-flag path must encode the whole key again.
    profiles.add(
        new UnleashProfile(
            "unleash", "\ud83d", 0, 86028157, StandardCharsets.UTF_8, false, null, true));
    profiles.add(
        new UnleashProfile("unleash", "", 0, 86028157, StandardCharsets.UTF_8, false, null, true));
    return profiles;
  }

  @Test
  void perFlagDecisionsAreThePerCallDecisions() {
    List<String> ids = ids();
    VariantSplit split =
        new VariantSplit(
            "exp_12345",
            List.of(new Variant("control", 34), new Variant("a", 33), new Variant("b", 33)));
    List<String> flags = List.of("exp_12345", "x\ud83d", "flag-\u00e9");
    int compared = 0;
    int enabledCompared = 0; // Unleash profile x flag
    int variantsCompared = 0;
    for (BucketingProfile profile : profiles()) {
      for (String flag : flags) {
        ToIntFunction<CharSequence> buckets = profile.bucketsOf(flag);
        Rollout rollout = new Rollout(flag, 3000);
        Predicate<CharSequence> enabled =
            profile.expresses(rollout) ? profile.enabledOf(rollout) : null;
        VariantSplit flagSplit = new VariantSplit(flag, split.variants());
        Function<CharSequence, Optional<Variant>> variants =
            profile.expresses(flagSplit) ? profile.variantsOf(flagSplit) : null;
        if (profile.expresses(rollout)) {
          assertNotNull(enabled, "enabledOf: " + profile.label());
          enabledCompared += profile.name().startsWith("unleash") ? 1 : 0;
        }
        if (profile.expresses(flagSplit)) {
          assertNotNull(variants, "variantsOf: " + profile.label());
          variantsCompared += profile.name().startsWith("unleash") ? 1 : 0;
        }
        for (String id : ids) {
          String where = profile.label() + ", flag " + flag + ", id " + escaped(id);
          assertEquals(profile.bucket(flag, id), buckets.applyAsInt(id), "bucket: " + where);
          if (enabled != null) {
            assertEquals(profile.isEnabled(rollout, id), enabled.test(id), "enabled: " + where);
          }
          if (variants != null) {
            assertEquals(profile.variant(flagSplit, id), variants.apply(id), "variant: " + where);
          }
          compared++;
        }
      }
    }
    assertTrue(compared > 10_000, "compared " + compared);
    // Unleash's own per-flag path (the prefix hashed once) takes every whole percent and every
    // split: 6 Unleash profiles (unleash, unleash-9 and the 4 above) x 3 flags, none skipped
    assertEquals(18, enabledCompared, "Unleash rollouts compared");
    assertEquals(18, variantsCompared, "Unleash splits compared");
  }

  @Test
  void unleashRefusesAPercentageItCannotTakeWhenTheRolloutIsGiven() {
    BucketingProfile unleash = Profiles.byName("unleash");
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> unleash.enabledOf(new Rollout("new-checkout", 1250)));
    assertEquals("unleash rollouts take whole percents (0..100): 12.5", error.getMessage());
    assertEquals(
        "rollout",
        assertThrows(NullPointerException.class, () -> unleash.enabledOf(null)).getMessage());
    assertEquals(
        "split",
        assertThrows(NullPointerException.class, () -> unleash.variantsOf(null)).getMessage());
    // the flag key is checked when the flag's function is made, on the per-flag path too
    for (BucketingProfile profile : List.of(unleash, Profiles.byName("unleash-9"))) {
      assertEquals(
          "flagKey",
          assertThrows(NullPointerException.class, () -> profile.bucketsOf(null)).getMessage());
      assertEquals(
          "flagKey must not be empty",
          assertThrows(IllegalArgumentException.class, () -> profile.bucketsOf("")).getMessage());
    }
    assertEquals(
        "userId",
        assertThrows(
                NullPointerException.class,
                () -> unleash.bucketsOf("new-checkout").applyAsInt(null))
            .getMessage());
  }

  private static String escaped(String id) {
    StringBuilder out = new StringBuilder();
    id.chars()
        .forEach(
            c -> out.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    return out.toString();
  }
}
