package dev.bucketproof.reports.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins report.json's bytes where a JSON library could change them unnoticed: two-space indentation
 * with one value per line, {@code ": "} after a key and no space before it, empty arrays as {@code
 * []}, key order, integral numbers without a fraction, other doubles as {@link Double#toString}
 * ({@code 5.0E-4}), NaN as {@code null}, text other than quote, backslash and controls written as
 * is, a final newline.
 */
class ReportJsonTest {
  @TempDir static Path directory;

  private static String json;

  @BeforeAll
  static void render() throws IOException {
    json = ReportJson.render(SampleReport.build(directory));
  }

  @Test
  void headerKeepsItsKeyOrderIndentationAndNumberFormat() {
    assertStartsWith(
        """
        {
          "formatVersion": 1,
          "tool": "bucketproof",
          "settings": {
            "flagKey": "flag <b>`|\\u2066x",
            "bucketCount": 100,
            "alpha": 5.0E-4,
            "saltFlagCount": 200,
            "saltUsers": 2000,
            "hashers": [
              "bucketproof:murmur3_x86_32",
              "bucketproof:murmur3_x86_32_js"
            ]
          },
          "gatesPassed": """);
    assertTrue(json.endsWith("\n  ]\n}\n"), json.substring(json.length() - 40));
  }

  @Test
  void arraysEmptyOrNotAndLineReportsKeepTheirLayout() {
    assertContains(
        """
                "blank": 1,
                "blankLineNumbers": [
                  2
                ],
                "invalidUtf8": 0,
                "invalidLineNumbers": []
              },
        """);
  }

  @Test
  void idsAreEscapedWhereJsonOrTheDisplayPolicyRequires() {
    assertContains("\"id\": \"<script>alert('\u00e9')</script>&\\\"\",\n");
    // a bidirectional control is JSON-escaped (Display): a reader gets the id back, a terminal
    // showing the file is not reordered
    assertContains("\"id\": \"user\\u202egnp.exe\",\n");
  }

  @Test
  void benchmarkRowsWriteNanAsNullAndKeepDoubleFormat() {
    assertContains(
        """
              "mode": "avgt",
              "score": 26.21,
              "scoreError": 1.5,
              "unit": "ns/op",
              "allocatedBytesPerOp": 1.0E-4
            },
        """);
    assertContains(
        """
              "score": 31.5,
              "scoreError": null,
              "unit": "ns/op",
              "allocatedBytesPerOp": null
            }
        """);
  }

  @Test
  void rolloutRowsKeepTheirKeyOrder() {
    assertTrue(
        json.matches(
            "(?s).*\n {12}\\{\n {14}\"percent\": \"1\",\n {14}\"expectedShare\": 0\\.01,\n"
                + " {14}\"enabled\": \\d+,\n {14}\"observedShare\": 0\\.\\d+,\n {14}\"regionLowest\": \\d+,\n"
                + " {14}\"regionHighest\": \\d+,\n {14}\"wilsonLow\": 0\\.\\d+,\n {14}\"wilsonHigh\": 0\\.\\d+,\n"
                + " {14}\"passed\": (true|false)\n {12}},\n.*"),
        "rollout row layout");
  }

  private static void assertStartsWith(String expected) {
    assertTrue(json.startsWith(expected), "report.json starts with\n" + json.substring(0, 600));
  }

  private static void assertContains(String expected) {
    assertTrue(json.contains(expected), "report.json lacks\n" + expected);
  }
}
