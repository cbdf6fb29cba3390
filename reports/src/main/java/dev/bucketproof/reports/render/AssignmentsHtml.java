package dev.bucketproof.reports.render;

import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.FlagFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.PairFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.RuleMatch;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.text.Escapes;
import dev.bucketproof.reports.text.Numbers;
import java.util.List;
import java.util.Map;

/**
 * Renders index.html of an assignments audit: one self-contained page (no scripts, every value from
 * the export escaped) with the whole file's findings, then a section per flag.
 */
public final class AssignmentsHtml {
  private AssignmentsHtml() {}

  public static String render(AssignmentFindings findings) {
    StringBuilder html = new StringBuilder(1 << 16);
    Page.open(html, "bucketproof assignments report");
    Page.verdict(
        html,
        AssignmentChecks.tone(findings),
        findings.headline(),
        AssignmentChecks.diagnosis(findings));
    html.append("<p class=\"false-alarm\">")
        .append(Escapes.html(findings.falseAlarmText()))
        .append("</p>\n");
    html.append("<p>Export <code>")
        .append(Escapes.html(findings.source()))
        .append("</code>: ")
        .append(Escapes.html(findings.lineSummary()))
        .append(". Alpha ")
        .append(Numbers.plain(findings.alpha()))
        .append(" per gate; the flag pairs share a family-wise alpha ")
        .append(Numbers.plain(findings.alpha()))
        .append(" (Holm). Flags: ");
    for (int i = 0; i < findings.flags().size(); i++) {
      html.append(i == 0 ? "" : " · ")
          .append("<a href=\"#flag-")
          .append(i)
          .append("\">")
          .append(Escapes.html(findings.flags().get(i).flagKey()))
          .append("</a>");
    }
    html.append(".</p>\n");
    Page.checks(html, AssignmentChecks.checks(findings));
    if (!findings.failures().isEmpty()) {
      html.append("<h2 id=\"failed\">Failed gates</h2>\n");
      Page.gateTable(html, findings.failures(), false);
    }
    html.append("<details><summary>All ")
        .append(findings.gates().size())
        .append(" gates, with what each measured</summary>\n");
    Page.gateTable(html, findings.gates(), false);
    html.append("</details>\n");
    pairs(html, findings);
    Page.qqPlot(
        html,
        Page.calibrationPValues(findings.gates()),
        "An assignments audit has few gates, one per flag and kind and one per pair of flags: the"
            + " plot shows them all.");
    whole(html, findings);
    for (int i = 0; i < findings.flags().size(); i++) {
      flag(html, findings.flags().get(i), i);
    }
    Page.close(html);
    return html.toString();
  }

  private static void pairs(StringBuilder html, AssignmentFindings findings) {
    if (findings.pairs().isEmpty()) {
      return;
    }
    html.append(
        "<h2>Do the flags pick independent users?</h2>\n<p class=\"muted\">Users seen under both flags");
    if (findings.sampleLevel() > 0) {
      html.append(
          Numbers.format(
              " (a consistent 1/%d sample of users: per-user state is bounded)",
              1L << findings.sampleLevel()));
    }
    html.append(". An unsalted hash enables the same users for every flag.</p>\n");
    Page.openTable(
        html, "@flags", "shared users#", "both#", "A only#", "B only#", "neither#", "~finding");
    for (PairFindings pair : findings.pairs()) {
      long[][] table = pair.table();
      html.append("<tr><td class=\"name\">")
          .append(Escapes.html(pair.flagA() + " x " + pair.flagB()))
          .append("</td>")
          .append(
              Numbers.format(
                  "<td class=\"num\">%,d</td><td class=\"num\">%,d</td><td class=\"num\">%,d</td>"
                      + "<td class=\"num\">%,d</td><td class=\"num\">%,d</td>",
                  pair.sharedUsers(), table[1][1], table[1][0], table[0][1], table[0][0]))
          .append("<td class=\"text ")
          .append(pair.gate().verdict().label())
          .append("\">")
          .append(Escapes.html(pair.measured()))
          .append("</td></tr>\n");
    }
    Page.closeTable(html);
  }

