package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.profiles.FlagdProfile;
import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profile {@code flagd-0.11} against the OpenFeature flagd provider 0.11.15 (in-process, FILE
 * resolver, OpenFeature SDK 1.22.0), through {@code getBooleanValue} and {@code getStringValue} of
 * {@code fractional} flags: one OpenFeature domain per rollout percentage (weights in basis points:
 * on p, off 10,000 - p) and one with relative variant weights. No network: flags come from local
 * files.
 */
@VerifiesProfiles("flagd-0.11")
class FlagdAgreementTest {
  static final List<List<Integer>> WEIGHTS =
      List.of(List.of(1, 1), List.of(10, 30, 60), List.of(5000, 0, 5000));

  /** The provider's default deadline, 1 s, is too short for a loaded 2-core CI machine. */
  private static final int INITIALIZATION_DEADLINE_MS = 60_000;

  /**
   * An id whose hash in new-checkout is -2147483613: 0.11's float bucket is exactly 100.0f, below
   * no running sum (bucketing's ProfileExplanationTest.flagd011GivesNoVariantAtBucket100).
   */
  static final String BUCKET_100_ID = "user-30326825";

  private static List<Agreement.Case> cases;
  private static List<Client> rollouts;
  private static Client variants;

  @BeforeAll
  static void recordSdkDecisions() throws IOException {
    OpenFeatureAPI api = OpenFeatureAPI.getInstance();
    rollouts = new ArrayList<>();
    for (int percent : Agreement.PERCENTS) {
      rollouts.add(client(api, "rollout-" + percent, rolloutFlags(percent * 100)));
    }
    variants = client(api, "variants", variantFlags());
    cases = new ArrayList<>();
    for (String id : Agreement.ids()) {
      ImmutableContext context = new ImmutableContext(id);
      for (String flag : Agreement.FLAGS) {
        for (int p = 0; p < Agreement.PERCENTS.size(); p++) {
          cases.add(
              Agreement.Case.rollout(
                  Rollout.ofPercent(flag, Agreement.PERCENTS.get(p)),
                  id,
                  rollouts.get(p).getBooleanValue(flag, false, context)));
        }
      }
      for (int i = 0; i < Agreement.FLAGS.size(); i++) {
        String flag = Agreement.FLAGS.get(i);
        cases.add(
            Agreement.Case.variant(
                OptimizelyAgreementTest.split(flag, WEIGHTS.get(i)),
                id,
                variants.getStringValue(flag, Agreement.NONE, context)));
      }
    }
  }

  @AfterAll
  static void close() {
    OpenFeatureAPI.getInstance().shutdown();
  }

  private static Client client(OpenFeatureAPI api, String domain, String flags) throws IOException {
    Path file = Files.createTempFile("flagd-agreement", ".json");
    Files.writeString(file, flags, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    api.setProviderAndWait(
        domain,
        new FlagdProvider(
            FlagdOptions.builder()
                .resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(file.toString())
                .deadline(INITIALIZATION_DEADLINE_MS)
                .build()));
    return api.getClient(domain);
  }

  private static String rolloutFlags(int basisPoints) {
    List<String> flags = new ArrayList<>();
    for (String flag : Agreement.FLAGS) {
      flags.add(
          "\""
              + flag
              + "\": {\"state\": \"ENABLED\", \"variants\": {\"on\": true, \"off\": false},"
              + " \"defaultVariant\": \"off\", \"targeting\": {\"fractional\": [[\"on\", "
              + basisPoints
              + "], [\"off\", "
              + (10_000 - basisPoints)
              + "]]}}");
    }
    return "{\"flags\": {" + String.join(", ", flags) + "}}";
  }

  private static String variantFlags() {
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < Agreement.FLAGS.size(); i++) {
      List<String> names = new ArrayList<>();
      List<String> buckets = new ArrayList<>();
      for (int v = 0; v < WEIGHTS.get(i).size(); v++) {
        names.add("\"v" + v + "\": \"v" + v + "\"");
        buckets.add("[\"v" + v + "\", " + WEIGHTS.get(i).get(v) + "]");
      }
      names.add("\"none\": \"" + Agreement.NONE + "\"");
      flags.add(
          "\""
              + Agreement.FLAGS.get(i)
              + "\": {\"state\": \"ENABLED\", \"variants\": {"
              + String.join(", ", names)
              + "}, \"defaultVariant\": \"none\", \"targeting\": {\"fractional\": ["
              + String.join(", ", buckets)
              + "]}}");
    }
    return "{\"flags\": {" + String.join(", ", flags) + "}}";
  }

  @Test
  void committedVectorsAreTheSdksDecisions() {
    RecordedVectors.checkOrRecord("flagd-0.11", Map.of("flagd-0.11", cases));
  }

  @Test
  void profileAgreesWithFlagd011() {
    Agreement.assertAgrees(FlagdProfile.flagd011(), cases);
  }

  @Test
  void profileAgreesOnAnIdAtBucket100() {
    ImmutableContext context = new ImmutableContext(BUCKET_100_ID);
    FlagdProfile profile = FlagdProfile.flagd011();
    for (int i = 0; i < Agreement.FLAGS.size(); i++) {
      String flag = Agreement.FLAGS.get(i);
      for (int p = 0; p < Agreement.PERCENTS.size(); p++) {
        assertEquals(
            rollouts.get(p).getBooleanValue(flag, false, context),
            profile.isEnabled(Rollout.ofPercent(flag, Agreement.PERCENTS.get(p)), BUCKET_100_ID),
            flag + " at " + Agreement.PERCENTS.get(p) + "%");
      }
      assertEquals(
          variants.getStringValue(flag, Agreement.NONE, context),
          profile
              .variant(OptimizelyAgreementTest.split(flag, WEIGHTS.get(i)), BUCKET_100_ID)
              .map(v -> v.name())
              .orElse(Agreement.NONE),
          flag);
    }
    assertEquals(
        Agreement.NONE,
        variants.getStringValue("new-checkout", Agreement.NONE, context),
        "the provider's variant at bucket 100.0f");
  }

  @Test
  void agreementSeesTheSeparator() {
    Agreement.assertDisagrees(
        new FlagdProfile("flagd-0.11", ":", true, FlagdProfile.Encoding.UTF_8),
        "separator \":\"",
        cases);
  }

  @Test
  void agreementSeesTheSignedFloatMapping() {
    Agreement.assertDisagrees(
        new FlagdProfile("flagd-0.11", "", false, FlagdProfile.Encoding.UTF_8),
        "unsigned (h * total) >>> 32",
        cases);
  }

  @Test
  void agreementSeesTheEncoding() {
    Agreement.assertDisagrees(
        new FlagdProfile("flagd-0.11", "", true, FlagdProfile.Encoding.IMURMURHASH),
        "UTF-16 units (imurmurhash)",
        cases);
  }
}
