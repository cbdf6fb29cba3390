package dev.bucketproof.reports.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bucketproof.reports.audit.SystemAgreement;
import dev.bucketproof.reports.audit.SystemBias;
import dev.bucketproof.reports.audit.SystemFindings;
import dev.bucketproof.reports.text.Escapes;
import dev.bucketproof.reports.text.Json;
import dev.bucketproof.reports.text.Numbers;
import java.io.IOException;
import java.util.List;

/**
 * Renders the compatibility profiles' sections in all three outputs: "Agreement between systems"
 * (the share of users whose 30% rollout decision or 50/50 variant flips, per pair and population)
 * and "Bias of each system's rule" (the exact share a rollout enables, its effect, and whether it
 * is visible at 10,000 and 1,000,000 users). Nothing is written when the report audits no profile.
 */
final class SystemsSection {
  private SystemsSection() {}

  static void html(StringBuilder html, SystemFindings systems) {
    if (systems == null || systems.agreements().isEmpty()) {
      return;
    }
    html.append(
            "<h2 id=\"agreement-between-systems\">Agreement between systems</h2>\n<p>Share of users whose")
        .append(
            " decision changes between two systems users move between (an SDK upgrade, a second SDK, a")
        .append(" migration): rollout ")
        .append(SystemAgreement.ROLLOUT_PERCENT)
        .append("% / variant of a 50/50 split.</p>\n")
        .append(
            "<div class=\"scroll\"><table>\n<tr><th class=\"name\">from</th><th class=\"name\">to</th>");
    for (SystemAgreement agreement : systems.agreements()) {
      html.append("<th class=\"num\">")
          .append(Escapes.html(agreement.population()))
          .append("</th>");
    }
    html.append("</tr>\n");
    List<SystemAgreement.Flips> first = systems.agreements().get(0).pairs();
    for (int p = 0; p < first.size(); p++) {
      html.append("<tr><td class=\"name\"><code>")
          .append(Escapes.html(first.get(p).from()))
          .append("</code></td><td class=\"name\"><code>")
          .append(Escapes.html(first.get(p).to()))
          .append("</code></td>");
      for (SystemAgreement agreement : systems.agreements()) {
        SystemAgreement.Flips flips = agreement.pairs().get(p);
        html.append("<td class=\"num\">")
            .append(Escapes.html(cell(flips, agreement.users())))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append(
            "</table></div>\n<h2 id=\"system-bias\">Bias of each system's rule</h2>\n<p>The share of all hash values")
        .append(
            " a rollout enables under each system's own cut-off, computed exactly (the hash taken as uniform;")
        .append(" the gates above test that part), and whether a two-sided test at alpha ")
        .append(Numbers.plain(systems.alpha()))
        .append(" sees the effect with 80% power.</p>\n<div class=\"scroll\"><table>\n")
        .append(
            "<tr><th class=\"name\">profile</th><th class=\"num\">rollout</th><th class=\"num\">enabled share</th>")
        .append(
            "<th class=\"num\">effect</th><th class=\"num\">relative</th><th class=\"num\">visible at 10,000</th>")
        .append(
            "<th class=\"num\">at 1,000,000</th><th class=\"num\">users to see it</th><th class=\"text\">rule</th></tr>\n");
    for (SystemBias bias : systems.biases()) {
      String[] row = row(bias, systems.alpha());
      html.append("<tr>");
      for (int i = 0; i < row.length; i++) {
        html.append(
                i >= 1 && i <= 7
                    ? "<td class=\"num\">"
                    : i == 0 ? "<td class=\"name\">" : "<td class=\"text\">")
            .append(Escapes.html(row[i]))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append(
            "</table></div>\n<h2 id=\"key-rules\">Hashed keys that two flags can share</h2>\n<p>Whether two")
        .append(
            " different (flag, user) pairs can hash the same key under each rule, so that two flags share")
        .append(
            " users. Profiles keep their system's rule; bucketproof's salted rule rejects \":\" in flag keys.</p>\n")
        .append(
            "<div class=\"scroll\"><table>\n<tr><th class=\"name\">profile</th><th>ambiguous</th><th class=\"text\">how</th></tr>\n");
    for (SystemFindings.KeyRule rule : systems.keyRules()) {
      html.append("<tr><td class=\"name\"><code>")
          .append(Escapes.html(rule.profile()))
          .append("</code></td><td>")
          .append(rule.ambiguous() ? "yes" : "no")
          .append("</td><td class=\"text\">")
          .append(Escapes.html(rule.collision()))
          .append("</td></tr>\n");
    }
    html.append("</table></div>\n");
  }

  static void markdown(StringBuilder md, SystemFindings systems) {
    if (systems == null || systems.agreements().isEmpty()) {
      return;
    }
    md.append("\n## Agreement between systems\n\nShare of users whose decision changes: rollout ")
        .append(SystemAgreement.ROLLOUT_PERCENT)
        .append("% / variant of a 50/50 split.\n\n| from | to |");
    systems
        .agreements()
        .forEach(
            agreement ->
                md.append(' ').append(Escapes.markdown(agreement.population())).append(" |"));
    md.append("\n|---|---|").append("---|".repeat(systems.agreements().size())).append('\n');
    List<SystemAgreement.Flips> first = systems.agreements().get(0).pairs();
    for (int p = 0; p < first.size(); p++) {
      md.append("| ")
          .append(Escapes.markdown(first.get(p).from()))
          .append(" | ")
          .append(Escapes.markdown(first.get(p).to()))
          .append(" |");
      for (SystemAgreement agreement : systems.agreements()) {
        md.append(' ').append(cell(agreement.pairs().get(p), agreement.users())).append(" |");
      }
      md.append('\n');
    }
    md.append(
            "\n## Bias of each system's rule\n\nComputed exactly; visible = seen with 80% power at alpha ")
        .append(Numbers.plain(systems.alpha()))
        .append(
            ".\n\n| profile | rollout | enabled share | effect | relative |"
                + " visible at 10,000 | at 1,000,000 | users to see it | rule |\n|---|---|---|---|---|---|---|---|---|\n");
    for (SystemBias bias : systems.biases()) {
      md.append('|');
      for (String cell : row(bias, systems.alpha())) {
        md.append(' ').append(Escapes.markdown(cell)).append(" |");
      }
      md.append('\n');
    }
    md.append(
        "\n## Hashed keys that two flags can share\n\n| profile | ambiguous | how |\n|---|---|---|\n");
    for (SystemFindings.KeyRule rule : systems.keyRules()) {
      md.append("| ")
          .append(Escapes.markdown(rule.profile()))
          .append(" | ")
          .append(rule.ambiguous() ? "yes" : "no")
          .append(" | ")
          .append(Escapes.markdown(rule.collision()))
          .append(" |\n");
    }
  }

  static void json(JsonGenerator json, SystemFindings systems) throws IOException {
    if (systems == null) {
      return;
    }
    json.writeObjectFieldStart("agreementBetweenSystems");
    json.writeNumberField("rolloutPercent", SystemAgreement.ROLLOUT_PERCENT);
    json.writeArrayFieldStart("populations");
    for (SystemAgreement agreement : systems.agreements()) {
      json.writeStartObject();
      json.writeStringField("population", agreement.population());
      json.writeNumberField("users", agreement.users());
      json.writeArrayFieldStart("pairs");
      for (SystemAgreement.Flips flips : agreement.pairs()) {
        json.writeStartObject();
        json.writeStringField("from", flips.from());
        json.writeStringField("to", flips.to());
        json.writeNumberField("rolloutChanged", flips.rolloutChanged());
        json.writeNumberField("variantChanged", flips.variantChanged());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeArrayFieldStart("systemBias");
    for (SystemBias bias : systems.biases()) {
      json.writeStartObject();
      json.writeStringField("profile", bias.profile());
      json.writeStringField("percent", bias.percent());
      json.writeStringField("rule", bias.rule());
      if (bias.expressible()) {
        Json.number(json, "share", bias.share());
        Json.number(json, "effect", bias.effect());
        long users = bias.usersToSee(systems.alpha());
        if (users == Long.MAX_VALUE) {
          json.writeNullField("usersToSee");
        } else {
          json.writeNumberField("usersToSee", users);
        }
        for (long size : SystemFindings.SIZES) {
          json.writeBooleanField("visibleAt" + size, bias.visibleAt(size, systems.alpha()));
        }
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("keyRules");
    for (SystemFindings.KeyRule rule : systems.keyRules()) {
      json.writeStartObject();
      json.writeStringField("profile", rule.profile());
      json.writeBooleanField("ambiguous", rule.ambiguous());
      json.writeStringField("collision", rule.collision());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static String cell(SystemAgreement.Flips flips, long users) {
    return Numbers.percent(share(flips.rolloutChanged(), users))
        + " / "
        + Numbers.percent(share(flips.variantChanged(), users));
  }

  private static double share(long count, long users) {
    return users == 0 ? 0 : (double) count / users;
  }

  private static String[] row(SystemBias bias, double alpha) {
    if (!bias.expressible()) {
      return new String[] {
        bias.profile(), bias.percent() + "%", "-", "-", "-", "-", "-", "-", bias.rule()
      };
    }
    long users = bias.usersToSee(alpha);
    return new String[] {
      bias.profile(),
      bias.percent() + "%",
      Numbers.format("%.7f%%", 100 * bias.share()),
      Numbers.format("%+.2e", bias.effect()),
      Numbers.format("%+.2e", bias.effect() / bias.nominal()),
      bias.visibleAt(10_000, alpha) ? "yes" : "no",
      bias.visibleAt(1_000_000, alpha) ? "yes" : "no",
      usersLabel(bias, users),
      bias.rule()
    };
  }

  private static String usersLabel(SystemBias bias, long users) {
    if (bias.effect() == 0) {
      return "never (no effect)";
    }
    return users >= 1_000_000_000_000_000L ? "more than 10^18" : Numbers.format("%,d", users);
  }
}