  private static void whole(StringBuilder html, AssignmentFindings findings) {
    html.append("<h2>The whole file</h2>\n<p>")
        .append(Escapes.html(findings.lineSummary()))
        .append(
            Numbers.format(
                ". Duplicates (same user, flag and outcome again): %,d. Conflicts (same user and flag,"
                    + " another outcome): %,d.",
                findings.duplicates(), findings.conflictCount()));
    if (findings.sampleLevel() > 0) {
      html.append(
          Numbers.format(
              " Duplicates and conflicts are counted among a 1/%d sample of users.",
              1L << findings.sampleLevel()));
    }
    html.append("</p>\n");
    if (!findings.conflicts().isEmpty()) {
      html.append(
          "<div class=\"scroll\"><table>\n<tr><th class=\"num\">line</th><th class=\"id\">user</th><th class=\"name\">flag</th><th class=\"name\">earlier</th><th class=\"name\">this row</th></tr>\n");
      for (AssignmentFindings.Conflict conflict : findings.conflicts()) {
        html.append("<tr><td class=\"num\">")
            .append(conflict.line())
            .append("</td><td class=\"id\"><code>")
            .append(Page.id(conflict.userId()))
            .append("</code></td><td class=\"name\">")
            .append(Escapes.html(conflict.flagKey()))
            .append("</td><td>")
            .append(Escapes.html(conflict.earlier()))
            .append("</td><td>")
            .append(Escapes.html(conflict.later()))
            .append("</td></tr>\n");
      }
      html.append("</table></div>\n");
    }
    if (findings.rejects().total() > 0) {
      html.append("<h3>Rejected lines</h3>\n<p>");
      int i = 0;
      for (Map.Entry<String, Long> reason : findings.rejects().byReason().entrySet()) {
        html.append(i++ == 0 ? "" : "; ")
            .append(Escapes.html(reason.getKey()))
            .append(Numbers.format(": %,d", reason.getValue()));
      }
      html.append(
          Numbers.format(
              ". The first %d:</p>\n<div class=\"scroll\"><table>\n<tr><th class=\"num\">line</th><th class=\"text\">reason</th></tr>\n",
              findings.rejects().first().size()));
      for (AssignmentFindings.RejectedLine line : findings.rejects().first()) {
        html.append("<tr><td class=\"num\">")
            .append(line.line())
            .append("</td><td class=\"text\">")
            .append(Escapes.html(line.reason()))
            .append("</td></tr>\n");
      }
      html.append("</table></div>\n");
    }
  }

