package dev.bucketproof.reports.render;

import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.FlagFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.PairFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.RuleMatch;
import dev.bucketproof.reports.audit.Gate;
import java.util.Map;

/** Renders report.json of an assignments audit: every count, gate and rule match, in a fixed key order. */
final class AssignmentsJson {
  private AssignmentsJson() {}

  static String render(AssignmentFindings findings) {
    JsonWriter json = new JsonWriter(true).beginObject()
        .field("formatVersion", Report.FORMAT_VERSION)
        .field("tool", "bucketproof")
        .field("kind", "assignments")
        .field("source", findings.source())
        .field("alpha", findings.alpha())
        .field("headline", findings.headline())
        .field("gatesPassed", findings.gates().stream().filter(Gate::passed).count())
        .field("gatesFailed", findings.failures().size())
        .field("gatesInconclusive", findings.inconclusive().size())
        .field("linesRead", findings.linesRead())
        .field("rowsAudited", findings.rowsAudited());
    json.name("rejects").beginObject().field("total", findings.rejects().total()).name("byReason").beginObject();
    findings.rejects().byReason().forEach((reason, count) -> json.field(reason, count.longValue()));
    json.endObject().name("first").beginArray();
    for (AssignmentFindings.RejectedLine line : findings.rejects().first()) {
      json.beginObject().field("line", line.line()).field("reason", line.reason()).endObject();
    }
    json.endArray().endObject();
    json.field("duplicates", findings.duplicates());
    json.name("conflicts").beginObject().field("total", findings.conflictCount()).name("first").beginArray();
    for (AssignmentFindings.Conflict conflict : findings.conflicts()) {
      json.beginObject().field("line", conflict.line()).field("userId", conflict.userId())
          .field("flag", conflict.flagKey()).field("earlier", conflict.earlier()).field("later", conflict.later()).endObject();
    }
    json.endArray().endObject();
    json.name("userSample").beginObject().field("level", findings.sampleLevel())
        .field("share", 1.0 / (1L << findings.sampleLevel())).field("entries", findings.sampleEntries()).endObject();
    json.name("flags").beginArray();
    for (FlagFindings flag : findings.flags()) {
      flag(json, flag);
    }
    json.endArray().name("pairs").beginArray();
    for (PairFindings pair : findings.pairs()) {
      json.beginObject().field("flagA", pair.flagA()).field("flagB", pair.flagB())
          .field("sharedUsers", pair.sharedUsers())
          .field("neither", pair.table()[0][0]).field("onlyB", pair.table()[0][1])
          .field("onlyA", pair.table()[1][0]).field("both", pair.table()[1][1])
          .field("measured", pair.measured()).field("holmLevel", pair.holmLevel()).name("gate");
      gate(json, pair.gate());
      json.endObject();
    }
    return json.endArray().endObject() + "\n";
  }

  private static void flag(JsonWriter json, FlagFindings flag) {
    json.beginObject().field("flag", flag.flagKey()).name("configured").beginObject();
    if (flag.settings().hasRollout()) {
      json.field("rollout", flag.settings().rolloutPercent());
    }
    if (flag.settings().hasWeights()) {
      json.name("weights").beginObject();
      flag.settings().weights().forEach((name, weight) -> json.field(name, (long) weight));
      json.endObject();
    }
    json.field("buckets", flag.settings().bucketCount()).endObject()
        .field("rows", flag.rows()).field("enabledRows", flag.enabledRows()).field("enabled", flag.enabledCount())
        .name("variants").beginObject();
    for (Map.Entry<String, Long> variant : flag.variantCounts().entrySet()) {
      json.field(variant.getKey(), variant.getValue());
    }
    json.endObject().name("bucketCounts").beginArray();
    for (long count : flag.bucketCounts()) {
      json.value(count);
    }
    json.endArray().name("gates").beginArray();
    for (Gate gate : flag.gates()) {
      gate(json, gate);
    }
    json.endArray().name("fingerprint").beginObject();
    RuleMatch best = flag.best();
    json.field("best", best == null ? null : best.rule()).field("sentence", flag.fingerprint())
        .name("tied").beginArray();
    flag.tiedBest().forEach(match -> json.value(match.rule()));
    json.endArray().name("rules").beginArray();
    for (RuleMatch match : flag.matches()) {
      json.beginObject().field("rule", match.rule()).field("description", match.description())
          .field("rowsCompared", match.rowsCompared()).field("rowsMatched", match.rowsMatched())
          .field("share", match.share()).field("inferred", match.inferred())
          .field("mismatches", match.mismatches()).field("nonAsciiMismatches", match.nonAsciiMismatches())
          .field("mismatchesListed", match.mismatchesListed()).name("firstMismatches").beginArray();
      for (AssignmentFindings.Mismatch mismatch : match.firstMismatches()) {
        json.beginObject().field("line", mismatch.line()).field("userId", mismatch.userId())
            .field("expected", mismatch.expected()).field("observed", mismatch.observed()).endObject();
      }
      json.endArray().endObject();
    }
    json.endArray().endObject().endObject();
  }

  static void gate(JsonWriter json, Gate gate) {
    json.beginObject().field("gate", gate.name()).field("target", gate.target()).field("verdict", gate.verdict().label())
        .field("passed", gate.passed()).field("measured", gate.measured()).field("validity", gate.validity())
        .field("pValue", gate.pValue()).field("usersNeeded", gate.usersNeeded())
        .name("power").beginObject().field("effect", gate.power().effect()).field("unit", gate.power().unit())
        .field("text", gate.power().text()).endObject().endObject();
  }
}
