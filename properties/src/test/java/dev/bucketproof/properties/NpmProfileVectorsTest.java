package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.FlagdProfile;
import dev.bucketproof.bucketing.profiles.GrowthBookProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profiles {@code growthbook-v1}, {@code growthbook} (JavaScript encoding) and {@code flagd}
 * against the decisions of the official npm packages, recorded in profile-vectors.tsv by
 * src/test/node/make-profile-vectors.mjs ({@code @growthbook/growthbook} 1.8.0 through a real
 * {@code GrowthBook} instance with force rules and experiment rules;
 * {@code @openfeature/flagd-core} 4.0.1's {@code FlagdCore} with fractional targeting). CI needs no
 * Node: the vectors are committed.
 *
 * <p>flagd-core hashes with the npm package {@code imurmurhash}, which mixes whole UTF-16 units
 * rather than UTF-8 bytes: it agrees with flagd's own rule (profile {@code flagd}, UTF-8) on ASCII
 * ids only, so the package is matched by {@code flagd} with encoding {@code imurmurhash}, and the
 * divergence is measured below.
 */
@VerifiesProfiles({"growthbook-v1", "growthbook", "flagd"})
class NpmProfileVectorsTest {
  private static final Map<String, List<Agreement.Case>> CASES = new HashMap<>();

  @BeforeAll
  static void load() {
    List<String> lines = Agreement.resourceLines("profile-vectors.tsv");
    List<String[]> columns = new ArrayList<>();
    for (String line : readHeader()) {
      columns.add(line.split("\t"));
    }
    for (String line : lines) {
      String[] fields = line.split("\t", -1);
      assertEquals(columns.size() + 1, fields.length, "fields of vector row " + fields[0]);
      String id = Agreement.unescape(fields[0]);
      for (int c = 0; c < columns.size(); c++) {
        String[] column = columns.get(c);
        String system = column[1];
        String flag = column[2];
        Agreement.Case vector;
        if (column[3].equals("rollout")) {
          vector =
              Agreement.Case.rollout(
                  new Rollout(flag, Integer.parseInt(column[4])), id, fields[c + 1].equals("1"));
        } else {
          String[] weightsAndCoverage = column[4].split("@");
          String[] weights = weightsAndCoverage[0].split("/");
          List<Variant> variants = new ArrayList<>();
          for (int v = 0; v < weights.length; v++) {
            variants.add(new Variant("v" + v, Integer.parseInt(weights[v])));
          }
          String coverage = weightsAndCoverage.length > 1 ? "@" + weightsAndCoverage[1] : "";
          system += coverage;
          vector = Agreement.Case.variant(new VariantSplit(flag, variants), id, fields[c + 1]);
        }
        CASES.computeIfAbsent(system, key -> new ArrayList<>()).add(vector);
      }
    }
    assertTrue(lines.size() >= 1000, "vector rows: " + lines.size());
  }

  private static List<String> readHeader() {
    List<String> header = new ArrayList<>();
    try (var reader =
        new BufferedReader(
            new InputStreamReader(
                NpmProfileVectorsTest.class.getResourceAsStream("/profile-vectors.tsv"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null && line.startsWith("#")) {
        if (line.matches("# \\d+\t.*")) {
          header.add(line.substring(2));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return header;
  }

  private static List<Agreement.Case> cases(String system) {
    List<Agreement.Case> cases = new ArrayList<>();
    CASES.forEach(
        (key, list) -> {
          if (key.equals(system) || key.startsWith(system + "@")) {
            cases.addAll(list);
          }
        });
    assertTrue(cases.size() >= 1000, system + ": " + cases.size() + " vectors");
    return cases;
  }

  private static void assertAgreesWithCoverage(GrowthBookProfile profile, String system) {
    List<Agreement.Case> rollouts = CASES.get(system);
    Agreement.assertAgrees(profile, rollouts);
    for (String coverage : List.of("1", "0.5")) {
      Agreement.assertAgrees(
          profile.withCoverage(Double.parseDouble(coverage)), CASES.get(system + "@" + coverage));
    }
  }

  @Test
  void growthBookV1AgreesWithTheNpmPackage() {
    assertAgreesWithCoverage(
        GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.JS), "growthbook-v1");
  }

  @Test
  void growthBookV2AgreesWithTheNpmPackage() {
    assertAgreesWithCoverage(
        GrowthBookProfile.growthBook(2, GrowthBookProfile.Encoding.JS), "growthbook-v2");
  }

  @Test
  void growthBookAgreementSeesTheVersionAndEncoding() {
    Agreement.assertDisagrees(
        GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.JS),
        "hash version 1",
        CASES.get("growthbook-v2"));
    Agreement.assertDisagrees(
        GrowthBookProfile.growthBook(2, GrowthBookProfile.Encoding.JAVA),
        "UTF-8 bytes",
        CASES.get("growthbook-v2"));
    Agreement.assertDisagrees(
        GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.KOTLIN),
        "low bytes",
        CASES.get("growthbook-v1"));
    Agreement.assertDisagrees(
        GrowthBookProfile.growthBook(1, GrowthBookProfile.Encoding.JS).withCoverage(0.5),
        "coverage 0.5 instead of 1",
        CASES.get("growthbook-v1@1"));
  }

  @Test
  void flagdCoreIsTheFlagdRuleOverUtf16Units() {
    Agreement.assertAgrees(
        FlagdProfile.flagd(FlagdProfile.Encoding.IMURMURHASH), cases("flagd-core"));
  }

  @Test
  void flagdCoreAgreesWithFlagdsUtf8RuleOnAsciiIdsOnly() {
    List<Agreement.Case> ascii =
        cases("flagd-core").stream()
            .filter(c -> c.id().chars().allMatch(unit -> unit < 0x80))
            .toList();
    Agreement.assertAgrees(FlagdProfile.flagd(FlagdProfile.Encoding.UTF_8), ascii);
    int differ =
        Agreement.assertDisagrees(
            FlagdProfile.flagd(FlagdProfile.Encoding.UTF_8),
            "UTF-8 (flagd's rule)",
            cases("flagd-core"));
    System.out.printf(
        Locale.ROOT,
        "flagd-core (imurmurhash) vs flagd's UTF-8 rule: %d of %d decisions"
            + " differ, all on non-ASCII ids%n",
        differ,
        cases("flagd-core").size());
  }

  @Test
  void flagdAgreementSeesTheMappingAndSeparator() {
    BucketingProfile legacy =
        new FlagdProfile("flagd", "", true, FlagdProfile.Encoding.IMURMURHASH);
    Agreement.assertDisagrees(legacy, "0.11's signed float mapping", cases("flagd-core"));
    Agreement.assertDisagrees(
        new FlagdProfile("flagd", ":", false, FlagdProfile.Encoding.IMURMURHASH),
        "separator \":\"",
        cases("flagd-core"));
  }
}
