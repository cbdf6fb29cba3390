package dev.bucketproof.reports.render;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The three reports as a person sees them, opened in headless Chromium at 1280 and 390 CSS px wide:
 * the default report ({@code target/site}), the profiles report ({@code report --profile all},
 * {@code target/profiles-site}) and an assignments report ({@code report --assignments}, {@code
 * target/assignments-site}); the system properties {@code bucketproof.site}, {@code
 * bucketproof.profilesSite} and {@code bucketproof.assignmentsSite} point elsewhere.
 *
 * <p>Each page, at each width, is held to what a reader needs, every check reported at once:
 *
 * <ul>
 *   <li>no console message; the title and the verdict ({@code .verdict}) on the first screen;
 *   <li>no horizontal overflow of the page, with every {@code <details>} closed and open;
 *   <li>every chart of non-zero size;
 *   <li>no table cell narrower than 48 px (a column squeezed to a letter per line);
 *   <li>no text under 11 px as rendered: an HTML element's computed font size, an SVG text's font
 *       size times the scale its chart is drawn at (a 700-unit-wide chart drawn 350 px wide halves
 *       its labels);
 *   <li>at 390 px, no block taller than 1,000 px. A block is any element that holds content of its
 *       own rather than a list of other blocks: containers whose height is the sum of their
 *       children's ({@code html, body, main, section, article, nav, header, footer, details, table,
 *       thead, tbody, ul, ol, dl} and {@code div}s other than chart cards) are not blocks, but
 *       their rows, cells, paragraphs, list items, headings, summaries and charts are. A table row
 *       400 px tall, or a chart taller than two screens, fails;
 *   <li>in each chart ({@code svg}), no two series share a colour. A series is named by a mark's
 *       {@code data-series} attribute, or else by its tooltip ({@code <title>}) up to the first
 *       comma or colon, the convention of the charts' tooltips; a mark is a circle, rect, path,
 *       line or polyline painted in a colour that is not grey;
 *   <li>no dot (circle) of a chart painted over by a later opaque shape of the same chart.
 * </ul>
 *
 * <p>Screenshots of the first screen go beside each report ({@code browser-1280.png}, {@code
 * browser-390.png}); the page's height with its details closed and open is printed.
 *
 * <p>Run only by {@code mvn -B -Pbrowser -pl reports -am verify} after the reports were written
 * (see {@code .ci/run}); it needs Debian's {@code chromium} and {@code chromium-driver} ({@code
 * /usr/bin/chromedriver}, or the system property {@code webdriver.chrome.driver}); Selenium
 * downloads nothing.
 */
@Tag("browser")
class ReportBrowserTest {
  private static final String DRIVER =
      System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
  private static final String BROWSER =
      System.getProperty("bucketproof.chromium", "/usr/bin/chromium");
  private static final int SMALLEST_TEXT_PX = 11;
  private static final int NARROWEST_CELL_PX = 48;
  private static final int TALLEST_BLOCK_PX = 1_000;

  private static Path profile;
  private static ChromeDriver driver;

  static Stream<Arguments> pages() {
    List<Arguments> pages = new ArrayList<>();
    for (String[] kind :
        new String[][] {
          {"default", System.getProperty("bucketproof.site", "target/site")},
          {"profiles", System.getProperty("bucketproof.profilesSite", "target/profiles-site")},
          {
            "assignments",
            System.getProperty("bucketproof.assignmentsSite", "target/assignments-site")
          }
        }) {
      for (int width : new int[] {1280, 390}) {
        pages.add(Arguments.of(kind[0], Path.of(kind[1]), width));
      }
    }
    return pages.stream();
  }

  @BeforeAll
  static void startChromium() throws IOException {
    assertTrue(
        Files.isExecutable(Path.of(DRIVER)),
        DRIVER + " missing: apt-get install chromium chromium-driver");
    profile = Files.createTempDirectory("bucketproof-chromium-");
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(BROWSER)
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
  }

