package io.tlsprobe.report;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.ExtensionType;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.Ja3s;
import io.tlsprobe.wire.ServerHello;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/**
 * Renders a {@link TlsConnectionReport} as JSON, schema {@value #SCHEMA} (documented in the README, "JSON report"):
 * for build-server attachments and {@code tlsprobe probe --json}. Fields are only added within a schema version.
 *
 * <pre>{@code
 * String json = ReportJson.toJson(report);
 * // {"schema":"tlsprobe.report/1","outcome":"established","protocol":"TLSv1.3",
 * //  "cipher_suite":"TLS_AES_128_GCM_SHA256","group":"x25519","compression":"null", …,
 * //  "plain_text_phase":null}
 * String line = ReportJson.toJsonLine(report); // the same object on one line, as capture --json prints it
 * }</pre>
 *
 * <p>{@code client_hello} is the object {@code tlsprobe decode --json} prints for a ClientHello ({@link
 * ClientHelloJson}). {@code endpoint.connection} is {@code direct} or {@code starttls:<dialect>}; after a STARTTLS upgrade (or a
 * failed attempt, outcome {@code starttls_failed}) {@code plain_text_phase} holds what crossed in clear: dialect,
 * greeting, capabilities before and after TLS, whether the upgrade was advertised, whether authentication was offered
 * before TLS (with the evidence), whether the upgrade happened, the transcript and the injection check. A capture
 * server's report has {@code after_handshake} once the handshake completed: {@code peer_sent_application_data}, {@code
 * peer_alert}, {@code detail}.
 */
public final class ReportJson {
  /** The schema identifier; bump the number on any incompatible change. */
  public static final String SCHEMA = "tlsprobe.report/1";

  private static final JsonFactory FACTORY = new JsonFactory();
  /** Pretty printing: a fresh printer for each generator (DefaultPrettyPrinter keeps its indentation state). */
  private static final ObjectWriteContext PRETTY = new ObjectWriteContext.Base() {
    @Override
    public PrettyPrinter getPrettyPrinter() {
      return new DefaultPrettyPrinter();
    }

    @Override
    public boolean hasPrettyPrinter() {
      return true;
    }
  };

  private ReportJson() {}

  /** The report as pretty-printed JSON. */
  public static String toJson(TlsConnectionReport report) {
    StringWriter out = new StringWriter();
    write(report, out);
    return out.toString();
  }

  /** Writes the report as pretty-printed JSON; does not close {@code out}. */
  public static void write(TlsConnectionReport report, Writer out) {
    write(report, out, PRETTY, null);
  }

  /**
   * Writes the report as pretty-printed JSON with the verdict of a policy check in {@code "policy"}, a field only
   * present when a policy was asked for; does not close {@code out}.
   */
  public static void write(TlsConnectionReport report, @Nullable PolicyCheck policy, Writer out) {
    write(report, out, PRETTY, policy);
  }

  /**
   * The report as one line of compact JSON, without a line end: a JSON Lines record, as {@code tlsprobe capture
   * --json} prints one per client. Line breaks inside values are escaped, so the text never spans lines.
   */
  public static String toJsonLine(TlsConnectionReport report) {
    StringWriter out = new StringWriter();
    write(report, out, ObjectWriteContext.empty(), null);
    return out.toString();
  }

  /** A pretty-printing generator over {@code out} that leaves it open (the report's and the scan's JSON). */
  static JsonGenerator prettyGenerator(Writer out) {
    return FACTORY.createGenerator(PRETTY, new NonClosingWriter(out));
  }

