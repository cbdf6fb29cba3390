package dev.bucketproof.reports.render;

import dev.bucketproof.reports.audit.BucketerFindings;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.jmh.JmhResult;
import dev.bucketproof.reports.jmh.SpeedClaim;
import dev.bucketproof.reports.report.Report;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.text.Escapes;
import dev.bucketproof.reports.text.Numbers;
import java.util.List;

/** Renders summary.md: a short table for CI job summaries. */
public final class ReportMarkdown {
  private ReportMarkdown() {}

  public static String render(Report report) {
    StringBuilder md = new StringBuilder();
    int failures = report.failures().size();
    md.append("# bucketproof distribution report\n\n");
    md.append(
        Numbers.format(
            "**%s** (alpha %s each).\n\n",
            Escapes.markdown(report.headline()), Numbers.plain(report.alpha())));
    String why = ReportChecks.why(report);
    if (!why.isEmpty()) {
      md.append(Escapes.markdown(why)).append("\n\n");
    }
    md.append("**Is the bucketing right?** ")
        .append(Escapes.markdown(ReportChecks.rightText(report)))
        .append("\n\n**How sure is that?** ")
        .append(Escapes.markdown(ReportChecks.sureText(report)))
        .append("\n\n**What could this run not have seen?** ")
        .append(Escapes.markdown(ReportChecks.unseenText(report)))
        .append("\n");
    Page.checksMarkdown(md, ReportChecks.checks(report));
    md.append('\n');
    md.append(
        Numbers.format(
            "Flag %s, %d buckets, hashers: %s.\n\n",
            Escapes.markdownCode(report.flagKey()),
            report.bucketCount(),
            Escapes.markdown(String.join(", ", report.hashers()))));
    md.append(
        "| population | hasher | gates | uniformity p | worst rollout | flag independence p | salt KS p |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (PopulationFindings audit : report.audits()) {
      for (BucketerFindings target : audit.targets()) {
        long passed = report.gates(target).stream().filter(Gate::passed).count();
        long failed = report.gates(target).stream().filter(Gate::failed).count();
        md.append("| ")
            .append(Escapes.markdown(audit.population()))
            .append(" | ")
            .append(Escapes.markdown(target.name()))
            .append(" | ")
            .append(passed)
            .append('/')
            .append(report.gates(target).size())
            .append(
                failed > 0
                    ? " ❌"
                    : passed == report.gates(target).size() ? " ✅" : " ⚠️ inconclusive")
            .append(" | ")
            .append(
                target.uniformity() == null
                    ? "-"
                    : Numbers.probability(target.uniformity().twoSidedPValue()))
            .append(" | ")
            .append(worstRollout(target))
            .append(" | ")
            .append(
                target.independence() == null
                    ? "-"
                    : Numbers.probability(target.independence().pValue()))
            .append(" | ")
            .append(
                target.saltMetaTest() == null
                    ? "-"
                    : Numbers.probability(target.saltMetaTest().pValue()))
            .append(" |\n");
      }
    }
    if (failures > 0) {
      md.append("\n## Failed gates\n\n");
      for (Gate gate : report.failures()) {
        md.append("- ").append(Escapes.markdown(gate.describe())).append('\n');
      }
    }
    if (!report.inconclusive().isEmpty()) {
      md.append(
          "\n## ⚠️ Inconclusive gates\n\nToo few users for a valid test: these gates neither passed nor failed.\n\n");
      for (Gate gate : report.inconclusive()) {
        md.append("- ").append(Escapes.markdown(gate.describe())).append('\n');
      }
    }
    md.append(
        """

        ## What each gate could detect

        | population | hasher | gate | verdict | test | power (80%) |
        |---|---|---|---|---|---|
        """);
    for (Gate gate : report.gates()) {
      md.append("| ")
          .append(Escapes.markdown(gate.population()))
          .append(" | ")
          .append(Escapes.markdown(gate.target()))
          .append(" | ")
          .append(Escapes.markdown(gate.name()))
          .append(" | ")
          .append(gate.verdict().label())
          .append(" | ")
          .append(Escapes.markdown(gate.validity()))
          .append(" | ")
          .append(Escapes.markdown(gate.power().text()))
          .append(" |\n");
    }
    for (PopulationFindings audit : report.audits()) {
      if (audit.lineReport() != null) {
        md.append("\n")
            .append(Escapes.markdown(audit.population()))
            .append(": ")
            .append(Escapes.markdown(audit.lineReport().summary()))
            .append('\n');
      }
    }
    if (!report.benchmarks().isEmpty()) {
      List<SpeedClaim> claims = report.speedClaims();
      if (!claims.isEmpty()) {
        md.append(
            "\n## Speed claims\n\n| claim | measured | value | target | result |\n|---|---|---|---|---|\n");
        for (SpeedClaim claim : claims) {
          md.append("| ")
              .append(Escapes.markdown(claim.claim()))
              .append(" | ")
              .append(Escapes.markdown(claim.measured()))
              .append(" | ")
              .append(Numbers.format("%.2f", claim.value()))
              .append(" | ")
              .append(Escapes.markdown(claim.target()))
              .append(" | ")
              .append(claim.met() ? "met" : "**missed**")
              .append(" |\n");
        }
      }
      md.append("\n## Benchmarks\n\n| benchmark | params | score | B/op |\n|---|---|---|---|\n");
      for (JmhResult result : report.benchmarks()) {
        md.append("| ")
            .append(Escapes.markdown(result.benchmark()))
            .append(" | ")
            .append(Escapes.markdown(result.params().toString()))
            .append(" | ")
            .append(Numbers.format("%.2f %s", result.score(), Escapes.markdown(result.unit())))
            .append(" | ")
            .append(
                Double.isNaN(result.allocatedBytesPerOp())
                    ? "-"
                    : Numbers.format("%.1f", result.allocatedBytesPerOp()))
            .append(" |\n");
      }
    }
    SystemsSection.markdown(md, report.systems());
    return md.toString();
  }

  private static String worstRollout(BucketerFindings target) {
    RolloutAccuracy worst = null;
    double worstError = -1;
    for (RolloutAccuracy rollout : target.rollouts()) {
      double error =
          Math.abs(rollout.observedShare() - rollout.expectedShare()) / rollout.expectedShare();
      if (error > worstError) {
        worst = rollout;
        worstError = error;
      }
    }
    return worst == null
        ? "-"
        : Numbers.format("%s%% -> %s", worst.percent(), Numbers.percent(worst.observedShare()));
  }
}