  @AfterAll
  static void stopChromium() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      MoreFiles.deleteRecursively(profile, RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }

  @ParameterizedTest(name = "{0} report at {2} px")
  @MethodSource("pages")
  void theReportKeepsItsShapeAndLeadsWithItsVerdict(String kind, Path site, int width)
      throws IOException {
    Path index = site.resolve("index.html");
    assertTrue(
        Files.isRegularFile(index),
        "no "
            + kind
            + " report at "
            + index.toAbsolutePath()
            + ": write it first (.ci/run shows the commands)");
    driver.manage().window().setSize(new Dimension(width, 900));
    driver.get(index.toUri().toString());
    long innerWidth = number("return window.innerWidth");
    String where = kind + " report at " + width + " px (inner width " + innerWidth + "): ";

    Path screenshot = driver.getScreenshotAs(OutputType.FILE).toPath();
    Path saved = site.resolve("browser-" + width + ".png");
    Files.copy(screenshot, saved, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(
        saved, PosixFilePermissions.fromString("rw-r--r--")); // published as the report is

    List<String> problems = new ArrayList<>();
    List<Object> consoleErrors = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
        consoleErrors.add(entry.getLevel() + " " + entry.getMessage());
      }
    }
    if (!consoleErrors.isEmpty()) {
      problems.add("console messages: " + consoleErrors);
    }
    visibleWithoutScrolling("h1", "the title", problems);
    visibleWithoutScrolling(".verdict", "the verdict", problems);
    long closedHeight = number("return document.documentElement.scrollHeight");
    long pageWidth = number("return document.documentElement.scrollWidth");
    if (pageWidth > innerWidth) {
      problems.add("the page is " + pageWidth + " px wide; widest elements: " + widest());
    }

