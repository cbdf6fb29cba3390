package dev.bucketproof.reports.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.text.Json;
import java.io.IOException;
import java.util.Locale;

/**
 * A gate in JSON, the same object in {@code report.json} and the assignments report's JSON.
 *
 * <p>Thread-safety: stateless.
 */
final class GateJson {
  private GateJson() {}

  /**
   * Writes one gate as an object: name, verdict, measurement, validity, p-value, users needed and
   * power, with the audited target's name first when {@code withTarget} (the assignments report,
   * whose gates are not nested under their target).
   */
  static void gate(JsonGenerator json, Gate gate, boolean withTarget) throws IOException {
    json.writeStartObject();
    json.writeStringField("gate", gate.name());
    if (withTarget) {
      json.writeStringField("target", gate.target());
    }
    json.writeStringField("verdict", gate.verdict().label());
    json.writeBooleanField("passed", gate.passed());
    json.writeStringField("measured", gate.measured());
    json.writeStringField("validity", gate.validity());
    Json.number(json, "pValue", gate.pValue());
    json.writeStringField("pValueConvention", gate.id().kind().pValueConvention());
    Json.number(json, "smallestPValue", gate.smallestPValue());
    Json.number(json, "level", gate.level());
    json.writeObjectFieldStart("id");
    json.writeStringField("kind", gate.id().kind().name().toLowerCase(Locale.ROOT));
    json.writeStringField("subject", gate.id().subject());
    json.writeStringField("rule", gate.id().rule());
    json.writeStringField("parameter", gate.id().parameter());
    json.writeEndObject();
    json.writeNumberField("usersNeeded", gate.usersNeeded());
    json.writeObjectFieldStart("power");
    Json.number(json, "effect", gate.power().effect());
    json.writeStringField("unit", gate.power().unit());
    json.writeStringField("text", gate.power().text());
    json.writeEndObject();
    json.writeEndObject();
  }
}
