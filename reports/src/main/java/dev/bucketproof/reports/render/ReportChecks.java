package dev.bucketproof.reports.render;

import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.SystemBias;
import dev.bucketproof.reports.audit.SystemFindings;
import dev.bucketproof.reports.jmh.SpeedClaim;
import dev.bucketproof.reports.report.Report;
import dev.bucketproof.reports.text.Escapes;
import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The first screen of an ids report, shared by its HTML and Markdown: the verdict box, the three
 * answers (is the bucketing right, how sure is that, what could this run not have seen) and the
 * named health checks. It only groups and words the verdicts the report holds; it decides none.
 *
 * <p>A failure of another system's rule (a compatibility profile, such as Split's one seed for
 * every flag) is an expected finding about that system, not a failure of bucketproof: the checks
 * mark it so, and the verdict box says how many of the failures are such findings.
 */
final class ReportChecks {
  private ReportChecks() {}

  /** The named checks, in reading order: the gate kind each groups, by name prefix. */
  private static final String[][] KINDS = {
    {"Every user lands in a bucket", "buckets in range"},
    {"Buckets are even (both tails)", "uniformity"},
    {"Rollouts enable the share they promise", "rollout"},
    {"Two flags pick independent users", "flag independence"},
    {"Each flag key picks its own users (salt)", "salt meta-test"},
  };

  /** Returns the names of the audited targets that are other systems' rules (profiles). */
  static Set<String> otherSystems(Report report) {
    Set<String> names = new LinkedHashSet<>();
    SystemFindings systems = report.systems();
    if (systems == null) {
      return names;
    }
    Set<String> profiles = new LinkedHashSet<>();
    systems.keyRules().forEach(rule -> profiles.add(rule.profile()));
    for (SystemBias bias : systems.biases()) {
      profiles.add(bias.profile());
    }
    for (String hasher : report.hashers()) {
      if (!hasher.startsWith("bucketproof") && profiles.contains(hasher)) {
        names.add(hasher);
      }
    }
    return names;
  }

  /** Returns the failures of bucketproof's own hashers (not of other systems' rules). */
  static List<Gate> ownFailures(Report report) {
    Set<String> others = otherSystems(report);
    return report.failures().stream().filter(gate -> !others.contains(gate.target())).toList();
  }

  /** Returns the verdict box's tone. */
  static Page.Tone tone(Report report) {
    if (!ownFailures(report).isEmpty()) {
      return Page.Tone.BAD;
    }
    if (!report.failures().isEmpty()) {
      return Page.Tone.EXPECTED;
    }
    return report.inconclusive().isEmpty() && !report.gates().isEmpty()
        ? Page.Tone.OK
        : Page.Tone.WARN;
  }

  /**
   * Returns the line under the headline: what the failures are, in words, and the speed targets
   * missed (with {@code --jmh}), so that both are on the first screen.
   */
  static String why(Report report) {
    List<SpeedClaim> missed = report.speedClaims().stream().filter(c -> !c.met()).toList();
    String gates = gatesWhy(report);
    if (missed.isEmpty()) {
      return gates;
    }
    String speed =
        Numbers.format(
            "%d of %d JMH speed targets missed: %s.",
            missed.size(),
            report.speedClaims().size(),
            String.join("; ", missed.stream().map(SpeedClaim::claim).toList()));
    return gates.isEmpty() ? speed : gates + " " + speed;
  }

  private static String gatesWhy(Report report) {
    int failed = report.failures().size();
    int own = ownFailures(report).size();
    if (failed > 0 && own == 0) {
      return Numbers.format(
          "All %d failures are on other systems' rules (%s): expected findings about those"
              + " systems. bucketproof's own hashers failed no gate.",
          failed, String.join(", ", failingTargets(report.failures())));
    }
    if (failed > 0 && own < failed) {
      return Numbers.format(
          "%d of the failures are bucketproof's own hashers (%s); the other %d are expected"
              + " findings about other systems' rules.",
          own, String.join(", ", failingTargets(ownFailures(report))), failed - own);
    }
    if (failed > 0) {
      return "Failed: " + String.join(", ", failingTargets(report.failures())) + ".";
    }
    return "";
  }

