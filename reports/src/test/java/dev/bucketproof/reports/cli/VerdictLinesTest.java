package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.GateId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, the command line: one summary line per outcome, inconclusive gates grouped by what they
 * need, {@code --quiet} keeping the verdict, and plain progress lines where stderr is not a
 * terminal.
 */
class VerdictLinesTest {
  private static Gate gate(GateId.Kind kind, Gate.Verdict verdict, long needed, String name) {
    return new Gate(
        new GateId(kind, "uuid-10k", "murmur3", name),
        "uuid-10k",
        "murmur3",
        name,
        verdict,
        "measured " + name,
        "",
        Gate.Power.none("points", ""),
        needed,
        verdict == Gate.Verdict.FAIL ? 1e-9 : 0.5,
        1e-12,
        0.0005);
  }

  @Test
  void groupsInconclusiveGatesByKindWithTheMostUsersAnyNeeds() {
    List<Gate> gates =
        List.of(
            gate(GateId.Kind.ROLLOUT, Gate.Verdict.INCONCLUSIVE, 826, "rollout 1%"),
            gate(GateId.Kind.ROLLOUT, Gate.Verdict.INCONCLUSIVE, 162, "rollout 5%"),
            gate(GateId.Kind.UNIFORMITY, Gate.Verdict.INCONCLUSIVE, 500, "uniformity"),
            gate(GateId.Kind.INDEPENDENCE, Gate.Verdict.INCONCLUSIVE, 0, "independence"),
            gate(GateId.Kind.ROLLOUT, Gate.Verdict.PASS, 0, "rollout 50%"));
    assertEquals(
        List.of(
            "PASS 1 gate passed",
            "INCONCLUSIVE 4 gates cannot decide: 3 need more users (uniformity up to 500, rollout"
                + " up to 826); 1 cannot decide at the level in force, whatever the users (see"
                + " summary.md)"),
        VerdictLines.of(gates, ""));
  }

  @Test
  void listsEveryFailureUpToTenThenCountsTheRestAndPrintsTheDiagnosis() {
    List<Gate> gates = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      gates.add(gate(GateId.Kind.ROLLOUT, Gate.Verdict.FAIL, 0, "rollout " + i + "%"));
    }
    List<String> lines = VerdictLines.of(gates, "These assignments were made by X.");
    assertEquals("PASS 0 gates passed", lines.get(0));
    assertEquals("FAIL 12 gates failed:", lines.get(1));
    assertEquals("  rollout 0% | uuid-10k | murmur3: measured rollout 0%", lines.get(2));
    assertEquals("  and 2 more: every failed gate is in summary.md and report.json", lines.get(12));
    assertEquals("These assignments were made by X.", lines.get(13));
    assertEquals(14, lines.size());
  }

  @Test
  void quietKeepsTheVerdictLinesOfAFailingRun(@TempDir Path directory) throws IOException {
    // 2,000 ids of one value: every uniformity gate fails; --quiet must still say why it exits 1
    Path ids = Files.writeString(directory.resolve("same.txt"), "same\n".repeat(2_000));
    BucketproofCliTest.Result result =
        BucketproofCliTest.run(
            "report",
            "--quiet",
            "--ids",
            ids.toString(),
            "--out",
            directory.resolve("site").toString());
    assertEquals(1, result.code());
    assertTrue(result.err().contains("  FAIL "), result.err());
    assertTrue(result.err().contains(" gates failed:"), result.err());
    assertFalse(result.err().contains("bucketproof: wrote"), "no progress or file line when quiet");
  }

  @Test
  void plainProgressPrintsOneLineEveryTenSecondsWithoutCarriageReturns() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress progress =
        new Progress(new PrintWriter(text), "ids.txt", Progress.Mode.PLAIN, now::get);
    progress.updateBytes(100, 1_000_000, 10_000_000); // at 0 s: not yet
    now.set(9_999_999_999L);
    progress.updateBytes(200, 2_000_000, 10_000_000); // 9.99 s: not yet
    now.set(10_000_000_000L);
    progress.updateBytes(300, 3_000_000, 10_000_000); // 10 s: one line
    now.set(15_000_000_000L);
    progress.update(10, 20); // 15 s: not yet
    now.set(20_000_000_000L);
    progress.lines(400); // 20 s: one line
    progress.done();
    List<String> lines = text.toString().lines().toList();
    assertEquals(2, lines.size(), text.toString());
    assertEquals(
        "bucketproof: progress: ids.txt          300 lines, 3 of 10 MB, 0 MB/s, 23 s left",
        lines.get(0));
    assertTrue(lines.get(1).startsWith("bucketproof: progress: ids.txt"), lines.get(1));
    assertFalse(text.toString().contains("\r"), "no carriage return in a log");
  }

  @Test
  void terminalProgressRedrawsInPlaceAndQuietPrintsNothing() {
    StringWriter terminal = new StringWriter();
    StringWriter quiet = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress drawn =
        new Progress(new PrintWriter(terminal), "uuid", Progress.Mode.TERMINAL, now::get);
    Progress off = new Progress(new PrintWriter(quiet), "uuid", Progress.Mode.OFF, now::get);
    now.set(1_000_000_000L);
    drawn.update(500, 1_000);
    off.update(500, 1_000);
    drawn.done();
    assertTrue(terminal.toString().startsWith("\ruuid"), terminal.toString());
    assertTrue(terminal.toString().endsWith("\r"), "the line is cleared at the end");
    assertEquals("", quiet.toString());
  }

  /**
   * Where the JVM has no console, as in this test's forked JVM, progress is plain lines; with
   * --quiet nothing. The Java 22+ path (Console.isTerminal by reflection) cannot run on the tests'
   * Java 17; with Temurin 25 the report redrew its progress in place 42 times on a terminal
   * (script) and wrote no carriage return with stderr in a file.
   */
  @Test
  void withoutATerminalProgressIsPlainLines() {
    assertEquals(false, Progress.Mode.onTerminal(null));
    assertEquals(
        System.console() == null ? Progress.Mode.PLAIN : Progress.Mode.TERMINAL,
        Progress.Mode.of(false));
    assertEquals(Progress.Mode.OFF, Progress.Mode.of(true));
  }
}
