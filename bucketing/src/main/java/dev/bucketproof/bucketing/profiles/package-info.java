/**
 * Compatibility profiles: the bucketing rules of Unleash, Optimizely, LaunchDarkly, flagd, Split
 * and GrowthBook, reproduced bit for bit and checked against each system's SDK jar or official npm
 * package. Each profile is a record whose components are its rule's details (separator, seeds,
 * encoding, signedness); {@link dev.bucketproof.bucketing.profiles.Profiles} returns them with each
 * system's values.
 *
 * <pre>{@code
 * // Which users change rollout group when a 9.x Unleash SDK on a Latin-1 JVM is upgraded to 12.x?
 * BucketingProfile before = Profiles.byName("unleash-9", Map.of("charset", "ISO-8859-1"));
 * BucketingProfile after = Profiles.byName("unleash");
 * Rollout rollout = Rollout.ofPercent("profile_ui_revamp", 30);
 * boolean flips = before.isEnabled(rollout, "josé") != after.isEnabled(rollout, "josé");
 *
 * // LaunchDarkly: weights in 1/100,000, keyed by flag key and salt
 * BucketingProfile launchDarkly = Profiles.byName("launchdarkly", Map.of("salt", "a1b2"));
 * Optional<Variant> arm = launchDarkly.variant(VariantSplit.of("checkout",
 *     new Variant("control", 50_000), new Variant("treatment", 50_000)), "user-42");
 *
 * // The statistical gates take any profile's buckets
 * ToIntFunction<CharSequence> buckets = after.bucketsOf("profile_ui_revamp");   // [0, 100)
 * }</pre>
 */
package dev.bucketproof.bucketing.profiles;
