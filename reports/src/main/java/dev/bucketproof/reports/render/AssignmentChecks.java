package dev.bucketproof.reports.render;

import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.FlagFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.PairFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.RuleMatch;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first screen of an assignments report, shared by its HTML and Markdown: the diagnosis in the
 * verdict box, the named health checks, and the chance baseline of the "Which rule made this?"
 * table. It words the verdicts the findings hold; it decides none.
 */
final class AssignmentChecks {
  private AssignmentChecks() {}

  /** Returns the verdict box's tone. */
  static Page.Tone tone(AssignmentFindings findings) {
    return !findings.failures().isEmpty()
        ? Page.Tone.BAD
        : findings.inconclusive().isEmpty() ? Page.Tone.OK : Page.Tone.WARN;
  }

  /**
   * Returns the diagnosis in words, such as {@code These assignments were made by unsalted
   * murmur3_x86_32: every flag picks the same users.}; empty when nothing failed.
   */
  static String diagnosis(AssignmentFindings findings) {
    List<String> sentences = new ArrayList<>();
    List<PairFindings> overlapping =
        findings.pairs().stream()
            .filter(pair -> pair.gate() != null && pair.gate().failed())
            .toList();
    if (!overlapping.isEmpty()) {
      Set<String> rules = new LinkedHashSet<>();
      Set<String> flags = new LinkedHashSet<>();
      for (PairFindings pair : overlapping) {
        flags.add(pair.flagA());
        flags.add(pair.flagB());
      }
      for (FlagFindings flag : findings.flags()) {
        if (flags.contains(flag.flagKey()) && flag.best() != null) {
          rules.add(flag.best().rule());
        }
      }
      boolean unsalted = !rules.isEmpty() && rules.stream().allMatch(r -> r.startsWith("unsalted"));
      if (unsalted) {
        sentences.add(
            "These assignments were made by "
                + String.join(" and ", rules)
                + ": every flag picks the same users (the hash ignores the flag key).");
      } else {
        sentences.add(
            Numbers.format(
                "%d pairs of flags enable the same users more often than independent flags would"
                    + " (%s): their rule does not salt the hash with the flag key, or the flags"
                    + " share a salt.",
                overlapping.size(),
                String.join(
                    ", ", overlapping.stream().map(p -> p.flagA() + " x " + p.flagB()).toList())));
      }
    }
    for (FlagFindings flag : findings.flags()) {
      for (Gate gate : flag.gates()) {
        if (!gate.failed()) {
          continue;
        }
        if (gate.name().startsWith("sample ratio mismatch")) {
          sentences.add(
              "Flag "
                  + flag.flagKey()
                  + ": the variant counts do not match the configured weights (sample ratio"
                  + " mismatch): the split, or the export, adds or loses users in one variant.");
        } else if (gate.name().startsWith("rollout")) {
          sentences.add(
              "Flag "
                  + flag.flagKey()
                  + " enables "
                  + (flag.enabledRows() == 0
                      ? "a share"
                      : Numbers.percentBrief((double) flag.enabledCount() / flag.enabledRows()))
                  + " of its rows where "
                  + gate.name()
                  + " was configured.");
        } else if (gate.name().startsWith("uniformity")) {
          sentences.add(
              "Flag " + flag.flagKey() + ": its bucket column is uneven across the buckets.");
        } else {
          sentences.add("Flag " + flag.flagKey() + ": " + gate.name() + " failed.");
        }
      }
    }
    return String.join(" ", sentences);
  }

  /** The named checks: gate kinds by name prefix. */
  private static final String[][] KINDS = {
    {"Rollouts enable the configured share", "rollout"},
    {"Variants match their weights (SRM)", "sample ratio mismatch"},
    {"Bucket column is even", "uniformity"},
    {"Flags pick independent users", "independence"},
  };