  private static void write(TlsConnectionReport report, Writer out, ObjectWriteContext context,
      @Nullable PolicyCheck policy) {
    try (JsonGenerator json = FACTORY.createGenerator(context, new NonClosingWriter(out))) {
      json.writeStartObject();
      json.writeStringProperty("schema", SCHEMA);
      writeOutcome(json, report.outcome());
      writeEndpoint(json, report.endpoint());
      json.writeStringProperty("protocol", report.protocol().map(TlsProtocol::jsseName).orElse(null));
      writeCipher(json, report.cipherSuite());
      json.writeStringProperty("group", report.group().map(NamedGroup::name).orElse(null));
      writeOptionalInt(json, "group_code", report.group().map(NamedGroup::code));
      writeOptionalInt(json, "dh_prime_bits", report.dhPrimeBits());
      json.writeStringProperty("compression", report.compression().map(c -> c.name()).orElse(null));
      json.writeStringProperty("alpn", report.applicationProtocol().orElse(null));
      json.writeBooleanProperty("secure_renegotiation", report.secureRenegotiation());
      json.writeBooleanProperty("extended_master_secret", report.extendedMasterSecret());
      json.writeBooleanProperty("session_ticket", report.sessionTicket());
      json.writeBooleanProperty("ocsp_stapled", report.ocspStapled());
      writeStrings(json, "server_extensions", report.serverExtensions().stream().map(ExtensionType::name).toList());
      ClientHelloJson.write(json, report.clientHello());
      writeServerHello(json, report.serverHello());
      json.writeName("certificates");
      json.writeStartArray();
      for (CertificateInfo certificate : report.certificates()) {
        writeCertificate(json, certificate);
      }
      json.writeEndArray();
      writeVerification(json, report.verification());
      writeOptionalLong(json, "handshake_time_ms", report.handshakeTime().map(d -> d.toNanos() / 1_000_000));
      json.writeStringProperty("started_at", report.startedAt().toString());
      PlainTextPhaseJson.write(json, report.plainTextPhase());
      writeAfterHandshake(json, report.afterHandshake());
      if (policy != null) {
        writePolicy(json, policy);
      }
      json.writeEndObject();
    }
  }

