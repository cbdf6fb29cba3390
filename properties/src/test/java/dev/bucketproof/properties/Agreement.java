package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.VariantSplit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the agreement tests share: the ids (profile-ids.tsv in bucketing's test resources, read
 * through its test-jar, made by src/test/node/make-profile-vectors.mjs with the named seed
 * 20261125: ASCII, UUIDs, emails, Latin-1 accents, CJK, emoji and unpaired surrogates), the flag
 * keys, and the comparison of a profile with the decisions an SDK recorded.
 *
 * <p>A decision is a string: {@code true}/{@code false} for a rollout, the variant's name for a
 * split, {@code (none)} when the system gives no variant.
 */
final class Agreement {
  /** Three flag keys: snake case, kebab case, dotted. */
  static final List<String> FLAGS =
      List.of("profile_ui_revamp", "new-checkout", "search.ranking.v2");

  /** Rollout percentages, whole (Unleash and Split take no others). */
  static final List<Integer> PERCENTS = List.of(1, 5, 30, 50, 99);

  /** The variant name of "no variant". */
  static final String NONE = "(none)";

  private static final List<String> IDS = load();

  private Agreement() {}

  /** Returns the ids, at least 1,000, none empty. */
  static List<String> ids() {
    return IDS;
  }

  /** Returns the ids without unpaired surrogates, for SDKs that cannot take them. */
  static List<String> wellFormedIds() {
    return IDS.stream().filter(id -> !IdEncoding.hasUnpairedSurrogate(id)).toList();
  }

  /** One recorded decision: a rollout or a split, an id, and what the SDK decided. */
  record Case(Rollout rollout, VariantSplit split, String id, String expected) {
    Case {
      if ((rollout == null) == (split == null)) {
        throw new IllegalArgumentException(
            "a case has a rollout or a split: " + rollout + ", " + split);
      }
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(expected, "expected");
    }

    static Case rollout(Rollout rollout, String id, boolean enabled) {
      return new Case(rollout, null, id, Boolean.toString(enabled));
    }

    static Case variant(VariantSplit split, String id, String variant) {
      return new Case(null, split, id, variant == null ? NONE : variant);
    }

    String describe() {
      return (rollout != null ? "rollout " + rollout : "split " + split)
          + ", id \""
          + escape(id)
          + "\"";
    }
  }

  /** Returns the profile's decision for {@code c}. */
  static String decide(BucketingProfile profile, Case c) {
    if (c.rollout() != null) {
      return Boolean.toString(profile.isEnabled(c.rollout(), c.id()));
    }
    return profile.variant(c.split(), c.id()).map(v -> v.name()).orElse(NONE);
  }

  /** Fails, naming the first three disagreements, unless {@code profile} agrees with every case. */
  static void assertAgrees(BucketingProfile profile, List<Case> cases) {
    assertTrue(cases.size() >= 1000, "too few cases: " + cases.size());
    List<String> disagreements = new ArrayList<>();
    for (Case c : cases) {
      String actual = decide(profile, c);
      if (!actual.equals(c.expected())) {
        disagreements.add(c.describe() + ": SDK " + c.expected() + ", profile " + actual);
      }
    }
    if (!disagreements.isEmpty()) {
      fail(
          String.format(
              Locale.ROOT,
              "profile %s disagrees with the SDK on %d of %d cases, first: %s",
              profile,
              disagreements.size(),
              cases.size(),
              disagreements.subList(0, Math.min(3, disagreements.size()))));
    }
  }

  /**
   * Fails unless {@code mutant} (a profile changed by one detail) disagrees with the SDK on at
   * least one case: proof that the agreement test sees that detail. Returns the number of
   * disagreements.
   */
  static int assertDisagrees(BucketingProfile mutant, String detail, List<Case> cases) {
    int disagreements = 0;
    for (Case c : cases) {
      if (!decide(mutant, c).equals(c.expected())) {
        disagreements++;
      }
    }
    assertTrue(
        disagreements > 0,
        "mutant "
            + mutant
            + " ("
            + detail
            + ") agrees with the SDK on all "
            + cases.size()
            + " cases: the agreement test cannot see this detail");
    return disagreements;
  }

  /** Returns {@code id} with every unit outside printable ASCII, and '\', as \\uXXXX. */
  static String escape(String id) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  /** Reverses {@link #escape}. */
  static String unescape(String escaped) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\') {
        out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Returns the lines of a test resource that are not comments. */
  static List<String> resourceLines(String name) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(Agreement.class.getResourceAsStream("/" + name), name),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.startsWith("#")) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(name, e);
    }
    return lines;
  }

  private static List<String> load() {
    List<String> ids = resourceLines("profile-ids.tsv").stream().map(Agreement::unescape).toList();
    if (ids.size() < 1000) {
      throw new IllegalStateException(
          "profile-ids.tsv holds " + ids.size() + " ids, fewer than 1000");
    }
    return ids;
  }
}
