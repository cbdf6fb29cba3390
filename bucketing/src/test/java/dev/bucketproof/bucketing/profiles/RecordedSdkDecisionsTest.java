package dev.bucketproof.bucketing.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.TestIds;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every profile against the decisions its real SDK recorded for the 1,069 agreement ids
 * (profile-ids.tsv: ASCII, UUIDs, emails, Latin-1 accents, CJK, emoji, unpaired surrogates):
 *
 * <ul>
 *   <li>profile-vectors.tsv: the npm packages {@code @growthbook/growthbook} 1.8.0 and {@code
 *       @openfeature/flagd-core} 4.0.1 (properties/src/test/node/make-profile-vectors.mjs);
 *   <li>profile-vectors-SYSTEM.tsv: the Java SDKs (LaunchDarkly 7.13.0, Unleash 12.2.3 and 9.3.2 on
 *       a UTF-8 and a Latin-1 JVM, Optimizely 4.2.2, flagd provider 0.11.15, Split 4.18.2), written
 *       by the properties module's agreement tests, which check on every build that the committed
 *       files are still what the SDKs decide ({@code RecordedVectors}).
 * </ul>
 *
 * <p>The same checks run in the properties module against the live SDKs; here they make the SDKs'
 * answers part of bucketing's own tests, so that PIT run on this module sees them. Each column of a
 * file is one configuration (the profile's name and parameters as the command line spells them),
 * one flag, and one rollout or split; each row one id. The explanation of every 4th id's decision
 * is checked too (it must tell the decision the SDK made), and so is the bucket: by the system's
 * documented rule, it must imply the recorded rollout decision.
 */
class RecordedSdkDecisionsTest {
  private static final String IDS = "profile-ids.tsv";

  /** The explanation is checked for every 4th id: it repeats the decision's hash, at more cost. */
  private static final int EXPLAINED_EVERY = 4;

  /** One column: a profile, a rollout or a split, and the SDK's answer for each id. */
  private record Column(
      int index, String header, BucketingProfile profile, Rollout rollout, VariantSplit split) {}

  /** A vector file: its columns, ids and cells. */
  private record Vectors(
      String file, List<Column> columns, List<String> ids, List<String[]> rows) {}

  @Test
  void growthBookV1AgreesWithTheNpmPackage() {
    assertAgrees(vectors("profile-vectors.tsv", "growthbook-v1"), 39);
  }

  @Test
  void growthBookV2AgreesWithTheNpmPackage() {
    assertAgrees(vectors("profile-vectors.tsv", "growthbook-v2"), 39);
  }

  @Test
  void flagdAgreesWithFlagdCore() {
    assertAgrees(vectors("profile-vectors.tsv", "flagd-core"), 27);
  }

  @Test
  void launchDarklyAgreesWithTheJavaSdk() {
    assertAgrees(vectors("profile-vectors-launchdarkly.tsv", null), 21);
  }

  @Test
  void unleashAgreesWithTheJavaSdk12() {
    assertAgrees(vectors("profile-vectors-unleash.tsv", null), 18);
  }

  @Test
  void unleash9AgreesWithTheJavaSdk9OnAUtf8Jvm() {
    assertAgrees(vectors("profile-vectors-unleash-9-utf-8.tsv", null), 18);
  }

  @Test
  void unleash9AgreesWithTheJavaSdk9OnALatin1Jvm() {
    assertAgrees(vectors("profile-vectors-unleash-9-iso-8859-1.tsv", null), 18);
  }

  @Test
  void optimizelyAgreesWithTheJavaSdk() {
    assertAgrees(vectors("profile-vectors-optimizely.tsv", null), 18);
  }

  @Test
  void flagd011AgreesWithTheJavaProvider() {
    assertAgrees(vectors("profile-vectors-flagd-0.11.tsv", null), 18);
  }

  @Test
  void splitAgreesWithTheJavaSdk() {
    assertAgrees(vectors("profile-vectors-split.tsv", null), 36);
  }

  /**
   * GrowthBook's Java SDK (UTF-8 here) and Kotlin SDK (the low byte of each UTF-16 unit) feed
   * FNV-1a the same values as JavaScript (each whole unit) when every unit is ASCII, so the npm
   * package's decisions hold for them on ASCII ids; on the others they differ from it.
   */
  /** The recorded files that a method above checks, each with its number of columns. */
  private static final Map<String, Integer> CHECKED_ABOVE =
      Map.of(
          "profile-vectors-launchdarkly.tsv", 21,
          "profile-vectors-unleash.tsv", 18,
          "profile-vectors-unleash-9-utf-8.tsv", 18,
          "profile-vectors-unleash-9-iso-8859-1.tsv", 18,
          "profile-vectors-optimizely.tsv", 18,
          "profile-vectors-flagd-0.11.tsv", 18,
          "profile-vectors-split.tsv", 36);

  /**
   * Every {@code profile-vectors-SYSTEM.tsv} beside the ids, found on disk: the seven above, and
   * any file a new profile's agreement test records, which {@link #everyOtherRecordedFileAgrees}
   * checks without a method of its own (so adding a profile does not touch this class).
   */
  static List<String> recordedFiles() {
    try {
      Path directory =
          Path.of(RecordedSdkDecisionsTest.class.getResource("/" + IDS).toURI()).getParent();
      try (Stream<Path> files = Files.list(directory)) {
        return files
            .map(file -> file.getFileName().toString())
            .filter(name -> name.startsWith("profile-vectors-") && name.endsWith(".tsv"))
            .sorted()
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theRecordedFilesAreFoundOnDisk() {
    List<String> found = recordedFiles();
    assertTrue(
        found.containsAll(CHECKED_ABOVE.keySet()),
        "found " + found + ", expected at least " + CHECKED_ABOVE.keySet());
  }

  @TestFactory
  Stream<DynamicTest> everyOtherRecordedFileAgrees() {
    return recordedFiles().stream()
        .filter(file -> !CHECKED_ABOVE.containsKey(file))
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file,
                    () -> {
                      Vectors vectors = vectors(file, null);
                      assertTrue(!vectors.columns().isEmpty(), file + ": no column");
                      assertAgrees(vectors, vectors.columns().size());
                    }));
  }

  @Test
  void growthBookJavaAndKotlinEncodingsAgreeWithTheNpmPackageOnAsciiIdsOnly() {
    for (String version : List.of("growthbook-v1", "growthbook-v2")) {
      Vectors vectors = vectors("profile-vectors.tsv", version);
      for (GrowthBookProfile.Encoding encoding :
          List.of(GrowthBookProfile.Encoding.JAVA, GrowthBookProfile.Encoding.KOTLIN)) {
        int[] differ = new int[2];
        for (Column column : vectors.columns()) {
          if (column.rollout() == null) {
            continue;
          }
          GrowthBookProfile js = (GrowthBookProfile) column.profile();
          Column other =
              new Column(
                  column.index(),
                  column.header(),
                  new GrowthBookProfile(
                      js.name(), js.version(), encoding, js.charset(), js.coverage()),
                  column.rollout(),
                  column.split());
          for (int r = 0; r < vectors.ids().size(); r++) {
            String id = vectors.ids().get(r);
            boolean ascii = id.chars().allMatch(unit -> unit < 0x80);
            if (!decide(other, id).equals(vectors.rows().get(r)[column.index() + 1])) {
              differ[ascii ? 0 : 1]++;
            }
          }
        }
        assertEquals(0, differ[0], version + " " + encoding + ": ASCII decisions that differ");
        assertTrue(differ[1] > 0, version + " " + encoding + ": no non-ASCII decision differs");
      }
    }
  }

  /**
   * Fails, naming the first three disagreements, unless every column's profile decides every id as
   * the SDK did, and the explanation says the same.
   */
  private static void assertAgrees(Vectors vectors, int columns) {
    assertEquals(columns, vectors.columns().size(), vectors.file() + " columns");
    assertEquals(ids(), vectors.ids(), vectors.file() + ": the rows are the agreement ids");
    List<String> disagreements = new ArrayList<>();
    int decisions = 0;
    for (int c = 0; c < vectors.columns().size(); c++) {
      Column column = vectors.columns().get(c);
      for (int r = 0; r < vectors.ids().size(); r++) {
        String id = vectors.ids().get(r);
        String expected = vectors.rows().get(r)[column.index() + 1];
        String actual = decide(column, id);
        String explained = r % EXPLAINED_EVERY == 0 ? explained(column, id) : expected;
        String bucketRule = bucketRule(column, id);
        decisions++;
        if (!actual.equals(expected)
            || !explained.equals(expected)
            || !(bucketRule == null || bucketRule.equals(expected))) {
          disagreements.add(
              column.header()
                  + ", id \""
                  + TestIds.escape(id)
                  + "\": SDK "
                  + expected
                  + ", profile "
                  + actual
                  + ", explanation "
                  + explained
                  + ", bucket rule "
                  + bucketRule);
        }
      }
    }
    if (!disagreements.isEmpty()) {
      fail(
          String.format(
              Locale.ROOT,
              "%s: %d of %d decisions differ from the SDK's, first: %s",
              vectors.file(),
              disagreements.size(),
              decisions,
              disagreements.subList(0, Math.min(3, disagreements.size()))));
    }
  }

  private static String decide(Column column, String id) {
    if (column.rollout() != null) {
      return column.profile().isEnabled(column.rollout(), id) ? "1" : "0";
    }
    return column.profile().variant(column.split(), id).map(Variant::name).orElse("(none)");
  }

  /**
   * Returns the rollout decision that {@link BucketingProfile#bucket} implies by the system's
   * documented rule, or null where the rule involves more than the bucket (LaunchDarkly's float
   * cut-off, Split's traffic allocation) or the column is a split.
   *
   * <ul>
   *   <li>Unleash, Split, flagd (both mappings): {@code bucket < p} for whole percents p (100
   *       buckets; flagd's 12.5% is finer than its buckets); Unleash 12.x also disables an id with
   *       an unpaired surrogate;
   *   <li>Optimizely: {@code bucket < basisPoints} (10,000 buckets);
   *   <li>GrowthBook: {@code bucket / buckets <= basisPoints / 10000} and a non-empty id.
   * </ul>
   */
  private static String bucketRule(Column column, String id) {
    BucketingProfile profile = column.profile();
    if (column.rollout() == null
        || column.header().contains("traffic-allocation")
        || profile instanceof LaunchDarklyProfile) {
      return null;
    }
    long bucket = profile.bucket(column.rollout().flagKey(), id);
    int basisPoints = column.rollout().basisPoints();
    boolean enabled;
    if (profile instanceof OptimizelyProfile) {
      enabled = bucket < basisPoints;
    } else if (profile instanceof GrowthBookProfile) {
      enabled =
          !id.isEmpty() && bucket * Rollout.FULL <= (long) basisPoints * profile.bucketCount();
    } else if (basisPoints % 100 != 0) {
      return null;
    } else {
      enabled = 100 * bucket < basisPoints;
      if (profile.name().equals(Profiles.UNLEASH) && IdEncoding.hasUnpairedSurrogate(id)) {
        enabled = false;
      }
    }
    return enabled ? "1" : "0";
  }

  private static String explained(Column column, String id) {
    if (column.rollout() != null) {
      return column.profile().explain(column.rollout(), null, id).enabled() ? "1" : "0";
    }
    Explanation explanation =
        column
            .profile()
            .explain(Rollout.ofPercent(column.split().flagKey(), 50), column.split(), id);
    return explanation.variant().name();
  }

  /**
   * Returns the columns of {@code file} whose configuration is {@code system} (all when null), with
   * every row.
   */
  private static Vectors vectors(String file, String system) {
    List<Column> columns = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String[]> rows = new ArrayList<>();
    int index = 0;
    for (String line : lines(file)) {
      if (line.startsWith("# ")) {
        String[] header = line.substring(2).split("\t");
        if (header.length == 5) {
          assertEquals(Integer.toString(index), header[0], file + " column index");
          if (system == null || header[1].equals(system)) {
            columns.add(column(index, header));
          }
          index++;
        }
      } else {
        String[] fields = line.split("\t", -1);
        assertEquals(index + 1, fields.length, file + " fields of row " + fields[0]);
        ids.add(TestIds.unescape(fields[0]));
        rows.add(fields);
      }
    }
    assertTrue(ids.size() >= 1000, file + ": " + ids.size() + " rows");
    return new Vectors(file, columns, ids, rows);
  }

  /** Returns the column of header {@code # index, configuration, flag, kind, setting}. */
  private static Column column(int index, String[] header) {
    String configuration = header[1];
    String flag = header[2];
    String setting = header[4];
    double coverage = 1;
    int at = setting.indexOf('@');
    if (at >= 0) {
      coverage = Double.parseDouble(setting.substring(at + 1));
      setting = setting.substring(0, at);
    }
    BucketingProfile profile = profile(configuration, coverage);
    String description = String.join(" ", header).substring(header[0].length() + 1);
    if (header[3].equals("rollout")) {
      return new Column(
          index, description, profile, new Rollout(flag, Integer.parseInt(setting)), null);
    }
    assertEquals("variant", header[3], description);
    List<Variant> variants = new ArrayList<>();
    String[] weights = setting.split("/");
    for (int v = 0; v < weights.length; v++) {
      variants.add(new Variant("v" + v, Integer.parseInt(weights[v])));
    }
    return new Column(index, description, profile, null, new VariantSplit(flag, variants));
  }

  /**
   * Returns the profile of a configuration: the name and parameters of the registry ({@code
   * launchdarkly salt=a1b2c3}, {@code split seed=42 algorithm=legacy}), plus what the registry does
   * not take (Split's traffic allocation, GrowthBook's experiment coverage), or one of the npm
   * systems.
   */
  private static BucketingProfile profile(String configuration, double coverage) {
    switch (configuration) {
      case "growthbook-v1":
        return ((GrowthBookProfile)
                Profiles.byName(Profiles.GROWTHBOOK_V1, Map.of(Profiles.ENCODING, "js")))
            .withCoverage(coverage);
      case "growthbook-v2":
        return ((GrowthBookProfile)
                Profiles.byName(Profiles.GROWTHBOOK, Map.of(Profiles.ENCODING, "js")))
            .withCoverage(coverage);
      case "flagd-core":
        return Profiles.byName(Profiles.FLAGD, Map.of(Profiles.ENCODING, "imurmurhash"));
      default:
        break;
    }
    assertEquals(1, coverage, configuration);
    String[] words = configuration.split(" ");
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int w = 1; w < words.length; w++) {
      String[] pair = words[w].split("=", 2);
      parameters.put(pair[0], pair[1]);
    }
    String allocation = parameters.remove("traffic-allocation");
    String allocationSeed = parameters.remove("traffic-allocation-seed");
    BucketingProfile profile = Profiles.byName(words[0], parameters);
    if (allocation != null) {
      return ((SplitProfile) profile)
          .withTrafficAllocation(
              Integer.parseInt(allocation),
              Integer.parseInt(Objects.requireNonNull(allocationSeed)));
    }
    return profile;
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (String line : lines(IDS)) {
      if (!line.startsWith("#")) {
        ids.add(TestIds.unescape(line));
      }
    }
    return ids;
  }

  private static List<String> lines(String name) {
    try (InputStream in =
        Objects.requireNonNull(
            RecordedSdkDecisionsTest.class.getResourceAsStream("/" + name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(name, e);
    }
  }
}