  private static void flag(StringBuilder html, FlagFindings flag, int index) {
    boolean failed = flag.gates().stream().anyMatch(Gate::failed);
    html.append("<h2 id=\"flag-")
        .append(index)
        .append("\">Flag <code>")
        .append(Escapes.html(Escapes.visible(flag.flagKey())))
        .append("</code></h2>\n<p>");
    html.append(Numbers.format("%,d rows", flag.rows()));
    if (flag.settings().hasRollout()) {
      html.append("; configured rollout ").append(flag.settings().rolloutPercent()).append('%');
    }
    if (flag.settings().hasWeights()) {
      html.append("; configured weights ")
          .append(Escapes.html(flag.settings().weights().toString()));
    }
    if (!flag.settings().hasRollout() && !flag.settings().hasWeights()) {
      html.append(
          "; not configured in --flags (rollout and SRM gates are inconclusive, the fingerprint infers the cut-off)");
    }
    if (flag.enabledRows() > 0) {
      html.append(
          Numbers.format(
              "; enabled %,d of %,d (%s)",
              flag.enabledCount(),
              flag.enabledRows(),
              Numbers.percent((double) flag.enabledCount() / flag.enabledRows())));
    }
    html.append(".</p>\n");
    RuleMatch best = flag.best();
    if (best != null) {
      html.append("<p>Made by: <strong>").append(Escapes.html(best.sentence())).append("</strong>");
      if (flag.tiedBest().size() > 1) {
        html.append(" (tied with ");
        for (int i = 1; i < flag.tiedBest().size(); i++) {
          html.append(i == 1 ? "" : ", ")
              .append("<code>")
              .append(Escapes.html(flag.tiedBest().get(i).rule()))
              .append("</code>");
        }
        html.append(": they agree on these ids)");
      }
      html.append(".</p>\n");
    }
    html.append(failed ? "<details open>" : "<details>")
        .append("<summary>Outcomes, buckets and every candidate rule of <code>")
        .append(Escapes.html(Escapes.visible(flag.flagKey())))
        .append("</code></summary>\n");
    if (!flag.variantCounts().isEmpty()) {
      long total = flag.variantCounts().values().stream().mapToLong(Long::longValue).sum();
      html.append(
          "<div class=\"scroll\"><table>\n<tr><th class=\"name\">variant</th><th class=\"num\">rows</th>"
              + "<th class=\"num\">share</th></tr>\n");
      for (Map.Entry<String, Long> variant : flag.variantCounts().entrySet()) {
        double share = (double) variant.getValue() / total;
        html.append("<tr><td class=\"name\">")
            .append(Escapes.html(variant.getKey()))
            .append(
                Numbers.format(
                    "</td><td class=\"num\">%,d</td><td class=\"num\">%s</td></tr>\n",
                    variant.getValue(), Numbers.percent(share)));
      }
      html.append("</table></div>\n");
    }
    if (flag.sequential() != null) {
      sequentialChart(html, flag.sequential());
    }
    if (flag.bucketCounts().length > 0) {
      bucketChart(html, flag);
    }
    html.append("<h3>Which rule made this?</h3>\n");
    if (best == null) {
      html.append(
          "<p class=\"muted\">No rule could be compared: the rows of this flag have no outcome a rule predicts.</p>\n");
      html.append("</details>\n");
      return;
    }
    double chance = AssignmentChecks.chance(flag);
    html.append("<p>Each candidate rule recomputes every row. ");
    if (!Double.isNaN(chance)) {
      html.append(
          Escapes.html(
              Numbers.format(
                  "Chance baseline: a rule unrelated to the one that made this file, splitting the"
                      + " users in the same proportions, reproduces about %s of the rows (the sum of"
                      + " the squared shares of the outcomes), so a share near %s says nothing;"
                      + " \"beyond chance\" is 0%% at that baseline and 100%% when every row is"
                      + " reproduced.",
                  Numbers.percentBrief(chance), Numbers.percentBrief(chance))));
    }
    String notCompared = AssignmentChecks.notCompared(flag);
    if (!notCompared.isEmpty()) {
      html.append(' ').append(Escapes.html(notCompared));
    }
    html.append("</p>\n");
    Page.openTable(
        html,
        "@rule",
        "rows compared#",
        "reproduced#",
        "share#",
        "beyond chance#",
        "@cut-off used",
        "~computes");
    for (RuleMatch match : flag.matches()) {
      double beyond = AssignmentChecks.beyondChance(match, chance);
      html.append("<tr><td class=\"name\"><code>")
          .append(Escapes.html(match.rule()))
          .append("</code></td>")
          .append(
              Numbers.format(
                  "<td class=\"num\">%,d</td><td class=\"num\">%,d</td><td class=\"num\">%.2f%%</td>"
                      + "<td class=\"num\">%s</td>",
                  match.rowsCompared(),
                  match.rowsMatched(),
                  match.share() * 100,
                  Double.isNaN(beyond) ? "-" : Numbers.format("%.1f%%", beyond * 100)))
          .append("<td class=\"name\">")
          .append(Escapes.html(cutOff(flag, match)))
          .append("</td><td class=\"text\">")
          .append(Escapes.html(match.description()))
          .append("</td></tr>\n");
    }
    Page.closeTable(html);
    if (best.mismatches() > 0) {
      if (!best.mismatchesListed()) {
        html.append(
            "<p class=\"muted\">The rows that differ are listed when the flag's rollout or weights are given in"
                + " --flags (the rule's cut-off is then known while reading).</p>\n");
      } else {
        html.append(
                Numbers.format(
                    "<p>The first %d of the %,d rows <code>%s</code> does not reproduce:</p>\n",
                    best.firstMismatches().size(), best.mismatches(), Escapes.html(best.rule())))
            .append(
                "<div class=\"scroll\"><table>\n<tr><th class=\"num\">line</th><th class=\"id\">user</th>"
                    + "<th class=\"name\">rule gives</th><th class=\"name\">row says</th></tr>\n");
        for (AssignmentFindings.Mismatch mismatch : best.firstMismatches()) {
          html.append("<tr><td class=\"num\">")
              .append(mismatch.line())
              .append("</td><td class=\"id\"><code>")
              .append(Page.id(mismatch.userId()))
              .append("</code></td><td class=\"name\">")
              .append(Escapes.html(mismatch.expected()))
              .append("</td><td class=\"name\">")
              .append(Escapes.html(mismatch.observed()))
              .append("</td></tr>\n");
        }
        html.append("</table></div>\n");
      }
    }
    html.append("</details>\n");
  }

