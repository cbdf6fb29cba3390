package dev.bucketproof.reports.render;

import dev.bucketproof.reports.audit.BucketerFindings;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.jmh.JmhResult;
import dev.bucketproof.reports.jmh.SpeedClaim;
import dev.bucketproof.reports.report.Report;
import dev.bucketproof.reports.statistics.Statistics;
import dev.bucketproof.reports.text.Escapes;
import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Renders index.html: one self-contained page (inline CSS and SVG, no scripts, fonts or images from
 * elsewhere). Every value that came from input (ids, file names, flag keys) is escaped.
 */
public final class ReportHtml {
  private static final String[] COLOURS = {
    "#1b6ca8", "#d1495b", "#2e8b57", "#edae49", "#7b4b94", "#00798c"
  };
  private static final int HISTOGRAM_BINS = 100;

  private ReportHtml() {}

  public static String render(Report report) {
    StringBuilder html = new StringBuilder(1 << 20);
    int failures = report.failures().size();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>bucketproof distribution report</title>\n<style>\n")
        .append(
            "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1180px;padding:0 1em;color:#222}")
        .append(
            "h1{margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ccc}h3{margin:1.2em 0 .3em}")
        // A table or a chart wider than the column scrolls or shrinks inside its own box, never the
        // page.
        .append(
            "table{border-collapse:collapse;margin:.5em 0;display:block;max-width:100%;overflow-x:auto}td,th{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}")
        .append(
            "th{background:#f4f4f4}.pass{color:#1a7f37;font-weight:600}.fail{color:#c62828;font-weight:700}")
        .append(
            ".num{text-align:right;font-variant-numeric:tabular-nums}.grid{display:flex;flex-wrap:wrap;gap:10px}")
        .append(
            ".card{border:1px solid #ddd;padding:6px}.muted{color:#666}code{background:#f4f4f4;padding:0 3px}")
        .append(".verdict{font-size:1.2em;padding:.5em 1em;display:inline-block;border-radius:4px}")
        .append(
            ".ok{background:#e6f4ea}.bad{background:#fdecea}.warn{background:#fff4e5}.inconclusive{color:#a15c00;font-weight:700}")
        .append(
            "svg text{font:11px sans-serif}svg{max-width:100%;height:auto}.card{max-width:100%;box-sizing:border-box}")
        .append("code,th{overflow-wrap:anywhere}p,li,summary{overflow-wrap:anywhere}\n")
        .append("</style>\n</head>\n<body>\n");
    html.append("<h1>bucketproof distribution report</h1>\n");
    String tone =
        failures > 0
            ? "bad"
            : report.inconclusive().isEmpty() && !report.gates().isEmpty() ? "ok" : "warn";
    html.append("<p class=\"verdict ")
        .append(tone)
        .append("\">")
        .append(Escapes.html(report.headline()))
        .append("</p>\n");
    html.append("<p>").append(Escapes.html(report.falseAlarmText())).append("</p>\n");
    html.append("<p>Flag <code>")
        .append(Escapes.html(Escapes.visible(report.flagKey())))
        .append("</code>, ")
        .append(report.bucketCount())
        .append(" buckets, alpha ")
        .append(Numbers.plain(report.alpha()))
        .append(" per gate, salt meta-test over ")
        .append(report.saltFlagCount())
        .append(" flag keys and the first ")
        .append(report.saltUsers())
        .append(" ids. Hashers: ");
    for (int i = 0; i < report.hashers().size(); i++) {
      html.append(i == 0 ? "" : ", ")
          .append("<span style=\"color:")
          .append(colour(i))
          .append("\">&#9632;</span> <code>")
          .append(Escapes.html(report.hashers().get(i)))
          .append("</code>");
    }
    html.append(".</p>\n<p>Populations: ");
    for (int i = 0; i < report.audits().size(); i++) {
      PopulationFindings audit = report.audits().get(i);
      html.append(i == 0 ? "" : " · ")
          .append("<a href=\"#population-")
          .append(i)
          .append("\">")
          .append(Escapes.html(audit.population()))
          .append("</a>");
    }
    html.append("</p>\n");
    gates(html, report);
    for (int i = 0; i < report.audits().size(); i++) {
      population(html, report, report.audits().get(i), i);
    }
    moduloBias(html, report);
    SystemsSection.html(html, report.systems());
    if (!report.benchmarks().isEmpty()) {
      benchmarks(html, report.benchmarks(), report.speedClaims());
    }
    html.append(
            "<p class=\"muted\">report.json holds every number; summary.md is the CI job summary.</p>\n")
        .append("</body>\n</html>\n");
    return html.toString();
  }

