package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.profiles.Profiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link AuditedBucketer}: its checks, the byte path made by decoding first, and the targets made
 * from a bucketer and from profiles.
 */
class AuditedBucketerTest {

  private static final Function<String, ToIntFunction<CharSequence>> LENGTH =
      flagKey -> id -> id.length() % 7;

  @Test
  void bucketCountAndHashBitsAreCheckedAtTheirEdges() {
    assertEquals(1, new AuditedBucketer("t", 1, 0, LENGTH).bucketCount());
    assertEquals(
        1_000_000,
        new AuditedBucketer("t", AuditedBucketer.MAX_BUCKET_COUNT, 0, LENGTH).bucketCount());
    for (int count : new int[] {0, -1, 1_000_001}) {
      assertEquals(
          "audit bucketCount must be within [1, 1000000]: " + count,
          assertThrows(
                  IllegalArgumentException.class, () -> new AuditedBucketer("t", count, 0, LENGTH))
              .getMessage());
    }
    for (int bits : new int[] {0, 32, 64}) {
      assertEquals(bits, new AuditedBucketer("t", 7, bits, LENGTH).hashBits());
    }
    for (int bits : new int[] {1, 16, 128, -32}) {
      assertEquals(
          "hashBits must be 0, 32 or 64: " + bits,
          assertThrows(
                  IllegalArgumentException.class, () -> new AuditedBucketer("t", 7, bits, LENGTH))
              .getMessage());
    }
    assertEquals(
        "name",
        assertThrows(NullPointerException.class, () -> new AuditedBucketer(null, 7, 0, LENGTH))
            .getMessage());
    assertEquals(
        "flags",
        assertThrows(NullPointerException.class, () -> new AuditedBucketer("t", 7, 0, null))
            .getMessage());
    assertNull(new AuditedBucketer("t", 7, 0, LENGTH).rollouts(), "the Bucketer's rule");
  }

  @Test
  void withoutABytePathTheBytesAreDecodedAndBucketedAsTheString() {
    AuditedBucketer target = new AuditedBucketer("t", 7, 0, LENGTH);
    byte[] line = "xxjosé😀yy".getBytes(StandardCharsets.UTF_8);
    int length = "josé😀".getBytes(StandardCharsets.UTF_8).length;
    // "josé😀" is 6 chars (the emoji is two), so bucket 6; its 9 bytes would give 2
    assertEquals(6, target.utf8Flags().apply("f").applyAsInt(line, 2, length));
  }

  @Test
  void aBucketersTargetIsNamedAfterItsHasherAndBucketsAsItDoes() {
    Bucketer salted = Bucketer.standard();
    AuditedBucketer target = AuditedBucketer.of(salted);
    assertEquals(salted.hasher().name(), target.name());
    assertEquals(100, target.bucketCount());
    assertEquals(32, target.hashBits());
    Bucketer wide =
        Bucketer.builder()
            .hasher(IdHashers.murmur3_x64_128_guava())
            .bucketCount(1_000)
            .unsalted()
            .build();
    AuditedBucketer unsalted = AuditedBucketer.of(wide);
    assertEquals(wide.hasher().name() + " unsalted", unsalted.name());
    assertEquals(64, unsalted.hashBits());
    assertEquals(1_000, unsalted.bucketCount());
    for (String id : List.of("user-1", "josé", "😀", "")) {
      byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
      assertEquals(salted.bucket("checkout", id), target.flags().apply("checkout").applyAsInt(id));
      assertEquals(
          salted.bucket("checkout", id),
          target.utf8Flags().apply("checkout").applyAsInt(bytes, 0, bytes.length));
      assertEquals(wide.bucket("banner", id), unsalted.flags().apply("banner").applyAsInt(id));
    }
    assertThrows(NullPointerException.class, () -> AuditedBucketer.of(null));
  }

  @Test
  void profileTargetsDecideRolloutsByTheProfileAndLeaveTheStandardBucketerOut() {
    BucketingProfile unleash = Profiles.type(Profiles.UNLEASH).reportProfile();
    BucketingProfile growthBook = Profiles.type(Profiles.GROWTHBOOK_V1).reportProfile();
    List<AuditedBucketer> targets =
        AuditedBucketer.ofProfiles(List.of(Bucketer.standard(), unleash, growthBook));
    assertEquals(
        List.of(unleash.label(), growthBook.label()),
        targets.stream().map(AuditedBucketer::name).toList());
    AuditedBucketer target = targets.get(0);
    assertEquals(unleash.bucketCount(), target.bucketCount());
    assertEquals(0, target.hashBits());
    Rollout thirty = Rollout.ofPercent("checkout", 30);
    assertNotNull(target.rollouts().apply(thirty));
    assertNull(target.rollouts().apply(Rollout.ofPercent("checkout", 12.5)), "whole percent only");
    for (String id : List.of("user-1", "user-2", "josé", "a")) {
      assertEquals(unleash.isEnabled(thirty, id), target.rollouts().apply(thirty).test(id), id);
      assertEquals(
          unleash.bucketsOf("checkout").applyAsInt(id),
          target.flags().apply("checkout").applyAsInt(id));
      byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
      assertEquals(
          unleash.bucketsOf("checkout").applyAsInt(id),
          target.utf8Flags().apply("checkout").applyAsInt(bytes, 0, bytes.length));
    }
  }
}
