package dev.bucketproof.spark;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.audit.AuditSettings;
import dev.bucketproof.reports.audit.AuditedBucketer;
import dev.bucketproof.reports.statistics.Statistics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a Spark audit of ids runs ({@link SparkAudit#auditIds}), in a form Spark can ship to its
 * executors: the hashers by name, the bucket count, the audited flag and the gates' level, the
 * options {@code report --ids} takes. Each side builds the same bucketers and {@link AuditSettings}
 * from it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param source the population's name in the report, such as {@code users.parquet}
 * @param hashers the hashers' names ({@link IdHashers#byName}); empty for every hasher
 * @param buckets the bucket count, within [1, {@value AuditedBucketer#MAX_BUCKET_COUNT}]
 * @param flagKey the flag the ids are bucketed for
 * @param alpha the level of each gate, in (0, 1)
 */
public record SparkIdsSettings(
    String source, List<String> hashers, int buckets, String flagKey, double alpha)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Validates the components on the driver.
   *
   * @throws IllegalArgumentException if a hasher is unknown, the bucket count is out of range, the
   *     flag key is empty or alpha is outside (0, 1)
   */
  public SparkIdsSettings {
    Objects.requireNonNull(source, "source");
    hashers = List.copyOf(hashers);
    Objects.requireNonNull(flagKey, "flagKey");
    if (buckets < 1 || buckets > AuditedBucketer.MAX_BUCKET_COUNT) {
      throw new IllegalArgumentException(
          "buckets must be within [1, " + AuditedBucketer.MAX_BUCKET_COUNT + "]: " + buckets);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be within (0, 1): " + alpha);
    }
    hashers.forEach(IdHashers::byName);
    AuditSettings.defaults().withFlagKey(flagKey);
  }

  /** Returns the settings of {@code report --ids}: every hasher, 100 buckets, alpha 0.0005. */
  public static SparkIdsSettings of(String source) {
    return new SparkIdsSettings(
        source, List.of(), 100, AuditSettings.DEFAULT_FLAG_KEY, Statistics.ALPHA);
  }

  /** Returns these settings with only the named hashers. */
  public SparkIdsSettings withHashers(List<String> names) {
    return new SparkIdsSettings(source, names, buckets, flagKey, alpha);
  }

  /** Returns these settings with {@code count} buckets. */
  public SparkIdsSettings withBuckets(int count) {
    return new SparkIdsSettings(source, hashers, count, flagKey, alpha);
  }

  /** Returns these settings auditing flag {@code key}. */
  public SparkIdsSettings withFlagKey(String key) {
    return new SparkIdsSettings(source, hashers, buckets, key, alpha);
  }

  /** Returns these settings with each gate at level {@code level}. */
  public SparkIdsSettings withAlpha(double level) {
    return new SparkIdsSettings(source, hashers, buckets, flagKey, level);
  }

  /** Returns the audited bucketers, built as {@code report --ids} builds them. */
  public List<AuditedBucketer> targets() {
    List<IdHasher> chosen = new ArrayList<>();
    hashers.forEach(name -> chosen.add(IdHashers.byName(name)));
    if (chosen.isEmpty()) {
      chosen.addAll(IdHashers.all());
    }
    List<AuditedBucketer> targets = new ArrayList<>();
    for (IdHasher hasher : chosen) {
      targets.add(
          AuditedBucketer.of(Bucketer.builder().hasher(hasher).bucketCount(buckets).build()));
    }
    return targets;
  }

  /** Returns the audit's settings: this flag and alpha, the command line's defaults otherwise. */
  public AuditSettings auditSettings() {
    return AuditSettings.defaults().withFlagKey(flagKey).withAlpha(alpha);
  }
}
