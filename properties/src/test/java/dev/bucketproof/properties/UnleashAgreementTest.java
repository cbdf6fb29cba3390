package dev.bucketproof.properties;

import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.UnleashProfile;
import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profile {@code unleash} against unleash-client-java 12.2.3 (the Yggdrasil engine), through its
 * public API: {@code isEnabled} of flexibleRollout strategies (rollout p, stickiness userId,
 * groupId = flag) and {@code getVariant} of feature variants, toggles from a bootstrap, polling and
 * metrics off, no network.
 */
@VerifiesProfiles("unleash")
class UnleashAgreementTest {
  /** Feature variants per flag: 50/50, 10/30/60, and a zero weight that must be skipped. */
  static final List<List<Integer>> WEIGHTS =
      List.of(List.of(500, 500), List.of(100, 300, 600), List.of(334, 0, 333, 333));

  private static Unleash unleash;
  private static List<Agreement.Case> cases;

  @BeforeAll
  static void recordSdkDecisions() throws Exception {
    StringBuilder features = new StringBuilder("{\"version\": 2, \"features\": [");
    List<String> entries = new ArrayList<>();
    for (String flag : Agreement.FLAGS) {
      for (int percent : Agreement.PERCENTS) {
        entries.add(
            "{\"name\": \""
                + flag
                + "#"
                + percent
                + "\", \"enabled\": true, \"strategies\": [{\"name\":"
                + " \"flexibleRollout\", \"parameters\": {\"rollout\": \""
                + percent
                + "\", \"stickiness\": \"userId\","
                + " \"groupId\": \""
                + flag
                + "\"}}]}");
      }
    }
    for (int i = 0; i < Agreement.FLAGS.size(); i++) {
      StringBuilder variants = new StringBuilder();
      List<Integer> weights = WEIGHTS.get(i);
      for (int v = 0; v < weights.size(); v++) {
        variants
            .append(v == 0 ? "" : ", ")
            .append("{\"name\": \"v")
            .append(v)
            .append("\", \"weight\": ")
            .append(weights.get(v))
            .append(", \"weightType\": \"variable\", \"stickiness\": \"default\"}");
      }
      entries.add(
          "{\"name\": \""
              + Agreement.FLAGS.get(i)
              + "\", \"enabled\": true, \"strategies\": [{\"name\":"
              + " \"default\", \"parameters\": {}}], \"variants\": ["
              + variants
              + "]}");
    }
    features.append(String.join(", ", entries)).append("]}");
    String json = features.toString();
    Path backup = Files.createTempFile("unleash-agreement", ".json");
    Files.writeString(backup, json, StandardCharsets.UTF_8);
    unleash =
        new DefaultUnleash(
            UnleashConfig.builder()
                .appName("bucketproof-agreement")
                .instanceId("agreement")
                .unleashAPI("http://127.0.0.1:9/api")
                .toggleBootstrapProvider(() -> Optional.of(json))
                .backupFile(backup.toString())
                .disablePolling()
                .disableMetrics()
                .synchronousFetchOnInitialisation(false)
                .build());

    cases = new ArrayList<>();
    for (String id : Agreement.ids()) {
      UnleashContext context = UnleashContext.builder().userId(id).build();
      for (String flag : Agreement.FLAGS) {
        for (int percent : Agreement.PERCENTS) {
          cases.add(
              Agreement.Case.rollout(
                  Rollout.ofPercent(flag, percent),
                  id,
                  unleash.isEnabled(flag + "#" + percent, context)));
        }
      }
      for (int i = 0; i < Agreement.FLAGS.size(); i++) {
        cases.add(
            Agreement.Case.variant(
                split(Agreement.FLAGS.get(i), WEIGHTS.get(i)),
                id,
                variantName(unleash.getVariant(Agreement.FLAGS.get(i), context))));
      }
    }
  }

  private static String variantName(io.getunleash.variant.Variant variant) {
    return variant.isEnabled() ? variant.getName() : null;
  }

  @AfterAll
  static void close() {
    unleash.shutdown();
  }

  static VariantSplit split(String flag, List<Integer> weights) {
    List<Variant> variants = new ArrayList<>();
    for (int v = 0; v < weights.size(); v++) {
      variants.add(new Variant("v" + v, weights.get(v)));
    }
    return new VariantSplit(flag, variants);
  }

  @Test
  void committedVectorsAreTheSdksDecisions() {
    RecordedVectors.checkOrRecord("unleash", Map.of("unleash", cases));
  }

  @Test
  void profileAgreesWithUnleash12() {
    Agreement.assertAgrees(UnleashProfile.unleash(), cases);
  }

  @Test
  void agreementSeesTheSeparator() {
    UnleashProfile p = UnleashProfile.unleash();
    Agreement.assertDisagrees(
        new UnleashProfile(p.name(), "", p.seed(), p.variantSeed(), p.charset(), false, null, true),
        "separator \"\"",
        cases);
  }

  @Test
  void agreementSeesTheSeeds() {
    UnleashProfile p = UnleashProfile.unleash();
    Agreement.assertDisagrees(
        new UnleashProfile(p.name(), ":", 1, p.variantSeed(), p.charset(), false, null, true),
        "rollout seed 1",
        cases);
    Agreement.assertDisagrees(
        new UnleashProfile(p.name(), ":", 0, 0, p.charset(), false, null, true),
        "variant seed 0",
        cases);
  }

  @Test
  void agreementSeesTheSignednessOfTailBytes() {
    UnleashProfile p = UnleashProfile.unleash();
    Agreement.assertDisagrees(
        new UnleashProfile(p.name(), ":", 0, p.variantSeed(), p.charset(), true, null, true),
        "sign-extended tail bytes",
        cases);
  }

  @Test
  void agreementSeesTheCharset() {
    UnleashProfile p = UnleashProfile.unleash();
    Agreement.assertDisagrees(
        new UnleashProfile(
            p.name(), ":", 0, p.variantSeed(), StandardCharsets.ISO_8859_1, false, null, true),
        "charset ISO-8859-1",
        cases);
  }

  @Test
  void agreementSeesTheRejectionOfUnpairedSurrogates() {
    Agreement.assertDisagrees(
        UnleashProfile.unleash().withRejection(false), "unpaired surrogates hashed", cases);
  }
}