  /**
   * Returns the cut-off a rule was given: the configured rollout or weights, or what it was
   * completed with when the flag is not configured.
   */
  private static String cutOff(FlagFindings flag, RuleMatch match) {
    if (match.inferred() != null) {
      return match.inferred() + " (inferred)";
    }
    if (flag.settings().hasRollout()) {
      return "rollout " + flag.settings().rolloutPercent() + "% (configured)";
    }
    if (flag.settings().hasWeights()) {
      return "weights " + flag.settings().weights() + " (configured)";
    }
    return "bucket column (no cut-off)";
  }

  /** Rows per bucket of the bucket column: bars from zero, axes titled, at most 330 px wide. */
  private static void bucketChart(StringBuilder html, FlagFindings flag) {
    int buckets = flag.bucketCounts().length;
    int width = Page.CHART_WIDTH;
    int left = 58;
    int plotWidth = width - left - 8;
    int bins = Math.min(buckets, 100);
    long[] binned = new long[bins];
    for (int bucket = 0; bucket < buckets; bucket++) {
      binned[(int) ((long) bucket * bins / buckets)] += flag.bucketCounts()[bucket];
    }
    long binMax = 1;
    for (long count : binned) {
      binMax = Math.max(binMax, count);
    }
    int plotTop = 8;
    int plotHeight = 90;
    int base = plotTop + plotHeight;
    int height = base + 36;
    html.append(
        Numbers.format(
            "<p class=\"muted\">Rows per bucket of the bucket column (%,d buckets%s); the y axis starts at"
                + " zero.</p>\n<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
                + " aria-label=\"rows per bucket\">",
            buckets, bins < buckets ? " in " + bins + " bins" : "", width, height, width, height));
    double barWidth = (double) plotWidth / bins;
    StringBuilder bars = new StringBuilder();
    for (int bin = 0; bin < bins; bin++) {
      double barHeight = (double) plotHeight * binned[bin] / binMax;
      bars.append(
          Numbers.format(
              "M%.1f %.1fh%.1fV%dh-%.1fz",
              left + bin * barWidth + barWidth * 0.1,
              base - barHeight,
              barWidth * 0.8,
              base,
              barWidth * 0.8));
    }
    html.append("<path data-series=\"rows per bucket\" fill=\"")
        .append(Page.SERIES)
        .append("\" d=\"")
        .append(bars)
        .append("\"/>");
    html.append(
        Numbers.format(
            "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
                + "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%,d</text>"
                + "<text x=\"%d\" y=\"%d\">0</text>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">bucket</text>"
                + "<text transform=\"translate(12 %.1f) rotate(-90)\" text-anchor=\"middle\">rows</text></svg>\n",
            left,
            left + plotWidth,
            base,
            base,
            left,
            left,
            plotTop,
            base,
            left - 6,
            base,
            left - 6,
            plotTop + 8,
            binMax,
            left,
            base + 15,
            left + plotWidth,
            base + 15,
            buckets - 1,
            left + plotWidth / 2.0,
            base + 30,
            plotTop + plotHeight / 2.0));
  }

