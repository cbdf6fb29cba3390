package dev.bucketproof.reports.cli;

import dev.bucketproof.reports.statistics.PowerAnalysis;
import dev.bucketproof.reports.statistics.Statistics;
import dev.bucketproof.reports.text.Json;
import dev.bucketproof.reports.text.Numbers;
import java.io.PrintWriter;
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
      required = true,
      paramLabel = "COUNT",
      description = "users per variant, e.g. 5012,4988")
  List<String> observed;

  @Option(
      names = "--weights",
      required = true,
      paramLabel = "WEIGHT",
      description = "configured weights, e.g. 50,50")
  List<String> weights;

  @Option(
      names = "--threshold",
      defaultValue = "0.0005",
      paramLabel = "P",
      description =
          "p-value below which it is a mismatch, a decimal in (0, 1) (default ${DEFAULT-VALUE})")
  String thresholdText;

  @Option(names = "--json", description = "print one JSON object instead of a table")
  boolean json;

  @Override
  public Integer call() {
    long[] counts =
        Arguments.entries("--observed", observed).stream()
            .mapToLong(text -> Arguments.parseCount("--observed", text))
            .toArray();
    double[] weightValues =
        Arguments.entries("--weights", weights).stream()
            .mapToDouble(text -> Arguments.parseDecimal("--weights", text))
            .toArray();
    double threshold = Arguments.parseDecimal("--threshold", thresholdText);
    Statistics.SampleRatioMismatch srm =
        Statistics.sampleRatioMismatch(counts, weightValues, threshold);
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
      out.println("variant  observed    expected  observed share  expected share");
      for (int i = 0; i < counts.length; i++) {
        out.println(
            String.format(
                Locale.ROOT,
                "%-7d  %,8d  %,10.1f  %13.3f%%  %13.3f%%",
                i + 1,
                counts[i],
                srm.expected()[i],
                100.0 * counts[i] / total,
                100.0 * srm.expected()[i] / total));
      }
      out.println(
          String.format(
              Locale.ROOT,
              "chi-square %.4f, df %d, p-value %s",
              srm.statistic(),
              srm.degreesOfFreedom(),
              Numbers.probability(srm.pValue())));
      out.println(
          "test: "
              + srm.method()
              + (srm.method().equals("chi-square")
                  ? " (expected >= 5 per variant)"
                  : " (an expected count is below 5, where chi-square is not valid)"));
      if (!Double.isNaN(power)) {
        out.println(
            String.format(
                Locale.ROOT,
                "power: the smallest variant's share %.2f%% off (relative) is caught 80%%"
                    + " of the time at this size",
                power * 100));
      }
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
}
