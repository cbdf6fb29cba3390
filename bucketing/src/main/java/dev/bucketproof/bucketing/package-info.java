/**
 * Deterministic, salted percentage bucketing with interchangeable MurmurHash3 implementations.
 *
 * <pre>{@code
 * Bucketer bucketer = Bucketer.standard();   // bucketproof:murmur3_x86_32, 100 buckets, salted
 *
 * // 5% canary: buckets [0, 5) of murmur3("new-checkout:" + userId) mod 100
 * RolloutGate canary = bucketer.rollout(Rollout.ofPercent("new-checkout", 5));
 * if (canary.isEnabled(userId)) { ... }
 *
 * // A/B/n split, hashed with the variant seed so it is independent of the rollout
 * VariantAssigner ab = bucketer.variants(
 *     VariantSplit.of("new-checkout", new Variant("control", 50), new Variant("treatment", 50)));
 * String arm = ab.variant(userId).name();
 *
 * // Ids held as UTF-8 bytes (file lines, Kafka keys, HTTP headers): the same decision, hashed where
 * // the bytes lie, no String and no allocation; invalid UTF-8 decides as the string it decodes to
 * boolean on = canary.isEnabledUtf8(line, offset, length);
 *
 * // Agree with a browser that uses murmurhash-js, 0.01% steps
 * Bucketer browser = Bucketer.builder()
 *     .hasher(IdHashers.murmur3_x86_32_js())
 *     .bucketCount(10_000)
 *     .build();
 * }</pre>
 *
 * <p>Needs no other library at run time. Guava and zero-allocation-hashing are optional
 * dependencies: only the {@code guava:} and {@code openhft:} hashers of {@link IdHashers} use them,
 * and asking for one without its library fails at once, naming the artifact and the version this
 * project pins.
 */
package dev.bucketproof.bucketing;
