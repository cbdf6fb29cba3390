package dev.bucketproof.reports.cli;

import dev.bucketproof.reports.statistics.PowerAnalysis;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.statistics.Statistics;
import dev.bucketproof.reports.text.Json;
import dev.bucketproof.reports.text.Numbers;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bucketproof power}: the planner. Given users, the smallest error a gate catches with 80%
 * power; given an error, the users it needs. {@code power --rollout 5 --users 10000} answers "0.97
 * points too high, 0.91 too low"; {@code power --rollout 5 --error 0.5} answers "37,700 users"
 * (alpha 0.0005).
 */
@Command(
    name = "power",
    description =
        "Plan an audit: the smallest error a gate catches with 80%% power from"
            + " --users, or the users it needs to catch --error / --deviation. One of --rollout, --buckets, --weights.")
final class PowerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--rollout",
      paramLabel = "PERCENT",
      description = "a rollout percentage, e.g. 5 (the rollout gate)")
  Double rollout;

  @Option(
      names = "--buckets",
      paramLabel = "N",
      description = "a bucket count, e.g. 100 (the uniformity gate)")
  Integer buckets;

  @Option(
      names = "--weights",
      split = ",",
      paramLabel = "W",
      description = "variant weights, each 0..1000000000000000, e.g. 50,50 (the SRM gate)")
  List<Double> weights;

  @Option(
      names = "--users",
      paramLabel = "N",
      description = "users audited: answer the smallest error caught")
  Long users;

  @Option(
      names = "--error",
      paramLabel = "E",
      description =
          "the error to catch: percentage points for --rollout,"
              + " percent of a variant's share for --weights; answer the users needed")
  Double error;

  @Option(
      names = "--deviation",
      paramLabel = "PERCENT",
      description =
          "with --buckets: one bucket's deviation from"
              + " its expected count in percent, 0.1..1000, e.g. 10; answer the users needed")
  Double deviation;

  @Option(
      names = "--alpha",
      defaultValue = "0.0005",
      description = "the gate's level, 0.000000001..0.5 (default ${DEFAULT-VALUE})")
  double alpha;

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  @Override
  public Integer call() {
    int kinds = (rollout != null ? 1 : 0) + (buckets != null ? 1 : 0) + (weights != null ? 1 : 0);
    if (kinds != 1) {
      throw new IllegalArgumentException(
          "give exactly one of --rollout, --buckets, --weights: " + kinds + " given");
    }
    int questions = (users != null ? 1 : 0) + (error != null ? 1 : 0) + (deviation != null ? 1 : 0);
    if (questions != 1) {
      throw new IllegalArgumentException(
          "give exactly one of --users, --error, --deviation: " + questions + " given");
    }
    NumberGrammar.alpha("--alpha", alpha);
    if (error != null) {
      NumberGrammar.within("--error", error, 0.01, 100);
    }
    if (deviation != null) {
      NumberGrammar.within("--deviation", deviation, 0.1, 1000);
    }
    if (weights != null) {
      for (double weight : weights) {
        NumberGrammar.within("--weights", weight, 0, NumberGrammar.LARGEST_WEIGHT);
      }
    }
    if (users != null && (users < 1 || users > Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("--users must be within [1, 2147483647]: " + users);
    }
    Fields writer = new Fields().field("alpha", alpha).field("power", 0.8);
    String text;
    if (rollout != null) {
      text = rollout(writer);
    } else if (buckets != null) {
      text = buckets(writer);
    } else {
      text = weights(writer);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? writer.toJson() : text);
    return 0;
  }

  private String rollout(Fields writer) {
    if (!(rollout > 0 && rollout < 100)) {
      throw new IllegalArgumentException("--rollout must be within (0, 100): " + rollout);
    }
    if (deviation != null) {
      throw new IllegalArgumentException(
          "--deviation goes with --buckets; with --rollout give --error in points: " + deviation);
    }
    double share = rollout / 100;
    writer.field("gate", "rollout").field("rolloutPercent", rollout);
    if (users != null) {
      PowerAnalysis.RolloutPower power = PowerAnalysis.rollout(users, share, alpha);
      long[] region = RolloutAccuracy.region(users, share, alpha);
      writer
          .field("users", users)
          .field("regionLowest", region[0])
          .field("regionHighest", region[1])
          .field("tooHighPoints", power.tooHigh() * 100)
          .field("tooLowPoints", power.tooLow() * 100);
      return Numbers.format(
          "rollout %s%% on %,d users (alpha %s, exact binomial region [%,d, %,d]): caught with 80%%"
              + " power when the true rollout is %s or %s",
          Numbers.plain(rollout),
          users,
          Numbers.plain(alpha),
          region[0],
          region[1],
          points(power.tooHigh(), "high"),
          points(power.tooLow(), "low"));
    }
    if (!(error > 0 && error <= Math.min(rollout, 100 - rollout))) {
      throw new IllegalArgumentException(
          "--error must be within (0, "
              + Numbers.plain(Math.min(rollout, 100 - rollout))
              + "] percentage points for --rollout "
              + Numbers.plain(rollout)
              + ": "
              + error);
    }
    PowerAnalysis.RolloutPlan plan = PowerAnalysis.rolloutPlan(share, error / 100, alpha);
    writer
        .field("errorPoints", error)
        .field("usersNeeded", plan.smallest())
        .field("usersNeededFromOn", plan.stable())
        .field("checkedUpTo", plan.checkedTo());
    return Numbers.format(
        "rollout %s%% (alpha %s): %,d users are the fewest that catch a rollout %s points off, in"
            + " either direction, with 80%% power (exact binomial); its power zigzags with n, and"
            + " from %,d users on it stays at or above 80%% (every n checked up to %,d)",
        Numbers.plain(rollout),
        Numbers.plain(alpha),
        plan.smallest(),
        Numbers.plain(error),
        plan.stable(),
        plan.checkedTo());
  }

  private static String points(double share, String direction) {
    return Double.isNaN(share)
        ? "never when too " + direction
        : Numbers.format("%.3f points too %s", share * 100, direction);
  }

  private String buckets(Fields writer) {
    if (buckets < 2) {
      throw new IllegalArgumentException("--buckets must be >= 2: " + buckets);
    }
    if (error != null) {
      throw new IllegalArgumentException(
          "with --buckets give --deviation (percent), not --error: " + error);
    }
    writer.field("gate", "uniformity").field("buckets", buckets);
    if (users != null) {
      PowerAnalysis.UniformityPower power = PowerAnalysis.uniformityPower(users, buckets, alpha);
      double found = power.deviation();
      writer
          .field("users", users)
          .field("deviationPercent", found * 100)
          .field("cohenW", PowerAnalysis.cohenW(buckets, found))
          .field("method", power.method());
      if (Double.isNaN(found)) {
        return Numbers.format(
            "%,d buckets on %,d users (alpha %s, chi-square both tails): %s%s",
            buckets, users, Numbers.plain(alpha), power.method(), cochran(users));
      }
      return Numbers.format(
          "%,d buckets on %,d users (alpha %s, chi-square both tails): one bucket %.2f%% off its"
              + " expected count is caught with 80%% power (Cohen's w %.4f, %s)%s",
          buckets,
          users,
          Numbers.plain(alpha),
          found * 100,
          PowerAnalysis.cohenW(buckets, found),
          power.method(),
          cochran(users));
    }
    if (!(deviation > 0) || Double.isInfinite(deviation)) {
      throw new IllegalArgumentException("--deviation must be > 0 (percent): " + deviation);
    }
    long needed =
        Math.max(
            PowerAnalysis.uniformityUsers(buckets, deviation / 100, alpha),
            (long) Math.ceil(Statistics.COCHRAN_MINIMUM * buckets));
    writer.field("deviationPercent", deviation).field("usersNeeded", needed);
    return Numbers.format(
        "%,d buckets (alpha %s): %,d users catch one bucket %s%% off its expected count with 80%%"
            + " power (noncentral chi-square; at least 5 per bucket for the chi-square to be valid)",
        buckets, Numbers.plain(alpha), needed, Numbers.plain(deviation));
  }

  private String cochran(long count) {
    return count < Statistics.COCHRAN_MINIMUM * buckets
        ? Numbers.format(
            "; but %,d users are below 5 per bucket, where the gate is inconclusive", count)
        : "";
  }

  private String weights(Fields writer) {
    double[] values = weights.stream().mapToDouble(Double::doubleValue).toArray();
    if (deviation != null) {
      throw new IllegalArgumentException(
          "with --weights give --error (percent of a variant's share), not --deviation: "
              + deviation);
    }
    writer.field("gate", "split").field("weights", values);
    if (users != null) {
      double found = PowerAnalysis.splitError(users, values, alpha);
      writer.field("users", users).field("errorPercent", found * 100);
      if (Double.isNaN(found)) {
        return Numbers.format(
            "split %s on %,d users (alpha %s): no error of a variant's share, however large, is"
                + " caught with 80%% power at this size",
            join(values), users, Numbers.plain(alpha));
      }
      return Numbers.format(
          "split %s on %,d users (alpha %s): the smallest variant's share %.2f%% off (relative) is"
              + " caught with 80%% power (noncentral chi-square)",
          join(values), users, Numbers.plain(alpha), found * 100);
    }
    if (!(error > 0) || Double.isInfinite(error)) {
      throw new IllegalArgumentException(
          "--error must be > 0 (percent of a variant's share): " + error);
    }
    long needed = PowerAnalysis.splitUsers(values, error / 100, alpha);
    writer.field("errorPercent", error).field("usersNeeded", needed);
    return Numbers.format(
        "split %s (alpha %s): %,d users catch the smallest variant's share %s%% off (relative) with"
            + " 80%% power (noncentral chi-square)",
        join(values), Numbers.plain(alpha), needed, Numbers.plain(error));
  }

  private static String join(double[] values) {
    StringBuilder text = new StringBuilder();
    for (double value : values) {
      text.append(text.length() == 0 ? "" : ":").append(Numbers.plain(value));
    }
    return text.toString();
  }

  /** The answer's fields, in order, written as one JSON object. */
  private static final class Fields {
    private final Map<String, Object> values = new LinkedHashMap<>();

    Fields field(String name, Object value) {
      values.put(name, value);
      return this;
    }

    String toJson() {
      return Json.line(
          json -> {
            json.writeStartObject();
            for (Map.Entry<String, Object> entry : values.entrySet()) {
              if (entry.getValue() instanceof Number number) {
                Json.number(json, entry.getKey(), number.doubleValue());
              } else if (entry.getValue() instanceof double[] array) {
                json.writeArrayFieldStart(entry.getKey());
                for (double value : array) {
                  Json.number(json, value);
                }
                json.writeEndArray();
              } else {
                json.writeStringField(entry.getKey(), String.valueOf(entry.getValue()));
              }
            }
            json.writeEndObject();
          });
    }
  }
}
