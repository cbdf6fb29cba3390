package dev.bucketproof.reports.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.FlagFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.PairFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.RuleMatch;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.report.Report;
import dev.bucketproof.reports.text.Json;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders report.json of an assignments audit: every count, gate and rule match, in a fixed key
 * order, with {@link Json}'s pretty layout and number format.
 */
public final class AssignmentsJson {
  private AssignmentsJson() {}

  public static String render(AssignmentFindings findings) {
    return Json.pretty(json -> write(json, findings));
  }

  private static void write(JsonGenerator json, AssignmentFindings findings) throws IOException {
    json.writeStartObject();
    json.writeNumberField("formatVersion", Report.FORMAT_VERSION);
    json.writeStringField("tool", "bucketproof");
    json.writeStringField("kind", "assignments");
    json.writeStringField("source", findings.source());
    Json.number(json, "alpha", findings.alpha());
    Json.number(json, "familyAlpha", findings.familyAlpha());
    json.writeStringField("falseAlarm", findings.falseAlarmText());
    json.writeStringField("headline", findings.headline());
    json.writeNumberField("gatesPassed", findings.gates().stream().filter(Gate::passed).count());
    json.writeNumberField("gatesFailed", findings.failures().size());
    json.writeNumberField("gatesInconclusive", findings.inconclusive().size());
    json.writeNumberField("linesRead", findings.linesRead());
    json.writeNumberField("rowsAudited", findings.rowsAudited());
    json.writeObjectFieldStart("rejects");
    json.writeNumberField("total", findings.rejects().total());
    json.writeObjectFieldStart("byReason");
    for (Map.Entry<String, Long> reason : findings.rejects().byReason().entrySet()) {
      json.writeNumberField(reason.getKey(), reason.getValue());
    }
    json.writeEndObject();
    json.writeArrayFieldStart("first");
    for (AssignmentFindings.RejectedLine line : findings.rejects().first()) {
      json.writeStartObject();
      json.writeNumberField("line", line.line());
      json.writeStringField("reason", line.reason());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeNumberField("duplicates", findings.duplicates());
    json.writeObjectFieldStart("conflicts");
    json.writeNumberField("total", findings.conflictCount());
    json.writeArrayFieldStart("first");
    for (AssignmentFindings.Conflict conflict : findings.conflicts()) {
      json.writeStartObject();
      json.writeNumberField("line", conflict.line());
      json.writeStringField("userId", conflict.userId());
      json.writeStringField("flag", conflict.flagKey());
      json.writeStringField("earlier", conflict.earlier());
      json.writeStringField("later", conflict.later());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeObjectFieldStart("userSample");
    json.writeNumberField("level", findings.sampleLevel());
    Json.number(json, "share", 1.0 / (1L << findings.sampleLevel()));
    json.writeNumberField("entries", findings.sampleEntries());
    json.writeEndObject();
    json.writeArrayFieldStart("flags");
    for (FlagFindings flag : findings.flags()) {
      flag(json, flag);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("pairs");
    for (PairFindings pair : findings.pairs()) {
      json.writeStartObject();
      json.writeStringField("flagA", pair.flagA());
      json.writeStringField("flagB", pair.flagB());
      json.writeNumberField("sharedUsers", pair.sharedUsers());
      json.writeNumberField("neither", pair.table()[0][0]);
      json.writeNumberField("onlyB", pair.table()[0][1]);
      json.writeNumberField("onlyA", pair.table()[1][0]);
      json.writeNumberField("both", pair.table()[1][1]);
      json.writeStringField("measured", pair.measured());
      Json.number(json, "holmLevel", pair.holmLevel());
      json.writeFieldName("gate");
      GateJson.gate(json, pair.gate(), true);
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void flag(JsonGenerator json, FlagFindings flag) throws IOException {
    json.writeStartObject();
    json.writeStringField("flag", flag.flagKey());
    json.writeObjectFieldStart("configured");
    if (flag.settings().hasRollout()) {
      json.writeStringField("rollout", flag.settings().rolloutPercent());
    }
    if (flag.settings().hasWeights()) {
      json.writeObjectFieldStart("weights");
      for (Map.Entry<String, Integer> weight : flag.settings().weights().entrySet()) {
        json.writeNumberField(weight.getKey(), weight.getValue());
      }
      json.writeEndObject();
    }
    json.writeNumberField("buckets", flag.settings().bucketCount());
    if (!flag.settings().profiles().isEmpty()) {
      json.writeObjectFieldStart("profiles");
      for (Map.Entry<String, Map<String, String>> profile : flag.settings().profiles().entrySet()) {
        json.writeObjectFieldStart(profile.getKey());
        for (Map.Entry<String, String> parameter : new TreeMap<>(profile.getValue()).entrySet()) {
          json.writeStringField(parameter.getKey(), parameter.getValue());
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeNumberField("rows", flag.rows());
    json.writeNumberField("enabledRows", flag.enabledRows());
    json.writeNumberField("enabled", flag.enabledCount());
    json.writeObjectFieldStart("variants");
    for (Map.Entry<String, Long> variant : flag.variantCounts().entrySet()) {
      json.writeNumberField(variant.getKey(), variant.getValue());
    }
    json.writeEndObject();
    json.writeArrayFieldStart("bucketCounts");
    for (long count : flag.bucketCounts()) {
      json.writeNumber(count);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("gates");
    for (Gate gate : flag.gates()) {
      GateJson.gate(json, gate, true);
    }
    json.writeEndArray();
    json.writeObjectFieldStart("fingerprint");
    RuleMatch best = flag.best();
    json.writeStringField("best", best == null ? null : best.rule());
    json.writeStringField("sentence", flag.fingerprint());
    json.writeArrayFieldStart("tied");
    for (RuleMatch match : flag.tiedBest()) {
      json.writeString(match.rule());
    }
    json.writeEndArray();
    json.writeArrayFieldStart("rules");
    for (RuleMatch match : flag.matches()) {
      rule(json, match);
    }
    json.writeEndArray();
    json.writeEndObject();
    if (flag.sequential() != null) {
      sequential(json, flag.sequential());
    }
    json.writeEndObject();
  }

  /** The sequential SRM path by day (--time-column): one object per day. */
  private static void sequential(JsonGenerator json, AssignmentFindings.SequentialPath path)
      throws IOException {
    json.writeObjectFieldStart("sequentialSrm");
    json.writeStringField(
        "method", "anytime-valid Dirichlet-multinomial test (Lindon & Malek 2022), by day");
    Json.number(json, "concentration", path.concentration());
    Json.number(json, "alpha", path.alpha());
    json.writeStringField("firstCrossing", path.firstCrossing());
    json.writeArrayFieldStart("days");
    for (AssignmentFindings.SequentialDay day : path.days()) {
      json.writeStartObject();
      json.writeStringField("day", day.day());
      json.writeArrayFieldStart("counts");
      for (long count : day.counts()) {
        json.writeNumber(count);
      }
      json.writeEndArray();
      Json.number(json, "pValue", day.pValue());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void rule(JsonGenerator json, RuleMatch match) throws IOException {
    json.writeStartObject();
    json.writeStringField("rule", match.rule());
    json.writeStringField("description", match.description());
    json.writeNumberField("rowsCompared", match.rowsCompared());
    json.writeNumberField("rowsMatched", match.rowsMatched());
    Json.number(json, "share", match.share());
    json.writeStringField("inferred", match.inferred());
    json.writeNumberField("mismatches", match.mismatches());
    json.writeNumberField("nonAsciiMismatches", match.nonAsciiMismatches());
    json.writeBooleanField("mismatchesListed", match.mismatchesListed());
    json.writeArrayFieldStart("firstMismatches");
    for (AssignmentFindings.Mismatch mismatch : match.firstMismatches()) {
      json.writeStartObject();
      json.writeNumberField("line", mismatch.line());
      json.writeStringField("userId", mismatch.userId());
      json.writeStringField("expected", mismatch.expected());
      json.writeStringField("observed", mismatch.observed());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