  /** Writes {@code "policy"}: the verdict's object, or null. */
  static void writePolicy(JsonGenerator json, @Nullable PolicyCheck policy) {
    json.writeName("policy");
    if (policy == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeStringProperty("name", policy.name());
    json.writeStringProperty("version", policy.version());
    json.writeStringProperty("source", policy.source());
    json.writeStringProperty("url", policy.url());
    json.writeBooleanProperty("compliant", policy.compliant());
    json.writeName("violations");
    json.writeStartArray();
    for (PolicyCheck.Breach b : policy.violations()) {
      json.writeStartObject();
      json.writeStringProperty("rule", b.rule());
      json.writeStringProperty("expected", b.expected());
      json.writeStringProperty("found", b.found());
      json.writeEndObject();
    }
    json.writeEndArray();
    ReportJson.writeStrings(json, "not_checked", policy.notChecked());
    json.writeEndObject();
  }

  private static void writeOutcome(JsonGenerator json, Outcome outcome) {
    json.writeStringProperty("outcome", outcome.kind().jsonName());
    json.writeStringProperty("outcome_reason", outcome.reason());
    json.writeStringProperty("alert", outcome.alert().map(a -> a.name()).orElse(null));
    json.writeStringProperty("transport_problem",
        outcome.transportProblem().map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
    json.writeStringProperty("peer_bytes", outcome.peerBytes().isEmpty() ? null : outcome.peerBytes().toHex());
  }

  private static void writeAfterHandshake(JsonGenerator json, Optional<AfterHandshake> after) {
    if (after.isEmpty()) {
      json.writeNullProperty("after_handshake");
      return;
    }
    AfterHandshake a = after.get();
    json.writeName("after_handshake");
    json.writeStartObject();
    json.writeBooleanProperty("peer_sent_application_data", a.peerSentApplicationData());
    json.writeStringProperty("peer_alert", a.peerAlert().map(d -> d.name()).orElse(null));
    json.writeStringProperty("detail", a.detail());
    json.writeEndObject();
  }

  private static void writeEndpoint(JsonGenerator json, Endpoint endpoint) {
    json.writeName("endpoint");
    json.writeStartObject();
    json.writeStringProperty("host", endpoint.host());
    json.writeNumberProperty("port", endpoint.port());
    json.writeStringProperty("sni", endpoint.serverName().orElse(null));
    json.writeStringProperty("connection", endpoint.connection());
    json.writeEndObject();
  }

  private static void writeCipher(JsonGenerator json, Optional<CipherSuite> suite) {
    json.writeStringProperty("cipher_suite", suite.map(CipherSuite::name).orElse(null));
    if (suite.isEmpty()) {
      json.writeNullProperty("cipher");
      return;
    }
    CipherSuite s = suite.get();
    json.writeName("cipher");
    json.writeStartObject();
    json.writeNumberProperty("code", s.code());
    json.writeStringProperty("openssl_name", s.openSslName().orElse(null));
    json.writeNumberProperty("secret_bits", s.secretKeyBits());
    json.writeStringProperty("key_exchange", s.keyExchange());
    json.writeStringProperty("authentication", s.authentication());
    json.writeStringProperty("bulk_cipher", s.bulkCipher());
    json.writeStringProperty("mode", s.mode().name().toLowerCase(java.util.Locale.ROOT));
    json.writeBooleanProperty("aead", s.isAead());
    json.writeBooleanProperty("forward_secrecy", s.forwardSecrecy());
    json.writeStringProperty("strength", s.strength().name().toLowerCase(java.util.Locale.ROOT));
    json.writeStringProperty("strength_reason", s.strengthReason());
    json.writeEndObject();
  }

  private static void writeServerHello(JsonGenerator json, Optional<ServerHello> hello) {
    if (hello.isEmpty()) {
      json.writeNullProperty("server_hello");
      return;
    }
    ServerHello h = hello.get();
    Ja3s ja3s = Ja3s.of(h);
    json.writeName("server_hello");
    json.writeStartObject();
    json.writeNumberProperty("legacy_version", h.legacyVersion());
    json.writeNumberProperty("selected_version", h.selectedVersion());
    json.writeNumberProperty("cipher_suite", h.cipherSuite());
    json.writeNumberProperty("compression_method", h.compressionMethod());
    writeInts(json, "extensions", h.extensionTypes());
    json.writeBooleanProperty("hello_retry_request", h.isHelloRetryRequest());
    json.writeStringProperty("ja3s", ja3s.string());
    json.writeStringProperty("ja3s_hash", ja3s.hash());
    json.writeEndObject();
  }

  /** Writes one certificate's facts as an object (also for {@link ScanJson}'s chains). */
  static void writeCertificate(JsonGenerator json, CertificateInfo c) {
    json.writeStartObject();
    json.writeStringProperty("subject", c.subject());
    json.writeStringProperty("issuer", c.issuer());
    writeStrings(json, "subject_alternative_names", c.subjectAlternativeNames());
    json.writeStringProperty("serial_number", c.serialNumber());
    json.writeStringProperty("not_before", c.notBefore().toString());
    json.writeStringProperty("not_after", c.notAfter().toString());
    json.writeStringProperty("key_type", c.keyType());
    json.writeNumberProperty("key_bits", c.keyBits());
    json.writeStringProperty("curve", c.curve().orElse(null));
    json.writeStringProperty("signature_algorithm", c.signatureAlgorithm());
    json.writeStringProperty("sha256_fingerprint", c.sha256Fingerprint());
    json.writeBooleanProperty("certificate_authority", c.certificateAuthority());
    writeStrings(json, "key_usage", c.keyUsage());
    json.writeBooleanProperty("self_signed", c.selfSigned());
    json.writeEndObject();
  }

  private static void writeVerification(JsonGenerator json, Verification v) {
    json.writeName("verification");
    json.writeStartObject();
    writeVerificationFields(json, v);
    json.writeEndObject();
  }

  /** The verdict's properties, {@code trusted} to {@code hostname}, into the open object (also for ScanJson). */
  static void writeVerificationFields(JsonGenerator json, Verification v) {
    json.writeBooleanProperty("trusted", v.trusted());
    json.writeName("problems");
    json.writeStartArray();
    for (Verification.Problem p : v.problems()) {
      json.writeStartObject();
      json.writeStringProperty("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
      json.writeStringProperty("detail", p.detail());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeStringProperty("trust_store", v.trustStore());
    json.writeStringProperty("hostname", v.hostname().isEmpty() ? null : v.hostname());
  }

  private static void writeInts(JsonGenerator json, String name, List<Integer> values) {
    json.writeName(name);
    json.writeStartArray();
    for (int v : values) {
      json.writeNumber(v);
    }
    json.writeEndArray();
  }

  /** Writes {@code values} as the array property {@code name} (also for {@link PlainTextPhaseJson}). */
  static void writeStrings(JsonGenerator json, String name, List<String> values) {
    json.writeName(name);
    json.writeStartArray();
    for (String v : values) {
      json.writeString(v);
    }
    json.writeEndArray();
  }

  static void writeOptionalInt(JsonGenerator json, String name, Optional<Integer> value) {
    if (value.isPresent()) {
      json.writeNumberProperty(name, value.get());
    } else {
      json.writeNullProperty(name);
    }
  }

  private static void writeOptionalLong(JsonGenerator json, String name, Optional<Long> value) {
    if (value.isPresent()) {
      json.writeNumberProperty(name, value.get());
    } else {
      json.writeNullProperty(name);
    }
  }

  /** Lets the generator close without closing the caller's writer. */
  private static final class NonClosingWriter extends java.io.FilterWriter {
    NonClosingWriter(Writer out) {
      super(out);
    }

    @Override
    public void close() throws java.io.IOException {
      flush();
    }
  }
}
