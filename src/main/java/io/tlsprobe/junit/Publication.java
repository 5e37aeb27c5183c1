package io.tlsprobe.junit;

import io.tlsprobe.report.ReportJson;
import io.tlsprobe.report.TlsConnectionReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Publishes a report where build servers keep it: a report entry {@code tlsprobe.<name>} with the report's summary,
 * and a file {@code tlsprobe-<name>.json} in JSON schema {@link ReportJson#SCHEMA}.
 *
 * <pre>{@code
 * Publication.publish(context, "gateway", report);
 * // report entry tlsprobe.gateway = localhost:8443 (direct): established, TLSv1.3, …
 * // file tlsprobe-gateway.json    = {"schema" : "tlsprobe.report/1", …}
 * }</pre>
 */
final class Publication {
  static final String ENTRY_PREFIX = "tlsprobe.";

  private Publication() {}

  static void publish(ExtensionContext context, String name, TlsConnectionReport report) {
    context.publishReportEntry(ENTRY_PREFIX + name, report.summary());
    String json = ReportJson.toJson(report);
    try {
      context.publishFile(fileName(name), MediaType.APPLICATION_JSON,
          path -> Files.writeString(path, json, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      // A launcher without an output directory (an old IDE runner, say) must not fail the test: say so instead.
      context.publishReportEntry(ENTRY_PREFIX + name + ".file", "not published: " + e.getMessage());
    }
  }

  /** {@code tlsprobe-<name>.json}, with characters outside {@code [A-Za-z0-9._-]} replaced by {@code _}. */
  static String fileName(String name) {
    return "tlsprobe-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
  }
}
