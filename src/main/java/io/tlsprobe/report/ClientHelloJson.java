package io.tlsprobe.report;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.ExtensionType;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.SignatureScheme;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.EcPointFormatsExtension;
import io.tlsprobe.wire.Ja3;
import io.tlsprobe.wire.Ja4;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.PskKeyExchangeModesExtension;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a report's {@link TlsConnectionReport#clientHello() ClientHello} as the {@code client_hello} member of
 * schema {@value ReportJson#SCHEMA}: the same object {@code tlsprobe decode --json} prints for a ClientHello message
 * (schema {@code tlsprobe.decode/1}), so one reader serves both. Every code point is an integer in wire order (GREASE
 * kept), with its registry names in a sibling {@code …_names} list.
 *
 * <pre>{@code
 * "client_hello" : { "type" : "client_hello", "handshake_type" : 1, "length" : 508,
 *   "legacy_version" : 771, "legacy_version_name" : "TLS 1.2", "random" : "…", "session_id" : "…",
 *   "cipher_suites" : [ 4866, … ], "cipher_suite_names" : [ "TLS_AES_256_GCM_SHA384", … ], …,
 *   "server_name" : "localhost", "alpn" : [ "h2", "http/1.1" ], …,
 *   "ja3" : "771,4866-…", "ja3_hash" : "…", "ja4" : "t13d3112h2_…", "ja4_r" : "…" }
 * }</pre>
 *
 * <p>The message is defined in <a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.1.2">RFC 8446 section
 * 4.1.2</a>; JA3 and JA4 are computed by {@link Ja3} and {@link Ja4}.
 */
final class ClientHelloJson {
  private ClientHelloJson() {}

  static void write(JsonGenerator json, Optional<ClientHello> hello) {
    if (hello.isEmpty()) {
      json.writeNullProperty("client_hello");
      return;
    }
    ClientHello h = hello.get();
    Ja3 ja3 = Ja3.of(h);
    Ja4 ja4 = Ja4.of(h);
    json.writeName("client_hello");
    json.writeStartObject();
    json.writeStringProperty("type", "client_hello");
    json.writeNumberProperty("handshake_type", h.type());
    json.writeNumberProperty("length", h.encodeBody().length);
    json.writeNumberProperty("legacy_version", h.legacyVersion());
    json.writeStringProperty("legacy_version_name", TlsProtocol.describeWireVersion(h.legacyVersion()));
    json.writeStringProperty("random", h.random().toHex());
    json.writeStringProperty("session_id", h.sessionId().toHex());
    writeCodes(json, "cipher_suites", "cipher_suite_names", h.cipherSuites(), c -> CipherSuite.of(c).name());
    writeCodes(json, "compression_methods", "compression_method_names", h.compressionMethods(),
        c -> CompressionMethod.of(c).name());
    writeCodes(json, "extensions", "extension_names", h.extensionTypes(), t -> ExtensionType.of(t).name());
    json.writeStringProperty("server_name", h.serverName().orElse(null));
    ReportJson.writeStrings(json, "alpn", h.alpn());
    writeCodes(json, "supported_groups", "supported_group_names", h.supportedGroups(), g -> NamedGroup.of(g).name());
    writeCodes(json, "ec_point_formats", "ec_point_format_names", h.ecPointFormats(), EcPointFormatsExtension::name);
    writeCodes(json, "signature_algorithms", "signature_algorithm_names", h.signatureAlgorithms(),
        s -> SignatureScheme.of(s).name());
    writeCodes(json, "signature_algorithms_cert", "signature_algorithms_cert_names", h.signatureAlgorithmsCert(),
        s -> SignatureScheme.of(s).name());
    writeCodes(json, "supported_versions", "supported_version_names", h.supportedVersions(),
        TlsProtocol::describeWireVersion);
    writeCodes(json, "key_share_groups", "key_share_group_names",
        h.extension(KeyShareExtension.class).map(KeyShareExtension::groups).orElse(List.of()),
        g -> NamedGroup.of(g).name());
    writeCodes(json, "psk_key_exchange_modes", "psk_key_exchange_mode_names",
        h.extension(PskKeyExchangeModesExtension.class).map(PskKeyExchangeModesExtension::modes).orElse(List.of()),
        PskKeyExchangeModesExtension::name);
    json.writeStringProperty("ja3", ja3.string());
    json.writeStringProperty("ja3_hash", ja3.hash());
    json.writeStringProperty("ja4", ja4.fingerprint());
    json.writeStringProperty("ja4_r", ja4.raw());
    json.writeEndObject();
  }

  /** {@code "name" : [ codes… ], "namesField" : [ names… ]}. */
  private static void writeCodes(JsonGenerator json, String name, String namesField, List<Integer> codes,
      IntFunction<String> namer) {
    json.writeName(name);
    json.writeStartArray();
    for (int code : codes) {
      json.writeNumber(code);
    }
    json.writeEndArray();
    ReportJson.writeStrings(json, namesField, codes.stream().map(namer::apply).toList());
  }
}
