package dev.bucketproof.properties;

import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.profiles.SplitProfile;
import io.split.client.SplitClient;
import io.split.client.SplitClientConfig;
import io.split.client.SplitFactory;
import io.split.client.SplitFactoryBuilder;
import io.split.client.dtos.Partition;
import io.split.engine.splitter.Splitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profile {@code split} against java-client 4.18.2. The murmur algorithm through the public {@code
 * getTreatment} of splits read from a local JSON file (localhost mode; one split per flag and
 * percentage, named {@code flagN_pP} since Split's names allow no dots; the name is not hashed,
 * each flag has its own seed; plus splits with a 60% traffic allocation and A/B/n partitions).
 * Localhost mode forces algo 2, so the legacy hash is checked through the SDK's bucketing class,
 * {@code Splitter.getTreatment}.
 */
@VerifiesProfiles("split")
class SplitAgreementTest {
  /** One seed per flag (Split hashes the key alone; the seed makes splits independent). */
  static final List<Integer> SEEDS = List.of(1_234_567, -98_765, 42);

  static final int ALLOCATION_SEED = -31_337;
  static final List<List<Integer>> WEIGHTS =
      List.of(List.of(50, 50), List.of(10, 30, 60), List.of(34, 0, 33, 33));

  private static SplitFactory factory;
  private static final List<List<Agreement.Case>> murmurCases = new ArrayList<>();
  private static final List<List<Agreement.Case>> allocationCases = new ArrayList<>();
  private static final List<List<Agreement.Case>> legacyCases = new ArrayList<>();

  @BeforeAll
  static void recordSdkDecisions() throws Exception {
    List<String> splits = new ArrayList<>();
    for (int f = 0; f < Agreement.FLAGS.size(); f++) {
      String name = "flag" + f;
      for (int percent : Agreement.PERCENTS) {
        splits.add(
            split(
                name + "_p" + percent,
                SEEDS.get(f),
                100,
                "[{\"treatment\": \"on\", \"size\": "
                    + percent
                    + "}, {\"treatment\": \"off\", \"size\": "
                    + (100 - percent)
                    + "}]"));
      }
      splits.add(
          split(
              name + "_allocated",
              SEEDS.get(f),
              60,
              "[{\"treatment\": \"on\", \"size\": 50}, {\"treatment\": \"off\", \"size\": 50}]"));
      List<String> partitions = new ArrayList<>();
      for (int v = 0; v < WEIGHTS.get(f).size(); v++) {
        partitions.add("{\"treatment\": \"v" + v + "\", \"size\": " + WEIGHTS.get(f).get(v) + "}");
      }
      splits.add(
          split(name + "_variants", SEEDS.get(f), 100, "[" + String.join(", ", partitions) + "]"));
    }
    Path file = Files.createTempFile("split-agreement", ".json");
    file.toFile().deleteOnExit();
    Files.writeString(
        file,
        "{\"splits\": [" + String.join(", ", splits) + "], \"since\": -1, \"till\": 1}",
        StandardCharsets.UTF_8);
    factory =
        SplitFactoryBuilder.build(
            "localhost",
            SplitClientConfig.builder()
                .splitFile(file.toString())
                .setBlockUntilReadyTimeout(10_000)
                .build());
    SplitClient client = factory.client();
    client.blockUntilReady();

    for (int f = 0; f < Agreement.FLAGS.size(); f++) {
      String flag = Agreement.FLAGS.get(f);
      List<Agreement.Case> murmur = new ArrayList<>();
      List<Agreement.Case> allocated = new ArrayList<>();
      List<Agreement.Case> legacy = new ArrayList<>();
      for (String id : Agreement.ids()) {
        for (int percent : Agreement.PERCENTS) {
          Rollout rollout = Rollout.ofPercent(flag, percent);
          murmur.add(
              Agreement.Case.rollout(
                  rollout, id, "on".equals(client.getTreatment(id, "flag" + f + "_p" + percent))));
          legacy.add(
              Agreement.Case.rollout(
                  rollout,
                  id,
                  "on".equals(Splitter.getTreatment(id, SEEDS.get(f), partitions(percent), 1))));
        }
        allocated.add(
            Agreement.Case.rollout(
                Rollout.ofPercent(flag, 50),
                id,
                "on".equals(client.getTreatment(id, "flag" + f + "_allocated"))));
        murmur.add(
            Agreement.Case.variant(
                OptimizelyAgreementTest.split(flag, WEIGHTS.get(f)),
                id,
                client.getTreatment(id, "flag" + f + "_variants")));
      }
      murmurCases.add(murmur);
      allocationCases.add(allocated);
      legacyCases.add(legacy);
    }
  }

