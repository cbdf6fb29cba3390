package dev.bucketproof.reports.render;

import dev.bucketproof.reports.audit.BucketerFindings;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.jmh.JmhResult;
import dev.bucketproof.reports.jmh.SpeedClaim;
import dev.bucketproof.reports.report.Report;
import dev.bucketproof.reports.statistics.ModuloBias;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.text.Escapes;
import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Renders index.html: one self-contained page (inline CSS and SVG, no scripts, fonts or images from
 * elsewhere). Every value that came from input (ids, file names, flag keys) is escaped.
 *
 * <p>The first screen answers three questions (is the bucketing right, how sure is that, what could
 * this run not have seen) above the named health checks ({@link ReportChecks}); the calibration
 * plot and the details, folded by population, follow. The skeleton (head, styles, checks, gate
 * tables, QQ plot) is {@link Page}'s, shared with the assignments report.
 */
public final class ReportHtml {
  private static final int HISTOGRAM_BINS = 100;

  private ReportHtml() {}

  /** Returns index.html of the report. */
  public static String render(Report report) {
    StringBuilder html = new StringBuilder(1 << 20);
    Page.open(html, "bucketproof distribution report");
    Page.verdict(html, ReportChecks.tone(report), report.headline(), ReportChecks.why(report));
    Page.answers(
        html,
        "Is the bucketing right?",
        ReportChecks.rightAnswer(report),
        "How sure is that?",
        ReportChecks.sureAnswer(report),
        "What could this run not have seen?",
        ReportChecks.unseenAnswer(report));
    Page.checks(html, ReportChecks.checks(report));
    failures(html, report);
    Page.qqPlot(
        html,
        Page.calibrationPValues(ReportChecks.ownGates(report)),
        ReportChecks.otherSystems(report).isEmpty()
            ? "Gates of hashers of one family that gave the same p-value count once; exact count"
                + " checks (p = 0 or 1 by construction) are left out."
            : "Only bucketproof's own hashers are plotted: other systems' rules fail some gates by"
                + " design. Gates that gave the same p-value count once; exact count checks are"
                + " left out.");
    settings(html, report);
    gates(html, report);
    Set<String> others = ReportChecks.otherSystems(report);
    for (int i = 0; i < report.audits().size(); i++) {
      population(html, report, report.audits().get(i), i, others);
    }
    moduloBias(html, report);
    SystemsSection.html(html, report.systems());
    if (!report.benchmarks().isEmpty()) {
      benchmarks(html, report.benchmarks(), report.speedClaims());
    }
    Page.close(html);
    return html.toString();
  }

  private static void failures(StringBuilder html, Report report) {
    List<Gate> own = ReportChecks.ownFailures(report);
    List<Gate> expected = report.failures().stream().filter(gate -> !own.contains(gate)).toList();
    if (!own.isEmpty()) {
      html.append("<h2 id=\"failed\">Failed gates</h2>\n");
      Page.gateTable(html, own, true);
    }
    if (!expected.isEmpty()) {
      html.append("<details><summary>")
          .append(expected.size())
          .append(" failed gates of other systems' rules (expected findings)</summary>\n");
      Page.gateTable(html, expected, true);
      html.append("</details>\n");
    }
    if (!report.inconclusive().isEmpty()) {
      html.append("<details><summary class=\"inconclusive\">")
          .append(report.inconclusive().size())
          .append(
              " inconclusive gates: too few users for a valid test; each names the users it"
                  + " needs</summary>\n");
      Page.gateTable(html, report.inconclusive(), true);
      html.append("</details>\n");
    }
  }

  private static void settings(StringBuilder html, Report report) {
    html.append("<h2 id=\"settings\">What was audited</h2>\n<p>Flag <code>")
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
          .append("<code>")
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
  }

