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
  private static final int BAR_WIDTH = 600;

  private AssignmentsHtml() {}

  public static String render(AssignmentFindings findings) {
    StringBuilder html = new StringBuilder(1 << 16);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>bucketproof assignments report</title>\n<style>\n")
        .append(
            "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1180px;padding:0 1em;color:#222}")
        .append("h2{margin-top:2em;border-bottom:1px solid #ccc}h3{margin:1.2em 0 .3em}")
        // As in index.html: a table wider than the column scrolls inside its own box, never the
        // page.
        .append(
            "table{border-collapse:collapse;margin:.5em 0;display:block;max-width:100%;overflow-x:auto}td,th{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}")
        .append(
            "th{background:#f4f4f4}.pass{color:#1a7f37;font-weight:600}.fail{color:#c62828;font-weight:700}")
        .append(
            ".inconclusive{color:#a15c00;font-weight:700}.num{text-align:right;font-variant-numeric:tabular-nums}")
        .append(".muted{color:#666}code{background:#f4f4f4;padding:0 3px}")
        .append(".verdict{font-size:1.2em;padding:.5em 1em;display:inline-block;border-radius:4px}")
        .append(".ok{background:#e6f4ea}.bad{background:#fdecea}.warn{background:#fff4e5}")
        .append("code,th{overflow-wrap:anywhere}p,li,summary{overflow-wrap:anywhere}\n")
        .append("</style>\n</head>\n<body>\n<h1>bucketproof assignments report</h1>\n");
    String tone =
        !findings.failures().isEmpty() ? "bad" : findings.inconclusive().isEmpty() ? "ok" : "warn";
    html.append("<p class=\"verdict ")
        .append(tone)
        .append("\">")
        .append(Escapes.html(findings.headline()))
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
    html.append("<h2>Gates</h2>\n");
    if (!findings.failures().isEmpty()) {
      html.append("<h3 class=\"fail\">Failed</h3>\n");
      gateTable(html, findings.failures());
    }
    gateTable(html, findings.gates());
    pairs(html, findings);
    whole(html, findings);
    for (int i = 0; i < findings.flags().size(); i++) {
      flag(html, findings.flags().get(i), i);
    }
    html.append(
            "<p class=\"muted\">report.json holds every number; summary.md is the CI job summary.</p>\n")
        .append("</body>\n</html>\n");
    return html.toString();
  }

  private static void gateTable(StringBuilder html, List<Gate> gates) {
    html.append(
        "<table>\n<tr><th>flag</th><th>gate</th><th>result</th><th>measured</th><th>test (validity)</th>"
            + "<th>power: smallest effect caught 80% of the time</th></tr>\n");
    for (Gate gate : gates) {
      html.append("<tr><td>")
          .append(Escapes.html(gate.target()))
          .append("</td><td>")
          .append(Escapes.html(gate.name()))
          .append("</td><td class=\"")
          .append(
              switch (gate.verdict()) {
                case PASS -> "pass\">pass";
                case FAIL -> "fail\">FAIL";
                case INCONCLUSIVE ->
                    "inconclusive\">INCONCLUSIVE"
                        + (gate.usersNeeded() > 0
                            ? Numbers.format(" (needs %,d users)", gate.usersNeeded())
                            : "");
              })
          .append("</td><td>")
          .append(Escapes.html(gate.measured()))
          .append("</td><td>")
          .append(Escapes.html(gate.validity()))
          .append("</td><td>")
          .append(Escapes.html(gate.power().text()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
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
    html.append(". An unsalted hash enables the same users for every flag.</p>\n<table>\n")
        .append(
            "<tr><th>flags</th><th class=\"num\">shared users</th><th class=\"num\">both</th><th class=\"num\">A only</th>")
        .append(
            "<th class=\"num\">B only</th><th class=\"num\">neither</th><th>finding</th></tr>\n");
    for (PairFindings pair : findings.pairs()) {
      long[][] table = pair.table();
      html.append("<tr><td>")
          .append(Escapes.html(pair.flagA() + " x " + pair.flagB()))
          .append("</td>")
          .append(
              Numbers.format(
                  "<td class=\"num\">%,d</td><td class=\"num\">%,d</td><td class=\"num\">%,d</td>"
                      + "<td class=\"num\">%,d</td><td class=\"num\">%,d</td>",
                  pair.sharedUsers(), table[1][1], table[1][0], table[0][1], table[0][0]))
          .append("<td class=\"")
          .append(pair.gate().verdict().label())
          .append("\">")
          .append(Escapes.html(pair.measured()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
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
          "<table>\n<tr><th>line</th><th>user</th><th>flag</th><th>earlier</th><th>this row</th></tr>\n");
      for (AssignmentFindings.Conflict conflict : findings.conflicts()) {
        html.append("<tr><td class=\"num\">")
            .append(conflict.line())
            .append("</td><td><code>")
            .append(Escapes.html(Escapes.visible(conflict.userId())))
            .append("</code></td><td>")
            .append(Escapes.html(conflict.flagKey()))
            .append("</td><td>")
            .append(Escapes.html(conflict.earlier()))
            .append("</td><td>")
            .append(Escapes.html(conflict.later()))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
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
              ". The first %d:</p>\n<table>\n<tr><th>line</th><th>reason</th></tr>\n",
              findings.rejects().first().size()));
      for (AssignmentFindings.RejectedLine line : findings.rejects().first()) {
        html.append("<tr><td class=\"num\">")
            .append(line.line())
            .append("</td><td>")
            .append(Escapes.html(line.reason()))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
  }

  private static void flag(StringBuilder html, FlagFindings flag, int index) {
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
    if (!flag.variantCounts().isEmpty()) {
      long total = flag.variantCounts().values().stream().mapToLong(Long::longValue).sum();
      html.append(
          "<table>\n<tr><th>variant</th><th class=\"num\">rows</th><th class=\"num\">share</th><th></th></tr>\n");
      for (Map.Entry<String, Long> variant : flag.variantCounts().entrySet()) {
        double share = (double) variant.getValue() / total;
        html.append("<tr><td>")
            .append(Escapes.html(variant.getKey()))
            .append(
                Numbers.format(
                    "</td><td class=\"num\">%,d</td><td class=\"num\">%s</td><td><svg width=\"%d\" height=\"10\"><rect width=\"%.1f\""
                        + " height=\"10\" fill=\"#1b6ca8\"/></svg></td></tr>\n",
                    variant.getValue(),
                    Numbers.percent(share),
                    BAR_WIDTH / 3,
                    share * BAR_WIDTH / 3));
      }
      html.append("</table>\n");
    }
    if (flag.bucketCounts().length > 0) {
      long max = 1;
      for (long count : flag.bucketCounts()) {
        max = Math.max(max, count);
      }
      int buckets = flag.bucketCounts().length;
      int bins = Math.min(buckets, BAR_WIDTH / 6);
      html.append(
          Numbers.format(
              "<p class=\"muted\">Rows per bucket of the bucket column (%,d buckets%s):</p>\n"
                  + "<svg width=\"%d\" height=\"80\" role=\"img\">",
              buckets, bins < buckets ? " in " + bins + " bins" : "", BAR_WIDTH));
      long[] binned = new long[bins];
      for (int bucket = 0; bucket < buckets; bucket++) {
        binned[(int) ((long) bucket * bins / buckets)] += flag.bucketCounts()[bucket];
      }
      long binMax = 1;
      for (long count : binned) {
        binMax = Math.max(binMax, count);
      }
      double width = (double) BAR_WIDTH / bins;
      for (int bin = 0; bin < bins; bin++) {
        double height = 78.0 * binned[bin] / binMax;
        html.append(
            Numbers.format(
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1b6ca8\"/>",
                bin * width, 80 - height, Math.max(1, width - 1), height));
      }
      html.append("</svg>\n");
    }
    html.append("<h3>Which rule made this?</h3>\n");
    RuleMatch best = flag.best();
    if (best == null) {
      html.append(
          "<p class=\"muted\">No rule could be compared: the rows of this flag have no outcome a rule predicts.</p>\n");
      return;
    }
    html.append("<p><strong>").append(Escapes.html(best.sentence())).append("</strong>");
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
    html.append(
            ".</p>\n<table>\n<tr><th>rule</th><th>computes</th><th class=\"num\">rows compared</th>")
        .append(
            "<th class=\"num\">reproduced</th><th class=\"num\">share</th><th>completed with</th></tr>\n");
    for (RuleMatch match : flag.matches()) {
      html.append("<tr><td><code>")
          .append(Escapes.html(match.rule()))
          .append("</code></td><td>")
          .append(Escapes.html(match.description()))
          .append(
              Numbers.format(
                  "</td><td class=\"num\">%,d</td>"
                      + "<td class=\"num\">%,d</td><td class=\"num\">%.2f%%</td><td>",
                  match.rowsCompared(), match.rowsMatched(), match.share() * 100))
          .append(match.inferred() == null ? "" : Escapes.html(match.inferred()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
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
                "<table>\n<tr><th>line</th><th>user</th><th>rule gives</th><th>row says</th></tr>\n");
        for (AssignmentFindings.Mismatch mismatch : best.firstMismatches()) {
          html.append("<tr><td class=\"num\">")
              .append(mismatch.line())
              .append("</td><td><code>")
              .append(Escapes.html(Escapes.visible(mismatch.userId())))
              .append("</code></td><td>")
              .append(Escapes.html(mismatch.expected()))
              .append("</td><td>")
              .append(Escapes.html(mismatch.observed()))
              .append("</td></tr>\n");
        }
        html.append("</table>\n");
      }
    }
  }
}
