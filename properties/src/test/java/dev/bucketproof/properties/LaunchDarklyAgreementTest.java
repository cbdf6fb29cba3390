package dev.bucketproof.properties;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.Components;
import com.launchdarkly.sdk.server.LDClient;
import com.launchdarkly.sdk.server.LDConfig;
import com.launchdarkly.sdk.server.integrations.FileData;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.LaunchDarklyProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profile {@code launchdarkly} against launchdarkly-java-server-sdk 7.13.0, through {@code
 * boolVariation} and {@code stringVariation} of fallthrough rollouts read by FileData (events and
 * diagnostics off, no network): one client per rollout percentage keyed by flag key and salt, one
 * whose rollouts carry an integer seed, and one with A/B/n rollouts (weights in 1/100,000).
 */
@VerifiesProfiles("launchdarkly")
class LaunchDarklyAgreementTest {
  static final String SALT = "a1b2c3";
  static final int SEED = 61;
  static final List<List<Integer>> WEIGHTS =
      List.of(
          List.of(50_000, 50_000),
          List.of(10_000, 30_000, 60_000),
          List.of(33_333, 0, 33_333, 33_334));

  private static final List<LDClient> clients = new ArrayList<>();
  private static List<Agreement.Case> saltCases;
  private static List<Agreement.Case> seedCases;

  @BeforeAll
  static void recordSdkDecisions() throws IOException {
    List<LDClient> salted = new ArrayList<>();
    for (int percent : Agreement.PERCENTS) {
      salted.add(client(rolloutFlags(percent * 1000, false)));
    }
    LDClient seeded = client(rolloutFlags(30_000, true));
    LDClient variants = client(variantFlags());
    saltCases = new ArrayList<>();
    seedCases = new ArrayList<>();
    for (String id : Agreement.ids()) {
      LDContext context = LDContext.create(id);
      for (String flag : Agreement.FLAGS) {
        for (int p = 0; p < Agreement.PERCENTS.size(); p++) {
          saltCases.add(
              Agreement.Case.rollout(
                  Rollout.ofPercent(flag, Agreement.PERCENTS.get(p)),
                  id,
                  salted.get(p).boolVariation(flag, context, false)));
        }
        seedCases.add(
            Agreement.Case.rollout(
                Rollout.ofPercent(flag, 30), id, seeded.boolVariation(flag, context, false)));
      }
      for (int i = 0; i < Agreement.FLAGS.size(); i++) {
        String flag = Agreement.FLAGS.get(i);
        saltCases.add(
            Agreement.Case.variant(
                OptimizelyAgreementTest.split(flag, WEIGHTS.get(i)),
                id,
                variants.stringVariation(flag, context, Agreement.NONE)));
      }
    }
  }

  @AfterAll
  static void close() throws IOException {
    for (LDClient client : clients) {
      client.close();
    }
  }

  private static LDClient client(String flags) throws IOException {
    Path file = Files.createTempFile("launchdarkly-agreement", ".json");
    Files.writeString(file, flags, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    LDClient client =
        new LDClient(
            "sdk-offline-agreement",
            new LDConfig.Builder()
                .dataSource(FileData.dataSource().filePaths(file))
                .events(Components.noEvents())
                .diagnosticOptOut(true)
                .build());
    if (!client.isInitialized()) {
      throw new IllegalStateException("LaunchDarkly did not load " + flags);
    }
    clients.add(client);
    return client;
  }

  private static String flag(String key, String variations, String rollout) {
    return "\""
        + key
        + "\": {\"key\": \""
        + key
        + "\", \"version\": 1, \"on\": true, \"variations\": ["
        + variations
        + "], \"offVariation\": 0, \"fallthrough\": {\"rollout\": "
        + rollout
        + "}, \"salt\": \""
        + SALT
        + "\", \"targets\": [], \"rules\": [], \"prerequisites\": [], \"trackEvents\": false,"
        + " \"trackEventsFallthrough\": false, \"clientSide\": false}";
  }

  private static String rolloutFlags(int onWeight, boolean seeded) {
    List<String> flags = new ArrayList<>();
    for (String key : Agreement.FLAGS) {
      flags.add(
          flag(
              key,
              "true, false",
              "{"
                  + (seeded ? "\"seed\": " + SEED + ", " : "")
                  + "\"variations\": [{\"variation\": 0, \"weight\": "
                  + onWeight
                  + "}, {\"variation\": 1, \"weight\": "
                  + (100_000 - onWeight)
                  + "}]}"));
    }
    return "{\"flags\": {" + String.join(", ", flags) + "}}";
  }

  private static String variantFlags() {
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < Agreement.FLAGS.size(); i++) {
      List<String> names = new ArrayList<>();
      List<String> weights = new ArrayList<>();
      for (int v = 0; v < WEIGHTS.get(i).size(); v++) {
        names.add("\"v" + v + "\"");
        weights.add("{\"variation\": " + v + ", \"weight\": " + WEIGHTS.get(i).get(v) + "}");
      }
      flags.add(
          flag(
              Agreement.FLAGS.get(i),
              String.join(", ", names),
              "{\"variations\": [" + String.join(", ", weights) + "]}"));
    }
    return "{\"flags\": {" + String.join(", ", flags) + "}}";
  }

  @Test
  void committedVectorsAreTheSdksDecisions() {
    Map<String, List<Agreement.Case>> byConfiguration = new LinkedHashMap<>();
    byConfiguration.put("launchdarkly salt=" + SALT, saltCases);
    byConfiguration.put("launchdarkly seed=" + SEED, seedCases);
    RecordedVectors.checkOrRecord("launchdarkly", byConfiguration);
  }

  @Test
  void profileAgreesWithLaunchDarklySalted() {
    Agreement.assertAgrees(LaunchDarklyProfile.withSalt(SALT), saltCases);
  }

  @Test
  void profileAgreesWithLaunchDarklySeeded() {
    Agreement.assertAgrees(LaunchDarklyProfile.withSeed(SEED), seedCases);
  }

  @Test
  void agreementSeesTheSeparator() {
    Agreement.assertDisagrees(
        new LaunchDarklyProfile("launchdarkly", ":", SALT, null), "separator \":\"", saltCases);
  }

  @Test
  void agreementSeesTheSaltAndSeed() {
    Agreement.assertDisagrees(LaunchDarklyProfile.withSalt("a1b2c4"), "salt a1b2c4", saltCases);
    Agreement.assertDisagrees(
        LaunchDarklyProfile.withSeed(SEED + 1), "seed " + (SEED + 1), seedCases);
  }

  @Test
  void profileRejectsWeightsLaunchDarklyWouldReject() {
    VariantSplit split =
        VariantSplit.of("new-checkout", new Variant("a", 50), new Variant("b", 50));
    IllegalArgumentException error =
        Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> LaunchDarklyProfile.withSalt(SALT).variant(split, "user-1"));
    Assertions.assertTrue(
        error.getMessage().contains("must total 100000: 100"), error.getMessage());
  }
}
