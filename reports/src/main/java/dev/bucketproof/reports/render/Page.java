package dev.bucketproof.reports.render;

import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.text.Escapes;
import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * The skeleton both HTML reports share, so they cannot drift apart: the head and its one style
 * sheet, the verdict, the three first-screen answers, the named health checks, the gate table, the
 * calibration (QQ) plot, and the chart conventions (palette, axes, text sizes).
 *
 * <p>Layout rules, checked by {@code ReportBrowserTest} at 1280 and 390 px: a table scrolls inside
 * its own box ({@code div.scroll}) and keeps its columns ({@code min-width}, wrapping at word
 * boundaries only); charts are drawn at their natural size in CSS px (never scaled down, so an 12
 * px label stays 12 px) and are at most {@value #CHART_WIDTH} px wide so that they fit a 390 px
 * screen; a chart with more series than the palette has colours is drawn as small multiples, one
 * labelled panel per series.
 *
 * <p>Thread-safety: stateless.
 */
final class Page {
  /** The widest chart: fits a 390 px screen with the page's and the card's padding. */
  static final int CHART_WIDTH = 330;

  /**
   * Okabe and Ito's colour-blind-safe palette, without its yellow (too light on white) and black
   * (kept for text and axes): blue, orange, bluish green, reddish purple, sky blue, vermillion.
   */
  static final String[] PALETTE = {
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"
  };

  /** The one series colour of a single-series chart. */
  static final String SERIES = PALETTE[0];

  /** Marks outside their acceptance band, and failed verdicts in charts. */
  static final String ALARM = PALETTE[5];

  private static final String STYLE =
      "*{box-sizing:border-box}"
          + "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}"
          + "main{max-width:1180px;margin:0 auto;padding:12px 16px 32px}"
          + "h1{font-size:1.5em;margin:.3em 0}h2{font-size:1.3em;margin:1.6em 0 .4em;border-bottom:1px solid #d0d7de}"
          + "h3{font-size:1.1em;margin:1.2em 0 .3em}p{margin:.4em 0}"
          + "a{color:#0b5cad}code{background:#f3f4f6;padding:0 3px;border-radius:3px;overflow-wrap:anywhere}"
          + ".verdict{font-size:1.15em;font-weight:600;padding:.5em .8em;margin:.4em 0;border-radius:6px;border-left:6px solid}"
          + ".ok{background:#e6f4ea;border-color:#1a7f37}.bad{background:#fdecea;border-color:#c62828}"
          + ".warn{background:#fff4e5;border-color:#a15c00}.expected{background:#eef4fb;border-color:#0b5cad}"
          + ".verdict .why{display:block;font-weight:400;font-size:.87em}"
          + ".answers{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,330px),1fr));gap:10px;margin:.6em 0}"
          + ".answer{border:1px solid #d0d7de;border-radius:6px;padding:8px 12px}"
          + ".answer h2{font-size:1em;margin:0 0 .2em;border:0}"
          + ".badge{display:inline-block;min-width:6.5em;text-align:center;padding:0 .5em;border-radius:1em;"
          + "font-size:12px;font-weight:700;white-space:nowrap}"
          + ".badge.pass{background:#dafbe1;color:#116329}.badge.fail{background:#ffebe9;color:#a40e26}"
          + ".badge.expected{background:#ddf4ff;color:#0a3069}.badge.inconclusive{background:#fff8c5;color:#7d4e00}"
          + ".badge.info{background:#eaeef2;color:#24292f}.badge.missed{background:#fff1e5;color:#953800}"
          + ".pass{color:#116329;font-weight:600}.fail{color:#a40e26;font-weight:700}"
          + ".inconclusive{color:#7d4e00;font-weight:700}.muted{color:#57606a}"
          + ".scroll{overflow-x:auto;max-width:100%;margin:.4em 0}"
          + "table{border-collapse:collapse}"
          + "td,th{border:1px solid #d8dee4;padding:3px 7px;text-align:left;vertical-align:top;min-width:48px;"
          + "overflow-wrap:normal;word-break:normal}"
          + "th{background:#f6f8fa}td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
          + "td.text,th.text{min-width:15em}td.name,th.name{min-width:9em}td.id{min-width:12em}"
          + "td.id code{overflow-wrap:anywhere}th code,td.name code{overflow-wrap:normal}"
          + "table.checks{width:100%}.checks td.name{min-width:6.5em}.checks td.text,.checks th{min-width:8em}"
          + "details{margin:.3em 0}summary{cursor:pointer;font-weight:600;padding:.2em 0}"
          + ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(346px,1fr));gap:10px}"
          + ".card{border:1px solid #d0d7de;border-radius:6px;padding:6px 7px;min-width:0}"
          + ".card h4{margin:0 0 .2em;font-size:13px;font-weight:600}"
          + "svg{display:block;overflow:visible}svg text{font-family:system-ui,sans-serif;font-size:12px;fill:#1f2328}"
          + "svg .axis{stroke:#57606a}svg .grid{stroke:#d8dee4}"
          + ".key{display:inline-block;white-space:nowrap;margin-right:1em}"
          + ".swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em}\n";

  private Page() {}

  /** The tone of a verdict box. */
  enum Tone {
    /** Everything passed. */
    OK("ok"),
    /** A gate of the audited bucketer failed. */
    BAD("bad"),
    /** Nothing failed, but some gates could not decide. */
    WARN("warn"),
    /** Only expected findings about other systems failed. */
    EXPECTED("expected");

    final String css;

    Tone(String css) {
      this.css = css;
    }
  }

  /** A health check's status, shown as a badge. */
  enum Status {
    PASS("pass", "pass", "✅"),
    FAIL("fail", "FAIL", "❌"),
    EXPECTED("expected", "expected finding", "🔷"),
    INCONCLUSIVE("inconclusive", "inconclusive", "⚠️"),
    MISSED("missed", "target missed", "🟠"),
    INFO("info", "info", "ℹ️");

    final String css;
    final String label;
    final String emoji;

    Status(String css, String label, String emoji) {
      this.css = css;
      this.label = label;
      this.emoji = emoji;
    }
  }

  /**
   * One named health check, as experiment platforms show them.
   *
   * @param name what is checked, such as {@code Buckets are even}
   * @param status its status
   * @param finding one sentence (plain text, escaped when printed)
   */
  record Check(String name, Status status, String finding) {}

  /** Appends the doctype, head, style sheet and the opening of body and main. */
  static void open(StringBuilder html, String title) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(Escapes.html(title))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<main>\n<h1>")
        .append(Escapes.html(title))
        .append("</h1>\n");
  }

  /** Appends the closing note and closes main, body and html. */
  static void close(StringBuilder html) {
    html.append(
            "<p class=\"muted\">report.json holds every number; summary.md is the CI job summary.</p>\n")
        .append("</main>\n</body>\n</html>\n");
  }

  /** Appends the verdict box: the headline, and below it why (both plain text). */
  static void verdict(StringBuilder html, Tone tone, String headline, String why) {
    html.append("<p class=\"verdict ")
        .append(tone.css)
        .append("\">")
        .append(Escapes.html(headline));
    if (why != null && !why.isEmpty()) {
      html.append("<span class=\"why\">").append(Escapes.html(why)).append("</span>");
    }
    html.append("</p>\n");
  }

  /**
   * Appends the three first-screen answers; each answer is HTML the caller escaped.
   *
   * @param answers question, answer, question, answer...
   */
  static void answers(StringBuilder html, String... answers) {
    html.append("<div class=\"answers\">\n");
    for (int i = 0; i + 1 < answers.length; i += 2) {
      html.append("<section class=\"answer\"><h2>")
          .append(Escapes.html(answers[i]))
          .append("</h2>")
          .append(answers[i + 1])
          .append("</section>\n");
    }
    html.append("</div>\n");
  }

  /** Appends the named health checks as a table: status, check, finding. */
  static void checks(StringBuilder html, List<Check> checks) {
    html.append("<h2 id=\"health-checks\">Health checks</h2>\n");
    openTableOf(html, "checks", "status", "check", "finding");
    for (Check check : checks) {
      html.append("<tr><td><span class=\"badge ")
          .append(check.status().css)
          .append("\">")
          .append(check.status().label)
          .append("</span></td><td class=\"name\">")
          .append(Escapes.html(check.name()))
          .append("</td><td class=\"text\">")
          .append(Escapes.html(check.finding()))
          .append("</td></tr>\n");
    }
    closeTable(html);
  }

  /** Appends the health checks as a Markdown table. */
  static void checksMarkdown(StringBuilder md, List<Check> checks) {
    md.append("\n## Health checks\n\n| status | check | finding |\n|---|---|---|\n");
    for (Check check : checks) {
      md.append("| ")
          .append(check.status().emoji)
          .append(' ')
          .append(check.status().label)
          .append(" | ")
          .append(Escapes.markdown(check.name()))
          .append(" | ")
          .append(Escapes.markdown(check.finding()))
          .append(" |\n");
    }
  }

  /**
   * Opens a scrolling table with a header row; a header ending in {@code #} is right-aligned
   * (numbers), one starting with {@code ~} is a text column (at least 15em wide), one starting with
   * {@code @} a name column (at least 9em); the marks are not printed.
   */
  static void openTable(StringBuilder html, String... headers) {
    openTableOf(html, null, headers);
  }

  /**
   * Opens a scrolling table of the given CSS class (or null); see {@link #openTable(StringBuilder,
   * String...)}.
   */
  static void openTableOf(StringBuilder html, String tableClass, String... headers) {
    html.append(
        tableClass == null
            ? "<div class=\"scroll\"><table>\n<tr>"
            : "<div class=\"scroll\"><table class=\"" + tableClass + "\">\n<tr>");
    for (String header : headers) {
      String css = "";
      String text = header;
      if (header.endsWith("#")) {
        css = "num";
        text = header.substring(0, header.length() - 1);
      } else if (header.startsWith("~")) {
        css = "text";
        text = header.substring(1);
      } else if (header.startsWith("@")) {
        css = "name";
        text = header.substring(1);
      }
      html.append(css.isEmpty() ? "<th>" : "<th class=\"" + css + "\">")
          .append(Escapes.html(text))
          .append("</th>");
    }
    html.append("</tr>\n");
  }

  /** Closes a table opened by {@link #openTable}. */
  static void closeTable(StringBuilder html) {
    html.append("</table></div>\n");
  }

  /**
   * Appends a gate table: where (population and bucketer, or flag), gate, result, measured, test,
   * power.
   *
   * @param population whether to show the population column (ids reports) or not (assignments)
   */
  static void gateTable(StringBuilder html, List<Gate> gates, boolean population) {
    if (population) {
      openTable(
          html,
          "@population",
          "@hasher",
          "@gate",
          "@result",
          "~measured",
          "~test (validity)",
          "~power: smallest effect caught 80% of the time");
    } else {
      openTable(
          html,
          "@flag",
          "@gate",
          "@result",
          "~measured",
          "~test (validity)",
          "~power: smallest effect caught 80% of the time");
    }
    for (Gate gate : gates) {
      html.append("<tr>");
      if (population) {
        html.append("<td class=\"name\">").append(Escapes.html(gate.population())).append("</td>");
      }
      html.append("<td class=\"name\">")
          .append(Escapes.html(gate.target()))
          .append("</td><td class=\"name\">")
          .append(Escapes.html(gate.name()))
          .append("</td><td class=\"name ")
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
          .append("</td><td class=\"text\">")
          .append(Escapes.html(gate.measured()))
          .append("</td><td class=\"text\">")
          .append(Escapes.html(gate.validity()))
          .append("</td><td class=\"text\">")
          .append(Escapes.html(gate.power().text()))
          .append("</td></tr>\n");
    }
    closeTable(html);
  }

  /**
   * The p-values a calibration plot shows: every decided gate's, counting once the gates that
   * measured the same thing (hashers of one family give the same p-value on the same population and
   * gate), and leaving out exact count checks, whose p-value is 0 or 1 by construction.
   */
  static double[] calibrationPValues(List<Gate> gates) {
    Set<String> seen = new LinkedHashSet<>();
    List<Double> values = new ArrayList<>();
    for (Gate gate : gates) {
      if (gate.inconclusive() || gate.validity().startsWith("exact count")) {
        continue;
      }
      if (seen.add(gate.population() + '\n' + gate.name() + '\n' + gate.pValue())) {
        values.add(gate.pValue());
      }
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  /**
   * Returns the Kolmogorov-Smirnov statistic of sorted p-values against U(0, 1) and its two-sided
   * p-value, or null for fewer than 2 values. The p-value is commons-statistics-inference's (exact
   * for small samples, asymptotic beyond, both fast); commons-math3's exact distribution, used
   * before, built a BigFraction matrix of size 2nd and took minutes for a few hundred gates with
   * small p-values.
   */
  static double[] uniformKs(double[] sorted) {
    int n = sorted.length;
    if (n < 2) {
      return null;
    }
    double[] clamped = new double[n];
    for (int i = 0; i < n; i++) {
      clamped[i] = Math.min(1, Math.max(0, sorted[i]));
    }
    KolmogorovSmirnovTest.OneResult result =
        KolmogorovSmirnovTest.withDefaults().test(clamped, p -> Math.min(1, Math.max(0, p)));
    return new double[] {result.getStatistic(), Math.max(0, Math.min(1, result.getPValue()))};
  }

  /**
   * Appends the calibration picture: each distinct gate's p-value against its uniform quantile,
   * with the diagonal a calibrated harness follows and the 99% Kolmogorov-Smirnov band around it.
   *
   * @param note a sentence on what the reader should expect (plain text)
   */
  static void qqPlot(StringBuilder html, double[] sorted, String note) {
    int n = sorted.length;
    html.append("<h2 id=\"calibration\">Calibration: every gate's p-value against U(0, 1)</h2>\n");
    if (n < 2) {
      html.append("<p class=\"muted\">Fewer than two decided gates: nothing to plot.</p>\n");
      return;
    }
    double[] ks = uniformKs(sorted);
    html.append("<p>")
        .append(
            Escapes.html(
                Numbers.format(
                    "%,d distinct p-values, sorted, against the quantiles of the uniform"
                        + " distribution. A calibrated harness on correct bucketers lies near the"
                        + " diagonal; points below it are gates with smaller p-values than chance"
                        + " gives. Largest gap D = %.3f, Kolmogorov-Smirnov p = %s. ",
                    n, ks[0], Numbers.probability(ks[1]))))
        .append(Escapes.html(note))
        .append("</p>\n");
    int size = CHART_WIDTH;
    int left = 46;
    int top = 8;
    int plot = size - left - 10;
    int height = top + plot + 44;
    html.append(
        Numbers.format(
            "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"calibration"
                + " QQ plot\"><title>p-values of %,d distinct gates against U(0, 1)</title>",
            size, height, size, height, n));
    // Kolmogorov-Smirnov 99% band: |F_n(p) - p| <= c / sqrt(n), c = 1.628.
    double band = 1.628 / Math.sqrt(n);
    StringBuilder bandPath = new StringBuilder();
    bandPath.append(Numbers.format("M%.1f %.1f", x(left, plot, 0), y(top, plot, band)));
    for (double q = 0; q <= 1.0001; q += 0.05) {
      bandPath.append(
          Numbers.format(" L%.1f %.1f", x(left, plot, q), y(top, plot, Math.min(1, q + band))));
    }
    for (double q = 1; q >= -0.0001; q -= 0.05) {
      bandPath.append(
          Numbers.format(" L%.1f %.1f", x(left, plot, q), y(top, plot, Math.max(0, q - band))));
    }
    html.append("<path fill=\"#eaeef2\" d=\"").append(bandPath).append("Z\"/>");
    for (double tick = 0; tick <= 1.0001; tick += 0.25) {
      html.append(
          Numbers.format(
              "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>"
                  + "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
              x(left, plot, tick),
              x(left, plot, tick),
              top,
              top + plot,
              left,
              left + plot,
              y(top, plot, tick),
              y(top, plot, tick),
              x(left, plot, tick),
              top + plot + 16,
              Numbers.plain(tick),
              left - 5,
              y(top, plot, tick) + 4,
              Numbers.plain(tick)));
    }
    html.append(
        Numbers.format(
            "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
                + "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
                + "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#57606a\" stroke-dasharray=\"4 3\"/>",
            left,
            left + plot,
            top + plot,
            top + plot,
            left,
            left,
            top,
            top + plot,
            left,
            left + plot,
            top + plot,
            top));
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < n; i++) {
      double expected = (i + 0.5) / n;
      points.append(
          Numbers.format(
              "M%.1f %.1fh0", x(left, plot, expected), y(top, plot, Math.min(1, sorted[i]))));
    }
    html.append("<path data-series=\"p-values\" fill=\"none\" stroke=\"")
        .append(SERIES)
        .append("\" stroke-width=\"4\" stroke-linecap=\"round\" d=\"")
        .append(points)
        .append("\"/>");
    html.append(
        Numbers.format(
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">uniform quantile</text>"
                + "<text transform=\"translate(12 %.1f) rotate(-90)\" text-anchor=\"middle\">gate"
                + " p-value</text></svg>\n",
            left + plot / 2.0, top + plot + 36, top + plot / 2.0));
    html.append(
        "<p class=\"muted\">Shaded: the 99% Kolmogorov-Smirnov band; dashed: the diagonal.</p>\n");
  }

  private static double x(int left, int plot, double value) {
    return left + value * plot;
  }

  private static double y(int top, int plot, double value) {
    return top + plot - value * plot;
  }

  /** The longest id shown whole in a table; longer ones are cut, saying so. */
  static final int ID_SHOWN = 96;

  /**
   * Returns an id for a table cell, escaped and with invisible characters shown: whole up to
   * {@value #ID_SHOWN} characters, else its start and its length (the whole id is in report.json),
   * so that a 1 KiB id does not make a row thousands of pixels tall.
   */
  static String id(String id) {
    String shown = Escapes.visible(id);
    if (shown.codePointCount(0, shown.length()) <= ID_SHOWN) {
      return Escapes.html(shown);
    }
    return Escapes.html(shown.substring(0, shown.offsetByCodePoints(0, ID_SHOWN)))
        + Numbers.format(
            "…</code> <span class=\"muted\">(%,d characters; the whole id is in report.json)</span><code>",
            id.length());
  }

  /** Returns the palette's colour for a series index (callers keep index below its length). */
  static String colour(int index) {
    return PALETTE[Math.floorMod(index, PALETTE.length)];
  }
}
