package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.HashFamily;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import dev.bucketproof.bucketing.VariantAssigner;
import dev.bucketproof.bucketing.VariantSplit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The candidate rules the project knows without a compatibility profile: every hash family of
 * {@link IdHashers#all()}, salted ({@code flagKey + ":" + userId}, seed 0) and unsalted ({@code
 * userId} alone, seed 0), bucket {@code unsigned(hash) mod N}, variants by cumulative weights over
 * a hash with seed {@value Bucketer#DEFAULT_VARIANT_SEED}.
 *
 * <p>Hashers of one family agree bit for bit on every input (the properties module holds them to
 * it), so one rule per family stands for all of its hashers and names them: 3 families x 2 = 6
 * rules for the 5 hashers. The unsalted {@code murmur3_x86_32_js} rule is the seed-style {@code
 * murmurhash.v3(userId) % 100 < rollout} of the npm package {@code murmurhash-js}. The
 * compatibility profiles follow (Unleash, Optimizely, flagd, GrowthBook: the ones that need no
 * parameter); LaunchDarkly and Split need a per-flag salt or seed, given in FLAGS.json.
 *
 * <p>Thread-safety: immutable.
 */
public final class CandidateRules {
  private static final List<CandidateRule> BUILT_IN = build();

  private CandidateRules() {}

  /**
   * Returns the built-in rules: salted, then unsalted, each in the order of {@link
   * IdHashers#all()}'s families; then every compatibility profile that needs no parameter (see
   * {@link ProfileRule}).
   */
  public static List<CandidateRule> builtIn() {
    return BUILT_IN;
  }

  /**
   * Returns the rule of {@code bucketer}: its hasher, seeds and salting.
   *
   * @param name the rule's name in the report
   * @throws NullPointerException if an argument is null
   */
  public static CandidateRule of(String name, String description, Bucketer bucketer) {
    return new BucketerRule(name, description, bucketer);
  }

  private static List<CandidateRule> build() {
    Map<HashFamily, List<IdHasher>> families = new LinkedHashMap<>();
    for (IdHasher hasher : IdHashers.all()) {
      families.computeIfAbsent(hasher.family(), family -> new ArrayList<>()).add(hasher);
    }
    List<CandidateRule> rules = new ArrayList<>();
    for (boolean salted : new boolean[] {true, false}) {
      families.forEach(
          (family, hashers) -> {
            String members = hashers.stream().map(IdHasher::name).collect(Collectors.joining(", "));
            Bucketer.Builder builder = Bucketer.builder().hasher(hashers.get(0));
            if (!salted) {
              builder.unsalted();
            }
            String key = salted ? "flagKey + \":\" + userId" : "userId";
            String name = (salted ? "salted " : "unsalted ") + family;
            String description = family + "(" + key + ", seed 0) mod N (hashers: " + members + ")";
            if (!salted && hashers.get(0) == IdHashers.murmur3_x86_32_js()) {
              description =
                  "seed-style murmurhash-js: murmurhash.v3(userId) % N < rollout (hashers: "
                      + members
                      + ")";
            }
            rules.add(new BucketerRule(name, description, builder.build()));
          });
    }
    rules.addAll(ProfileRule.parameterless());
    return List.copyOf(rules);
  }

  /** A rule made of a {@link Bucketer} with one bucket count per flag. */
  private static final class BucketerRule implements CandidateRule {
    private final String name;
    private final String description;
    private final Bucketer bucketer;

    BucketerRule(String name, String description, Bucketer bucketer) {
      this.name = Objects.requireNonNull(name, "name");
      this.description = Objects.requireNonNull(description, "description");
      this.bucketer = Objects.requireNonNull(bucketer, "bucketer");
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public FlagRule forFlag(String flagKey, int bucketCount, Rollout rollout, VariantSplit split) {
      Bucketer sized = bucketer.bucketCount() == bucketCount ? bucketer : rebuild(bucketCount);
      var buckets = sized.forFlag(flagKey);
      RolloutGate gate =
          rollout == null || (long) rollout.basisPoints() * bucketCount % Rollout.FULL != 0
              ? null
              : sized.rollout(new Rollout(flagKey, rollout.basisPoints()));
      VariantAssigner assigner = split == null ? null : sized.variants(split);
      // The variant hash (variant seed) mod bucketCount: a bucketer whose rollout seed is the
      // variant seed.
      var variantBuckets =
          withSeeds(bucketCount, sized.variantSeed(), sized.seed()).forFlag(flagKey);
      return new FlagRule() {
        @Override
        public int bucketCount() {
          return bucketCount;
        }

        @Override
        public int bucket(String userId) {
          return buckets.bucket(userId);
        }

        @Override
        public Boolean enabled(String userId) {
          return gate == null ? null : gate.isEnabled(userId);
        }

        @Override
        public String variant(String userId) {
          return assigner == null ? null : assigner.variant(userId).name();
        }

        @Override
        public int variantBucket(String userId) {
          return variantBuckets.bucket(userId);
        }
      };
    }

    private Bucketer rebuild(int bucketCount) {
      return withSeeds(bucketCount, bucketer.seed(), bucketer.variantSeed());
    }

    private Bucketer withSeeds(int bucketCount, int seed, int variantSeed) {
      Bucketer.Builder builder =
          Bucketer.builder()
              .hasher(bucketer.hasher())
              .bucketCount(bucketCount)
              .seed(seed)
              .variantSeed(variantSeed);
      return (bucketer.isSalted() ? builder.salted() : builder.unsalted()).build();
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