  /** Returns the named health checks. */
  static List<Page.Check> checks(AssignmentFindings findings) {
    List<Page.Check> checks = new ArrayList<>();
    List<Gate> gates = findings.gates();
    for (String[] kind : KINDS) {
      List<Gate> ofKind = gates.stream().filter(g -> g.name().startsWith(kind[1])).toList();
      if (ofKind.isEmpty()) {
        continue;
      }
      long failed = ofKind.stream().filter(Gate::failed).count();
      long inconclusive = ofKind.stream().filter(Gate::inconclusive).count();
      long passed = ofKind.stream().filter(Gate::passed).count();
      StringBuilder finding =
          new StringBuilder(Numbers.format("%,d of %,d gates passed", passed, ofKind.size()));
      if (failed > 0) {
        finding
            .append(Numbers.format(", %,d failed: ", failed))
            .append(
                String.join(", ", ofKind.stream().filter(Gate::failed).map(Gate::target).toList()));
      }
      if (inconclusive > 0) {
        finding.append(Numbers.format(", %,d inconclusive", inconclusive));
      }
      checks.add(
          new Page.Check(
              kind[0],
              failed > 0
                  ? Page.Status.FAIL
                  : inconclusive > 0 ? Page.Status.INCONCLUSIVE : Page.Status.PASS,
              finding.append('.').toString()));
    }
    List<String> rules = new ArrayList<>();
    for (FlagFindings flag : findings.flags()) {
      rules.add(flag.flagKey() + ": " + (flag.best() == null ? "no rule" : flag.best().rule()));
    }
    checks.add(
        new Page.Check(
            "Which rule made this file",
            Page.Status.INFO,
            (rules.isEmpty() ? "no flag" : String.join("; ", rules)) + "."));
    checks.add(
        new Page.Check(
            "One outcome per user and flag",
            findings.conflictCount() > 0 ? Page.Status.FAIL : Page.Status.PASS,
            Numbers.format(
                "%,d conflicts (the same user and flag with another outcome), %,d duplicates.",
                findings.conflictCount(), findings.duplicates())));
    checks.add(
        new Page.Check(
            "Every line read",
            findings.rejects().total() > 0 ? Page.Status.INCONCLUSIVE : Page.Status.PASS,
            findings.lineSummary() + "."));
    return checks;
  }

  /**
   * Returns the share of rows a rule unrelated to the one that made the file would reproduce by
   * chance: the sum of the squared shares of the flag's observed outcomes (5% enabled: 0.05^2 +
   * 0.95^2 = 90.5%), or 1 / buckets for the bucket column; NaN when the flag has no outcome.
   */
  static double chance(FlagFindings flag) {
    if (flag.enabledRows() > 0) {
      double share = (double) flag.enabledCount() / flag.enabledRows();
      return share * share + (1 - share) * (1 - share);
    }
    if (!flag.variantCounts().isEmpty()) {
      long total = flag.variantCounts().values().stream().mapToLong(Long::longValue).sum();
      double sum = 0;
      for (Map.Entry<String, Long> variant : flag.variantCounts().entrySet()) {
        double share = (double) variant.getValue() / Math.max(1, total);
        sum += share * share;
      }
      return sum;
    }
    if (flag.bucketCounts().length > 0) {
      return 1.0 / flag.bucketCounts().length;
    }
    return Double.NaN;
  }

  /**
   * Returns how far a rule's share lies above chance, as a share of the distance from chance to
   * every row (Cohen's kappa against the chance baseline): 0 at chance, 1 for every row.
   */
  static double beyondChance(RuleMatch match, double chance) {
    return Double.isNaN(chance) || chance >= 1
        ? Double.NaN
        : (match.share() - chance) / (1 - chance);
  }

  /**
   * Returns the sentence saying which systems' rules were not compared and why, or empty:
   * LaunchDarkly and Split need a per-flag parameter (salt or seed) that only FLAGS.json can give.
   */
  static String notCompared(FlagFindings flag) {
    List<String> missing = new ArrayList<>();
    boolean launchDarkly =
        flag.matches().stream().anyMatch(m -> m.rule().startsWith("profile launchdarkly"));
    boolean split = flag.matches().stream().anyMatch(m -> m.rule().startsWith("profile split"));
    if (!launchDarkly) {
      missing.add("LaunchDarkly (needs the flag's salt)");
    }
    if (!split) {
      missing.add("Split (needs the flag's seed)");
    }
    if (missing.isEmpty()) {
      return "";
    }
    return "Not compared: "
        + String.join(" and ", missing)
        + ". Their rules hash a per-flag parameter the export does not hold; give it in --flags,"
        + " such as \"profiles\": {\"launchdarkly\": {\"salt\": \"...\"}, \"split\": {\"seed\":"
        + " 1234}}.";
  }
}