    script("document.querySelectorAll('details').forEach(d => d.open = true); return 0");
    long openHeight = number("return document.documentElement.scrollHeight");
    System.out.printf(
        Locale.ROOT,
        "%s: page height %,d px with details closed, %,d px open%n",
        where,
        closedHeight,
        openHeight);
    long openedWidth = number("return document.documentElement.scrollWidth");
    if (openedWidth > innerWidth) {
      problems.add(
          "with every <details> open the page is "
              + openedWidth
              + " px wide; widest elements: "
              + widest());
    }
    charts(problems);
    report(problems, "narrow table cells", script(NARROW_CELLS, NARROWEST_CELL_PX));
    report(
        problems, "text under " + SMALLEST_TEXT_PX + " px", script(SMALL_TEXT, SMALLEST_TEXT_PX));
    if (width <= 390) {
      report(
          problems,
          "blocks taller than " + TALLEST_BLOCK_PX + " px",
          script(TALL_BLOCKS, TALLEST_BLOCK_PX));
    }
    report(problems, "charts reusing a colour for two series", script(SHARED_COLOURS));
    report(problems, "dots painted over by a later shape", script(COVERED_DOTS));
    if (!problems.isEmpty()) {
      fail(where + problems.size() + " checks failed:\n- " + String.join("\n- ", problems));
    }
  }

  private static void charts(List<String> problems) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> charts =
        (List<Map<String, Object>>)
            script(
                "return [...document.querySelectorAll('svg')]"
                    + ".map((s, i) => ({index: i, label: s.getAttribute('aria-label'), width: s.getBoundingClientRect().width,"
                    + " height: s.getBoundingClientRect().height}))");
    if (charts.isEmpty()) {
      problems.add("no chart at all");
    }
    List<Map<String, Object>> empty =
        charts.stream()
            .filter(
                chart ->
                    ((Number) chart.get("width")).doubleValue() <= 0
                        || ((Number) chart.get("height")).doubleValue() <= 0)
            .toList();
    if (!empty.isEmpty()) {
      problems.add("charts of zero size among " + charts.size() + ": " + empty);
    }
  }

  /** Adds "what: N, the first: ..." when the script found any offenders. */
  private static void report(List<String> problems, String what, Object found) {
    @SuppressWarnings("unchecked")
    List<Object> offenders = (List<Object>) found;
    if (!offenders.isEmpty()) {
      problems.add(
          what
              + ": "
              + offenders.size()
              + ", the first: "
              + offenders.subList(0, Math.min(5, offenders.size())));
    }
  }

  // A short description of an element for a failure message: tag, class and its first text.
  private static final String DESCRIBE =
      "const describe = e => e.tagName.toLowerCase() + (e.getAttribute('class') ? '.'"
          + " + e.getAttribute('class').split(' ').join('.') : '') + ' \"' + (e.textContent || '')"
          + ".trim().replace(/\\s+/g, ' ').slice(0, 40) + '\"';";

  private static final String NARROW_CELLS =
      DESCRIBE
          + "return [...document.querySelectorAll('td, th')].filter(c => c.getClientRects().length)"
          + ".map(c => [c, c.getBoundingClientRect().width]).filter(([c, w]) => w < arguments[0] - 0.5)"
          + ".map(([c, w]) => describe(c) + ' ' + w.toFixed(1) + ' px');";

  // Rendered size: for SVG text, the computed size times the scale from user units to CSS px.
  private static final String SMALL_TEXT =
      DESCRIBE
          + "const small = []; const walker = document.createTreeWalker(document.body,"
          + " NodeFilter.SHOW_TEXT); const seen = new Set();"
          + "while (walker.nextNode()) { const e = walker.currentNode.parentElement;"
          + " if (!e || seen.has(e) || !walker.currentNode.textContent.trim()) continue; seen.add(e);"
          + " if (e.closest('title, style, script')) continue;"
          + " if (!e.getClientRects().length) continue;"
          + " let size = parseFloat(getComputedStyle(e).fontSize);"
          + " if (e instanceof SVGElement) { const m = e.getScreenCTM(); if (m) size *= Math.hypot(m.a, m.b); }"
          + " if (size < arguments[0] - 0.05) small.push(describe(e) + ' ' + size.toFixed(1) + ' px'); }"
          + "return small;";

  private static final String TALL_BLOCKS =
      DESCRIBE
          + "const containers = new Set(['HTML', 'BODY', 'MAIN', 'SECTION', 'ARTICLE', 'NAV', 'HEADER',"
          + " 'FOOTER', 'DETAILS', 'TABLE', 'THEAD', 'TBODY', 'UL', 'OL', 'DL', 'DIV']);"
          + "return [...document.body.querySelectorAll('*')]"
          + ".filter(e => !containers.has(e.tagName) || e.tagName === 'DIV' && e.classList.contains('card'))"
          + ".filter(e => !(e.parentElement && e.parentElement.closest('svg')))"
          + ".map(e => [e, e.getBoundingClientRect().height]).filter(([e, h]) => h > arguments[0])"
          + ".map(([e, h]) => describe(e) + ' ' + Math.round(h) + ' px');";

  // Grey (low saturation), white, black and transparent paint are axes, bands and backgrounds.
  private static final String SHARED_COLOURS =
      "const canvas = document.createElement('canvas').getContext('2d');"
          + "const rgb = c => { canvas.fillStyle = '#000'; canvas.fillStyle = c; const s = canvas.fillStyle;"
          + " if (s.startsWith('#')) return [1, 3, 5].map(i => parseInt(s.slice(i, i + 2), 16));"
          + " const m = s.match(/[\\d.]+/g); return m && (m.length < 4 || +m[3] > 0) ? m.slice(0, 3).map(Number) : null; };"
          + "const colour = c => { if (!c || c === 'none' || c.startsWith('url')) return null; const v = rgb(c);"
          + " if (!v) return null; const hi = Math.max(...v), lo = Math.min(...v);"
          + " return hi - lo < 40 ? null : v.join(','); };"
          + "const found = [];"
          + "document.querySelectorAll('svg').forEach((svg, i) => { const series = new Map();"
          + " svg.querySelectorAll('circle, rect, path, line, polyline').forEach(mark => {"
          + "  const style = getComputedStyle(mark); if (+style.opacity === 0 || +style.fillOpacity === 0 && style.stroke === 'none') return;"
          + "  const paint = colour(style.fill) || colour(style.stroke); if (!paint) return;"
          + "  let name = mark.getAttribute('data-series');"
          + "  if (name === null) { const t = mark.querySelector('title'); if (!t) return;"
          + "   name = t.textContent.split(/[,:]/)[0].trim(); }"
          + "  if (!series.has(paint)) series.set(paint, new Set()); series.get(paint).add(name); });"
          + " series.forEach((names, paint) => { if (names.size > 1) found.push('chart ' + i + ' ('"
          + "  + (svg.getAttribute('aria-label') || '') + '): rgb(' + paint + ') for ' + [...names].join(' | ')); }); });"
          + "return found;";

  private static final String COVERED_DOTS =
      "const found = []; const opaque = e => { const s = getComputedStyle(e);"
          + " return s.fill !== 'none' && +s.fillOpacity > 0.5 && +s.opacity > 0.5; };"
          + "document.querySelectorAll('svg').forEach((svg, i) => {"
          + " const shapes = [...svg.querySelectorAll('circle, rect, path')];"
          + " shapes.forEach((dot, d) => { if (dot.tagName !== 'circle') return; const b = dot.getBBox();"
          + "  const x = b.x + b.width / 2, y = b.y + b.height / 2;"
          + "  for (const later of shapes.slice(d + 1)) { if (later.tagName === 'circle' || !opaque(later)) continue;"
          + "   const c = later.getBBox(); if (x > c.x && x < c.x + c.width && y > c.y && y < c.y + c.height) {"
          + "    found.push('chart ' + i + ' (' + (svg.getAttribute('aria-label') || '') + '): dot at ' + x.toFixed(1)"
          + "     + ',' + y.toFixed(1) + ' under a ' + later.tagName); break; } } }); });"
          + "return found;";

  private static String widest() {
    return String.valueOf(
        script(
            "const w = window.innerWidth; return [...document.body.querySelectorAll('*')]"
                + ".filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 5)"
                + ".map(e => e.tagName + '.' + e.className + ' right=' + Math.round(e.getBoundingClientRect().right))"
                + ".join('; ')"));
  }

  private static void visibleWithoutScrolling(String selector, String what, List<String> problems) {
    @SuppressWarnings("unchecked")
    Map<String, Object> box =
        (Map<String, Object>)
            script(
                "const e = document.querySelector(arguments[0]);"
                    + " if (!e) return null; const r = e.getBoundingClientRect(); const s = getComputedStyle(e);"
                    + " return {top: r.top, bottom: r.bottom, width: r.width, height: r.height,"
                    + " text: e.textContent.trim().slice(0, 80),"
                    + " shown: s.visibility !== 'hidden' && s.display !== 'none', viewport: window.innerHeight}",
                selector);
    if (box == null) {
      problems.add(what + " (" + selector + ") is missing");
      return;
    }
    double top = ((Number) box.get("top")).doubleValue();
    double bottom = ((Number) box.get("bottom")).doubleValue();
    double viewport = ((Number) box.get("viewport")).doubleValue();
    if (!(Boolean.TRUE.equals(box.get("shown"))
        && ((Number) box.get("height")).doubleValue() > 0
        && top >= 0
        && bottom <= viewport)) {
      problems.add(what + " (" + selector + ") is not on the first screen: " + box);
    }
  }

  private static Object script(String code, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(code, arguments);
  }

  private static long number(String code) {
    return ((Number) script(code)).longValue();
  }
}
