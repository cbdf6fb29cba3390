package dev.bucketproof.reports.cli;

import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.GateId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdict of a report in a few lines for stderr, one line per outcome: how many gates passed,
 * each failed gate (at most {@link #MAX_FAILURES}, then where the rest are), and the inconclusive
 * gates grouped by kind with the most users any of them needs ({@code INCONCLUSIVE 20 gates need
 * more users: rollout up to 826, uniformity up to 500}). The report files keep every gate's
 * numbers; these lines are what a person or a CI log reads first, and {@code --quiet} keeps them.
 */
final class VerdictLines {
  /** Failed gates printed one per line before the rest are only counted. */
  static final int MAX_FAILURES = 10;

  private VerdictLines() {}

  /**
   * Returns the lines for {@code gates}, each to be printed indented under the command's line;
   * {@code diagnosis}, the report's sentence on what its failures mean, follows the failed gates
   * (nothing when empty).
   */
  static List<String> of(List<Gate> gates, String diagnosis) {
    List<String> lines = new ArrayList<>();
    int passed = 0;
    List<Gate> failed = new ArrayList<>();
    List<Gate> undecided = new ArrayList<>();
    for (Gate gate : gates) {
      if (gate.failed()) {
        failed.add(gate);
      } else if (gate.inconclusive()) {
        undecided.add(gate);
      } else {
        passed++;
      }
    }
    lines.add(String.format(Locale.ROOT, "PASS %,d %s passed", passed, gatesWord(passed)));
    if (!failed.isEmpty()) {
      lines.add(
          String.format(
              Locale.ROOT, "FAIL %,d %s failed:", failed.size(), gatesWord(failed.size())));
      for (int i = 0; i < Math.min(failed.size(), MAX_FAILURES); i++) {
        Gate gate = failed.get(i);
        lines.add("  " + where(gate) + ": " + gate.measured());
      }
      if (failed.size() > MAX_FAILURES) {
        lines.add(
            String.format(
                Locale.ROOT,
                "  and %,d more: every failed gate is in summary.md and report.json",
                failed.size() - MAX_FAILURES));
      }
    }
    if (!diagnosis.isEmpty()) {
      lines.add(diagnosis);
    }
    if (!undecided.isEmpty()) {
      lines.add(inconclusiveLine(undecided));
    }
    return lines;
  }

  /**
   * Returns {@code INCONCLUSIVE 15 gates need more users: rollout up to 826, uniformity up to 500}:
   * per kind, in the order of {@link GateId.Kind}, the most users any inconclusive gate of that
   * kind needs; gates that name no such number (no size decides them at this level) are counted
   * apart.
   */
  static String inconclusiveLine(List<Gate> undecided) {
    Map<GateId.Kind, Long> needs = new EnumMap<>(GateId.Kind.class);
    int withoutNumber = 0;
    for (Gate gate : undecided) {
      if (gate.usersNeeded() > 0) {
        needs.merge(gate.id().kind(), gate.usersNeeded(), Math::max);
      } else {
        withoutNumber++;
      }
    }
    StringBuilder kinds = new StringBuilder();
    for (Map.Entry<GateId.Kind, Long> need : needs.entrySet()) {
      kinds.append(kinds.length() == 0 ? "" : ", ").append(kindName(need.getKey()));
      kinds.append(String.format(Locale.ROOT, " up to %,d", need.getValue()));
    }
    int total = undecided.size();
    String whatever = "cannot decide at the level in force, whatever the users (see summary.md)";
    if (withoutNumber == 0) {
      return String.format(
          Locale.ROOT,
          "INCONCLUSIVE %,d %s more users: %s",
          total,
          total == 1 ? "gate needs" : "gates need",
          kinds);
    }
    if (needs.isEmpty()) {
      return String.format(
          Locale.ROOT, "INCONCLUSIVE %,d %s %s", total, gatesWord(total), whatever);
    }
    return String.format(
        Locale.ROOT,
        "INCONCLUSIVE %,d gates cannot decide: %,d need more users (%s); %,d %s",
        total,
        total - withoutNumber,
        kinds,
        withoutNumber,
        whatever);
  }

  /** Returns {@code rollout 1% | uuid-1m | growthbook-v1}: the gate, its population, its rule. */
  static String where(Gate gate) {
    StringBuilder where = new StringBuilder(gate.name());
    if (!gate.population().isEmpty()) {
      where.append(" | ").append(gate.population());
    }
    if (!gate.target().isEmpty() && !gate.name().contains(gate.target())) {
      where.append(" | ").append(gate.target());
    }
    return where.toString();
  }

  private static String kindName(GateId.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String gatesWord(long count) {
    return count == 1 ? "gate" : "gates";
  }
}
