package dev.bucketproof.reports.audit;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.ids.IdSource;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Who changes group when users move from one bucketing system to another (an SDK upgrade, a
 * migration, a second SDK beside the first): every id decided by both profiles, the share that
 * changes with its 99.9% Wilson interval, and the counts by old and new group. The decision is the
 * rollout's ({@code true}/{@code false}) or, with a split, the variant's name ({@code (none)} when
 * a system gives none). Memory is O(groups^2), never O(users): changed ids go to a listener as they
 * are found.
 *
 * <pre>{@code
 * ProfileComparison result = ProfileComparison.run(Profiles.byName("flagd-0.11"), Profiles.byName("flagd"),
 *     Rollout.ofPercent("checkout", 50), null, Population.of(IdShape.UUID, 100_000), (id, from, to) -> { });
 * System.out.println(result.describe());
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param from the profile users leave, with its parameters ({@code unleash-9 charset=ISO-8859-1})
 * @param to the profile users move to, with its parameters
 * @param setting what was decided, such as {@code rollout checkout 30%}
 * @param ids the population's description
 * @param users the number of ids decided
 * @param changed the number whose decision differs
 * @param low the interval's lower end, a share
 * @param high the interval's upper end, a share
 * @param groups counts by old group, then new group, sorted
 */
public record ProfileComparison(
    String from,
    String to,
    String setting,
    String ids,
    long users,
    long changed,
    double low,
    double high,
    Map<String, Map<String, Long>> groups) {
  /** The interval's confidence: 99.9%. */
  public static final double CONFIDENCE = 0.999;

  /** Copies the groups. */
  public ProfileComparison {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    groups.forEach((old, row) -> copy.put(old, Collections.unmodifiableMap(new TreeMap<>(row))));
    groups = Collections.unmodifiableMap(copy);
  }

  /** Receives each id whose decision changes. */
  @FunctionalInterface
  public interface ChangeListener {
    /** Takes one changed id with its old and new decision. */
    void changed(String id, String from, String to) throws IOException;
  }

  /**
   * Decides every id of {@code source} under both profiles.
   *
   * @throws NullPointerException if a profile, {@code rollout}, {@code source} or {@code listener}
   *     is null
   * @throws IllegalArgumentException if either profile rejects the rollout or the split (the
   *     message names the value)
   * @throws IOException if reading the ids or the listener fails
   */
  public static ProfileComparison run(
      BucketingProfile from,
      BucketingProfile to,
      Rollout rollout,
      VariantSplit split,
      IdSource source,
      ChangeListener listener)
      throws IOException {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(listener, "listener");
    BucketingProfile.requireSameFlag(rollout, split);
    Map<String, Map<String, Long>> groups = new TreeMap<>();
    long[] counts = new long[2];
    source.forEachChunk(
        4096,
        chunk -> {
          for (int i = 0; i < chunk.size(); i++) {
            String id = chunk.id(i);
            String before = decide(from, rollout, split, id);
            String after = decide(to, rollout, split, id);
            groups.computeIfAbsent(before, key -> new TreeMap<>()).merge(after, 1L, Long::sum);
            counts[0]++;
            if (!before.equals(after)) {
              counts[1]++;
              listener.changed(id, before, after);
            }
          }
        });
    double[] interval = RolloutAccuracy.wilson(counts[1], counts[0], 1 - CONFIDENCE);
    String setting = split == null ? "rollout " + rollout : "variants " + describe(split);
    return new ProfileComparison(
        Profiles.label(from),
        Profiles.label(to),
        setting,
        source.description(),
        counts[0],
        counts[1],
        interval[0],
        interval[1],
        groups);
  }

  /** Returns a profile's decision for one id: the rollout's, or with a split the variant's name. */
  public static String decide(
      BucketingProfile profile, Rollout rollout, VariantSplit split, String id) {
    if (split != null) {
      return profile.variant(split, id).map(Variant::name).orElse("(none)");
    }
    return Boolean.toString(profile.isEnabled(rollout, id));
  }

  /** Returns the share of ids whose decision changes. */
  public double share() {
    return users == 0 ? 0 : (double) changed / users;
  }

  /** Returns the lines a person reads. */
  public String describe() {
    StringBuilder text =
        new StringBuilder()
            .append("from       ")
            .append(from)
            .append('\n')
            .append("to         ")
            .append(to)
            .append('\n')
            .append("decision   ")
            .append(setting)
            .append('\n')
            .append("ids        ")
            .append(ids)
            .append('\n')
            .append(
                String.format(
                    Locale.ROOT,
                    "changed    %,d of %,d = %.3f%% (99.9%% CI %.3f%% .. %.3f%%)\n",
                    changed,
                    users,
                    100 * share(),
                    100 * low,
                    100 * high))
            .append("groups     old -> new: count\n");
    groups.forEach(
        (old, row) ->
            row.forEach(
                (now, count) ->
                    text.append(
                        String.format(
                            Locale.ROOT,
                            "           %s -> %s: %,d%s\n",
                            old,
                            now,
                            count,
                            old.equals(now) ? "" : "  (changed)"))));
    return text.toString();
  }

  private static String describe(VariantSplit split) {
    StringBuilder text = new StringBuilder(split.flagKey()).append(' ');
    for (int i = 0; i < split.variants().size(); i++) {
      Variant variant = split.variants().get(i);
      text.append(i == 0 ? "" : ",").append(variant.name()).append(':').append(variant.weight());
    }
    return text.toString();
  }
}
