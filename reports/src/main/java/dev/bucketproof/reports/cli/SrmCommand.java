package dev.bucketproof.reports.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bucketproof.reports.statistics.PowerAnalysis;
import dev.bucketproof.reports.statistics.SampleRatioMismatch;
import dev.bucketproof.reports.statistics.SequentialSrm;
import dev.bucketproof.reports.text.Display;
import dev.bucketproof.reports.text.Json;
import dev.bucketproof.reports.text.Numbers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bucketproof srm}: is a split a sample ratio mismatch? Exit 0 when not, 1 when it is. */
@Command(
    name = "srm",
    description = "Is this split a sample ratio mismatch? Exit 0 when not, 1 when it is.")
final class SrmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--observed",
      paramLabel = "COUNT",
      description = "users per variant, e.g. 5012,4988 (or give --sequential)")
  List<String> observed;

  @Option(
      names = "--sequential",
      paramLabel = "FILE",
      description =
          "a file with one line per period (day): that period's users per variant,"
              + " comma-separated, optionally after a label and a tab; prints the anytime-valid"
              + " p-value after each period (Lindon & Malek), which may be checked every period")
  Path sequential;

  @Option(
      names = "--concentration",
      defaultValue = "10000",
      paramLabel = "K",
      description =
          "with --sequential: the Dirichlet prior's concentration k, a decimal > 0"
              + " (default ${DEFAULT-VALUE})")
  String concentrationText;

  @Option(
      names = "--weights",
      required = true,
      paramLabel = "WEIGHT",
      description = "configured weights, e.g. 50,50")
  List<String> weights;

  @Option(
      names = {"--alpha", "--threshold"},
      defaultValue = "0.0005",
      paramLabel = "P",
      description =
          "the test's level: a p-value below it is a mismatch, 0.000000001..0.5 (default"
              + " ${DEFAULT-VALUE}); --threshold is the old name, kept as an alias")
  String thresholdText;

  @Option(names = "--json", description = "print one JSON object instead of a table")
  boolean json;

  @Option(
      names = "--names",
      paramLabel = "NAME",
      description =
          "the variants' names, in the order of --weights, e.g. control,treatment (default 1, 2,"
              + " ...)")
  List<String> names;

  private static void writeNames(JsonGenerator writer, List<String> variantNames)
      throws IOException {
    writer.writeArrayFieldStart("names");
    for (String name : variantNames) {
      writer.writeString(name);
    }
    writer.writeEndArray();
  }

  /** Returns the variants' names: {@code --names}, checked against the count, or 1, 2, ... */
  private List<String> names(int variants) {
    List<String> given = Arguments.entries("--names", names);
    if (given.isEmpty()) {
      List<String> numbers = new ArrayList<>();
      for (int i = 1; i <= variants; i++) {
        numbers.add(Integer.toString(i));
      }
      return numbers;
    }
    if (given.size() != variants) {
      throw new IllegalArgumentException(
          "--names must name each of the "
              + variants
              + " variants of --weights, in order: "
              + String.join(",", given));
    }
    return given;
  }

  @Override
  public Integer call() throws IOException {
    if ((observed == null) == (sequential == null)) {
      throw new IllegalArgumentException("give exactly one of --observed and --sequential");
    }
    if (sequential != null) {
      return sequential();
    }
    if (!concentrationText.equals("10000")) {
      throw new IllegalArgumentException(
          "--concentration applies to --sequential only: " + concentrationText);
    }
    long[] counts =
        Arguments.entries("--observed", observed).stream()
            .mapToLong(text -> Arguments.parseCount("--observed", text))
            .toArray();
    double[] weightValues =
        Arguments.entries("--weights", weights).stream()
            .mapToDouble(text -> Arguments.parseDecimal("--weights", text))
            .toArray();
    double threshold = alpha();
    List<String> variantNames = names(weightValues.length);
    SampleRatioMismatch srm = SampleRatioMismatch.of(counts, weightValues, threshold);
    String verdict = srm.mismatch() ? "fail" : srm.decidable() ? "pass" : "inconclusive";
    double power =
        srm.total() > Integer.MAX_VALUE
            ? Double.NaN
            : PowerAnalysis.splitError(srm.total(), weightValues, threshold);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          Json.line(
              writer -> {
                writer.writeStartObject();
                if (names != null) {
                  writeNames(writer, variantNames);
                }
                writer.writeArrayFieldStart("observed");
                for (long count : srm.observed()) {
                  writer.writeNumber(count);
                }
                writer.writeEndArray();
                writer.writeArrayFieldStart("expected");
                for (double expected : srm.expected()) {
                  Json.number(writer, expected);
                }
                writer.writeEndArray();
                Json.number(writer, "chiSquare", srm.statistic());
                writer.writeNumberField("degreesOfFreedom", srm.degreesOfFreedom());
                Json.number(writer, "pValue", srm.pValue());
                Json.number(writer, "threshold", threshold);
                writer.writeBooleanField("mismatch", srm.mismatch());
                writer.writeStringField("test", srm.method());
                writer.writeStringField("verdict", verdict);
                Json.number(writer, "detectableErrorPercent", power * 100);
                writer.writeEndObject();
              }));
    } else {
      double total = srm.total();
      int width = "variant".length();
      for (String name : variantNames) {
        width = Math.max(width, name.length());
      }
      out.println(
          String.format(
              Locale.ROOT,
              "%-" + width + "s  observed    expected  observed share  expected share",
              "variant"));
      for (int i = 0; i < counts.length; i++) {
        out.println(
            String.format(
                Locale.ROOT,
                "%-" + width + "s  %,8d  %,10.1f  %13.3f%%  %13.3f%%",
                Display.terminal(variantNames.get(i)),
                counts[i],
                srm.expected()[i],
                100.0 * counts[i] / total,
                100.0 * srm.expected()[i] / total));
      }
      out.println(
          srm.method().equals("chi-square")
              ? String.format(
                  Locale.ROOT,
                  "chi-square %.4f, df %d, p-value %s",
                  srm.statistic(),
                  srm.degreesOfFreedom(),
                  Numbers.probability(srm.pValue()))
              : String.format(
                  Locale.ROOT,
                  "%s p-value %s (chi-square statistic %.4f, df %d)",
                  srm.method().startsWith("exact") ? "exact binomial" : "Monte Carlo",
                  Numbers.probability(srm.pValue()),
                  srm.statistic(),
                  srm.degreesOfFreedom()));
      out.println(
          "test: "
              + srm.method()
              + (srm.method().equals("chi-square")
                  ? " (expected >= 5 per variant)"
                  : srm.method().equals("exact binomial")
                      ? " (two variants: exact at any size)"
                      : " (an expected count is below 5, where chi-square is not valid)"));
      out.println(
          Double.isNaN(power)
              ? "power: at this size no error of a variant's share, however large, is caught 80%"
                  + " of the time"
              : String.format(
                  Locale.ROOT,
                  "power: the smallest variant's share %.2f%% off (relative) is caught 80%%"
                      + " of the time at this size",
                  power * 100));
      out.println(
          srm.mismatch()
              ? "verdict: SAMPLE RATIO MISMATCH (p < "
                  + Numbers.plain(threshold)
                  + "): do not trust this experiment's results"
              : srm.decidable()
                  ? "verdict: no sample ratio mismatch (p >= " + Numbers.plain(threshold) + ")"
                  : "verdict: INCONCLUSIVE: "
                      + srm.total()
                      + " users cannot reach p < "
                      + Numbers.plain(threshold)
                      + " with any split; more users are needed");
    }
    return srm.mismatch() ? 1 : 0;
  }

  /**
   * Returns {@code --alpha} (or its old name {@code --threshold}, with a one-line notice), checked
   * against its range; weights are checked here too, before any work.
   */
  private double alpha() {
    boolean oldName =
        spec.commandLine().getParseResult().originalArgs().stream()
            .anyMatch(arg -> arg.equals("--threshold") || arg.startsWith("--threshold="));
    String option = oldName ? "--threshold" : "--alpha";
    if (oldName) {
      spec.commandLine()
          .getErr()
          .println("bucketproof: note: --threshold is now --alpha; the old name keeps working");
    }
    for (String weight : Arguments.entries("--weights", weights)) {
      NumberGrammar.within(
          "--weights",
          Arguments.parseDecimal("--weights", weight),
          0,
          NumberGrammar.LARGEST_WEIGHT);
    }
    return NumberGrammar.alpha(option, Arguments.parseDecimal(option, thresholdText));
  }

  private int sequential() throws IOException {
    double[] weightValues =
        Arguments.entries("--weights", weights).stream()
            .mapToDouble(text -> Arguments.parseDecimal("--weights", text))
            .toArray();
    double threshold = alpha();
    List<String> variantNames = names(weightValues.length);
    double concentration = Arguments.parseDecimal("--concentration", concentrationText);
    if (!(concentration > 0)) {
      throw new IllegalArgumentException("--concentration must be > 0: " + concentrationText);
    }
    for (double weight : weightValues) {
      if (!(weight > 0)) {
        throw new IllegalArgumentException(
            "--weights must all be > 0 with --sequential: " + String.join(",", weights));
      }
    }
    List<PeriodFile.Period> periods = PeriodFile.read(sequential, weightValues.length);
    SequentialSrm test = SequentialSrm.of(weightValues, concentration);
    SequentialSrm.Path path = test.path();
    PrintWriter out = spec.commandLine().getOut();
    if (!json) {
      out.println(
          "period  label  cumulative users per variant"
              + (names == null ? "" : " (" + Display.terminal(String.join(",", variantNames)) + ")")
              + "  anytime-valid p");
    }
    int first = 0;
    String firstLabel = "";
    double firstPValue = 1;
    for (int index = 0; index < periods.size(); index++) {
      PeriodFile.Period period = periods.get(index);
      double pValue = path.add(period.counts());
      long[] cumulative = path.counts();
      boolean crossed = pValue < threshold;
      if (crossed && first == 0) {
        first = index + 1;
        firstLabel = period.label();
        firstPValue = pValue;
      }
      int number = index + 1;
      if (json) {
        out.println(
            Json.line(
                writer -> {
                  writer.writeStartObject();
                  writer.writeNumberField("period", number);
                  writer.writeStringField("label", period.label());
                  if (names != null) {
                    writeNames(writer, variantNames);
                  }
                  writer.writeArrayFieldStart("counts");
                  for (long count : cumulative) {
                    writer.writeNumber(count);
                  }
                  writer.writeEndArray();
                  writer.writeArrayFieldStart("periodCounts");
                  for (long count : period.counts()) {
                    writer.writeNumber(count);
                  }
                  writer.writeEndArray();
                  writer.writeNumberField("logBayesFactor", path.logBayesFactor());
                  writer.writeNumberField("pValue", pValue);
                  writer.writeBooleanField("mismatch", crossed);
                  writer.writeEndObject();
                }));
      } else {
        StringBuilder counts = new StringBuilder();
        for (long count : cumulative) {
          counts.append(counts.length() == 0 ? "" : ",").append(count);
        }
        out.println(
            String.format(
                Locale.ROOT,
                "%-6d  %-5s  %-28s  %s%s",
                number,
                period.label().isEmpty() ? "-" : period.label(),
                counts,
                Numbers.probability(pValue),
                crossed ? "  < " + Numbers.plain(threshold) : ""));
      }
    }
    if (!json) {
      out.println(
          String.format(
              Locale.ROOT,
              "test: Dirichlet-multinomial sequential test (Lindon & Malek 2022), concentration"
                  + " %s; the p-value is valid however often it is checked",
              Numbers.plain(concentration)));
      out.println(
          first > 0
              ? String.format(
                  Locale.ROOT,
                  "verdict: SAMPLE RATIO MISMATCH from period %d%s (p = %s < %s)",
                  first,
                  firstLabel.isEmpty() ? "" : " (" + firstLabel + ")",
                  Numbers.probability(firstPValue),
                  Numbers.plain(threshold))
              : "verdict: no sample ratio mismatch in "
                  + periods.size()
                  + " periods (p >= "
                  + Numbers.plain(threshold)
                  + " after each)");
    }
    return first > 0 ? 1 : 0;
  }
}
