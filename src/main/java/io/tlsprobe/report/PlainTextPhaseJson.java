package io.tlsprobe.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a report's {@link PlainTextPhase} as the {@code plain_text_phase} member of schema
 * {@value ReportJson#SCHEMA}: {@code null} for direct TLS, else an object.
 *
 * <pre>{@code
 * "plain_text_phase" : {
 *   "dialect" : "smtp", "greeting" : "220 mail.test ESMTP", "capabilities_before" : [ "STARTTLS", "AUTH PLAIN" ],
 *   "capabilities_after" : [ "AUTH PLAIN" ], "starttls_advertised" : true, "plain_text_authentication_offered" : true,
 *   "authentication_evidence" : [ "AUTH PLAIN" ], "upgraded" : true, "truncated" : false,
 *   "transcript" : [ { "direction" : "S", "over_tls" : false, "text" : "220 mail.test ESMTP" }, … ],
 *   "injection" : { "verdict" : "not_vulnerable", "injected_command" : "NOOP", "detail" : "…", "transcript" : [ … ] }
 * }
 * }</pre>
 */
final class PlainTextPhaseJson {
  private PlainTextPhaseJson() {}

  static void write(JsonGenerator json, Optional<PlainTextPhase> phase) {
    if (phase.isEmpty()) {
      json.writeNullProperty("plain_text_phase");
      return;
    }
    PlainTextPhase p = phase.get();
    json.writeName("plain_text_phase");
    json.writeStartObject();
    json.writeStringProperty("dialect", p.dialect());
    json.writeStringProperty("greeting", p.greeting().orElse(null));
    ReportJson.writeStrings(json, "capabilities_before", p.capabilitiesBefore());
    ReportJson.writeStrings(json, "capabilities_after", p.capabilitiesAfter());
    writeOptionalBoolean(json, "starttls_advertised", p.startTlsAdvertised());
    writeOptionalBoolean(json, "plain_text_authentication_offered", p.plainTextAuthenticationOffered());
    ReportJson.writeStrings(json, "authentication_evidence", p.authenticationEvidence());
    json.writeBooleanProperty("upgraded", p.upgraded());
    json.writeBooleanProperty("truncated", p.truncated());
    writeLines(json, "transcript", p.transcript());
    if (p.injection().isEmpty()) {
      json.writeNullProperty("injection");
    } else {
      PlainTextPhase.InjectionCheck check = p.injection().get();
      json.writeName("injection");
      json.writeStartObject();
      json.writeStringProperty("verdict", check.verdict().name().toLowerCase(Locale.ROOT));
      json.writeStringProperty("injected_command", check.injectedCommand());
      json.writeStringProperty("detail", check.detail());
      writeLines(json, "transcript", check.transcript());
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static void writeLines(JsonGenerator json, String name, List<PlainTextPhase.Line> lines) {
    json.writeName(name);
    json.writeStartArray();
    for (PlainTextPhase.Line line : lines) {
      json.writeStartObject();
      json.writeStringProperty("direction", line.direction().prefix());
      json.writeBooleanProperty("over_tls", line.overTls());
      json.writeStringProperty("text", line.text());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeOptionalBoolean(JsonGenerator json, String name, Optional<Boolean> value) {
    if (value.isPresent()) {
      json.writeBooleanProperty(name, value.get());
    } else {
      json.writeNullProperty(name);
    }
  }
}
