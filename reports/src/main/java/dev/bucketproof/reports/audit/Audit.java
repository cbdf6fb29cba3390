package dev.bucketproof.reports.audit;

import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.reports.ids.IdFile;
import dev.bucketproof.reports.ids.IdSource;
import dev.bucketproof.reports.ids.LineReport;
import dev.bucketproof.reports.statistics.Independence;
import dev.bucketproof.reports.statistics.ModuloBias;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.statistics.SaltMetaTest;
import dev.bucketproof.reports.statistics.Uniformity;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The distribution audit engine: streams a population once through several bucketers and measures
 * how they spread it.
 *
 * <p>Memory is O(bucketers x buckets) and never O(users): ids are generated or read in chunks of
 * {@value #CHUNK_SIZE}, at most two chunks per thread are in flight, and each chunk is reduced to
 * counters at once. Chunks are merged in population order, so the result is the same for any number
 * of threads.
 *
 * <pre>{@code
 * PopulationFindings audit = Audit.run(Population.of(IdShape.EMAIL, 1_000_000),
 *     List.of(AuditedBucketer.of(Bucketer.standard())), AuditSettings.defaults());
 * audit.gates().forEach(gate -> System.out.println(gate.describe()));
 * }</pre>
 *
 * <p>Thread-safety: stateless; each run uses its own threads.
 */
public final class Audit {
  /** Ids per chunk. */
  public static final int CHUNK_SIZE = 8192;

  /** Disagreement examples kept per pair of bucketers. */
  public static final int EXAMPLES = 5;

  private Audit() {}

  /**
   * Audits {@code source} with every target.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code targets} is empty
   * @throws IOException if reading the ids fails
   */
  public static PopulationFindings run(
      IdSource source, List<AuditedBucketer> targets, AuditSettings settings) throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(settings, "settings");
    if (Objects.requireNonNull(targets, "targets").isEmpty()) {
      throw new IllegalArgumentException("targets must not be empty");
    }
    Plan plan = new Plan(targets, settings);
    if (source instanceof IdFile file && Files.isRegularFile(file.path())) {
      // a pipe, a device or a directory has no size to split: it goes through the stream below
      return FileAudit.run(file, plan, settings);
    }
    long expected = source.expectedSize();
    Merged total = new Merged(plan.empty());
    Optional<LineReport> lines;
    try (InOrder<AuditCounts> chunks =
        new InOrder<>(
            settings.threads(),
            "bucketproof-audit",
            counts -> {
              total.add(counts);
              settings.progress().update(total.counts.users(), expected);
            },
            () -> {})) {
      lines =
          source.forEachChunk(
              CHUNK_SIZE, chunk -> chunks.submit(() -> plan.tally(chunk).toCounts()));
      chunks.finish();
    }
    return plan.result(source, total.counts, lines.orElse(null));
  }

  /**
   * The audit of ids in parts, for an engine that splits the ids itself (the partitions of a Spark
   * job, say): each part counts consecutive ids into {@link AuditCounts}, given the index of its
   * first id among all the ids; the parts' counts merge in any order ({@link AuditCounts#merge});
   * {@link #findings} reads the gates from the total. Counted this way, a population gives the
   * counts and findings that {@link Audit#run} gives for the same ids in the same order (the salt
   * meta-test counts the ids whose index is below {@link AuditSettings#saltUsers()}).
   *
   * <pre>{@code
   * Audit.Parts parts = Audit.Parts.of(targets, settings);
   * AuditCounts total = parts.empty();
   * total = total.merge(parts.count(0, firstPartIds.iterator()));
   * total = total.merge(parts.count(firstPartSize, secondPartIds.iterator()));
   * PopulationFindings findings = parts.findings("users", "2 parts of ids", total, null);
   * }</pre>
   *
   * <p>Thread-safety: immutable; {@link #count} may run on several threads at once.
   */
  public static final class Parts {
    private final Plan plan;

    private Parts(Plan plan) {
      this.plan = plan;
    }

    /**
     * Returns the parts of an audit of {@code targets} with {@code settings}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code targets} is empty
     */
    public static Parts of(List<AuditedBucketer> targets, AuditSettings settings) {
      Objects.requireNonNull(settings, "settings");
      if (Objects.requireNonNull(targets, "targets").isEmpty()) {
        throw new IllegalArgumentException("targets must not be empty");
      }
      return new Parts(new Plan(targets, settings));
    }

    /** Returns the counts of no id: the identity of {@link AuditCounts#merge} for these targets. */
    public AuditCounts empty() {
      return plan.empty();
    }

    /**
     * Counts {@code ids}, whose first has index {@code firstIndex} among all the ids (0-based).
     *
     * @throws IllegalArgumentException if {@code firstIndex} is negative, or an id is null or empty
     */
    public AuditCounts count(long firstIndex, Iterator<String> ids) {
      if (firstIndex < 0) {
        throw new IllegalArgumentException("firstIndex must be >= 0: " + firstIndex);
      }
      Tally tally = new Tally(plan, firstIndex < plan.settings.saltUsers());
      long index = firstIndex;
      while (ids.hasNext()) {
        String id = ids.next();
        if (id == null || id.isEmpty()) {
          throw new IllegalArgumentException(
              "id " + index + " is " + (id == null ? "null" : "empty") + ": ids must be non-empty");
        }
        plan.add(tally, index++, id, null, 0, 0, true);
      }
      return tally.toCounts();
    }

    /**
     * Returns the findings the gates read from {@code total}, the merged counts of every id; {@code
     * lines}: how the input's lines were used, or null when the ids did not come from lines.
     */
    public PopulationFindings findings(
        String name, String description, AuditCounts total, LineReport lines) {
      return plan.result(name, description, total, lines);
    }
  }

  /** The running total of a run: chunk counts merged in as they complete, in population order. */
  static final class Merged {
    AuditCounts counts;

    Merged(AuditCounts identity) {
      this.counts = identity;
    }

    void add(AuditCounts chunk) {
      counts = counts.merge(chunk);
    }
  }

  /**
   * What to compute, prepared once per run: bucket functions per flag and the rollout thresholds.
   */
  static final class Plan {
    final List<AuditedBucketer> targets;
    final AuditSettings settings;
    final List<ToIntFunction<CharSequence>> flagA = new ArrayList<>();
    final List<ToIntFunction<CharSequence>> flagB = new ArrayList<>();
    final List<List<ToIntFunction<CharSequence>>> saltFlags = new ArrayList<>();
    final List<AuditedBucketer.Utf8Buckets> utf8FlagA = new ArrayList<>();
    final List<AuditedBucketer.Utf8Buckets> utf8FlagB = new ArrayList<>();
    final List<List<AuditedBucketer.Utf8Buckets>> utf8SaltFlags = new ArrayList<>();
    final int[][] thresholds; // [target][rollout], -1 when the bucket count cannot express it
    // [target] the target's own rollout decisions by rollout (an entry null when it cannot express
    // that rollout), or null for the threshold rule of thresholds[target]
    final List<List<Predicate<CharSequence>>> decisions = new ArrayList<>();
    final int[] half; // [target] threshold of 50%, -1 when not expressible
    final int[] saltBins; // [target] bins of the salt meta-test
    final int pairs;

    Plan(List<AuditedBucketer> targets, AuditSettings settings) {
      this.targets = List.copyOf(targets);
      this.settings = settings;
      int rollouts = settings.rolloutBasisPoints().size();
      thresholds = new int[targets.size()][rollouts];
      half = new int[targets.size()];
      saltBins = new int[targets.size()];
      for (int t = 0; t < targets.size(); t++) {
        AuditedBucketer target = targets.get(t);
        flagA.add(target.flags().apply(settings.flagKey()));
        flagB.add(target.flags().apply(settings.flagKey() + "/2"));
        utf8FlagA.add(target.utf8Flags().apply(settings.flagKey()));
        utf8FlagB.add(target.utf8Flags().apply(settings.flagKey() + "/2"));
        List<ToIntFunction<CharSequence>> salts = new ArrayList<>();
        List<AuditedBucketer.Utf8Buckets> utf8Salts = new ArrayList<>();
        for (int k = 0; k < settings.saltFlagCount(); k++) {
          salts.add(target.flags().apply(settings.flagKey() + "/salt-" + k));
          utf8Salts.add(target.utf8Flags().apply(settings.flagKey() + "/salt-" + k));
        }
        saltFlags.add(salts);
        utf8SaltFlags.add(utf8Salts);
        List<Predicate<CharSequence>> own = null;
        if (target.rollouts() != null) {
          own = new ArrayList<>();
          for (int r = 0; r < rollouts; r++) {
            own.add(
                target
                    .rollouts()
                    .apply(new Rollout(settings.flagKey(), settings.rolloutBasisPoints().get(r))));
          }
        }
        decisions.add(own);
        for (int r = 0; r < rollouts; r++) {
          thresholds[t][r] =
              own != null
                  ? -1
                  : threshold(settings.rolloutBasisPoints().get(r), target.bucketCount());
        }
        half[t] = threshold(5000, target.bucketCount());
        saltBins[t] = Math.min(target.bucketCount(), 100);
      }
      pairs = targets.size() * (targets.size() - 1) / 2;
    }

    private static int threshold(int basisPoints, int bucketCount) {
      long product = (long) basisPoints * bucketCount;
      return product % Rollout.FULL == 0 ? (int) (product / Rollout.FULL) : -1;
    }

    /**
     * The salt meta-test's bin of a bucket: the bucket itself, or one of 100 equal-width ranges.
     */
    int saltBin(int target, int bucket) {
      int bucketCount = targets.get(target).bucketCount();
      return (int) ((long) bucket * saltBins[target] / bucketCount);
    }

    /** Returns the identity of the merge for this plan's targets. */
    AuditCounts empty() {
      return new Tally(this, false).toCounts();
    }

    Tally tally(IdSource.Chunk chunk) {
      Tally tally = new Tally(this, chunk.start() < settings.saltUsers());
      for (int offset = 0; offset < chunk.size(); offset++) {
        add(tally, chunk.start() + offset, chunk.id(offset), null, 0, 0, true);
      }
      return tally;
    }

    /**
     * Counts one user into {@code tally}: the id as {@code text}, or when that is null as the UTF-8
     * bytes {@code bytes[offset, offset + length)}, hashed where they lie (the text is decoded only
     * for a kept disagreement example). {@code salt}: whether the user is one of the first that the
     * salt meta-test counts.
     */
    void add(
        Tally tally, long index, String text, byte[] bytes, int offset, int length, boolean salt) {
      int targetCount = targets.size();
      int[] buckets = tally.buckets;
      String decoded = text; // the id as text, decoded once when a target's own rule needs it
      for (int t = 0; t < targetCount; t++) {
        int bucketCount = targets.get(t).bucketCount();
        int bucket =
            text != null
                ? flagA.get(t).applyAsInt(text)
                : utf8FlagA.get(t).applyAsInt(bytes, offset, length);
        buckets[t] = bucket;
        if (bucket >= 0 && bucket < bucketCount) {
          tally.counts[t][bucket]++;
        } else {
          tally.outOfRange[t]++;
        }
        List<Predicate<CharSequence>> own = decisions.get(t);
        if (own == null) {
          int[] limits = thresholds[t];
          for (int r = 0; r < limits.length; r++) {
            if (bucket < limits[r]) {
              tally.enabled[t][r]++;
            }
          }
        } else {
          if (decoded == null) {
            decoded = IdEncoding.decodeUtf8(bytes, offset, length);
          }
          for (int r = 0; r < own.size(); r++) {
            Predicate<CharSequence> enables = own.get(r);
            if (enables != null && enables.test(decoded)) {
              tally.enabled[t][r]++;
            }
          }
        }
        if (half[t] >= 0) {
          int inA = bucket < half[t] ? 1 : 0;
          int bucketB =
              text != null
                  ? flagB.get(t).applyAsInt(text)
                  : utf8FlagB.get(t).applyAsInt(bytes, offset, length);
          int inB = bucketB < half[t] ? 1 : 0;
          tally.tables[t][inA][inB]++;
        }
        if (salt && index < settings.saltUsers()) {
          addSalt(tally, t, text, bytes, offset, length);
        }
      }
      int pair = 0;
      for (int first = 0; first < targetCount; first++) {
        for (int second = first + 1; second < targetCount; second++, pair++) {
          if (buckets[first] == buckets[second]) {
            tally.agreements[pair]++;
          } else if (tally.examples.get(pair).size() < EXAMPLES) {
            String id = text != null ? text : IdEncoding.decodeUtf8(bytes, offset, length);
            tally
                .examples
                .get(pair)
                .add(
                    new PopulationFindings.Disagreement(
                        index, id, buckets[first], buckets[second]));
          }
        }
      }
      tally.users++;
    }

    /**
     * Counts only the salt meta-test of one user, one of the first {@code saltUsers} (no user is
     * counted): for a file whose ranges are counted without it.
     */
    void addSalt(Tally tally, long index, byte[] bytes, int offset, int length) {
      if (index < settings.saltUsers()) {
        for (int t = 0; t < targets.size(); t++) {
          addSalt(tally, t, null, bytes, offset, length);
        }
      }
    }

    private void addSalt(Tally tally, int t, String text, byte[] bytes, int offset, int length) {
      int bucketCount = targets.get(t).bucketCount();
      List<ToIntFunction<CharSequence>> salts = saltFlags.get(t);
      List<AuditedBucketer.Utf8Buckets> utf8Salts = utf8SaltFlags.get(t);
      for (int k = 0; k < salts.size(); k++) {
        int saltBucket =
            text != null
                ? salts.get(k).applyAsInt(text)
                : utf8Salts.get(k).applyAsInt(bytes, offset, length);
        if (saltBucket >= 0 && saltBucket < bucketCount) {
          tally.saltCounts[t][k][saltBin(t, saltBucket)]++;
        }
      }
    }

    PopulationFindings result(IdSource source, AuditCounts total, LineReport lines) {
      return result(source.name(), source.description(), total, lines);
    }

    /**
     * Returns the findings that the gates read from {@code total}, the merged counts of every user.
     */
    PopulationFindings result(
        String name, String description, AuditCounts total, LineReport lines) {
      double alpha = settings.alpha();
      List<BucketerFindings> audits = new ArrayList<>();
      for (int t = 0; t < targets.size(); t++) {
        AuditedBucketer target = targets.get(t);
        AuditCounts.TargetCounts targetCounts = total.targets().get(t);
        long[] counts = targetCounts.buckets();
        long inRange = total.users() - targetCounts.outOfRange();
        Uniformity uniformity =
            counts.length >= 2 && inRange > 0 ? Uniformity.of(counts, alpha) : null;
        double expected = (double) inRange / counts.length;
        double largest = 0;
        for (long count : counts) {
          largest = Math.max(largest, expected == 0 ? 0 : Math.abs(count - expected) / expected);
        }
        List<RolloutAccuracy> rollouts = new ArrayList<>();
        List<Predicate<CharSequence>> own = decisions.get(t);
        for (int r = 0; r < thresholds[t].length; r++) {
          // the share the rollout asks for: a bucketer's threshold expresses it exactly; a
          // profile's own rule is held to the percentage it was given
          double share =
              own == null
                  ? (double) thresholds[t][r] / target.bucketCount()
                  : settings.rolloutBasisPoints().get(r) / (double) Rollout.FULL;
          if (own == null ? thresholds[t][r] >= 0 : own.get(r) != null) {
            String percent =
                new Rollout(settings.flagKey(), settings.rolloutBasisPoints().get(r))
                    .percent()
                    .toPlainString();
            rollouts.add(
                RolloutAccuracy.of(
                    percent, share, total.users(), targetCounts.enabled()[r], alpha));
          }
        }
        Independence independence =
            half[t] > 0 ? Independence.of(targetCounts.flagPair(), alpha) : null;
        SaltMetaTest salt = saltMetaTest(t, total, alpha);
        ModuloBias bias =
            target.hashBits() == 0 ? null : ModuloBias.of(target.hashBits(), target.bucketCount());
        audits.add(
            new BucketerFindings(
                name,
                target.name(),
                target.bucketCount(),
                total.users(),
                counts,
                targetCounts.outOfRange(),
                uniformity,
                largest,
                List.copyOf(rollouts),
                independence,
                salt,
                bias));
      }
      List<PopulationFindings.Agreement> agreements = new ArrayList<>();
      int pair = 0;
      for (int first = 0; first < targets.size(); first++) {
        for (int second = first + 1; second < targets.size(); second++, pair++) {
          agreements.add(
              new PopulationFindings.Agreement(
                  targets.get(first).name(),
                  targets.get(second).name(),
                  total.agreements()[pair],
                  total.users(),
                  total.examples().get(pair)));
        }
      }
      return new PopulationFindings(
          name, description, total.users(), lines, List.copyOf(audits), List.copyOf(agreements));
    }

    private SaltMetaTest saltMetaTest(int t, AuditCounts total, double alpha) {
      if (settings.saltFlagCount() < 2 || saltBins[t] < 2) {
        return null;
      }
      int bucketCount = targets.get(t).bucketCount();
      double[] shares = new double[saltBins[t]];
      for (int bucket = 0; bucket < bucketCount; bucket++) {
        shares[saltBin(t, bucket)] += 1.0 / bucketCount;
      }
      long saltUsers = Math.min(total.users(), settings.saltUsers());
      return SaltMetaTest.of(total.targets().get(t).salt(), shares, saltUsers, alpha);
    }
  }

  /** Counters of one chunk, or of the whole run once merged. */
  static final class Tally {
    long users;
    final long[][] counts;
    final long[] outOfRange;
    final long[][] enabled;
    final long[][][] tables;
    long[][][] saltCounts;
    final long[] agreements;
    final List<List<PopulationFindings.Disagreement>> examples = new ArrayList<>();
    final int[] buckets;
    private final Plan plan;

    Tally(Plan plan, boolean withSalt) {
      this.plan = plan;
      this.buckets = new int[plan.targets.size()];
      int targets = plan.targets.size();
      counts = new long[targets][];
      for (int t = 0; t < targets; t++) {
        counts[t] = new long[plan.targets.get(t).bucketCount()];
      }
      outOfRange = new long[targets];
      enabled = new long[targets][plan.settings.rolloutBasisPoints().size()];
      tables = new long[targets][2][2];
      if (withSalt) {
        saltCounts = newSaltCounts(plan);
      }
      agreements = new long[plan.pairs];
      for (int pair = 0; pair < plan.pairs; pair++) {
        examples.add(new ArrayList<>());
      }
    }

    private static long[][][] newSaltCounts(Plan plan) {
      long[][][] salt = new long[plan.targets.size()][][];
      for (int t = 0; t < salt.length; t++) {
        salt[t] = new long[plan.settings.saltFlagCount()][plan.saltBins[t]];
      }
      return salt;
    }

    /** Returns these counts as the value that merges; salt counts are zero when none were taken. */
    AuditCounts toCounts() {
      List<AuditCounts.TargetCounts> targets = new ArrayList<>(counts.length);
      for (int t = 0; t < counts.length; t++) {
        long[][] salt =
            saltCounts != null
                ? saltCounts[t]
                : new long[plan.settings.saltFlagCount()][plan.saltBins[t]];
        targets.add(
            new AuditCounts.TargetCounts(counts[t], outOfRange[t], enabled[t], tables[t], salt));
      }
      return new AuditCounts(users, targets, agreements, examples);
    }
  }
}
