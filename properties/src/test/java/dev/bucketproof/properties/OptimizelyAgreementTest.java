package dev.bucketproof.properties;

import com.optimizely.ab.Optimizely;
import com.optimizely.ab.optimizelydecision.OptimizelyDecideOption;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.OptimizelyProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profile {@code optimizely} against core-api 4.2.2, through {@code
 * createUserContext(id).decide(flag)}: one datafile per rollout percentage (each flag's "everyone
 * else" rollout rule has the flag key as its id, with {@code endOfRange} = basis points) and one
 * with an A/B experiment per flag (experiment id = flag key, allocations by running weight). Events
 * are dropped; nothing reaches the network.
 */
@VerifiesProfiles("optimizely")
class OptimizelyAgreementTest {
  /** Weights in basis points: 50/50, 10/30/60, and 75% of traffic with a zero weight. */
  static final List<List<Integer>> WEIGHTS =
      List.of(List.of(5000, 5000), List.of(1000, 3000, 6000), List.of(2500, 0, 2500, 2500));

  private static final List<OptimizelyDecideOption> OPTIONS =
      List.of(OptimizelyDecideOption.DISABLE_DECISION_EVENT);

  private static final List<Optimizely> clients = new ArrayList<>();
  private static List<Agreement.Case> cases;

  @BeforeAll
  static void recordSdkDecisions() {
    List<Optimizely> rollouts = new ArrayList<>();
    for (int percent : Agreement.PERCENTS) {
      rollouts.add(client(rolloutDatafile(percent * 100)));
    }
    Optimizely experiments = client(experimentDatafile());
    cases = new ArrayList<>();
    for (String id : Agreement.ids()) {
      for (String flag : Agreement.FLAGS) {
        for (int p = 0; p < Agreement.PERCENTS.size(); p++) {
          cases.add(
              Agreement.Case.rollout(
                  Rollout.ofPercent(flag, Agreement.PERCENTS.get(p)),
                  id,
                  rollouts.get(p).createUserContext(id).decide(flag, OPTIONS).getEnabled()));
        }
      }
      for (int i = 0; i < Agreement.FLAGS.size(); i++) {
        String flag = Agreement.FLAGS.get(i);
        cases.add(
            Agreement.Case.variant(
                split(flag, WEIGHTS.get(i)),
                id,
                experiments.createUserContext(id).decide(flag, OPTIONS).getVariationKey()));
      }
    }
  }

  @AfterAll
  static void close() {
    clients.forEach(Optimizely::close);
  }

  private static Optimizely client(String datafile) {
    Optimizely optimizely =
        Optimizely.builder().withDatafile(datafile).withEventHandler(event -> {}).build();
    if (!optimizely.isValid()) {
      throw new IllegalStateException("Optimizely rejected the datafile: " + datafile);
    }
    clients.add(optimizely);
    return optimizely;
  }

  static VariantSplit split(String flag, List<Integer> weights) {
    List<Variant> variants = new ArrayList<>();
    for (int v = 0; v < weights.size(); v++) {
      variants.add(new Variant("v" + v, weights.get(v)));
    }
    return new VariantSplit(flag, variants);
  }

  private static String head() {
    return "{\"version\": \"4\", \"projectId\": \"10000\", \"accountId\": \"10000\", \"revision\": \"1\","
        + " \"anonymizeIP\": true, \"botFiltering\": false, \"sendFlagDecisions\": false, \"attributes\": [],"
        + " \"audiences\": [], \"typedAudiences\": [], \"events\": [], \"groups\": [], \"integrations\": [],";
  }

  private static String experiment(
      String id, String key, String layer, List<String> variations, List<Integer> ends) {
    List<String> variationJson = new ArrayList<>();
    List<String> allocations = new ArrayList<>();
    for (int v = 0; v < variations.size(); v++) {
      variationJson.add(
          "{\"id\": \""
              + id
              + "-"
              + variations.get(v)
              + "\", \"key\": \""
              + variations.get(v)
              + "\", \"featureEnabled\": true, \"variables\": []}");
      allocations.add(
          "{\"entityId\": \""
              + id
              + "-"
              + variations.get(v)
              + "\", \"endOfRange\": "
              + ends.get(v)
              + "}");
    }
    return "{\"id\": \""
        + id
        + "\", \"key\": \""
        + key
        + "\", \"status\": \"Running\", \"layerId\": \""
        + layer
        + "\", \"audienceIds\": [], \"audienceConditions\": [], \"variations\": ["
        + String.join(", ", variationJson)
        + "], \"trafficAllocation\": ["
        + String.join(", ", allocations)
        + "], \"forcedVariations\": {}}";
  }

  private static String rolloutDatafile(int basisPoints) {
    List<String> flags = new ArrayList<>();
    List<String> rollouts = new ArrayList<>();
    for (String flag : Agreement.FLAGS) {
      flags.add(
          "{\"id\": \"f-"
              + flag
              + "\", \"key\": \""
              + flag
              + "\", \"rolloutId\": \"r-"
              + flag
              + "\", \"experimentIds\": [], \"variables\": []}");
      rollouts.add(
          "{\"id\": \"r-"
              + flag
              + "\", \"experiments\": ["
              + experiment(
                  flag, flag + "-everyone-else", "r-" + flag, List.of("on"), List.of(basisPoints))
              + "]}");
    }
    return head()
        + " \"experiments\": [], \"featureFlags\": ["
        + String.join(", ", flags)
        + "], \"rollouts\": ["
        + String.join(", ", rollouts)
        + "]}";
  }

  private static String experimentDatafile() {
    List<String> flags = new ArrayList<>();
    List<String> experiments = new ArrayList<>();
    for (int i = 0; i < Agreement.FLAGS.size(); i++) {
      String flag = Agreement.FLAGS.get(i);
      List<String> names = new ArrayList<>();
      List<Integer> ends = new ArrayList<>();
      int end = 0;
      for (int v = 0; v < WEIGHTS.get(i).size(); v++) {
        names.add("v" + v);
        end += WEIGHTS.get(i).get(v);
        ends.add(end);
      }
      flags.add(
          "{\"id\": \"f-"
              + flag
              + "\", \"key\": \""
              + flag
              + "\", \"rolloutId\": \"\", \"experimentIds\": [\""
              + flag
              + "\"], \"variables\": []}");
      experiments.add(experiment(flag, "ab-" + flag, "layer-" + flag, names, ends));
    }
    return head()
        + " \"experiments\": ["
        + String.join(", ", experiments)
        + "], \"featureFlags\": ["
        + String.join(", ", flags)
        + "], \"rollouts\": []}";
  }

  @Test
  void committedVectorsAreTheSdksDecisions() {
    RecordedVectors.checkOrRecord("optimizely", Map.of("optimizely", cases));
  }

  @Test
  void profileAgreesWithOptimizely() {
    Agreement.assertAgrees(OptimizelyProfile.optimizely(), cases);
  }

  @Test
  void agreementSeesTheSeparator() {
    Agreement.assertDisagrees(
        new OptimizelyProfile("optimizely", ":", OptimizelyProfile.SEED, true),
        "separator \":\"",
        cases);
  }

  @Test
  void agreementSeesTheSeed() {
    Agreement.assertDisagrees(new OptimizelyProfile("optimizely", "", 0, true), "seed 0", cases);
  }

  @Test
  void agreementSeesTheSurrogateEncoding() {
    Agreement.assertDisagrees(
        new OptimizelyProfile("optimizely", "", OptimizelyProfile.SEED, false),
        "canonical UTF-8 for unpaired surrogates",
        cases);
  }
}