  private static List<String> failingTargets(List<Gate> gates) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    gates.forEach(gate -> counts.merge(gate.target(), 1, Integer::sum));
    List<String> names = new ArrayList<>();
    counts.forEach((name, count) -> names.add(name + " " + count + "x"));
    return names;
  }

  /** Returns the named health checks, gate kinds first, then calibration and speed. */
  static List<Page.Check> checks(Report report) {
    Set<String> others = otherSystems(report);
    List<Page.Check> checks = new ArrayList<>();
    for (String[] kind : KINDS) {
      List<Gate> gates =
          report.gates().stream().filter(gate -> gate.name().startsWith(kind[1])).toList();
      if (!gates.isEmpty()) {
        checks.add(check(kind[0], gates, others));
      }
    }
    List<Gate> rest =
        report.gates().stream()
            .filter(
                gate -> {
                  for (String[] kind : KINDS) {
                    if (gate.name().startsWith(kind[1])) {
                      return false;
                    }
                  }
                  return true;
                })
            .toList();
    if (!rest.isEmpty()) {
      checks.add(check("Other gates", rest, others));
    }
    double[] pValues = Page.calibrationPValues(ownGates(report, others));
    double[] ks = Page.uniformKs(pValues);
    if (ks != null) {
      checks.add(
          new Page.Check(
              "The p-values look like chance (calibration)",
              Page.Status.INFO,
              Numbers.format(
                  "%,d distinct p-values of bucketproof's own hashers against U(0, 1): largest gap"
                      + " %.3f, Kolmogorov-Smirnov p = %s (see the calibration plot).",
                  pValues.length, ks[0], Numbers.probability(ks[1]))));
    }
    List<SpeedClaim> claims = report.speedClaims();
    if (!claims.isEmpty()) {
      List<SpeedClaim> missed = claims.stream().filter(claim -> !claim.met()).toList();
      StringBuilder finding =
          new StringBuilder(
              Numbers.format(
                  "%d of %d speed targets met (JMH results given with --jmh)",
                  claims.size() - missed.size(), claims.size()));
      if (!missed.isEmpty()) {
        finding.append("; missed: ");
        for (int i = 0; i < missed.size(); i++) {
          SpeedClaim claim = missed.get(i);
          finding
              .append(i == 0 ? "" : "; ")
              .append(claim.claim())
              .append(" (")
              .append(claim.measured())
              .append(", target ")
              .append(claim.target())
              .append(')');
        }
      }
      checks.add(
          new Page.Check(
              "Speed targets",
              missed.isEmpty() ? Page.Status.PASS : Page.Status.MISSED,
              finding.append('.').toString()));
    }
    return checks;
  }

  private static List<Gate> ownGates(Report report, Set<String> others) {
    return report.gates().stream().filter(gate -> !others.contains(gate.target())).toList();
  }

  /** Returns the gates of bucketproof's own hashers (not of other systems' rules). */
  static List<Gate> ownGates(Report report) {
    return ownGates(report, otherSystems(report));
  }

  /** Returns the answer to "Is the bucketing right?" as HTML. */
  static String rightAnswer(Report report) {
    return "<p>" + Escapes.html(rightText(report)) + "</p>";
  }

  /** Returns the answer to "Is the bucketing right?" as plain text. */
  static String rightText(Report report) {
    List<Gate> own = ownGates(report);
    long failed = own.stream().filter(Gate::failed).count();
    long inconclusive = own.stream().filter(Gate::inconclusive).count();
    long populations = report.audits().size();
    String lead =
        failed > 0
            ? Numbers.format("No: %,d of bucketproof's %,d gates failed", failed, own.size())
            : inconclusive > 0
                ? Numbers.format(
                    "Nothing wrong was found, but %,d of %,d gates could not decide",
                    inconclusive, own.size())
                : Numbers.format("Yes: all %,d gates of the audited hashers passed", own.size());
    String others =
        otherSystems(report).isEmpty()
            ? ""
            : Numbers.format(
                " Other systems' rules: %,d of their gates failed, as expected of their rules.",
                report.failures().size() - failed);
    return lead
        + Numbers.format(
            ", over %,d populations and %,d hashers.",
            populations, report.hashers().size() - otherSystems(report).size())
        + others;
  }

  /** Returns the answer to "How sure is that?" as HTML. */
  static String sureAnswer(Report report) {
    return "<p>" + Escapes.html(sureText(report)) + "</p>";
  }

  /** Returns the answer to "How sure is that?" as plain text. */
  static String sureText(Report report) {
    return report.falseAlarmText()
        + " The populations come from fixed, named seeds, so the report gives the same answer on"
        + " every run: a correct build never fails by chance (that rate was drawn once, with the"
        + " seeds), and a failure reproduces exactly.";
  }

  /** Returns the answer to "What could this run not have seen?" as HTML. */
  static String unseenAnswer(Report report) {
    return "<p>" + Escapes.html(unseenText(report)) + "</p>";
  }

  /** Returns the answer to "What could this run not have seen?" as plain text. */
  static String unseenText(Report report) {
    List<Gate> own = ownGates(report);
    StringBuilder text =
        new StringBuilder("Effects smaller than the most sensitive gate of each kind catches: ");
    int listed = 0;
    for (String[] kind : KINDS) {
      if (kind[1].equals("buckets in range")) {
        continue; // an exact count: any one user outside fails it
      }
      Gate strongest =
          own.stream()
              .filter(gate -> gate.name().startsWith(kind[1]))
              .filter(gate -> gate.power().detectable() && gate.power().effect() > 0)
              .min((a, b) -> Double.compare(a.power().effect(), b.power().effect()))
              .orElse(null);
      if (strongest != null) {
        text.append(listed++ == 0 ? "" : "; ")
            .append(kind[1])
            .append(": ")
            .append(strongest.power().text());
      }
    }
    if (listed == 0) {
      text.append("none stated");
    }
    text.append(
        Numbers.format(
            ". Ids unlike the %,d populations audited (their shapes are listed below), bucket"
                + " counts other than %,d, and hashers not audited.",
            report.audits().size(), report.bucketCount()));
    if (!report.inconclusive().isEmpty()) {
      text.append(
          Numbers.format(
              " %,d gates had too few users to decide at all.", report.inconclusive().size()));
    }
    return text.toString();
  }

  private static Page.Check check(String name, List<Gate> gates, Set<String> others) {
    Predicate<Gate> own = gate -> !others.contains(gate.target());
    long failed = gates.stream().filter(Gate::failed).count();
    long ownFailed = gates.stream().filter(Gate::failed).filter(own).count();
    long inconclusive = gates.stream().filter(Gate::inconclusive).count();
    long passed = gates.stream().filter(Gate::passed).count();
    Page.Status status =
        ownFailed > 0
            ? Page.Status.FAIL
            : failed > 0
                ? Page.Status.EXPECTED
                : inconclusive > 0 ? Page.Status.INCONCLUSIVE : Page.Status.PASS;
    StringBuilder finding =
        new StringBuilder(Numbers.format("%,d of %,d gates passed", passed, gates.size()));
    if (failed > 0) {
      finding.append(Numbers.format(", %,d failed", failed));
      Set<String> who = new LinkedHashSet<>();
      gates.stream().filter(Gate::failed).forEach(gate -> who.add(gate.target()));
      finding.append(" (").append(String.join(", ", who)).append(')');
      if (ownFailed == 0) {
        finding.append(": other systems' rules, an expected finding about them");
      }
    }
    if (inconclusive > 0) {
      long needed = gates.stream().mapToLong(Gate::usersNeeded).max().orElse(0);
      finding.append(Numbers.format(", %,d inconclusive", inconclusive));
      if (needed > 0) {
        finding.append(Numbers.format(" (need up to %,d users)", needed));
      }
    }
    // The smallest effect the own hashers' gates of this kind catch, at the largest population.
    Gate strongest =
        gates.stream()
            .filter(own)
            .filter(gate -> gate.power().detectable())
            .min((a, b) -> Double.compare(a.power().effect(), b.power().effect()))
            .orElse(null);
    if (strongest != null) {
      finding.append("; most sensitive gate: ").append(strongest.power().text());
    }
    return new Page.Check(name, status, finding.append('.').toString());
  }
}