  /**
   * The sequential SRM path by day: the anytime-valid p-value after each day on a log scale from 1
   * down, with alpha as a dashed line; the y axis is titled and its decades labelled.
   */
  private static void sequentialChart(StringBuilder html, AssignmentFindings.SequentialPath path) {
    List<AssignmentFindings.SequentialDay> days = path.days();
    AssignmentFindings.SequentialDay last = days.get(days.size() - 1);
    html.append("<h3>Sample ratio mismatch, checked every day</h3>\n<p>");
    if (path.firstCrossing() != null) {
      html.append("<strong>The anytime-valid p-value fell to alpha ")
          .append(Numbers.probability(path.alpha()))
          .append(" or below on ")
          .append(Escapes.html(path.firstCrossing()))
          .append("</strong>");
    } else {
      html.append("The anytime-valid p-value never fell to alpha ")
          .append(Numbers.probability(path.alpha()));
    }
    html.append(
        Numbers.format(
            "; after %,d days (%s to %s) it is %s. Unlike the fixed-n gate, it may be looked at"
                + " after every day without raising false alarms above alpha (Dirichlet-multinomial"
                + " test, Lindon &amp; Malek 2022, concentration %,.0f).</p>\n",
            days.size(),
            Escapes.html(days.get(0).day()),
            Escapes.html(last.day()),
            Numbers.probability(last.pValue()),
            path.concentration()));
    int width = Page.CHART_WIDTH;
    int left = 58;
    int plotWidth = width - left - 12;
    int plotTop = 8;
    int plotHeight = 100;
    int base = plotTop + plotHeight;
    int height = base + 36;
    double smallest = path.alpha();
    for (AssignmentFindings.SequentialDay day : days) {
      smallest = Math.min(smallest, Math.max(day.pValue(), 1e-12));
    }
    int decades = Math.max(1, (int) Math.ceil(-Math.log10(smallest)));
    double step = days.size() == 1 ? 0 : (double) plotWidth / (days.size() - 1);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < days.size(); i++) {
      double p = Math.max(days.get(i).pValue(), 1e-12);
      double y = plotTop + plotHeight * -Math.log10(p) / decades;
      line.append(i == 0 ? "M" : "L")
          .append(
              Numbers.format(
                  "%.1f %.1f", left + (days.size() == 1 ? plotWidth / 2.0 : i * step), y));
    }
    html.append(
        Numbers.format(
            "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
                + " aria-label=\"anytime-valid p-value by day\">",
            width, height, width, height));
    double alphaY = plotTop + plotHeight * -Math.log10(path.alpha()) / decades;
    html.append(
        Numbers.format(
            "<line data-series=\"alpha\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-dasharray=\"4 2\"/>",
            left, left + plotWidth, alphaY, alphaY, Page.ALARM));
    html.append(
        Numbers.format(
            "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">alpha</text>",
            left + plotWidth, alphaY - 4));
    html.append("<path data-series=\"p-value\" fill=\"none\" stroke-width=\"2\" stroke=\"")
        .append(Page.SERIES)
        .append("\" d=\"")
        .append(line)
        .append("\"/>");
    int labelEvery = Math.max(1, (decades + 3) / 4);
    for (int decade = 0; decade <= decades; decade += labelEvery) {
      html.append(
          Numbers.format(
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
              left - 6,
              plotTop + plotHeight * (double) decade / decades + 4,
              decade == 0 ? "1" : "1e-" + decade));
    }
    html.append(
        Numbers.format(
            "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
                + "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
                + "<text x=\"%d\" y=\"%d\">%s</text>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">day</text>"
                + "<text transform=\"translate(12 %.1f) rotate(-90)\" text-anchor=\"middle\">p"
                + " (log)</text></svg>\n",
            left,
            left + plotWidth,
            base,
            base,
            left,
            left,
            plotTop,
            base,
            left,
            base + 15,
            Escapes.html(days.get(0).day().substring(5)),
            left + plotWidth,
            base + 15,
            Escapes.html(last.day().substring(5)),
            left + plotWidth / 2.0,
            base + 30,
            plotTop + plotHeight / 2.0));
  }
}
