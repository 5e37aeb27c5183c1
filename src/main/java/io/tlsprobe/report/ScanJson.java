package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import java.io.StringWriter;
import java.io.Writer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Renders a {@link ServerProfile} as JSON, schema {@value #SCHEMA} (documented in the README, "{@code scan}"): for
 * {@code tlsprobe scan --json} and build-server attachments. Fields are only added within a schema version.
 *
 * <pre>{@code
 * String json = ScanJson.toJson(TlsScans.scan("localhost", 8443));
 * // {"schema":"tlsprobe.scan/1","target":{"host":"localhost","port":8443,"sni":null,"connection":"direct"},
 * //  "protocols":[{"version":"TLSv1.3","accepted":true,"cipher_suites":["TLS_AES_256_GCM_SHA384", …],
 * //  "server_order":false}, …],"groups":["x25519", …],"dh_prime_bits":null,
 * //  "compression":{"support":"no","evidence":"compression method null (0) in the TLSv1.2 ServerHello, …"}, …,
 * //  "alpn":{"support":"yes","evidence":"…"},"application_protocols":["h2","http/1.1"],"certificates":[{
 * //  "key_type":"EC","protocol":"TLSv1.2","trusted":true,"problems":[], …,"chain":[{"subject":"CN=localhost", …}]}],
 * //  "connections":23,"elapsed_ms":41,"complete":true,"partial_reason":null,"policy":null}
 * }</pre>
 *
 * <p>{@code protocols} lists every version scanned, oldest first, by JSSE name ({@code SSLv2}, {@code SSLv3},
 * {@code TLSv1} … {@code TLSv1.3}); {@code cipher_suites} are IANA names in the
 * server's order when {@code server_order} is true (it enforces its own), else in the order the scan found them. The
 * features ({@code compression}, {@code secure_renegotiation}, {@code fallback_scsv}, {@code extended_master_secret},
 * {@code encrypt_then_mac}, {@code session_tickets}, {@code ocsp_stapling}, {@code heartbeat}, {@code alpn}) are each
 * {@code {"support": "yes|no|not_applicable|unknown", "evidence": "…"}}; {@code application_protocols} lists the ALPN
 * protocols accepted, in the server's order when it has one.
 * {@code certificates} holds one object per chain the server presents (one per key type): {@code key_type}, {@code
 * protocol}, the verdict ({@code trusted}, {@code problems}, {@code trust_store}, {@code hostname}) and {@code chain},
 * leaf first, each certificate with the fields of the report's {@code certificates}.
 */
public final class ScanJson {
  /** The schema identifier; bump the number on any incompatible change. */
  public static final String SCHEMA = "tlsprobe.scan/1";

  private ScanJson() {}

  /** The profile as pretty-printed JSON. */
  public static String toJson(ServerProfile profile) {
    StringWriter out = new StringWriter();
    write(profile, out);
    return out.toString();
  }

  /** Writes the profile as pretty-printed JSON, {@code "policy": null}; does not close {@code out}. */
  public static void write(ServerProfile profile, Writer out) {
    write(profile, null, out);
  }

  /**
   * Writes the profile as pretty-printed JSON with the verdict of a policy check in {@code "policy"} ({@code null}
   * when none was asked for); does not close {@code out}.
   */
  public static void write(ServerProfile profile, @Nullable PolicyCheck policy, Writer out) {
    requireNonNull(profile, "profile");
    requireNonNull(out, "out");
    try (JsonGenerator json = ReportJson.prettyGenerator(out)) {
      json.writeStartObject();
      json.writeStringProperty("schema", SCHEMA);
      writeTarget(json, profile.endpoint());
      json.writeName("protocols");
      json.writeStartArray();
      for (ProtocolSupport p : profile.protocols()) {
        json.writeStartObject();
        json.writeStringProperty("version", versionName(p.protocol()));
        json.writeBooleanProperty("accepted", p.accepted());
        ReportJson.writeStrings(json, "cipher_suites", p.cipherSuites().stream().map(CipherSuite::name).toList());
        json.writeBooleanProperty("server_order", p.enforcesServerOrder());
        json.writeEndObject();
      }
      json.writeEndArray();
      ReportJson.writeStrings(json, "groups", profile.groups().stream().map(NamedGroup::name).toList());
      ReportJson.writeOptionalInt(json, "dh_prime_bits", profile.dhPrimeBits());
      writeFeatures(json, profile.features());
      writeCertificates(json, profile);
      json.writeNumberProperty("connections", profile.connections());
      json.writeNumberProperty("elapsed_ms", profile.elapsed().toMillis());
      json.writeBooleanProperty("complete", profile.isComplete());
      json.writeStringProperty("partial_reason", profile.partialReason().orElse(null));
      ReportJson.writePolicy(json, policy);
      json.writeEndObject();
    }
  }

  /**
   * {@code certificates}: per chain its leaf's key type, the version that delivered it, the verdict's properties as
   * the report writes them ({@code trusted}, {@code problems}, {@code trust_store}, {@code hostname}) and the chain,
   * leaf first, each certificate as in the report.
   */
  private static void writeCertificates(JsonGenerator json, ServerProfile profile) {
    json.writeName("certificates");
    json.writeStartArray();
    for (ServerCertificate c : profile.certificates()) {
      json.writeStartObject();
      json.writeStringProperty("key_type", c.keyType());
      json.writeStringProperty("protocol", versionName(c.protocol()));
      ReportJson.writeVerificationFields(json, c.verification());
      json.writeName("chain");
      json.writeStartArray();
      for (CertificateInfo certificate : c.chain()) {
        ReportJson.writeCertificate(json, certificate);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** The JSSE name, except {@code SSLv2} for SSL 2.0 (JSSE's {@code SSLv2Hello} names only its hello format). */
  static String versionName(TlsProtocol protocol) {
    return protocol == TlsProtocol.SSLv2 ? "SSLv2" : protocol.jsseName();
  }

  /**
   * Each feature as {@code "name": {"support": "yes|no|not_applicable|unknown", "evidence": "…"}} (names from
   * {@link ServerFeatures#byName()}), then {@code "application_protocols": [..]}.
   */
  private static void writeFeatures(JsonGenerator json, ServerFeatures features) {
    features.byName().forEach((name, finding) -> {
      json.writeName(name);
      json.writeStartObject();
      json.writeStringProperty("support", finding.support().name().toLowerCase(java.util.Locale.ROOT));
      json.writeStringProperty("evidence", finding.evidence());
      json.writeEndObject();
    });
    ReportJson.writeStrings(json, "application_protocols", features.applicationProtocols());
  }

  private static void writeTarget(JsonGenerator json, Endpoint endpoint) {
    json.writeName("target");
    json.writeStartObject();
    json.writeStringProperty("host", endpoint.host());
    json.writeNumberProperty("port", endpoint.port());
    json.writeStringProperty("sni", endpoint.serverName().orElse(null));
    json.writeStringProperty("connection", endpoint.connection());
    json.writeEndObject();
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
