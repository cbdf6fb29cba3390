package dev.bucketproof.openfeature;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.openfeature.AuditListener.ConflictAlarm;
import dev.bucketproof.openfeature.AuditListener.ConflictKind;
import dev.bucketproof.openfeature.AuditListener.SrmAlarm;
import dev.bucketproof.reports.assignments.EvaluationSnapshot;
import dev.bucketproof.reports.assignments.FlagSettings;
import dev.bucketproof.reports.statistics.SampleRatioMismatch;
import dev.bucketproof.reports.statistics.SequentialSrm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The checks of one flag, run on the checking thread: the sample ratio mismatch against the
 * configured weights (anytime-valid sequential test, running minimum over looks; and the fixed-n
 * chi-square of the current counts), the determinism of sampled users (one outcome per user), the
 * named profile's rule on sampled evaluations, and outcomes outside the weights.
 *
 * <p>Thread-safety: not thread-safe; confined to the checking thread (under the hook's lock).
 */
final class FlagChecks {
  final FlagCounters counters;
  final FlagSettings settings;
  private final VariantSplit split;
  private final Rollout rollout;
  private final double[] weights;
  private final SequentialSrm sequential;
  private final BucketingProfile profile;
  private final String profileName;
  private final double alpha;
  private final int examplesKept;

  /** Sampled user key to its first outcome's slot + 1, negated once the user got another. */
  final KeyTable users = new KeyTable();

  /** Sampled users per outcome slot, counted at their first outcome. */
  private final long[] userCounts;

  private final Set<ConflictKind> fired = EnumSet.noneOf(ConflictKind.class);
  final List<EvaluationSnapshot.Example> examples = new ArrayList<>();
  private double runningPValue = 1;
  private double fixedPValue = Double.NaN;
  private long srmAlarmAt = -1;
  private long lookedAt = -1;
  long conflicts;
  long ruleCompared;
  long ruleMatched;

  FlagChecks(FlagCounters counters, FlagSettings settings, AuditHookSettings hookSettings) {
    this.counters = counters;
    this.settings = settings;
    this.split = settings.split(counters.flagKey);
    this.rollout = settings.rollout(counters.flagKey);
    this.alpha = hookSettings.alpha();
    this.examplesKept = hookSettings.examplesKept();
    this.userCounts = new long[counters.slots()];
    if (split != null) {
      weights = new double[split.variants().size()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = split.variants().get(i).weight();
      }
      sequential = SequentialSrm.of(weights, hookSettings.concentration());
    } else {
      weights = null;
      sequential = null;
    }
    if (settings.profiles().isEmpty()) {
      profile = null;
      profileName = null;
    } else {
      Map.Entry<String, Map<String, String>> named =
          settings.profiles().entrySet().iterator().next();
      profile = Profiles.byName(named.getKey(), named.getValue());
      profileName = "profile " + Profiles.label(profile);
    }
  }

  /** Returns the name of the rule checked on sampled evaluations, or null. */
  String profileName() {
    return profileName;
  }

  /**
   * Checks one sampled evaluation: {@code key} is the user's 64-bit key, {@code slot} its outcome.
   * Returns whether it is news for the export: the user's first evaluation, or its first change.
   */
  boolean sampled(long key, int slot, String targetingKey, Consumer<Object> alarm) {
    int value = slot + 1;
    int earlier = users.get(key);
    boolean news = false;
    if (earlier == 0) {
      users.put(key, value);
      userCounts[slot]++;
      news = true;
    } else if (earlier > 0 && earlier != value) {
      news = true;
      users.put(key, -earlier);
      conflicts++;
      String before = counters.name(earlier - 1);
      String after = counters.name(slot);
      keep(ConflictKind.VARIANT_CHANGED, targetingKey, before, after);
      fire(ConflictKind.VARIANT_CHANGED, targetingKey, before, after, alarm);
    }
    if (profile != null) {
      // Every sampled evaluation, so that rule counts add up exactly across instances.
      String expected = expected(targetingKey);
      if (expected != null) {
        ruleCompared++;
        String observed = counters.name(slot);
        if (expected.equals(observed)) {
          ruleMatched++;
        } else {
          keep(ConflictKind.RULE_MISMATCH, targetingKey, expected, observed);
          fire(ConflictKind.RULE_MISMATCH, targetingKey, expected, observed, alarm);
        }
      }
    }
    if (split != null && slot >= weights.length) {
      String observed = counters.name(slot);
      String configured = settings.weights().keySet().toString();
      keep(ConflictKind.UNCONFIGURED_OUTCOME, targetingKey, configured, observed);
      fire(ConflictKind.UNCONFIGURED_OUTCOME, targetingKey, configured, observed, alarm);
    }
    return news;
  }

  /** Keeps the sampled users inside {@code level} and counts them again. */
  void retain(int level) {
    users.retain(userKey -> userKey >>> (64 - level) == 0);
    Arrays.fill(userCounts, 0);
    conflicts = 0;
    users.forEach(
        (key, value) -> {
          userCounts[Math.abs(value) - 1]++;
          if (value < 0) {
            conflicts++;
          }
        });
  }

  /** Returns the sampled users per outcome (counted at their first outcome), in slot order. */
  Map<String, Long> userCounts() {
    Map<String, Long> result = new LinkedHashMap<>();
    for (int i = 0; i < userCounts.length; i++) {
      String name = counters.name(i);
      if (name == null) {
        break;
      }
      result.merge(name, userCounts[i], Long::sum);
    }
    return result;
  }

  /** Returns what the named profile gives the user, as an outcome name, or null if it cannot. */
  private String expected(String targetingKey) {
    try {
      if (split != null) {
        return profile.variant(split, targetingKey).map(Variant::name).orElse("");
      }
      if (rollout != null) {
        return String.valueOf(profile.isEnabled(rollout, targetingKey));
      }
    } catch (IllegalArgumentException cannotExpress) {
      // A split the system cannot express (such as LaunchDarkly's weights in 1/100,000): no check.
    }
    return null;
  }

  private void keep(ConflictKind kind, String user, String expected, String observed) {
    if (examples.size() < examplesKept) {
      examples.add(new EvaluationSnapshot.Example(kind.name(), user, expected, observed));
    }
  }

  private void fire(
      ConflictKind kind, String user, String expected, String observed, Consumer<Object> alarm) {
    if (fired.add(kind)) {
      alarm.accept(
          new ConflictAlarm(kind, counters.flagKey, user, expected, observed, counters.total()));
    }
  }

  /**
   * Looks at the counts: the sample ratio mismatch tests on the sampled users (each counted once,
   * at its first outcome: a user evaluated many times is one observation, as the test assumes), and
   * outcomes outside the weights (on every evaluation).
   */
  void look(Consumer<Object> alarm) {
    if (split == null) {
      return;
    }
    long[] counts = Arrays.copyOf(userCounts, weights.length);
    for (int i = weights.length; i < counters.slots(); i++) {
      if (counters.name(i) == null) {
        break;
      }
      long count = counters.countOf(i);
      if (count > 0 && !fired.contains(ConflictKind.UNCONFIGURED_OUTCOME)) {
        String configured = settings.weights().keySet().toString();
        fire(
            ConflictKind.UNCONFIGURED_OUTCOME,
            "(not sampled)",
            configured,
            counters.name(i),
            alarm);
      }
    }
    long configuredTotal = Arrays.stream(counts).sum();
    if (configuredTotal == lookedAt || configuredTotal == 0) {
      return;
    }
    lookedAt = configuredTotal;
    runningPValue = Math.min(runningPValue, sequential.pValue(counts));
    fixedPValue = SampleRatioMismatch.of(counts, weights, alpha).pValue();
    if (srmAlarmAt < 0 && runningPValue <= alpha) {
      srmAlarmAt = counters.total();
      Map<String, Long> named = new LinkedHashMap<>();
      for (int i = 0; i < counts.length; i++) {
        named.put(split.variants().get(i).name(), counts[i]);
      }
      alarm.accept(
          new SrmAlarm(
              counters.flagKey,
              srmAlarmAt,
              configuredTotal,
              named,
              settings.weights(),
              runningPValue,
              fixedPValue,
              alpha));
    }
  }

  /** Returns this flag's status at the last look. */
  FlagStatus status(int sampleLevel) {
    Map<String, Long> counts = counters.counts();
    long evaluations = counters.overflow.sum();
    for (long count : counts.values()) {
      evaluations += count;
    }
    return new FlagStatus(
        counters.flagKey,
        evaluations,
        counters.errors.sum(),
        counters.overflow.sum(),
        counts,
        userCounts(),
        sequential == null ? Double.NaN : runningPValue,
        fixedPValue,
        srmAlarmAt,
        conflicts,
        profileName,
        ruleCompared,
        ruleMatched,
        Set.copyOf(fired),
        sampleLevel,
        users.size());
  }
}
