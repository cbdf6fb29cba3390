package dev.bucketproof.reports.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything an audit counts, as a plain value that merges: users, and per audited bucketer the
 * count per bucket, per checked rollout, per cell of the two-flag table and per salt flag and bin;
 * per pair of bucketers the users they put in the same bucket and the first {@value Audit#EXAMPLES}
 * users they disagree on. The gates read their verdicts from these counts and nothing else.
 *
 * <p>{@link #merge} is commutative and associative, and {@link #empty} of the same shape is its
 * identity: counts add, and the kept examples are the ones with the smallest user index. So the
 * counts of a population are the same however it is split into chunks and in whatever order the
 * chunks are merged (a test holds it to that). Chunks on all cores merge this way, and so could the
 * partitions of a distributed aggregation (a Spark or Flink {@code reduce} calling {@code merge}):
 * the value knows nothing of files or threads. It serializes to JSON with Jackson as it is (records
 * of arrays and lists).
 *
 * <pre>{@code
 * AuditCounts total = AuditCounts.empty(shape);
 * for (AuditCounts chunk : chunks) {
 *   total = total.merge(chunk);
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable once built (the arrays are not to be changed by whoever reads them).
 *
 * @param users the users counted
 * @param targets the counts of each audited bucketer, in the audit's order
 * @param agreements per pair of bucketers (first, second) in the order (0,1), (0,2), ..., (1,2),
 *     ...: the users both put in the same bucket
 * @param examples per pair, the users with the smallest indices that the two put in different
 *     buckets, at most {@value Audit#EXAMPLES}, by index
 */
public record AuditCounts(
    long users,
    List<TargetCounts> targets,
    long[] agreements,
    List<List<PopulationFindings.Disagreement>> examples) {

  /**
   * The counts of one audited bucketer.
   *
   * @param buckets users per bucket, {@code bucketCount} of them
   * @param outOfRange users a bad bucketer put outside [0, bucketCount)
   * @param enabled per checked rollout, the users below its threshold
   * @param flagPair the two-flag table at 50%: {@code flagPair[inA][inB]}, 2 x 2 (all zero when 50%
   *     is not expressible)
   * @param salt per salt flag, users per bin of the salt meta-test (counted over the first users
   *     only)
   */
  public record TargetCounts(
      long[] buckets, long outOfRange, long[] enabled, long[][] flagPair, long[][] salt) {
    /**
     * Validates the shape.
     *
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the flag table is not 2 x 2
     */
    public TargetCounts {
      Objects.requireNonNull(buckets, "buckets");
      Objects.requireNonNull(enabled, "enabled");
      Objects.requireNonNull(salt, "salt");
      if (Objects.requireNonNull(flagPair, "flagPair").length != 2
          || flagPair[0].length != 2
          || flagPair[1].length != 2) {
        throw new IllegalArgumentException(
            "flagPair must be 2 x 2: " + Arrays.deepToString(flagPair));
      }
    }

    /** Returns zero counts of this shape. */
    public static TargetCounts empty(int bucketCount, int rollouts, int saltFlags, int saltBins) {
      return new TargetCounts(
          new long[bucketCount],
          0,
          new long[rollouts],
          new long[2][2],
          new long[saltFlags][saltBins]);
    }

    /**
     * Returns the sum of these counts and {@code other}'s.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public TargetCounts merge(TargetCounts other) {
      return new TargetCounts(
          add("buckets", buckets, other.buckets),
          outOfRange + other.outOfRange,
          add("enabled", enabled, other.enabled),
          add("flagPair", flagPair, other.flagPair),
          add("salt", salt, other.salt));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof TargetCounts that
          && outOfRange == that.outOfRange
          && Arrays.equals(buckets, that.buckets)
          && Arrays.equals(enabled, that.enabled)
          && Arrays.deepEquals(flagPair, that.flagPair)
          && Arrays.deepEquals(salt, that.salt);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          Arrays.hashCode(buckets),
          outOfRange,
          Arrays.hashCode(enabled),
          Arrays.deepHashCode(flagPair),
          Arrays.deepHashCode(salt));
    }

    @Override
    public String toString() {
      return "TargetCounts[buckets="
          + Arrays.toString(buckets)
          + ", outOfRange="
          + outOfRange
          + ", enabled="
          + Arrays.toString(enabled)
          + ", flagPair="
          + Arrays.deepToString(flagPair)
          + ", salt="
          + Arrays.deepToString(salt)
          + "]";
    }
  }

  /**
   * Validates the shape.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if there is not one agreement count and one example list per
   *     pair
   */
  public AuditCounts {
    targets = List.copyOf(targets);
    Objects.requireNonNull(agreements, "agreements");
    examples = examples.stream().map(List::copyOf).toList();
    int pairs = targets.size() * (targets.size() - 1) / 2;
    if (agreements.length != pairs || examples.size() != pairs) {
      throw new IllegalArgumentException(
          "expected "
              + pairs
              + " pairs for "
              + targets.size()
              + " targets: "
              + agreements.length
              + " agreement counts, "
              + examples.size()
              + " example lists");
    }
  }

  /**
   * Returns the identity of {@link #merge}: zero counts, no examples, of the given per-target
   * shapes.
   */
  public static AuditCounts empty(List<TargetCounts> shapes) {
    List<TargetCounts> zero = new ArrayList<>();
    for (TargetCounts shape : shapes) {
      zero.add(
          TargetCounts.empty(
              shape.buckets.length,
              shape.enabled.length,
              shape.salt.length,
              shape.salt.length == 0 ? 0 : shape.salt[0].length));
    }
    int pairs = shapes.size() * (shapes.size() - 1) / 2;
    List<List<PopulationFindings.Disagreement>> noExamples = new ArrayList<>();
    for (int pair = 0; pair < pairs; pair++) {
      noExamples.add(List.of());
    }
    return new AuditCounts(0, zero, new long[pairs], noExamples);
  }

  /** Returns the identity of {@link #merge} with the shape of these counts. */
  public AuditCounts empty() {
    return empty(targets);
  }

  /**
   * Returns the counts of both: counts added, and per pair the {@value Audit#EXAMPLES} examples
   * with the smallest user index. Commutative and associative; {@link #empty()} is the identity.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public AuditCounts merge(AuditCounts other) {
    if (other.targets.size() != targets.size()) {
      throw new IllegalArgumentException(
          "cannot merge counts of " + targets.size() + " and " + other.targets.size() + " targets");
    }
    List<TargetCounts> merged = new ArrayList<>(targets.size());
    for (int t = 0; t < targets.size(); t++) {
      merged.add(targets.get(t).merge(other.targets.get(t)));
    }
    List<List<PopulationFindings.Disagreement>> kept = new ArrayList<>(examples.size());
    for (int pair = 0; pair < examples.size(); pair++) {
      kept.add(smallestIndices(examples.get(pair), other.examples.get(pair)));
    }
    return new AuditCounts(
        users + other.users, merged, add("agreements", agreements, other.agreements), kept);
  }

  /**
   * Returns these counts with every example's user index moved by {@code offset}: for a part whose
   * users were numbered from 0 before it was known how many users precede it.
   */
  public AuditCounts withIndicesFrom(long offset) {
    List<List<PopulationFindings.Disagreement>> moved = new ArrayList<>(examples.size());
    for (List<PopulationFindings.Disagreement> pair : examples) {
      moved.add(
          pair.stream()
              .map(
                  example ->
                      new PopulationFindings.Disagreement(
                          example.index() + offset,
                          example.id(),
                          example.firstBucket(),
                          example.secondBucket()))
              .toList());
    }
    return new AuditCounts(users, targets, agreements, moved);
  }

  private static List<PopulationFindings.Disagreement> smallestIndices(
      List<PopulationFindings.Disagreement> first, List<PopulationFindings.Disagreement> second) {
    List<PopulationFindings.Disagreement> all = new ArrayList<>(first);
    all.addAll(second);
    all.sort(Comparator.comparingLong(PopulationFindings.Disagreement::index));
    return List.copyOf(all.subList(0, Math.min(all.size(), Audit.EXAMPLES)));
  }

  private static long[] add(String name, long[] first, long[] second) {
    if (first.length != second.length) {
      throw new IllegalArgumentException(
          "cannot merge " + name + " of lengths " + first.length + " and " + second.length);
    }
    long[] sum = first.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += second[i];
    }
    return sum;
  }

  private static long[][] add(String name, long[][] first, long[][] second) {
    if (first.length != second.length) {
      throw new IllegalArgumentException(
          "cannot merge " + name + " of lengths " + first.length + " and " + second.length);
    }
    long[][] sum = new long[first.length][];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = add(name, first[i], second[i]);
    }
    return sum;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AuditCounts that
        && users == that.users
        && targets.equals(that.targets)
        && Arrays.equals(agreements, that.agreements)
        && examples.equals(that.examples);
  }

  @Override
  public int hashCode() {
    return Objects.hash(users, targets, Arrays.hashCode(agreements), examples);
  }

  @Override
  public String toString() {
    return "AuditCounts[users="
        + users
        + ", targets="
        + targets
        + ", agreements="
        + Arrays.toString(agreements)
        + ", examples="
        + examples
        + "]";
  }
}
