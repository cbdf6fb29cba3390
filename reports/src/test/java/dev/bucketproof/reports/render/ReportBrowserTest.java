package dev.bucketproof.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * The report as a person sees it: {@code reports/target/site/index.html} opened in headless
 * Chromium at 1280 and 390 CSS px wide. No horizontal overflow of the page, every chart of non-zero
 * size once every {@code <details>} is open, no console error, the title and the verdict line
 * visible without scrolling. Screenshots of the first screen go beside the report ({@code
 * browser-1280.png}, {@code browser-390.png}) for CI to publish.
 *
 * <p>Run only by {@code mvn -B -Pbrowser -pl reports -am verify} after {@code report} wrote the
 * site; it needs Debian's {@code chromium} and {@code chromium-driver} ({@code
 * /usr/bin/chromedriver}, or the system property {@code webdriver.chrome.driver}); Selenium
 * downloads nothing.
 */
@Tag("browser")
class ReportBrowserTest {
  private static final Path SITE = Path.of(System.getProperty("bucketproof.site", "target/site"));
  private static final String DRIVER =
      System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
  private static final String BROWSER =
      System.getProperty("bucketproof.chromium", "/usr/bin/chromium");

  private static Path profile;
  private static ChromeDriver driver;

  @BeforeAll
  static void startChromium() throws IOException {
    Path index = SITE.resolve("index.html");
    assertTrue(
        Files.isRegularFile(index),
        "no report at "
            + index.toAbsolutePath()
            + ": run java -jar reports/target/bucketproof.jar report first");
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
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
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

  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {1280, 390})
  void theReportFitsItsWidthShowsEveryChartAndLeadsWithItsVerdict(int width) throws IOException {
    driver.manage().window().setSize(new Dimension(width, 900));
    driver.get(SITE.resolve("index.html").toUri().toString());
    long innerWidth = number("return window.innerWidth");
    String where = "at " + width + " px (inner width " + innerWidth + "): ";

    Path screenshot = driver.getScreenshotAs(OutputType.FILE).toPath();
    Path saved = SITE.resolve("browser-" + width + ".png");
    Files.copy(screenshot, saved, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(
        saved, PosixFilePermissions.fromString("rw-r--r--")); // published as the report is

    List<Object> consoleErrors = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
        consoleErrors.add(entry.getLevel() + " " + entry.getMessage());
      }
    }
    assertEquals(List.of(), consoleErrors, where + "console messages");

    assertVisibleWithoutScrolling(where, "h1", "the title");
    assertVisibleWithoutScrolling(
        where, "p.verdict", "the verdict line (failed gates, or all passed)");

    long pageWidth = number("return document.documentElement.scrollWidth");
    assertTrue(
        pageWidth <= innerWidth,
        where
            + "the page is "
            + pageWidth
            + " px wide; widest elements: "
            + script(
                "const w = window.innerWidth; return [...document.body.querySelectorAll('*')]"
                    + ".filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 5)"
                    + ".map(e => e.tagName + '.' + e.className + ' right=' + Math.round(e.getBoundingClientRect().right))"
                    + ".join('; ')"));

    script("document.querySelectorAll('details').forEach(d => d.open = true); return 0");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> charts =
        (List<Map<String, Object>>)
            script(
                "return [...document.querySelectorAll('svg')]"
                    + ".map((s, i) => ({index: i, label: s.getAttribute('aria-label'), width: s.getBoundingClientRect().width,"
                    + " height: s.getBoundingClientRect().height}))");
    assertTrue(!charts.isEmpty(), where + "no chart at all");
    List<Map<String, Object>> empty =
        charts.stream()
            .filter(
                chart ->
                    ((Number) chart.get("width")).doubleValue() <= 0
                        || ((Number) chart.get("height")).doubleValue() <= 0)
            .toList();
    assertEquals(List.of(), empty, where + "charts of zero size among " + charts.size());
    long openedWidth = number("return document.documentElement.scrollWidth");
    assertTrue(
        openedWidth <= innerWidth,
        where + "with every <details> open the page is " + openedWidth + " px wide");
  }

  private static void assertVisibleWithoutScrolling(String where, String selector, String what) {
    @SuppressWarnings("unchecked")
    Map<String, Object> box =
        (Map<String, Object>)
            script(
                "const e = document.querySelector(arguments[0]);"
                    + " if (!e) return null; const r = e.getBoundingClientRect(); const s = getComputedStyle(e);"
                    + " return {top: r.top, bottom: r.bottom, width: r.width, height: r.height, text: e.textContent,"
                    + " shown: s.visibility !== 'hidden' && s.display !== 'none', viewport: window.innerHeight}",
                selector);
    assertTrue(box != null, where + what + " (" + selector + ") is missing");
    double top = ((Number) box.get("top")).doubleValue();
    double bottom = ((Number) box.get("bottom")).doubleValue();
    double viewport = ((Number) box.get("viewport")).doubleValue();
    assertTrue(
        Boolean.TRUE.equals(box.get("shown"))
            && ((Number) box.get("height")).doubleValue() > 0
            && top >= 0
            && bottom <= viewport,
        where + what + " is not on the first screen: " + box);
  }

  private static Object script(String code, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(code, arguments);
  }

  private static long number(String code) {
    return ((Number) script(code)).longValue();
  }
}
