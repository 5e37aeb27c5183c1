package io.tlsprobe.cli;

import io.tlsprobe.probe.ServiceDiscovery;
import io.tlsprobe.report.ReportJson;
import io.tlsprobe.report.TlsConnectionReport;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code tlsprobe probe --discover} output: one line saying which ways the service offers TLS, then the report of each
 * way tried, as text; or one JSON object, schema {@value #SCHEMA}, holding each report in schema
 * {@value ReportJson#SCHEMA}.
 *
 * <pre>
 * {"schema" : "tlsprobe.discover/1", "host" : "mail.test", "protocol" : "imap",
 *  "implicit_tls" : { "schema" : "tlsprobe.report/1", … }, "starttls" : null}
 * </pre>
 */
final class DiscoveryOut {
  /** The schema of the JSON object; bump the number on any incompatible change. */
  static final String SCHEMA = "tlsprobe.discover/1";

  private static final JsonFactory FACTORY = new JsonFactory();

  private DiscoveryOut() {}

  /** The text view: {@code discovery}, then {@code implicit_tls} and {@code starttls} reports (or "not tried"). */
  static Fields view(ServiceDiscovery found, Instant now, boolean verbose) {
    return new Fields()
        .put("discovery", found.toString())
        .put("implicit_tls", report(found.implicitTls(), now, verbose))
        .put("starttls", report(found.startTls(), now, verbose));
  }

  private static Object report(Optional<TlsConnectionReport> report, Instant now, boolean verbose) {
    return report.<Object>map(r -> ReportView.of(r, now, verbose)).orElse("not tried");
  }

  /** Writes the JSON object; does not close {@code out}. */
  static void writeJson(ServiceDiscovery found, Writer out) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(JsonOut.pretty(), text)) {
      json.writeStartObject();
      json.writeStringProperty("schema", SCHEMA);
      json.writeStringProperty("host", found.host());
      json.writeStringProperty("protocol", found.protocol().cliName());
      writeReport(json, "implicit_tls", found.implicitTls());
      writeReport(json, "starttls", found.startTls());
      json.writeEndObject();
    }
    try {
      out.write(text.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The report as {@link ReportJson} writes it, indented one level deeper: JSON strings hold no raw line breaks, so
   * shifting every line keeps the document valid and reads as if written in one go.
   */
  private static void writeReport(JsonGenerator json, String name, Optional<TlsConnectionReport> report) {
    json.writeName(name);
    if (report.isEmpty()) {
      json.writeNull();
    } else {
      json.writeRawValue(ReportJson.toJson(report.get()).strip().replaceAll("\\R", "$0  "));
    }
  }
}