  @AfterAll
  static void close() {
    factory.destroy();
  }

  private static String split(String name, int seed, int trafficAllocation, String partitions) {
    return "{\"trafficTypeName\": \"user\", \"name\": \""
        + name
        + "\", \"trafficAllocation\": "
        + trafficAllocation
        + ", \"trafficAllocationSeed\": "
        + ALLOCATION_SEED
        + ", \"seed\": "
        + seed
        + ", \"status\": \"ACTIVE\","
        + " \"killed\": false, \"defaultTreatment\": \"off\", \"changeNumber\": 1, \"algo\": 2, \"configurations\": {},"
        + " \"sets\": [], \"prerequisites\": [], \"impressionsDisabled\": false,"
        + " \"conditions\": [{\"conditionType\": \"ROLLOUT\", \"matcherGroup\": {\"combiner\": \"AND\", \"matchers\":"
        + " [{\"keySelector\": {\"trafficType\": \"user\", \"attribute\": null}, \"matcherType\": \"ALL_KEYS\","
        + " \"negate\": false}]}, \"partitions\": "
        + partitions
        + ", \"label\": \"default rule\"}]}";
  }

  private static List<Partition> partitions(int percent) {
    Partition on = new Partition();
    on.treatment = "on";
    on.size = percent;
    Partition off = new Partition();
    off.treatment = "off";
    off.size = 100 - percent;
    return List.of(on, off);
  }

  @Test
  void committedVectorsAreTheSdksDecisions() {
    Map<String, List<Agreement.Case>> byConfiguration = new LinkedHashMap<>();
    for (int f = 0; f < SEEDS.size(); f++) {
      String split = "split seed=" + SEEDS.get(f);
      byConfiguration.put(split, murmurCases.get(f));
      byConfiguration.put(split + " algorithm=legacy", legacyCases.get(f));
      byConfiguration.put(
          split + " traffic-allocation=60 traffic-allocation-seed=" + ALLOCATION_SEED,
          allocationCases.get(f));
    }
    RecordedVectors.checkOrRecord("split", byConfiguration);
  }

  @Test
  void profileAgreesWithSplitMurmur() {
    for (int f = 0; f < SEEDS.size(); f++) {
      Agreement.assertAgrees(SplitProfile.split(SEEDS.get(f)), murmurCases.get(f));
    }
  }

  @Test
  void profileAgreesWithSplitTrafficAllocation() {
    for (int f = 0; f < SEEDS.size(); f++) {
      Agreement.assertAgrees(
          SplitProfile.split(SEEDS.get(f)).withTrafficAllocation(60, ALLOCATION_SEED),
          allocationCases.get(f));
    }
  }

  @Test
  void agreementSeesTheTrafficAllocation() {
    Agreement.assertDisagrees(
        SplitProfile.split(SEEDS.get(0)), "no traffic allocation", allocationCases.get(0));
    Agreement.assertDisagrees(
        SplitProfile.split(SEEDS.get(0)).withTrafficAllocation(60, ALLOCATION_SEED + 1),
        "allocation seed + 1",
        allocationCases.get(0));
  }

  @Test
  void profileAgreesWithSplitLegacy() {
    for (int f = 0; f < SEEDS.size(); f++) {
      Agreement.assertAgrees(
          SplitProfile.split(SEEDS.get(f)).withAlgorithm(SplitProfile.Algorithm.LEGACY),
          legacyCases.get(f));
    }
  }

  @Test
  void agreementSeesTheSeedAndAlgorithm() {
    Agreement.assertDisagrees(SplitProfile.split(SEEDS.get(0) + 1), "seed + 1", murmurCases.get(0));
    Agreement.assertDisagrees(
        SplitProfile.split(SEEDS.get(0)).withAlgorithm(SplitProfile.Algorithm.LEGACY),
        "legacy hash",
        murmurCases.get(0));
    Agreement.assertDisagrees(
        SplitProfile.split(SEEDS.get(0)), "murmur instead of legacy", legacyCases.get(0));
  }
}