  private static void gates(StringBuilder html, Report report) {
    html.append(
            "<h2 id=\"gates\">Gates</h2>\n<p class=\"muted\">Gates passed per population and hasher.</p>\n")
        .append("<table>\n<tr><th>population</th>");
    report
        .hashers()
        .forEach(hasher -> html.append("<th>").append(Escapes.html(hasher)).append("</th>"));
    html.append("</tr>\n");
    for (int i = 0; i < report.audits().size(); i++) {
      PopulationFindings audit = report.audits().get(i);
      html.append("<tr><th><a href=\"#population-")
          .append(i)
          .append("\">")
          .append(Escapes.html(audit.population()))
          .append("</a></th>");
      for (String hasher : report.hashers()) {
        BucketerFindings target =
            audit.targets().stream().filter(t -> t.name().equals(hasher)).findFirst().orElse(null);
        if (target == null) {
          html.append("<td></td>");
          continue;
        }
        List<Gate> gates = report.gates(target);
        long passed = gates.stream().filter(Gate::passed).count();
        String cell =
            gates.stream().anyMatch(Gate::failed)
                ? "fail"
                : passed == gates.size() ? "pass" : "inconclusive";
        html.append("<td class=\"num ")
            .append(cell)
            .append("\">")
            .append(passed)
            .append('/')
            .append(gates.size())
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
    if (!report.failures().isEmpty()) {
      html.append("<h3>Failed gates</h3>\n");
      gateTable(html, report.failures());
    }
    if (!report.inconclusive().isEmpty()) {
      html.append("<h3 class=\"inconclusive\">Inconclusive gates</h3>\n<p class=\"verdict warn\">")
          .append(report.inconclusive().size())
          .append(" gates had too few users for a valid test: they neither passed")
          .append(" nor failed. Each names the users it needs.</p>\n");
      gateTable(html, report.inconclusive());
    }
    html.append("<details><summary>All ")
        .append(report.gates().size())
        .append(" gates, with what each measured</summary>\n");
    gateTable(html, report.gates());
    html.append("</details>\n");
  }

  private static void gateTable(StringBuilder html, List<Gate> gates) {
    html.append(
            "<table>\n<tr><th>population</th><th>hasher</th><th>gate</th><th>result</th><th>measured</th>")
        .append(
            "<th>test (validity)</th><th>power: smallest effect caught 80% of the time</th></tr>\n");
    for (Gate gate : gates) {
      html.append("<tr><td>")
          .append(Escapes.html(gate.population()))
          .append("</td><td>")
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

  private static void population(
      StringBuilder html, Report report, PopulationFindings audit, int index) {
    html.append("<h2 id=\"population-")
        .append(index)
        .append("\">")
        .append(Escapes.html(audit.population()))
        .append("</h2>\n<p>")
        .append(Escapes.html(audit.description()))
        .append(Numbers.format(" — %,d users audited.", audit.users()))
        .append("</p>\n");
    if (audit.lineReport() != null) {
      html.append("<p>").append(Escapes.html(audit.lineReport().summary())).append("</p>\n");
    }
    html.append(
            "<h3>Bucket histograms</h3>\n<p class=\"muted\">Bars: users per bucket (bars outside the band in red);")
        .append(
            " line: expected count; shaded: the per-bucket 99.95% binomial acceptance band.</p>\n<div class=\"grid\">\n");
    for (int t = 0; t < audit.targets().size(); t++) {
      BucketerFindings target = audit.targets().get(t);
      html.append("<div class=\"card\"><div><code>")
          .append(Escapes.html(target.name()))
          .append("</code> ")
          .append(
              target.uniformity() == null
                  ? ""
                  : Escapes.html(
                      Numbers.format(
                          "chi-square %.1f, p = %s (%s)",
                          target.uniformity().statistic(),
                          Numbers.probability(target.uniformity().pValue()),
                          target.uniformity().verdict())))
          .append("</div>\n");
      histogram(html, target, report.alpha(), colour(report.hashers().indexOf(target.name())));
      html.append("</div>\n");
    }
    html.append("</div>\n");
    rolloutChart(html, report, audit);
    agreement(html, audit);
  }

  private static void histogram(
      StringBuilder html, BucketerFindings target, double alpha, String colour) {
    int bins = Math.min(target.bucketCount(), HISTOGRAM_BINS);
    long[] counts = new long[bins];
    long[] width = new long[bins];
    for (int bucket = 0; bucket < target.bucketCount(); bucket++) {
      int bin = (int) ((long) bucket * bins / target.bucketCount());
      counts[bin] += target.counts()[bucket];
      width[bin]++;
    }
    long inRange = target.users() - target.outOfRange();
    double[] expected = new double[bins];
    long[][] band = new long[bins][];
    double low = Double.MAX_VALUE;
    double high = 0;
    for (int bin = 0; bin < bins; bin++) {
      double share = (double) width[bin] / target.bucketCount();
      expected[bin] = inRange * share;
      band[bin] = Statistics.binomialRegion(inRange, share, alpha);
      low = Math.min(low, Math.min(counts[bin], band[bin][0]));
      high = Math.max(high, Math.max(counts[bin], band[bin][1]));
    }
    double margin = Math.max(1, (high - low) * 0.08);
    double bottom = Math.max(0, low - margin);
    double top = high + margin;
    int plotWidth = 400;
    int plotHeight = 130;
    int left = 52;
    double barWidth = (double) plotWidth / bins;
    html.append(
        Numbers.format(
            "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"histogram\">",
            left + plotWidth + 6, plotHeight + 24, left + plotWidth + 6, plotHeight + 24));
    html.append(
        Numbers.format(
            "<title>%s: users per bucket, %,d to %,d (every count is in report.json)</title>",
            Escapes.html(target.name()),
            LongStream.of(counts).min().orElse(0),
            LongStream.of(counts).max().orElse(0)));
    // One path per layer instead of one rect per bin: 100 bins in about 3 KB instead of 22 KB.
    // Equal
    // neighbouring band segments (a uniform expectation) merge into one.
    StringBuilder bandPath = new StringBuilder();
    int runStart = 0;
    for (int bin = 1; bin <= bins; bin++) {
      if (bin < bins && band[bin][0] == band[runStart][0] && band[bin][1] == band[runStart][1]) {
        continue;
      }
      double bandTop = y(band[runStart][1], bottom, top, plotHeight);
      double bandBottom = y(band[runStart][0], bottom, top, plotHeight);
      bandPath.append(
          Numbers.format(
              "M%.1f %.2fh%.2fv%.2fh-%.2fz",
              left + runStart * barWidth,
              bandTop,
              (bin - runStart) * barWidth,
              Math.max(0.5, bandBottom - bandTop),
              (bin - runStart) * barWidth));
      runStart = bin;
    }
    html.append("<path fill=\"#e8e8e8\" d=\"").append(bandPath).append("\"/>");
    StringBuilder inside = new StringBuilder();
    StringBuilder outside = new StringBuilder();
    for (int bin = 0; bin < bins; bin++) {
      double barTop = y(counts[bin], bottom, top, plotHeight);
      boolean out = counts[bin] < band[bin][0] || counts[bin] > band[bin][1];
      (out ? outside : inside)
          .append(
              Numbers.format(
                  "M%.1f %.1fh%.1fV%dh-%.1fz",
                  left + bin * barWidth + barWidth * 0.1,
                  Math.min(barTop, plotHeight - 0.5),
                  barWidth * 0.8,
                  plotHeight,
                  barWidth * 0.8));
    }
    html.append("<path fill=\"")
        .append(colour)
        .append("\" opacity=\"0.85\" d=\"")
        .append(inside)
        .append("\"/>");
    if (outside.length() > 0) {
      html.append("<path fill=\"#c62828\" opacity=\"0.85\" d=\"").append(outside).append("\"/>");
    }
    for (int bin = 0; bin < bins; bin++) {
      if (counts[bin] < band[bin][0] || counts[bin] > band[bin][1]) {
        // A bar outside its band keeps its own tooltip: the numbers a reader will look for.
        double barTop = y(counts[bin], bottom, top, plotHeight);
        html.append(
            Numbers.format(
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill-opacity=\"0\">"
                    + "<title>bucket %s: %,d users (expected %.1f, band [%,d, %,d])</title></rect>",
                left + bin * barWidth,
                Math.min(barTop, plotHeight - 0.5),
                barWidth,
                Math.max(0.5, plotHeight - barTop),
                binLabel(bin, bins, target.bucketCount()),
                counts[bin],
                expected[bin],
                band[bin][0],
                band[bin][1]));
      }
    }
    double expectedY = y(expected[0], bottom, top, plotHeight);
    html.append(
        Numbers.format(
            "<line x1=\"%d\" x2=\"%d\" y1=\"%.2f\" y2=\"%.2f\" stroke=\"#222\" stroke-dasharray=\"4 2\"/>",
            left, left + plotWidth, expectedY, expectedY));
    html.append(
        Numbers.format("<text x=\"%d\" y=\"10\" text-anchor=\"end\">%,.0f</text>", left - 4, top));
    html.append(
        Numbers.format(
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%,.0f</text>",
            left - 4, plotHeight, bottom));
    html.append(
        Numbers.format(
            "<text x=\"%d\" y=\"%d\">0</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>",
            left, plotHeight + 16, left + plotWidth, plotHeight + 16, target.bucketCount() - 1));
    html.append("</svg>\n");
  }

  private static String binLabel(int bin, int bins, int bucketCount) {
    if (bins == bucketCount) {
      return Integer.toString(bin);
    }
    long first = ((long) bin * bucketCount + bins - 1) / bins;
    long last = ((long) (bin + 1) * bucketCount + bins - 1) / bins - 1;
    return first + "-" + last;
  }

  private static double y(double value, double bottom, double top, int height) {
    return height - (value - bottom) / (top - bottom) * height;
  }

  private static void rolloutChart(StringBuilder html, Report report, PopulationFindings audit) {
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (BucketerFindings target : audit.targets()) {
      for (Statistics.RolloutAccuracy rollout : target.rollouts()) {
        columns.putIfAbsent(rollout.percent(), columns.size());
      }
    }
    if (columns.isEmpty()) {
      return;
    }
    double limit = 0;
    for (BucketerFindings target : audit.targets()) {
      for (Statistics.RolloutAccuracy rollout : target.rollouts()) {
        limit = Math.max(limit, Math.abs(relative(rollout.highest(), rollout)));
        limit = Math.max(limit, Math.abs(relative(rollout.lowest(), rollout)));
        limit = Math.max(limit, Math.abs(relative(rollout.enabled(), rollout)));
      }
    }
    limit = Math.max(limit * 1.1, 0.001);
    int width = 120 * columns.size();
    int height = 160;
    int left = 56;
    html.append(
            "<h3>Rollout accuracy</h3>\n<p class=\"muted\">Relative error of the enabled share against the")
        .append(
            " configured one, per rollout; grey: the exact binomial 99.95% acceptance region; dots: hashers.</p>\n")
        .append(
            Numbers.format(
                "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"rollout accuracy\">",
                left + width + 10, height + 30, left + width + 10, height + 30));
    double zero = height / 2.0;
    html.append(
        Numbers.format(
            "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>",
            left, left + width, zero, zero));
    html.append(
        Numbers.format(
            "<text x=\"%d\" y=\"10\" text-anchor=\"end\">+%.2f%%</text>", left - 4, limit * 100));
    html.append(
        Numbers.format(
            "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">0</text>", left - 4, zero + 4));
    html.append(
        Numbers.format(
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">-%.2f%%</text>",
            left - 4, height, limit * 100));
    for (Map.Entry<String, Integer> column : columns.entrySet()) {
      double centre = left + 120 * column.getValue() + 60;
      html.append(
          Numbers.format(
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s%%</text>",
              centre, height + 18, Escapes.html(column.getKey())));
    }
    for (int t = 0; t < audit.targets().size(); t++) {
      BucketerFindings target = audit.targets().get(t);
      String colour = colour(report.hashers().indexOf(target.name()));
      for (Statistics.RolloutAccuracy rollout : target.rollouts()) {
        double centre = left + 120 * columns.get(rollout.percent()) + 60;
        double x = centre - 40 + 80.0 * (t + 0.5) / audit.targets().size();
        double high = zero - relative(rollout.highest(), rollout) / limit * zero;
        double low = zero - relative(rollout.lowest(), rollout) / limit * zero;
        double dot = zero - relative(rollout.enabled(), rollout) / limit * zero;
        html.append(
            Numbers.format(
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"%.1f\" fill=\"#e0e0e0\"/>",
                x - 4, high, Math.max(0.5, low - high)));
        html.append(
            Numbers.format(
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" stroke=\"%s\"><title>%s, %s%%: %,d of"
                    + " %,d (%s), region [%,d, %,d]</title></circle>",
                x,
                dot,
                rollout.passed() ? colour : "#c62828",
                rollout.passed() ? colour : "#000",
                Escapes.html(target.name()),
                Escapes.html(rollout.percent()),
                rollout.enabled(),
                rollout.users(),
                Numbers.percent(rollout.observedShare()),
                rollout.lowest(),
                rollout.highest()));
      }
    }
    html.append("</svg>\n");
  }

  private static double relative(long count, Statistics.RolloutAccuracy rollout) {
    double expected = rollout.expectedShare() * rollout.users();
    return expected == 0 ? 0 : (count - expected) / expected;
  }

  private static void agreement(StringBuilder html, PopulationFindings audit) {
    if (audit.targets().size() < 2) {
      return;
    }
    html.append(
            "<h3>Agreement</h3>\n<p class=\"muted\">Share of users that two hashers put in the same bucket.</p>\n")
        .append("<table>\n<tr><th></th>");
    for (BucketerFindings target : audit.targets()) {
      html.append("<th>").append(Escapes.html(target.name())).append("</th>");
    }
    html.append("</tr>\n");
    for (BucketerFindings row : audit.targets()) {
      html.append("<tr><th>").append(Escapes.html(row.name())).append("</th>");
      for (BucketerFindings column : audit.targets()) {
        PopulationFindings.Agreement agreement = audit.agreement(row.name(), column.name());
        html.append("<td class=\"num\">")
            .append(row == column ? "—" : Numbers.percent(agreement.share()))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
    // Examples only for pairs of one hash width (one algorithm, such as UTF-8 against the browser's
    // bytes): a 32-bit and a 64-bit hasher agree on 1 user in 100 by chance, which needs no
    // example.
    List<PopulationFindings.Agreement> disagreeing = new ArrayList<>();
    for (PopulationFindings.Agreement agreement : audit.agreements()) {
      if (!agreement.examples().isEmpty()
          && hashBits(audit, agreement.first()) == hashBits(audit, agreement.second())) {
        disagreeing.add(agreement);
      }
    }
    for (PopulationFindings.Agreement agreement : disagreeing) {
      html.append(
          Numbers.format(
              "<p><code>%s</code> and <code>%s</code> put %,d of %,d users (%s) in different buckets; the first:</p>\n",
              Escapes.html(agreement.first()),
              Escapes.html(agreement.second()),
              agreement.different(),
              agreement.users(),
              Numbers.percent((double) agreement.different() / Math.max(1, agreement.users()))));
      html.append("<table>\n<tr><th>#</th><th>id</th><th>bucket</th><th>bucket</th></tr>\n");
      for (PopulationFindings.Disagreement example : agreement.examples()) {
        html.append(
            Numbers.format(
                "<tr><td class=\"num\">%d</td><td><code>%s</code></td><td class=\"num\">%d</td>"
                    + "<td class=\"num\">%d</td></tr>%n",
                example.index(),
                Escapes.html(Escapes.visible(example.id())),
                example.firstBucket(),
                example.secondBucket()));
      }
      html.append("</table>\n");
    }
  }

  private static int hashBits(PopulationFindings audit, String target) {
    return audit.targets().stream()
        .filter(t -> t.name().equals(target) && t.moduloBias() != null)
        .mapToInt(t -> t.moduloBias().bits())
        .findFirst()
        .orElse(0);
  }

  private static void moduloBias(StringBuilder html, Report report) {
    html.append(
        "<h2 id=\"modulo-bias\">Modulo bias</h2>\n<p>Computed exactly, not sampled.</p>\n<ul>\n");
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    for (PopulationFindings audit : report.audits()) {
      for (BucketerFindings target : audit.targets()) {
        Statistics.ModuloBias bias = target.moduloBias();
        if (bias != null && seen.add(bias.bits() + "/" + bias.bucketCount())) {
          html.append(
              Numbers.format(
                  "<li>%d-bit hash, %d buckets: 2^%d = %s &times; %d + %d, so buckets [0, %d) hold one"
                      + " more hash value than the others: a relative bias of %.3g.</li>%n",
                  bias.bits(),
                  bias.bucketCount(),
                  bias.bits(),
                  bias.valuesPerBucket(),
                  bias.bucketCount(),
                  bias.heavierBuckets(),
                  bias.heavierBuckets(),
                  bias.relativeBias()));
        }
      }
    }
    html.append("</ul>\n");
  }

  private static void benchmarks(
      StringBuilder html, List<JmhResult> results, List<SpeedClaim> claims) {
    html.append("<h2 id=\"benchmarks\">Speed (JMH)</h2>\n");
    if (!claims.isEmpty()) {
      html.append(
              "<h3>Speed claims</h3>\n<p class=\"muted\">Measured by the benchmarks, never asserted in tests.</p>\n")
          .append(
              "<table>\n<tr><th>claim</th><th>measured</th><th>value</th><th>target</th><th>result</th></tr>\n");
      for (SpeedClaim claim : claims) {
        html.append("<tr><td>")
            .append(Escapes.html(claim.claim()))
            .append("</td><td>")
            .append(Escapes.html(claim.measured()))
            .append("</td><td class=\"num\">")
            .append(Numbers.format("%.2f", claim.value()))
            .append("</td><td>")
            .append(Escapes.html(claim.target()))
            .append("</td><td class=\"")
            .append(claim.met() ? "pass\">met" : "fail\">missed")
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    List<JmhResult> hashes =
        results.stream().filter(r -> r.benchmark().equals("HashBenchmark.hash")).toList();
    if (!hashes.isEmpty()) {
      List<String> hashers = hashes.stream().map(r -> r.param("hasher")).distinct().toList();
      List<String> shapes = hashes.stream().map(r -> r.param("shape")).distinct().toList();
      html.append("<h3>HashBenchmark.hash, ns/op (B/op)</h3>\n<table>\n<tr><th>hasher</th>");
      shapes.forEach(shape -> html.append("<th>").append(Escapes.html(shape)).append("</th>"));
      html.append("</tr>\n");
      for (String hasher : hashers) {
        html.append("<tr><th>").append(Escapes.html(hasher)).append("</th>");
        for (String shape : shapes) {
          JmhResult result =
              hashes.stream()
                  .filter(r -> r.param("hasher").equals(hasher) && r.param("shape").equals(shape))
                  .findFirst()
                  .orElse(null);
          html.append("<td class=\"num\">")
              .append(
                  result == null
                      ? "-"
                      : Escapes.html(
                          Numbers.format("%.1f", result.score())
                              + (Double.isNaN(result.allocatedBytesPerOp())
                                  ? ""
                                  : Numbers.format(" (%.0f B)", result.allocatedBytesPerOp()))))
              .append("</td>");
        }
        html.append("</tr>\n");
      }
      List<JmhResult> floors =
          results.stream().filter(r -> r.benchmark().equals("HashBenchmark.floor")).toList();
      if (!floors.isEmpty()) {
        html.append("<tr><th>floor (MurmurHash3_x86_32 of pre-encoded UTF-8)</th>");
        for (String shape : shapes) {
          JmhResult floor =
              floors.stream()
                  .filter(r -> r.param("shape").equals(shape))
                  .min(
                      Comparator.comparing(
                          (JmhResult r) -> !r.param("hasher").equals(SpeedClaim.OWN)))
                  .orElse(null);
          html.append("<td class=\"num\">")
              .append(floor == null ? "-" : Numbers.format("%.1f", floor.score()))
              .append("</td>");
        }
        html.append("</tr>\n");
      }
      html.append("</table>\n");
      bars(html, hashes, hashers, shapes);
    }
    html.append(
            "<h3>All results</h3>\n<table>\n<tr><th>benchmark</th><th>params</th><th>score</th><th>error</th>")
        .append("<th>unit</th><th>B/op</th></tr>\n");
    for (JmhResult result : results) {
      html.append("<tr><td>")
          .append(Escapes.html(result.benchmark()))
          .append("</td><td>")
          .append(Escapes.html(result.params().toString()))
          .append("</td><td class=\"num\">")
          .append(Numbers.format("%.2f", result.score()))
          .append("</td><td class=\"num\">")
          .append(
              Double.isNaN(result.scoreError()) ? "-" : Numbers.format("%.2f", result.scoreError()))
          .append("</td><td>")
          .append(Escapes.html(result.unit()))
          .append("</td><td class=\"num\">")
          .append(
              Double.isNaN(result.allocatedBytesPerOp())
                  ? "-"
                  : Numbers.format("%.1f", result.allocatedBytesPerOp()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  /**
   * Horizontal bars of ns/op per shape, one bar per hasher, each shape scaled to its slowest
   * hasher.
   */
  private static void bars(
      StringBuilder html, List<JmhResult> hashes, List<String> hashers, List<String> shapes) {
    int rowHeight = 12;
    int groupHeight = rowHeight * hashers.size() + 14;
    int left = 70;
    int width = 420;
    int legendWidth = 240;
    int svgWidth = left + width + 80 + legendWidth;
    int svgHeight = Math.max(groupHeight * shapes.size() + 10, 16 * hashers.size() + 10);
    html.append(
        Numbers.format(
            "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"ns per op\">",
            svgWidth, svgHeight, svgWidth, svgHeight));
    for (int h = 0; h < hashers.size(); h++) {
      int x = left + width + 80;
      int y = 5 + 16 * h;
      html.append(
          Numbers.format(
              "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
              x, y, colour(h), x + 14, y + 9, Escapes.html(hashers.get(h))));
    }
    for (int s = 0; s < shapes.size(); s++) {
      String shape = shapes.get(s);
      double slowest =
          hashes.stream()
              .filter(r -> r.param("shape").equals(shape))
              .mapToDouble(JmhResult::score)
              .max()
              .orElse(1);
      int top = s * groupHeight + 5;
      html.append(
          Numbers.format("<text x=\"0\" y=\"%d\">%s</text>", top + 12, Escapes.html(shape)));
      for (int h = 0; h < hashers.size(); h++) {
        String hasher = hashers.get(h);
        JmhResult result =
            hashes.stream()
                .filter(r -> r.param("shape").equals(shape) && r.param("hasher").equals(hasher))
                .findFirst()
                .orElse(null);
        if (result == null) {
          continue;
        }
        double length = result.score() / slowest * width;
        int y = top + h * rowHeight;
        html.append(
            Numbers.format(
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %.1f ns/op</title></rect>",
                left, y, length, rowHeight - 2, colour(h), Escapes.html(hasher), result.score()));
        html.append(
            Numbers.format(
                "<text x=\"%.1f\" y=\"%d\">%.1f</text>",
                left + length + 4, y + rowHeight - 3, result.score()));
      }
    }
    html.append("</svg>\n");
  }

  private static String colour(int index) {
    return COLOURS[Math.floorMod(index, COLOURS.length)];
  }
}
