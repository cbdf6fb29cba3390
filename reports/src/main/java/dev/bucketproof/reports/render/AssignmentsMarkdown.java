package dev.bucketproof.reports.render;

import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.FlagFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.PairFindings;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.text.Escapes;
import dev.bucketproof.reports.text.Numbers;

/** Renders summary.md of an assignments audit: the headline, a row per flag, the failed gates. */
public final class AssignmentsMarkdown {
  private AssignmentsMarkdown() {}

  public static String render(AssignmentFindings findings) {
    StringBuilder md = new StringBuilder("# bucketproof assignments report\n\n");
    md.append("**")
        .append(Escapes.markdown(findings.headline()))
        .append("** (alpha ")
        .append(Numbers.plain(findings.alpha()))
        .append(" each). ")
        .append(Escapes.markdownCode(findings.source()))
        .append(": ")
        .append(Escapes.markdown(findings.lineSummary()))
        .append(".\n\n");
    String diagnosis = AssignmentChecks.diagnosis(findings);
    if (!diagnosis.isEmpty()) {
      md.append(Escapes.markdown(diagnosis)).append("\n");
    }
    Page.checksMarkdown(md, AssignmentChecks.checks(findings));
    md.append('\n');
    md.append(Escapes.markdown(findings.falseAlarmText())).append("\n\n");
    md.append("| flag | rows | gates | best rule | rows it reproduces |\n|---|---|---|---|---|\n");
    for (FlagFindings flag : findings.flags()) {
      long passed = flag.gates().stream().filter(Gate::passed).count();
      boolean failed = flag.gates().stream().anyMatch(Gate::failed);
      md.append("| ")
          .append(Escapes.markdown(flag.flagKey()))
          .append(" | ")
          .append(Numbers.format("%,d", flag.rows()))
          .append(" | ")
          .append(passed)
          .append('/')
          .append(flag.gates().size())
          .append(failed ? " ❌" : passed == flag.gates().size() ? " ✅" : " ⚠️")
          .append(" | ")
          .append(flag.best() == null ? "-" : Escapes.markdown(flag.best().rule()))
          .append(" | ")
          .append(flag.best() == null ? "-" : Escapes.markdown(flag.fingerprint()))
          .append(" |\n");
    }
    boolean header = false;
    for (FlagFindings flag : findings.flags()) {
      if (flag.sequential() == null) {
        continue;
      }
      if (!header) {
        md.append(
            "\n| flag | days | sequential SRM p after the last day | first day at or below alpha"
                + " |\n|---|---|---|---|\n");
        header = true;
      }
      AssignmentFindings.SequentialPath path = flag.sequential();
      md.append("| ")
          .append(Escapes.markdown(flag.flagKey()))
          .append(" | ")
          .append(path.days().size())
          .append(" | ")
          .append(Numbers.probability(path.days().get(path.days().size() - 1).pValue()))
          .append(" | ")
          .append(path.firstCrossing() == null ? "never" : path.firstCrossing() + " ❌")
          .append(" |\n");
    }
    if (!findings.pairs().isEmpty()) {
      md.append("\n| flags | shared users | independence |\n|---|---|---|\n");
      for (PairFindings pair : findings.pairs()) {
        md.append("| ")
            .append(Escapes.markdown(pair.flagA() + " x " + pair.flagB()))
            .append(" | ")
            .append(Numbers.format("%,d", pair.sharedUsers()))
            .append(" | ")
            .append(pair.gate().verdict().label())
            .append(": ")
            .append(Escapes.markdown(pair.measured()))
            .append(" |\n");
      }
    }
    if (!findings.failures().isEmpty()) {
      md.append("\n## Failed gates\n\n");
      for (Gate gate : findings.failures()) {
        md.append("- ").append(Escapes.markdown(gate.describe())).append('\n');
      }
    }
    if (findings.conflictCount() > 0) {
      md.append(
          Numbers.format(
              "\n%,d conflicts (one user, one flag, two outcomes); first on line %d.\n",
              findings.conflictCount(), findings.conflicts().get(0).line()));
    }
    return md.toString();
  }
}
