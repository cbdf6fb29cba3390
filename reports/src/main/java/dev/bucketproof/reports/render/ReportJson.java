package dev.bucketproof.reports.render;

import dev.bucketproof.reports.ids.LineReport;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.audit.BucketerFindings;
import dev.bucketproof.reports.jmh.JmhResult;
import dev.bucketproof.reports.jmh.SpeedClaim;
import dev.bucketproof.reports.statistics.Statistics;

import java.util.List;
import java.util.Map;

/** Renders report.json: a format version, the inputs and seeds, and every number, in a fixed key order. */
final class ReportJson {
  private ReportJson() {}

  static String render(Report report) {
    JsonWriter json = new JsonWriter(true).beginObject()
        .field("formatVersion", Report.FORMAT_VERSION)
        .field("tool", "bucketproof")
        .name("settings").beginObject()
        .field("flagKey", report.flagKey())
        .field("bucketCount", report.bucketCount())
        .field("alpha", report.alpha())
        .field("saltFlagCount", report.saltFlagCount())
        .field("saltUsers", report.saltUsers())
        .name("hashers").beginArray();
    report.hashers().forEach(json::value);
    json.endArray().endObject();
    json.field("gatesPassed", report.gates().stream().filter(Gate::passed).count())
        .field("gatesFailed", report.failures().size())
        .field("gatesInconclusive", report.inconclusive().size())
        .field("headline", report.headline());
    json.name("populations").beginArray();
    for (PopulationFindings audit : report.audits()) {
      population(json, audit);
    }
    json.endArray();
    json.name("benchmarks").beginArray();
    for (JmhResult result : report.benchmarks()) {
      json.beginObject().field("benchmark", result.benchmark()).name("params").beginObject();
      result.params().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(entry -> json.field(entry.getKey(), entry.getValue()));
      json.endObject().field("mode", result.mode()).field("score", result.score())
          .field("scoreError", result.scoreError()).field("unit", result.unit())
          .field("allocatedBytesPerOp", result.allocatedBytesPerOp()).endObject();
    }
    json.endArray();
    json.name("speedClaims").beginArray();
    for (SpeedClaim claim : SpeedClaim.of(report.benchmarks())) {
      json.beginObject().field("claim", claim.claim()).field("measured", claim.measured()).field("value", claim.value())
          .field("target", claim.target()).field("met", claim.met()).endObject();
    }
    json.endArray();
    return json.endObject() + "\n";
  }

  private static void population(JsonWriter json, PopulationFindings audit) {
    json.beginObject().field("name", audit.population()).field("description", audit.description())
        .field("users", audit.users());
    LineReport lines = audit.lineReport();
    if (lines != null) {
      json.name("lines").beginObject().field("read", lines.linesRead()).field("idsAudited", lines.idsAudited())
          .field("blank", lines.blankLines()).name("blankLineNumbers");
      longs(json, lines.blankLineNumbers());
      json.field("invalidUtf8", lines.invalidLines()).name("invalidLineNumbers");
      longs(json, lines.invalidLineNumbers());
      json.endObject();
    }
    json.name("hashers").beginArray();
    for (BucketerFindings target : audit.targets()) {
      target(json, target);
    }
    json.endArray().name("agreement").beginArray();
    for (PopulationFindings.Agreement agreement : audit.agreements()) {
      json.beginObject().field("first", agreement.first()).field("second", agreement.second())
          .field("sameBucket", agreement.same()).field("users", agreement.users()).field("share", agreement.share())
          .name("examples").beginArray();
      for (PopulationFindings.Disagreement example : agreement.examples()) {
        json.beginObject().field("index", example.index()).field("id", example.id())
            .field("firstBucket", example.firstBucket()).field("secondBucket", example.secondBucket()).endObject();
      }
      json.endArray().endObject();
    }
    json.endArray().endObject();
  }

  private static void target(JsonWriter json, BucketerFindings target) {
    json.beginObject().field("hasher", target.name()).field("bucketCount", target.bucketCount())
        .field("users", target.users()).field("outOfRange", target.outOfRange())
        .field("largestDeviation", target.largestDeviation()).name("counts").beginArray();
    for (long count : target.counts()) {
      json.value(count);
    }
    json.endArray();
    Statistics.Uniformity uniformity = target.uniformity();
    if (uniformity != null) {
      json.name("uniformity").beginObject().field("chiSquare", uniformity.statistic())
          .field("degreesOfFreedom", uniformity.degreesOfFreedom()).field("pValue", uniformity.pValue())
          .field("lowerTail", uniformity.lowerTail()).field("verdict", uniformity.verdict()).endObject();
    }
    json.name("rollouts").beginArray();
    for (Statistics.RolloutAccuracy rollout : target.rollouts()) {
      json.beginObject().field("percent", rollout.percent()).field("expectedShare", rollout.expectedShare())
          .field("enabled", rollout.enabled()).field("observedShare", rollout.observedShare())
          .field("regionLowest", rollout.lowest()).field("regionHighest", rollout.highest())
          .field("wilsonLow", rollout.wilsonLow()).field("wilsonHigh", rollout.wilsonHigh())
          .field("passed", rollout.passed()).endObject();
    }
    json.endArray();
    Statistics.Independence independence = target.independence();
    if (independence != null) {
      long[][] table = independence.table();
      json.name("flagIndependence").beginObject().field("both", table[1][1]).field("firstOnly", table[1][0])
          .field("secondOnly", table[0][1]).field("neither", table[0][0]).field("chiSquare", independence.statistic())
          .field("pValue", independence.pValue()).endObject();
    }
    Statistics.SaltMetaTest salt = target.saltMetaTest();
    if (salt != null) {
      json.name("saltMetaTest").beginObject().field("flagKeys", salt.flagCount())
          .field("ksStatistic", salt.statistic()).field("pValue", salt.pValue()).endObject();
    }
    Statistics.ModuloBias bias = target.moduloBias();
    if (bias != null) {
      json.name("moduloBias").beginObject().field("hashBits", bias.bits())
          .field("heavierBuckets", bias.heavierBuckets()).field("valuesPerBucket", bias.valuesPerBucket().toString())
          .field("relativeBias", bias.relativeBias()).endObject();
    }
    json.name("gates").beginArray();
    for (Gate gate : target.gates()) {
      json.beginObject().field("gate", gate.name()).field("verdict", gate.verdict().label())
          .field("passed", gate.passed()).field("measured", gate.measured()).field("validity", gate.validity())
          .field("pValue", gate.pValue()).field("usersNeeded", gate.usersNeeded())
          .name("power").beginObject().field("effect", gate.power().effect()).field("unit", gate.power().unit())
          .field("text", gate.power().text()).endObject().endObject();
    }
    json.endArray().endObject();
  }

  private static void longs(JsonWriter json, List<Long> values) {
    json.beginArray();
    values.forEach(json::value);
    json.endArray();
  }
}
