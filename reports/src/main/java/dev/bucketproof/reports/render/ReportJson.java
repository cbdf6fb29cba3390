package dev.bucketproof.reports.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bucketproof.reports.audit.BucketerFindings;
import dev.bucketproof.reports.audit.FalseAlarm;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.ids.LineReport;
import dev.bucketproof.reports.jmh.JmhResult;
import dev.bucketproof.reports.jmh.SpeedClaim;
import dev.bucketproof.reports.report.Report;
import dev.bucketproof.reports.statistics.Independence;
import dev.bucketproof.reports.statistics.ModuloBias;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.statistics.SaltMetaTest;
import dev.bucketproof.reports.statistics.Uniformity;
import dev.bucketproof.reports.text.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders report.json: a format version, the inputs and seeds, and every number, in a fixed key
 * order, with {@link Json}'s pretty layout and number format.
 */
public final class ReportJson {
  private ReportJson() {}

  public static String render(Report report) {
    return Json.pretty(json -> write(json, report));
  }

  private static void write(JsonGenerator json, Report report) throws IOException {
    json.writeStartObject();
    json.writeNumberField("formatVersion", Report.FORMAT_VERSION);
    json.writeStringField("tool", "bucketproof");
    json.writeObjectFieldStart("settings");
    json.writeStringField("flagKey", report.flagKey());
    json.writeNumberField("bucketCount", report.bucketCount());
    Json.number(json, "alpha", report.alpha());
    json.writeNumberField("saltFlagCount", report.saltFlagCount());
    json.writeNumberField("saltUsers", report.saltUsers());
    json.writeArrayFieldStart("hashers");
    for (String hasher : report.hashers()) {
      json.writeString(hasher);
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeNumberField("gatesPassed", report.gates().stream().filter(Gate::passed).count());
    json.writeNumberField("gatesFailed", report.failures().size());
    json.writeNumberField("gatesInconclusive", report.inconclusive().size());
    json.writeStringField("headline", report.headline());
    FalseAlarm falseAlarm = report.falseAlarm();
    json.writeObjectFieldStart("falseAlarm");
    json.writeNumberField("gates", falseAlarm.gates());
    json.writeNumberField("distinctGates", falseAlarm.distinctGates());
    Json.number(json, "atMost", report.holm() ? report.familyAlpha() : falseAlarm.bound());
    Json.number(
        json, "ifIndependent", report.holm() ? report.familyAlpha() : falseAlarm.ifIndependent());
    json.writeStringField("control", report.holm() ? "holm" : "per-gate alpha");
    Json.number(json, "familyAlpha", report.familyAlpha());
    json.writeStringField("text", report.falseAlarmText());
    json.writeEndObject();
    json.writeArrayFieldStart("populations");
    for (PopulationFindings audit : report.audits()) {
      population(json, report, audit);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("benchmarks");
    for (JmhResult result : report.benchmarks()) {
      benchmark(json, result);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("speedClaims");
    for (SpeedClaim claim : report.speedClaims()) {
      json.writeStartObject();
      json.writeStringField("claim", claim.claim());
      json.writeStringField("measured", claim.measured());
      Json.number(json, "value", claim.value());
      json.writeStringField("target", claim.target());
      json.writeBooleanField("met", claim.met());
      json.writeEndObject();
    }
    json.writeEndArray();
    SystemsSection.json(json, report.systems());
    json.writeEndObject();
  }

  private static void benchmark(JsonGenerator json, JmhResult result) throws IOException {
    json.writeStartObject();
    json.writeStringField("benchmark", result.benchmark());
    json.writeObjectFieldStart("params");
    for (Map.Entry<String, String> param : new TreeMap<>(result.params()).entrySet()) {
      json.writeStringField(param.getKey(), param.getValue());
    }
    json.writeEndObject();
    json.writeStringField("mode", result.mode());
    Json.number(json, "score", result.score());
    Json.number(json, "scoreError", result.scoreError());
    json.writeStringField("unit", result.unit());
    Json.number(json, "allocatedBytesPerOp", result.allocatedBytesPerOp());
    json.writeEndObject();
  }

  private static void population(JsonGenerator json, Report report, PopulationFindings audit)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("name", audit.population());
    json.writeStringField("description", audit.description());
    json.writeNumberField("users", audit.users());
    LineReport lines = audit.lineReport();
    if (lines != null) {
      json.writeObjectFieldStart("lines");
      json.writeNumberField("read", lines.linesRead());
      json.writeNumberField("idsAudited", lines.idsAudited());
      json.writeNumberField("blank", lines.blankLines());
      longs(json, "blankLineNumbers", lines.blankLineNumbers());
      json.writeNumberField("invalidUtf8", lines.invalidLines());
      longs(json, "invalidLineNumbers", lines.invalidLineNumbers());
      json.writeEndObject();
    }
    json.writeArrayFieldStart("hashers");
    for (BucketerFindings target : audit.targets()) {
      target(json, report, target);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("agreement");
    for (PopulationFindings.Agreement agreement : audit.agreements()) {
      json.writeStartObject();
      json.writeStringField("first", agreement.first());
      json.writeStringField("second", agreement.second());
      json.writeNumberField("sameBucket", agreement.same());
      json.writeNumberField("users", agreement.users());
      Json.number(json, "share", agreement.share());
      json.writeArrayFieldStart("examples");
      for (PopulationFindings.Disagreement example : agreement.examples()) {
        json.writeStartObject();
        json.writeNumberField("index", example.index());
        json.writeStringField("id", example.id());
        json.writeNumberField("firstBucket", example.firstBucket());
        json.writeNumberField("secondBucket", example.secondBucket());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void target(JsonGenerator json, Report report, BucketerFindings target)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("hasher", target.name());
    json.writeNumberField("bucketCount", target.bucketCount());
    json.writeNumberField("users", target.users());
    json.writeNumberField("outOfRange", target.outOfRange());
    Json.number(json, "largestDeviation", target.largestDeviation());
    json.writeArrayFieldStart("counts");
    for (long count : target.counts()) {
      json.writeNumber(count);
    }
    json.writeEndArray();
    Uniformity uniformity = target.uniformity();
    if (uniformity != null) {
      json.writeObjectFieldStart("uniformity");
      Json.number(json, "chiSquare", uniformity.statistic());
      json.writeNumberField("degreesOfFreedom", uniformity.degreesOfFreedom());
      Json.number(json, "pValue", uniformity.pValue());
      Json.number(json, "lowerTail", uniformity.lowerTail());
      json.writeStringField("verdict", uniformity.verdict());
      json.writeEndObject();
    }
    json.writeArrayFieldStart("rollouts");
    for (RolloutAccuracy rollout : target.rollouts()) {
      json.writeStartObject();
      json.writeStringField("percent", rollout.percent());
      Json.number(json, "expectedShare", rollout.expectedShare());
      json.writeNumberField("enabled", rollout.enabled());
      Json.number(json, "observedShare", rollout.observedShare());
      json.writeNumberField("regionLowest", rollout.lowest());
      json.writeNumberField("regionHighest", rollout.highest());
      Json.number(json, "wilsonLow", rollout.wilsonLow());
      Json.number(json, "wilsonHigh", rollout.wilsonHigh());
      json.writeBooleanField("passed", rollout.passed());
      json.writeEndObject();
    }
    json.writeEndArray();
    Independence independence = target.independence();
    if (independence != null) {
      long[][] table = independence.table();
      json.writeObjectFieldStart("flagIndependence");
      json.writeNumberField("both", table[1][1]);
      json.writeNumberField("firstOnly", table[1][0]);
      json.writeNumberField("secondOnly", table[0][1]);
      json.writeNumberField("neither", table[0][0]);
      Json.number(json, "chiSquare", independence.statistic());
      Json.number(json, "pValue", independence.pValue());
      json.writeEndObject();
    }
    SaltMetaTest salt = target.saltMetaTest();
    if (salt != null) {
      json.writeObjectFieldStart("saltMetaTest");
      json.writeNumberField("flagKeys", salt.flagCount());
      Json.number(json, "ksStatistic", salt.statistic());
      Json.number(json, "pValue", salt.pValue());
      json.writeEndObject();
    }
    ModuloBias bias = target.moduloBias();
    if (bias != null) {
      json.writeObjectFieldStart("moduloBias");
      json.writeNumberField("hashBits", bias.bits());
      json.writeNumberField("heavierBuckets", bias.heavierBuckets());
      json.writeStringField("valuesPerBucket", bias.valuesPerBucket().toString());
      Json.number(json, "relativeBias", bias.relativeBias());
      json.writeEndObject();
    }
    json.writeArrayFieldStart("gates");
    for (Gate gate : report.gates(target)) {
      GateJson.gate(json, gate, false);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void longs(JsonGenerator json, String name, List<Long> values) throws IOException {
    json.writeArrayFieldStart(name);
    for (long value : values) {
      json.writeNumber(value);
    }
    json.writeEndArray();
  }
}
