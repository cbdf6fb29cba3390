package dev.bucketproof.bucketing;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Assigns the variants of one {@link VariantSplit}: the user's variant bucket, in [0, totalWeight),
 * falls in exactly one variant's cumulative weight range. Obtained from {@link Bucketer#variants}.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
public final class VariantAssigner {
  private final VariantSplit split;
  private final FlagBuckets buckets;
  private final Variant[] variants;
  private final int[] upperBounds;

  VariantAssigner(VariantSplit split, FlagBuckets buckets) {
    this.split = split;
    this.buckets = buckets;
    List<Variant> list = split.variants();
    this.variants = list.toArray(new Variant[0]);
    this.upperBounds = new int[variants.length];
    int cumulative = 0;
    for (int i = 0; i < variants.length; i++) {
      cumulative += variants[i].weight();
      upperBounds[i] = cumulative;
    }
  }

  /**
   * Returns the variant of {@code userId}; a variant of weight 0 is never returned.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public Variant variant(CharSequence userId) {
    return variantOf(buckets.bucket(userId));
  }

  /**
   * Returns the variant of the user whose UTF-8 bytes are {@code userId[offset, offset + length)}:
   * the same as {@link #variant(CharSequence)} for the string they decode to.
   *
   * @throws NullPointerException if {@code userId} is null
   * @throws IndexOutOfBoundsException if the range is outside {@code userId}
   */
  public Variant variantUtf8(byte[] userId, int offset, int length) {
    return variantOf(buckets.bucketUtf8(userId, offset, length));
  }

  /**
   * Returns the variant of the user whose UTF-8 bytes are the remaining bytes of {@code userId};
   * the buffer's position is not changed.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public Variant variantUtf8(ByteBuffer userId) {
    return variantOf(buckets.bucketUtf8(userId));
  }

  private Variant variantOf(int bucket) {
    // The last upper bound is the total weight, which every bucket is below: the scan stops in the
    // array.
    int i = 0;
    while (bucket >= upperBounds[i]) {
      i++;
    }
    return variants[i];
  }

  /**
   * Returns the variant bucket of {@code userId}, in [0, totalWeight).
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public int bucket(CharSequence userId) {
    return buckets.bucket(userId);
  }

  /**
   * Returns the variant bucket, in [0, totalWeight), of the user whose UTF-8 bytes are {@code
   * userId[offset, offset + length)}.
   *
   * @throws NullPointerException if {@code userId} is null
   * @throws IndexOutOfBoundsException if the range is outside {@code userId}
   */
  public int bucketUtf8(byte[] userId, int offset, int length) {
    return buckets.bucketUtf8(userId, offset, length);
  }

  /** Returns the split. */
  public VariantSplit split() {
    return split;
  }
}