  private static void gates(StringBuilder html, Report report) {
    html.append(
        "<h2 id=\"gates\">Gates per population and hasher</h2>\n<p class=\"muted\">Gates passed"
            + " of each population's gates, per hasher.</p>\n");
    List<String> headers = new ArrayList<>();
    headers.add("@population");
    report.hashers().forEach(hasher -> headers.add("@" + hasher));
    Page.openTable(html, headers.toArray(String[]::new));
    for (int i = 0; i < report.audits().size(); i++) {
      PopulationFindings audit = report.audits().get(i);
      html.append("<tr><th class=\"name\"><a href=\"#population-")
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
    Page.closeTable(html);
    html.append("<details><summary>All ")
        .append(report.gates().size())
        .append(" gates, with what each measured</summary>\n");
    Page.gateTable(html, report.gates(), true);
    html.append("</details>\n");
  }

  private static void population(
      StringBuilder html, Report report, PopulationFindings audit, int index, Set<String> others) {
    List<Gate> gates = audit.targets().stream().flatMap(t -> report.gates(t).stream()).toList();
    long passed = gates.stream().filter(Gate::passed).count();
    boolean ownFailure =
        gates.stream().filter(Gate::failed).anyMatch(gate -> !others.contains(gate.target()));
    html.append("<h2 id=\"population-")
        .append(index)
        .append("\">")
        .append(Escapes.html(audit.population()))
        .append("</h2>\n<p>")
        .append(Escapes.html(audit.description()))
        .append(
            Numbers.format(
                " — %,d users audited; %,d of %,d gates passed.",
                audit.users(), passed, gates.size()))
        .append("</p>\n");
    if (audit.lineReport() != null) {
      html.append("<p>").append(Escapes.html(audit.lineReport().summary())).append("</p>\n");
    }
    html.append(ownFailure ? "<details open>" : "<details>")
        .append("<summary>Charts: bucket histograms, rollout accuracy, agreement</summary>\n");
    html.append(
        "<h3>Bucket histograms</h3>\n<p class=\"muted\">Bars: users per bucket (outside the band:"
            + " vermillion); dashed line: the expected count; shaded: the per-bucket 99.95%"
            + " binomial acceptance band. The y axis does not start at zero (the cut is marked on"
            + " the axis), so that the band shows.</p>\n<div class=\"cards\">\n");
    for (BucketerFindings target : audit.targets()) {
      html.append("<div class=\"card\"><h4><code>")
          .append(Escapes.html(target.name()))
          .append("</code> ")
          .append(
              target.uniformity() == null
                  ? ""
                  : Escapes.html(
                      Numbers.format(
                          "chi-square %.1f, p = %s",
                          target.uniformity().statistic(),
                          Numbers.probability(target.uniformity().pValue()))))
          .append("</h4>\n");
      histogram(html, target, report.alpha());
      html.append("</div>\n");
    }
    html.append("</div>\n");
    rolloutChart(html, report, audit);
    agreement(html, audit);
    html.append("</details>\n");
  }

  private static void histogram(StringBuilder html, BucketerFindings target, double alpha) {
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
      band[bin] = RolloutAccuracy.region(inRange, share, alpha);
      low = Math.min(low, (double) Math.min(counts[bin], band[bin][0]));
      high = Math.max(high, (double) Math.max(counts[bin], band[bin][1]));
    }
    double margin = Math.max(1, (high - low) * 0.08);
    // Start at zero unless the data sit far above it; then the cut is drawn on the axis.
    double bottom = low - margin < (high + margin) * 0.4 ? 0 : Math.floor(low - margin);
    double top = Math.ceil(high + margin);
    int svgWidth = Page.CHART_WIDTH;
    int left = 66;
    int plotWidth = svgWidth - left - 8;
    int plotTop = 8;
    int plotHeight = 120;
    int svgHeight = plotTop + plotHeight + 36;
    double barWidth = (double) plotWidth / bins;
    html.append(
        Numbers.format(
            "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"histogram\">",
            svgWidth, svgHeight, svgWidth, svgHeight));
    html.append(
        Numbers.format(
            "<title>%s: users per bucket, %,d to %,d (every count is in report.json)</title>",
            Escapes.html(target.name()),
            LongStream.of(counts).min().orElse(0),
            LongStream.of(counts).max().orElse(0)));
    // One path per layer instead of one rect per bin: 100 bins in about 3 KB instead of 22 KB.
    // Equal neighbouring band segments (a uniform expectation) merge into one.
    StringBuilder bandPath = new StringBuilder();
    int runStart = 0;
    for (int bin = 1; bin <= bins; bin++) {
      if (bin < bins && band[bin][0] == band[runStart][0] && band[bin][1] == band[runStart][1]) {
        continue;
      }
      double bandTop = y((double) band[runStart][1], bottom, top, plotTop, plotHeight);
      double bandBottom = y((double) band[runStart][0], bottom, top, plotTop, plotHeight);
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
    html.append("<path fill=\"#e4e8ec\" d=\"").append(bandPath).append("\"/>");
    StringBuilder inside = new StringBuilder();
    StringBuilder outside = new StringBuilder();
    int base = plotTop + plotHeight;
    for (int bin = 0; bin < bins; bin++) {
      double barTop = y((double) counts[bin], bottom, top, plotTop, plotHeight);
      boolean out = counts[bin] < band[bin][0] || counts[bin] > band[bin][1];
      (out ? outside : inside)
          .append(
              Numbers.format(
                  "M%.1f %.1fh%.1fV%dh-%.1fz",
                  left + bin * barWidth + barWidth * 0.1,
                  Math.min(barTop, base - 0.5),
                  barWidth * 0.8,
                  base,
                  barWidth * 0.8));
    }
    html.append("<path data-series=\"users per bucket\" fill=\"")
        .append(Page.SERIES)
        .append("\" opacity=\"0.85\" d=\"")
        .append(inside)
        .append("\"/>");
    if (outside.length() > 0) {
      html.append("<path data-series=\"users per bucket\" fill=\"")
          .append(Page.ALARM)
          .append("\" d=\"")
          .append(outside)
          .append("\"/>");
    }
    for (int bin = 0; bin < bins; bin++) {
      if (counts[bin] < band[bin][0] || counts[bin] > band[bin][1]) {
        // A bar outside its band keeps its own tooltip: the numbers a reader will look for.
        double barTop = y((double) counts[bin], bottom, top, plotTop, plotHeight);
        html.append(
            Numbers.format(
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill-opacity=\"0\">"
                    + "<title>bucket %s: %,d users (expected %.1f, band [%,d, %,d])</title></rect>",
                left + bin * barWidth,
                Math.min(barTop, base - 0.5),
                barWidth,
                Math.max(0.5, base - barTop),
                binLabel(bin, bins, target.bucketCount()),
                counts[bin],
                expected[bin],
                band[bin][0],
                band[bin][1]));
      }
    }
    double expectedY = y(expected[0], bottom, top, plotTop, plotHeight);
    html.append(
        Numbers.format(
            "<line x1=\"%d\" x2=\"%d\" y1=\"%.2f\" y2=\"%.2f\" stroke=\"#1f2328\" stroke-dasharray=\"4 2\"/>",
            left, left + plotWidth, expectedY, expectedY));
    // Axes: y ticks at the bottom (0 or the cut), the expected count and the top.
    html.append(
        Numbers.format(
            "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
                + "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>",
            left, left + plotWidth, base, base, left, left, plotTop, base));
    double[] ticks = {bottom, expected[0], top};
    for (double tick : ticks) {
      double tickY = y(tick, bottom, top, plotTop, plotHeight);
      html.append(
          Numbers.format(
              "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,.0f</text>",
              left - 4, left, tickY, tickY, left - 6, Math.min(base, tickY + 4), tick));
    }
    if (bottom > 0) {
      // The cut: a white gap with two slanted strokes across the y axis, just above its foot.
      html.append(
          Numbers.format(
              "<path d=\"M%d %dh10v6h-10z\" fill=\"#fff\"/>"
                  + "<path class=\"axis\" fill=\"none\" d=\"M%d %dl10 -3M%d %dl10 -3\"/>",
              left - 5, base - 14, left - 5, base - 7, left - 5, base - 13));
    }
    int last = target.bucketCount() - 1;
    html.append(
        Numbers.format(
            "<text x=\"%d\" y=\"%d\" text-anchor=\"start\">0</text>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">bucket</text>"
                + "<text transform=\"translate(12 %.1f) rotate(-90)\" text-anchor=\"middle\">users"
                + "%s</text>",
            left,
            base + 15,
            left + plotWidth / 2.0,
            base + 15,
            target.bucketCount() / 2,
            left + plotWidth,
            base + 15,
            last,
            left + plotWidth / 2.0,
            base + 30,
            plotTop + plotHeight / 2.0,
            bottom > 0 ? " (axis cut)" : ""));
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

  private static double y(double value, double bottom, double top, int plotTop, int height) {
    return plotTop + height - (value - bottom) / (top - bottom) * height;
  }

  /**
   * Small multiples, one panel per rollout percentage, one row per hasher: the grey bar is the
   * exact binomial acceptance region, the dot the enabled count, both as relative errors against
   * the configured share. Rows are labelled with the hasher's name, so no colour has to tell
   * hashers apart; a failed gate's dot is vermillion. Every band is drawn before every dot.
   */
  private static void rolloutChart(StringBuilder html, Report report, PopulationFindings audit) {
    Map<String, List<BucketerFindings>> columns = new LinkedHashMap<>();
    for (BucketerFindings target : audit.targets()) {
      for (RolloutAccuracy rollout : target.rollouts()) {
        columns.computeIfAbsent(rollout.percent(), key -> new ArrayList<>()).add(target);
      }
    }
    if (columns.isEmpty()) {
      return;
    }
    html.append(
        "<h3>Rollout accuracy</h3>\n<p class=\"muted\">Relative error of the enabled share against"
            + " the configured one, one panel per rollout: grey, the exact binomial 99.95% acceptance"
            + " region; dot, the measured share (vermillion when its gate failed). Each panel has its"
            + " own scale, symmetric around 0.</p>\n<div class=\"cards\">\n");
    for (Map.Entry<String, List<BucketerFindings>> column : columns.entrySet()) {
      String percent = column.getKey();
      List<BucketerFindings> targets = column.getValue();
      List<RolloutAccuracy> rollouts = new ArrayList<>();
      for (BucketerFindings target : targets) {
        rollouts.add(
            target.rollouts().stream()
                .filter(r -> r.percent().equals(percent))
                .findFirst()
                .orElseThrow());
      }
      double limit = 0;
      for (RolloutAccuracy rollout : rollouts) {
        limit = Math.max(limit, Math.abs(relative(rollout.highest(), rollout)));
        limit = Math.max(limit, Math.abs(relative(rollout.lowest(), rollout)));
        limit = Math.max(limit, Math.abs(relative(rollout.enabled(), rollout)));
      }
      limit = Math.max(limit * 1.1, 0.001);
      int width = Page.CHART_WIDTH;
      int left = 10;
      int right = width - 10;
      int row = 30;
      int top = 4;
      int plotBottom = top + row * targets.size();
      int height = plotBottom + 38;
      double zero = (left + right) / 2.0;
      double scale = (right - left) / 2.0 / limit;
      html.append("<div class=\"card\"><h4>rollout ")
          .append(Escapes.html(percent))
          .append("%</h4>\n")
          .append(
              Numbers.format(
                  "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"rollout"
                      + " accuracy %s%%\">",
                  width, height, width, height, Escapes.html(percent)));
      html.append(
          Numbers.format(
              "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
              zero, zero, top, plotBottom));
      for (int t = 0; t < targets.size(); t++) {
        RolloutAccuracy rollout = rollouts.get(t);
        double high = zero + relative(rollout.highest(), rollout) * scale;
        double low = zero + relative(rollout.lowest(), rollout) * scale;
        int rowTop = top + t * row;
        html.append(
            Numbers.format(
                "<text x=\"%d\" y=\"%d\">%s</text><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"8\""
                    + " fill=\"#d8dee4\"/>",
                left,
                rowTop + 12,
                Escapes.html(targets.get(t).name()),
                Math.min(low, high),
                rowTop + 17,
                Math.max(0.5, Math.abs(high - low))));
      }
      for (int t = 0; t < targets.size(); t++) {
        BucketerFindings target = targets.get(t);
        RolloutAccuracy rollout = rollouts.get(t);
        boolean failed =
            report.gates(target).stream()
                .anyMatch(gate -> gate.failed() && gate.name().equals("rollout " + percent + "%"));
        double dot = zero + relative(rollout.enabled(), rollout) * scale;
        html.append(
            Numbers.format(
                "<circle data-series=\"measured share\" cx=\"%.1f\" cy=\"%d\" r=\"4.5\" fill=\"%s\">"
                    + "<title>%s, %s%%: %,d of %,d (%s), region [%,d, %,d]</title></circle>",
                dot,
                top + t * row + 21,
                failed ? Page.ALARM : Page.SERIES,
                Escapes.html(target.name()),
                Escapes.html(percent),
                rollout.enabled(),
                rollout.users(),
                Numbers.percent(rollout.observedShare()),
                rollout.lowest(),
                rollout.highest()));
      }
      html.append(
          Numbers.format(
              "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
                  + "<text x=\"%d\" y=\"%d\" text-anchor=\"start\">-%s%%</text>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">0</text>"
                  + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">+%s%%</text>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">relative error of the enabled"
                  + " share</text></svg>\n</div>\n",
              left,
              right,
              plotBottom,
              plotBottom,
              left,
              plotBottom + 15,
              Numbers.format("%.2f", limit * 100),
              zero,
              plotBottom + 15,
              right,
              plotBottom + 15,
              Numbers.format("%.2f", limit * 100),
              zero,
              plotBottom + 31));
    }
    html.append("</div>\n");
  }

  private static double relative(long count, RolloutAccuracy rollout) {
    double expected = rollout.expectedShare() * rollout.users();
    return expected == 0 ? 0 : (count - expected) / expected;
  }

  /**
   * The agreement matrix as a heatmap: each cell's shade is the share of users two hashers put in
   * the same bucket; the chance level (1 / buckets: two unrelated hashers agree that often) is
   * stated and cells at chance level are marked.
   */
  @SuppressWarnings("ReferenceEquality") // the diagonal: a bucketer against itself
  private static void agreement(StringBuilder html, PopulationFindings audit) {
    if (audit.targets().size() < 2) {
      return;
    }
    List<BucketerFindings> targets = audit.targets();
    int buckets = targets.get(0).bucketCount();
    boolean oneBucketCount = targets.stream().allMatch(t -> t.bucketCount() == buckets);
    html.append(
            "<h3>Agreement</h3>\n<p class=\"muted\">Share of users that two hashers put in the same"
                + " bucket; darker is more. Chance level: two unrelated hashers put 1 user in ")
        .append(
            oneBucketCount
                ? Numbers.format(
                    "%,d in the same bucket (1/%,d = %s)",
                    buckets, buckets, Numbers.percent(1.0 / buckets))
                : "N in the same bucket, N the larger bucket count of the two")
        .append("; cells marked ≈ are at chance level (within 4 standard errors of it).</p>\n");
    List<String> headers = new ArrayList<>();
    headers.add("@hasher");
    for (int i = 0; i < targets.size(); i++) {
      headers.add((i + 1) + "#");
    }
    Page.openTable(html, headers.toArray(String[]::new));
    for (int r = 0; r < targets.size(); r++) {
      BucketerFindings row = targets.get(r);
      html.append("<tr><th class=\"name\">")
          .append(r + 1)
          .append(". <code>")
          .append(Escapes.html(row.name()))
          .append("</code></th>");
      for (BucketerFindings column : targets) {
        if (row == column) {
          html.append("<td class=\"num\">—</td>");
          continue;
        }
        PopulationFindings.Agreement agreement = audit.agreement(row.name(), column.name());
        double share = agreement.share();
        double chance = 1.0 / Math.max(row.bucketCount(), column.bucketCount());
        double error = Math.sqrt(chance * (1 - chance) / Math.max(1, agreement.users()));
        boolean atChance = Math.abs(share - chance) <= 4 * error;
        // From #f6f8fa (no agreement) to #0b5cad (every user in the same bucket).
        html.append(
            Numbers.format(
                "<td class=\"num\" style=\"background:rgb(%d,%d,%d);color:%s\">%s%s</td>",
                Math.round(246 + (11 - 246) * share),
                Math.round(248 + (92 - 248) * share),
                Math.round(250 + (173 - 250) * share),
                share > 0.5 ? "#fff" : "#1f2328",
                atChance ? "≈ " : "",
                Numbers.percent(share)));
      }
      html.append("</tr>\n");
    }
    Page.closeTable(html);
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
      html.append(
              "<div class=\"scroll\"><table>\n<tr><th class=\"num\">#</th><th class=\"id\">id</th>")
          .append("<th class=\"name\">bucket under <code>")
          .append(Escapes.html(agreement.first()))
          .append("</code></th><th class=\"name\">bucket under <code>")
          .append(Escapes.html(agreement.second()))
          .append("</code></th></tr>\n");
      for (PopulationFindings.Disagreement example : agreement.examples()) {
        html.append(
            Numbers.format(
                "<tr><td class=\"num\">%d</td><td class=\"id\"><code>%s</code></td><td class=\"num\">%d</td>"
                    + "<td class=\"num\">%d</td></tr>\n",
                example.index(),
                Page.id(example.id()),
                example.firstBucket(),
                example.secondBucket()));
      }
      Page.closeTable(html);
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
    Set<String> seen = new LinkedHashSet<>();
    for (PopulationFindings audit : report.audits()) {
      for (BucketerFindings target : audit.targets()) {
        ModuloBias bias = target.moduloBias();
        if (bias != null && seen.add(bias.bits() + "/" + bias.bucketCount())) {
          html.append(
              Numbers.format(
                  "<li>%d-bit hash, %d buckets: 2^%d = %s &times; %d + %d, so buckets [0, %d) hold one"
                      + " more hash value than the others: a relative bias of %.3g.</li>\n",
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
              "<div class=\"scroll\"><table>\n<tr><th class=\"text\">claim</th><th class=\"text\">measured</th><th class=\"num\">value</th><th class=\"name\">target</th><th>result</th></tr>\n");
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
      html.append("</table></div>\n");
    }
    List<JmhResult> hashes =
        results.stream().filter(r -> r.benchmark().equals("HashBenchmark.hash")).toList();
    if (!hashes.isEmpty()) {
      List<String> hashers = hashes.stream().map(r -> r.param("hasher")).distinct().toList();
      List<String> shapes = hashes.stream().map(r -> r.param("shape")).distinct().toList();
      html.append(
          "<h3>HashBenchmark.hash, ns/op (B/op)</h3>\n<div class=\"scroll\"><table>\n<tr><th class=\"name\">hasher</th>");
      shapes.forEach(shape -> html.append("<th>").append(Escapes.html(shape)).append("</th>"));
      html.append("</tr>\n");
      for (String hasher : hashers) {
        html.append("<tr><th class=\"name\">").append(Escapes.html(hasher)).append("</th>");
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
        html.append("<tr><th class=\"name\">floor (MurmurHash3_x86_32 of pre-encoded UTF-8)</th>");
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
      html.append("</table></div>\n");
      bars(html, hashes, hashers, shapes);
    }
    html.append(
            "<details><summary>All JMH results</summary>\n<div class=\"scroll\"><table>\n<tr><th class=\"name\">benchmark</th><th class=\"text\">params</th><th class=\"num\">score</th><th class=\"num\">error</th>")
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
    html.append("</table></div></details>\n");
  }

  /**
   * Small multiples of ns/op, one panel per id shape, one labelled bar per hasher (so no colour has
   * to tell the hashers apart), each panel scaled from zero to its slowest hasher.
   */
  private static void bars(
      StringBuilder html, List<JmhResult> hashes, List<String> hashers, List<String> shapes) {
    html.append(
        "<p class=\"muted\">ns/op per id shape; bars start at zero, each panel scaled to its"
            + " slowest hasher; orange: bucketproof's own hasher.</p>\n<div class=\"cards\">\n");
    int width = Page.CHART_WIDTH;
    int left = 10;
    int barMax = width - left - 56;
    int row = 30;
    for (String shape : shapes) {
      double slowest =
          hashes.stream()
              .filter(r -> r.param("shape").equals(shape))
              .mapToDouble(JmhResult::score)
              .max()
              .orElse(1);
      int height = row * hashers.size() + 26;
      html.append("<div class=\"card\"><h4>")
          .append(Escapes.html(shape))
          .append("</h4>\n")
          .append(
              Numbers.format(
                  "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"ns per op,"
                      + " %s\">",
                  width, height, width, height, Escapes.html(shape)));
      for (int h = 0; h < hashers.size(); h++) {
        String hasher = hashers.get(h);
        JmhResult result =
            hashes.stream()
                .filter(r -> r.param("shape").equals(shape) && r.param("hasher").equals(hasher))
                .findFirst()
                .orElse(null);
        int y = 4 + h * row;
        html.append(
            Numbers.format(
                "<text x=\"%d\" y=\"%d\">%s</text>", left, y + 11, Escapes.html(hasher)));
        if (result == null) {
          continue;
        }
        double length = Math.max(1, result.score() / slowest * barMax);
        boolean own = hasher.equals(SpeedClaim.OWN);
        html.append(
            Numbers.format(
                "<rect data-series=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"9\" fill=\"%s\">"
                    + "<title>%s: %.1f ns/op</title></rect><text x=\"%.1f\" y=\"%d\">%.1f</text>",
                own ? "own hasher" : "other hashers",
                left,
                y + 15,
                length,
                own ? Page.PALETTE[1] : Page.SERIES,
                Escapes.html(hasher),
                result.score(),
                left + length + 4,
                y + 24,
                result.score()));
      }
      int axis = row * hashers.size() + 6;
      html.append(
          Numbers.format(
              "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"4\" y2=\"%d\"/>"
                  + "<text x=\"%d\" y=\"%d\">ns/op, from 0 (bar ends labelled)</text>",
              left, left, axis, left, axis + 16));
      html.append("</svg>\n</div>\n");
    }
    html.append("</div>\n");
  }
}
