package dev.bucketproof.reports;

import java.util.List;

/** Renders summary.md: a short table for CI job summaries. */
final class ReportMarkdown {
  private ReportMarkdown() {}

  static String render(Report report) {
    StringBuilder md = new StringBuilder();
    int failures = report.failures().size();
    int gates = report.gates().size();
    md.append("# bucketproof distribution report\n\n");
    md.append(failures == 0
        ? Text.format("**All %d gates passed** (alpha %s each).%n%n", gates, Text.plain(report.alpha()))
        : Text.format("**%d of %d gates failed** (alpha %s each).%n%n", failures, gates, Text.plain(report.alpha())));
    md.append(Text.format("Flag `%s`, %d buckets, hashers: %s.%n%n", Text.markdown(report.flagKey()),
        report.bucketCount(), Text.markdown(String.join(", ", report.hashers()))));
    md.append("| population | hasher | gates | uniformity p | worst rollout | flag independence p | salt KS p |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (PopulationAudit audit : report.audits()) {
      for (TargetAudit target : audit.targets()) {
        long passed = target.gates().stream().filter(Gate::passed).count();
        md.append("| ").append(Text.markdown(audit.population())).append(" | ").append(Text.markdown(target.name()))
            .append(" | ").append(passed).append('/').append(target.gates().size())
            .append(passed == target.gates().size() ? " ✅" : " ❌").append(" | ")
            .append(target.uniformity() == null ? "-" : Text.probability(target.uniformity().pValue())).append(" | ")
            .append(worstRollout(target)).append(" | ")
            .append(target.independence() == null ? "-" : Text.probability(target.independence().pValue()))
            .append(" | ")
            .append(target.saltMetaTest() == null ? "-" : Text.probability(target.saltMetaTest().pValue()))
            .append(" |\n");
      }
    }
    if (failures > 0) {
      md.append("\n## Failed gates\n\n");
      for (Gate gate : report.failures()) {
        md.append("- ").append(Text.markdown(gate.describe())).append('\n');
      }
    }
    for (PopulationAudit audit : report.audits()) {
      if (audit.lineReport() != null) {
        md.append("\n").append(Text.markdown(audit.population())).append(": ")
            .append(Text.markdown(audit.lineReport().summary())).append('\n');
      }
    }
    if (!report.benchmarks().isEmpty()) {
      List<SpeedClaim> claims = SpeedClaim.of(report.benchmarks());
      if (!claims.isEmpty()) {
        md.append("\n## Speed claims\n\n| claim | measured | value | target | result |\n|---|---|---|---|---|\n");
        for (SpeedClaim claim : claims) {
          md.append("| ").append(Text.markdown(claim.claim())).append(" | ").append(Text.markdown(claim.measured()))
              .append(" | ").append(Text.format("%.2f", claim.value())).append(" | ").append(Text.markdown(claim.target()))
              .append(" | ").append(claim.met() ? "met" : "**missed**").append(" |\n");
        }
      }
      md.append("\n## Benchmarks\n\n| benchmark | params | score | B/op |\n|---|---|---|---|\n");
      for (JmhResult result : report.benchmarks()) {
        md.append("| ").append(Text.markdown(result.benchmark())).append(" | ")
            .append(Text.markdown(result.params().toString())).append(" | ")
            .append(Text.format("%.2f %s", result.score(), Text.markdown(result.unit()))).append(" | ")
            .append(Double.isNaN(result.allocatedBytesPerOp()) ? "-" : Text.format("%.1f", result.allocatedBytesPerOp()))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  private static String worstRollout(TargetAudit target) {
    Statistics.RolloutAccuracy worst = null;
    double worstError = -1;
    for (Statistics.RolloutAccuracy rollout : target.rollouts()) {
      double error = Math.abs(rollout.observedShare() - rollout.expectedShare()) / rollout.expectedShare();
      if (error > worstError) {
        worst = rollout;
        worstError = error;
      }
    }
    return worst == null ? "-" : Text.format("%s%% -> %s", worst.percent(), Text.percent(worst.observedShare()));
  }
}
