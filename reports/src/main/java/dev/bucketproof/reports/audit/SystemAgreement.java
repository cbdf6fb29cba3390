package dev.bucketproof.reports.audit;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.ProfileType;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.ids.IdSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How many users flip between two systems that users actually move between, for one population: the
 * share whose 30% rollout decision changes and the share whose 50/50 variant changes. The pairs are
 * upgrades and side-by-side SDKs (Unleash 9.x on a UTF-8 and on an ISO-8859-1 JVM to 12.x, flagd
 * 0.11 to 2026, flagd's rule to flagd-core's JavaScript hashing, the three GrowthBook encodings)
 * and bucketproof against each system (a migration). Each side gets the 50/50 split in its own
 * weight unit (LaunchDarkly 50,000/50,000, Optimizely 5,000/5,000 basis points).
 *
 * <p>Thread-safety: immutable.
 *
 * @param population the population's name
 * @param users the ids decided
 * @param pairs one row per pair, in {@link #pairs(String)} order
 */
public record SystemAgreement(String population, long users, List<Flips> pairs) {
  /** The agreement section decides at most this many ids of a generated population. */
  public static final long MAX_USERS = 100_000;

  /** The rollout every pair decides: 30%. */
  public static final int ROLLOUT_PERCENT = 30;

  /** Copies the list. */
  public SystemAgreement {
    Objects.requireNonNull(population, "population");
    pairs = List.copyOf(pairs);
  }

  /**
   * One pair's flips.
   *
   * @param from the profile users leave, labelled
   * @param to the profile users move to, labelled
   * @param rolloutChanged ids whose 30% rollout decision changes
   * @param variantChanged ids whose 50/50 variant changes
   */
  public record Flips(String from, String to, long rolloutChanged, long variantChanged) {}

  /** A pair of profiles that users move between. */
  public record Pair(BucketingProfile from, BucketingProfile to) {}

  /** Returns the pairs the report compares, with {@code flagKey} as each system's per-flag key. */
  public static List<Pair> pairs(String flagKey) {
    List<Pair> pairs = new ArrayList<>();
    BucketingProfile unleash = Profiles.byName(Profiles.UNLEASH);
    pairs.add(new Pair(Profiles.byName(Profiles.UNLEASH_9), unleash));
    pairs.add(
        new Pair(
            Profiles.byName(Profiles.UNLEASH_9, Map.of(Profiles.CHARSET, "ISO-8859-1")), unleash));
    pairs.add(new Pair(Profiles.byName(Profiles.FLAGD_0_11), Profiles.byName(Profiles.FLAGD)));
    pairs.add(
        new Pair(
            Profiles.byName(Profiles.FLAGD),
            Profiles.byName(Profiles.FLAGD, Map.of(Profiles.ENCODING, "imurmurhash"))));
    for (String[] encodings :
        new String[][] {{"js", "java"}, {"js", "kotlin"}, {"java", "kotlin"}}) {
      pairs.add(
          new Pair(
              Profiles.byName(Profiles.GROWTHBOOK, Map.of(Profiles.ENCODING, encodings[0])),
              Profiles.byName(Profiles.GROWTHBOOK, Map.of(Profiles.ENCODING, encodings[1]))));
    }
    for (BucketingProfile system : reportProfiles()) {
      if (!system.name().equals(Profiles.BUCKETPROOF)) {
        pairs.add(new Pair(Bucketer.standard(), system));
      }
    }
    return pairs;
  }

  /**
   * Returns one profile of each system with the parameters the report uses ({@link
   * ProfileType#reportDefaults}: LaunchDarkly's salt {@code bucketproof} and Split's seed 1, the
   * report's own choices, since each team's flags have their own), in the registry's order.
   */
  public static List<BucketingProfile> reportProfiles() {
    return Profiles.types().stream().map(ProfileType::reportProfile).toList();
  }

  /**
   * Decides every id of {@code source} under every pair.
   *
   * @throws IOException if reading the ids fails
   */
  public static SystemAgreement run(IdSource source, String flagKey, List<Pair> pairs)
      throws IOException {
    Rollout rollout = Rollout.ofPercent(flagKey, ROLLOUT_PERCENT);
    long[] rolloutChanged = new long[pairs.size()];
    long[] variantChanged = new long[pairs.size()];
    long[] users = new long[1];
    List<VariantSplit[]> splits = new ArrayList<>();
    for (Pair pair : pairs) {
      splits.add(new VariantSplit[] {half(flagKey, pair.from()), half(flagKey, pair.to())});
    }
    source.forEachChunk(
        4096,
        chunk -> {
          for (int i = 0; i < chunk.size(); i++) {
            String id = chunk.id(i);
            users[0]++;
            for (int p = 0; p < pairs.size(); p++) {
              Pair pair = pairs.get(p);
              if (pair.from().isEnabled(rollout, id) != pair.to().isEnabled(rollout, id)) {
                rolloutChanged[p]++;
              }
              String before =
                  pair.from().variant(splits.get(p)[0], id).map(Variant::name).orElse("(none)");
              String after =
                  pair.to().variant(splits.get(p)[1], id).map(Variant::name).orElse("(none)");
              if (!before.equals(after)) {
                variantChanged[p]++;
              }
            }
          }
        });
    List<Flips> flips = new ArrayList<>();
    for (int p = 0; p < pairs.size(); p++) {
      flips.add(
          new Flips(
              Profiles.label(pairs.get(p).from()),
              Profiles.label(pairs.get(p).to()),
              rolloutChanged[p],
              variantChanged[p]));
    }
    return new SystemAgreement(source.name(), users[0], flips);
  }

  /** Returns a 50/50 split of control and treatment in {@code profile}'s weight unit. */
  static VariantSplit half(String flagKey, BucketingProfile profile) {
    int weight = profile.weightTotal() / 2;
    return VariantSplit.of(
        flagKey, new Variant("control", weight), new Variant("treatment", weight));
  }
}
