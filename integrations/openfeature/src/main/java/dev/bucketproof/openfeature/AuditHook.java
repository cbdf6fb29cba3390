package dev.bucketproof.openfeature;

import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.openfeature.AuditListener.ConflictAlarm;
import dev.bucketproof.openfeature.AuditListener.SrmAlarm;
import dev.bucketproof.reports.assignments.EvaluationSnapshot;
import dev.bucketproof.reports.assignments.FlagSettings;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.Hook;
import dev.openfeature.sdk.HookContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * An OpenFeature {@link Hook} that audits every flag evaluation while the service runs: it counts
 * each flag's outcomes (the variant, or the value when the provider names no variant) and, on a
 * background thread, tests them against the flag's configured weights with the anytime-valid
 * sequential SRM test (and the fixed-n chi-square), checks that sampled users keep their outcome,
 * and optionally that sampled evaluations follow a named bucketproof profile's rule.
 *
 * <pre>{@code
 * AuditHook audit = new AuditHook(AuditHookSettings.defaults().withFlagsFile(Path.of("flags.json")));
 * OpenFeatureAPI.getInstance().addHooks(audit);     // every client, every provider
 * ...
 * audit.snapshot().write(Path.of("snapshots/" + instanceId + ".json"));  // report --snapshots
 * audit.close();
 * }</pre>
 *
 * <p>On the evaluating thread ({@link #finallyAfter}) the hook does only this: one lookup of the
 * flag, a scan of its outcome slots, one striped counter increment, one murmur3 hash of the
 * targeting key and, for the sampled users (1/16 by default), one slot of a lock-free ring. It
 * takes no lock, allocates nothing once a flag's outcomes are known, and never throws: a failure is
 * counted ({@link #hookFailures()}) and the evaluation goes on unchanged. Cost: see {@code
 * AuditHookBenchmark} (docs/openfeature.md).
 *
 * <p>Memory is bounded by {@link AuditHookSettings}, never by evaluations or users.
 *
 * <p>Thread-safety: safe for any number of evaluating threads; {@link #check}, {@link #snapshot}
 * and {@link #statuses} serialise on one lock that evaluating threads never take.
 */
public final class AuditHook implements Hook<Object>, AutoCloseable {
  private static final IdHasher HASHER = IdHashers.murmur3_x86_32();

  private final AuditHookSettings settings;
  private final ConcurrentHashMap<String, FlagCounters> flags = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<FlagCounters> flagsByIndex;
  private final Object registration = new Object();
  private int registered; // guarded by registration
  private final SampleRing ring;
  private volatile int sampleLevel;
  private final LongAdder untracked = new LongAdder();
  private final LongAdder hookFailures = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder listenerFailures = new LongAdder();
  private final LongAdder checkFailures = new LongAdder();
  private final Object checkLock = new Object();
  private final List<FlagChecks> checks = new ArrayList<>(); // guarded by checkLock
  private long sampledEntries; // guarded by checkLock
  private AssignmentsExport export; // guarded by checkLock
  private final ScheduledExecutorService scheduler;

  /**
   * Returns a hook auditing with {@code settings}; with a non-zero check period it starts one
   * daemon thread, {@code bucketproof-audit}, stopped by {@link #close()}.
   *
   * @throws NullPointerException if {@code settings} is null
   */
  // the scheduled check catches every failure itself (checkQuietly) instead of ending in its future
  @SuppressWarnings("FutureReturnValueIgnored")
  public AuditHook(AuditHookSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.flagsByIndex = new AtomicReferenceArray<>(settings.maxFlags());
    this.ring = new SampleRing(settings.ringCapacity());
    this.sampleLevel = settings.sampleLevel();
    for (String flagKey : settings.flags().keySet()) {
      register(flagKey);
    }
    if (settings.checkPeriod().isZero()) {
      scheduler = null;
    } else {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "bucketproof-audit");
                thread.setDaemon(true);
                return thread;
              });
      long period = settings.checkPeriod().toNanos();
      scheduler.scheduleWithFixedDelay(this::checkQuietly, period, period, TimeUnit.NANOSECONDS);
    }
  }

  /** Records the evaluation; never throws, never changes it. */
  @Override
  public void finallyAfter(
      HookContext<Object> context,
      FlagEvaluationDetails<Object> details,
      Map<String, Object> hints) {
    try {
      EvaluationContext evaluation = context.getCtx();
      String targetingKey = evaluation == null ? null : evaluation.getTargetingKey();
      if (details.getErrorCode() != null) {
        recordError(context.getFlagKey());
        return;
      }
      String variant = details.getVariant();
      record(context.getFlagKey(), targetingKey, variant != null ? variant : details.getValue());
    } catch (Throwable failure) {
      hookFailures.increment();
    }
  }

  /**
   * Records one evaluation of {@code flagKey} for {@code targetingKey} (null: counted, not sampled)
   * with {@code outcome} (the variant name, or the value). Lock-free and allocation-free once the
   * flag and outcome have been seen.
   *
   * @throws NullPointerException if {@code flagKey} or {@code outcome} is null
   */
  public void record(String flagKey, String targetingKey, Object outcome) {
    Objects.requireNonNull(outcome, "outcome");
    FlagCounters flag = flags.get(flagKey);
    if (flag == null && (flag = register(flagKey)) == null) {
      untracked.increment();
      return;
    }
    int slot = flag.slot(outcome);
    flag.count(slot);
    if (targetingKey != null && slot >= 0) {
      int level = sampleLevel;
      int hash = (int) HASHER.hash(targetingKey, EvaluationSnapshot.SAMPLE_SEED);
      if ((level == 0 || hash >>> (32 - level) == 0)
          && !ring.offer(flag.index, slot, hash, targetingKey)) {
        dropped.increment();
      }
    }
  }

  private void recordError(String flagKey) {
    FlagCounters flag = flags.get(flagKey);
    if (flag == null && (flag = register(flagKey)) == null) {
      untracked.increment();
      return;
    }
    flag.errors.increment();
  }

  /** Returns the counters of a new flag, or null when {@code maxFlags} are counted already. */
  private FlagCounters register(String flagKey) {
    Objects.requireNonNull(flagKey, "flagKey");
    synchronized (registration) {
      FlagCounters known = flags.get(flagKey);
      if (known != null) {
        return known;
      }
      if (registered == settings.maxFlags()) {
        return null;
      }
      FlagSettings configured = settings.flags().getOrDefault(flagKey, FlagSettings.NONE);
      FlagCounters counters =
          new FlagCounters(
              flagKey,
              registered,
              List.copyOf(configured.weights().keySet()),
              settings.maxOutcomes());
      flagsByIndex.set(registered, counters);
      registered++;
      flags.put(flagKey, counters);
      return counters;
    }
  }

  /**
   * Drains the sampled evaluations and runs every flag's checks now, on the calling thread; alarms
   * fire from here. The background thread calls it every check period.
   */
  public void check() {
    synchronized (checkLock) {
      Consumer<Object> alarm = this::fire;
      ring.drain(
          (flag, slot, hash, targetingKey) -> sampled(flag, slot, hash, targetingKey, alarm));
      for (FlagChecks flag : checksUpTo()) {
        flag.look(alarm);
      }
    }
  }

  private void checkQuietly() {
    try {
      check();
    } catch (Throwable failure) {
      checkFailures.increment();
    }
  }

  /** Returns the checks of every registered flag, creating the missing ones. */
  private List<FlagChecks> checksUpTo() {
    int count;
    synchronized (registration) {
      count = registered;
    }
    while (checks.size() < count) {
      FlagCounters counters = flagsByIndex.get(checks.size());
      checks.add(
          new FlagChecks(
              counters,
              settings.flags().getOrDefault(counters.flagKey, FlagSettings.NONE),
              settings));
    }
    return checks;
  }

  private void sampled(
      int flagIndex, int slot, int hash, String targetingKey, Consumer<Object> alarm) {
    while (checks.size() <= flagIndex) {
      checksUpTo();
    }
    int level = sampleLevel;
    if (level != 0 && hash >>> (32 - level) != 0) {
      return; // sampled before the level rose
    }
    long key = (long) hash << 32 | HASHER.hash(targetingKey, EvaluationSnapshot.KEY_SEED);
    FlagChecks flag = checks.get(flagIndex);
    int before = flag.users.size();
    if (flag.sampled(key, slot, targetingKey, alarm) && export != null) {
      export.add(targetingKey, flag.counters.flagKey, flag.counters.name(slot));
    }
    sampledEntries += flag.users.size() - before;
    while (sampledEntries > settings.sampleCapacity() && sampleLevel < 31) {
      int raised = sampleLevel + 1;
      sampleLevel = raised;
      sampledEntries = 0;
      for (FlagChecks each : checks) {
        each.retain(raised);
        sampledEntries += each.users.size();
      }
    }
  }

  private void fire(Object alarm) {
    for (AuditListener listener : settings.listeners()) {
      try {
        if (alarm instanceof SrmAlarm srm) {
          listener.sampleRatioMismatch(srm);
        } else {
          listener.conflict((ConflictAlarm) alarm);
        }
      } catch (RuntimeException failure) {
        listenerFailures.increment();
      }
    }
  }

  /** Returns each flag's status at the last check, in order of first evaluation. */
  public List<FlagStatus> statuses() {
    synchronized (checkLock) {
      List<FlagStatus> statuses = new ArrayList<>();
      for (FlagChecks flag : checksUpTo()) {
        statuses.add(flag.status(sampleLevel));
      }
      return statuses;
    }
  }

  /** Returns the status of {@code flagKey} at the last check, or null if it was never counted. */
  public FlagStatus status(String flagKey) {
    FlagCounters counters = flags.get(flagKey);
    if (counters == null) {
      return null;
    }
    synchronized (checkLock) {
      return checksUpTo().get(counters.index).status(sampleLevel);
    }
  }

  /** Returns the evaluations of {@code outcome} of {@code flagKey} so far, without locking. */
  public long evaluations(String flagKey, String outcome) {
    FlagCounters counters = flags.get(flagKey);
    if (counters == null) {
      return 0;
    }
    for (int i = 0; i < counters.slots(); i++) {
      String name = counters.name(i);
      if (name == null) {
        break;
      }
      if (name.equals(outcome)) {
        return counters.countOf(i);
      }
    }
    return 0;
  }

  /**
   * Drains the ring and returns the counts so far as a snapshot that merges with other instances'
   * ({@code report --snapshots DIR} audits a directory of them).
   */
  public EvaluationSnapshot snapshot() {
    synchronized (checkLock) {
      check();
      List<EvaluationSnapshot.FlagCounts> flagCounts = new ArrayList<>();
      int level = sampleLevel;
      for (FlagChecks flag : checks) {
        Map<String, Long> outcomes = flag.counters.counts();
        long overflow = flag.counters.overflow.sum();
        long evaluations = overflow;
        for (long count : outcomes.values()) {
          evaluations += count;
        }
        Map<String, String> users = new TreeMap<>();
        List<String> conflicted = new ArrayList<>();
        flag.users.forEach(
            (key, value) -> {
              if (value < 0) {
                conflicted.add(EvaluationSnapshot.formatKey(key));
              } else {
                users.put(EvaluationSnapshot.formatKey(key), flag.counters.name(value - 1));
              }
            });
        Map<String, EvaluationSnapshot.RuleCheck> rules = new TreeMap<>();
        if (flag.profileName() != null) {
          rules.put(
              flag.profileName(),
              new EvaluationSnapshot.RuleCheck(flag.ruleCompared, flag.ruleMatched));
        }
        flagCounts.add(
            new EvaluationSnapshot.FlagCounts(
                flag.counters.flagKey,
                evaluations,
                flag.counters.errors.sum(),
                overflow,
                outcomes,
                level,
                users,
                conflicted,
                rules,
                flag.examples.subList(
                    0, Math.min(flag.examples.size(), EvaluationSnapshot.EXAMPLES_KEPT))));
      }
      return new EvaluationSnapshot(EvaluationSnapshot.FORMAT, flagCounts);
    }
  }

  /**
   * Writes the sampled assignments every {@code period} into {@code directory}, as JSON lines that
   * {@code report --assignments} reads ({@code {"user": ..., "flag": ..., "variant": ...}}): one
   * row per sampled user and flag at its first evaluation, and one more at its first change of
   * outcome (so the audit sees the conflict). Each period's rows go to a new file, {@code
   * PREFIX-000001.jsonl}, {@code PREFIX-000002.jsonl}, ..., written whole or not at all; at most
   * {@code maxRows} rows a period are kept, further ones are counted ({@link
   * AssignmentsExport#droppedRows()}). Closing the returned export writes the last file and stops.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the period is not positive, {@code maxRows} is below 1, or
   *     the prefix is empty or has a path separator
   * @throws IllegalStateException if an export is running already
   */
  public AssignmentsExport exportAssignments(
      Path directory, String prefix, Duration period, int maxRows) {
    synchronized (checkLock) {
      if (export != null && !export.closed()) {
        throw new IllegalStateException("an assignments export is running already: " + export);
      }
      export = new AssignmentsExport(this, directory, prefix, period, maxRows);
      return export;
    }
  }

  /** Drains the ring and hands the export's rows over (for {@link AssignmentsExport}). */
  List<AssignmentsExport.Row> takeExportRows(AssignmentsExport from) {
    synchronized (checkLock) {
      check();
      return from.take();
    }
  }

  /** Returns the evaluations whose failure inside the hook was swallowed. */
  public long hookFailures() {
    return hookFailures.sum();
  }

  /** Returns the alarms a listener threw on. */
  public long listenerFailures() {
    return listenerFailures.sum();
  }

  /** Returns the background checks that failed. */
  public long checkFailures() {
    return checkFailures.sum();
  }

  /** Returns the sampled evaluations not checked because the ring was full. */
  public long droppedSamples() {
    return dropped.sum();
  }

  /** Returns the evaluations of flags beyond {@code maxFlags}, counted together. */
  public long untrackedEvaluations() {
    return untracked.sum();
  }

  /** Returns the current sample: 1/2^level of targeting keys. */
  public int sampleLevel() {
    return sampleLevel;
  }

  /** Returns the settings. */
  public AuditHookSettings settings() {
    return settings;
  }

  /** Stops the background thread after one last check; the hook keeps counting. */
  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    checkQuietly();
  }
}
