package io.tlsprobe.cli;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.ExtensionType;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.SignatureScheme;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.Alert;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.CertificateStatus;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.EcPointFormatsExtension;
import io.tlsprobe.wire.HandshakeMessage;
import io.tlsprobe.wire.Ja3;
import io.tlsprobe.wire.Ja3s;
import io.tlsprobe.wire.Ja4;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.PskKeyExchangeModesExtension;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerKeyExchange;
import io.tlsprobe.wire.SslV2ClientHello;
import io.tlsprobe.wire.TlsRecord;
import io.tlsprobe.wire.UnknownHandshake;
import java.util.List;

/**
 * Turns decoded bytes into the {@code tlsprobe.decode/1} view: one {@link Fields} per record, handshake message and
 * alert. The schema is documented in the README ("decode: JSON schema"); add fields, never rename or remove them,
 * without bumping the schema version.
 */
final class DecodedView {
  /** The JSON schema identifier; bump the number on any incompatible change. */
  static final String SCHEMA = "tlsprobe.decode/1";

  private DecodedView() {}

  static Fields of(Decoded decoded, String source, int length) {
    return new Fields()
        .put("schema", SCHEMA)
        .put("input", new Fields().put("source", source).put("bytes", length))
        .put("records", decoded.records().stream().map(DecodedView::record).toList())
        .put("messages", decoded.messages().stream().map(DecodedView::message).toList())
        .put("alerts", decoded.alerts().stream().map(DecodedView::alert).toList());
  }

  static Fields record(TlsRecord record) {
    return new Fields()
        .put("content_type", new Fields.Code(record.contentType(), contentTypeName(record.contentType()), 2))
        .put("version", version(record.version()))
        .put("length", record.fragment().length());
  }

  static Fields alert(Alert alert) {
    String level = switch (alert.level()) {
      case Alert.WARNING -> "warning";
      case Alert.FATAL -> "fatal";
      default -> "unknown(" + alert.level() + ")";
    };
    return new Fields()
        .put("level", new Fields.Code(alert.level(), level, 2))
        .put("description", new Fields.Code(alert.description(), AlertDescription.of(alert.description()).name(), 2));
  }

  static Fields message(HandshakeMessage message) {
    if (message instanceof ClientHello hello) {
      return clientHello(hello);
    } else if (message instanceof SslV2ClientHello v2) {
      return sslV2ClientHello(v2);
    } else if (message instanceof ServerHello hello) {
      return serverHello(hello);
    } else if (message instanceof CertificateMessage certificate) {
      return header("certificate", message).put("tls13_form", certificate.tls13())
          .put("certificates", certificate.certificates().stream().map(CertificateView::of).toList());
    } else if (message instanceof ServerKeyExchange ske) {
      return serverKeyExchange(ske);
    } else if (message instanceof CertificateStatus status) {
      return header("certificate_status", message)
          .put("status_type", new Fields.Code(status.statusType(), statusTypeName(status.statusType()), 2))
          .put("response_length", status.response().length());
    } else if (message instanceof UnknownHandshake) {
      return header(handshakeTypeName(message.type()), message);
    }
    return header(handshakeTypeName(message.type()), message);
  }

  private static Fields header(String type, HandshakeMessage message) {
    return new Fields()
        .put("type", type)
        .put("handshake_type", message.type())
        .put("length", message.encodeBody().length);
  }

  /**
   * A ClientHello message. {@code io.tlsprobe.report.ClientHelloJson} writes the same object as a report's {@code
   * client_hello} ({@code CaptureCommandTest} keeps the two equal): change both together.
   */
  static Fields clientHello(ClientHello hello) {
    Ja3 ja3 = Ja3.of(hello);
    Ja4 ja4 = Ja4.of(hello);
    return header("client_hello", hello)
        .put("legacy_version", version(hello.legacyVersion()))
        .put("random", hello.random().toHex())
        .put("session_id", hello.sessionId().toHex())
        .put("cipher_suites", Fields.Codes.of(hello.cipherSuites(), c -> CipherSuite.of(c).name(), 4))
        .put("compression_methods",
            Fields.Codes.of(hello.compressionMethods(), c -> CompressionMethod.of(c).name(), 2))
        .put("extensions", Fields.Codes.of(hello.extensionTypes(), t -> ExtensionType.of(t).name(), 4))
        .put("server_name", hello.serverName().orElse(null))
        .put("alpn", hello.alpn())
        .put("supported_groups", Fields.Codes.of(hello.supportedGroups(), g -> NamedGroup.of(g).name(), 4))
        .put("ec_point_formats", Fields.Codes.of(hello.ecPointFormats(), EcPointFormatsExtension::name, 2))
        .put("signature_algorithms",
            Fields.Codes.of(hello.signatureAlgorithms(), s -> SignatureScheme.of(s).name(), 4))
        .put("signature_algorithms_cert",
            Fields.Codes.of(hello.signatureAlgorithmsCert(), s -> SignatureScheme.of(s).name(), 4))
        .put("supported_versions",
            Fields.Codes.of(hello.supportedVersions(), TlsProtocol::describeWireVersion, 4))
        .put("key_share_groups", Fields.Codes.of(
            hello.extension(KeyShareExtension.class).map(KeyShareExtension::groups).orElse(List.of()),
            g -> NamedGroup.of(g).name(), 4))
        .put("psk_key_exchange_modes", Fields.Codes.of(
            hello.extension(PskKeyExchangeModesExtension.class).map(PskKeyExchangeModesExtension::modes)
                .orElse(List.of()),
            PskKeyExchangeModesExtension::name, 2))
        .put("ja3", ja3.string())
        .put("ja3_hash", ja3.hash())
        .put("ja4", ja4.fingerprint())
        .put("ja4_r", ja4.raw());
  }

  static Fields sslV2ClientHello(SslV2ClientHello hello) {
    return new Fields()
        .put("type", "sslv2_client_hello")
        .put("handshake_type", hello.type())
        .put("length", hello.encodeBody().length)
        .put("version", version(hello.version()))
        .put("cipher_specs", Fields.Codes.of(hello.cipherSpecs(), DecodedView::cipherSpecName, 6))
        .put("session_id", hello.sessionId().toHex())
        .put("challenge", hello.challenge().toHex());
  }

  static Fields serverHello(ServerHello hello) {
    Ja3s ja3s = Ja3s.of(hello);
    return header(hello.isHelloRetryRequest() ? "hello_retry_request" : "server_hello", hello)
        .put("legacy_version", version(hello.legacyVersion()))
        .put("random", hello.random().toHex())
        .put("session_id", hello.sessionId().toHex())
        .put("cipher_suite", new Fields.Code(hello.cipherSuite(), CipherSuite.of(hello.cipherSuite()).name(), 4))
        .put("compression_method",
            new Fields.Code(hello.compressionMethod(), CompressionMethod.of(hello.compressionMethod()).name(), 2))
        .put("extensions", Fields.Codes.of(hello.extensionTypes(), t -> ExtensionType.of(t).name(), 4))
        .put("selected_version", version(hello.selectedVersion()))
        .put("key_share_group",
            hello.keyShareGroup().map(g -> new Fields.Code(g, NamedGroup.of(g).name(), 4)).orElse(null))
        .put("alpn", hello.alpn().orElse(null))
        .put("ja3s", ja3s.string())
        .put("ja3s_hash", ja3s.hash());
  }

  static Fields serverKeyExchange(ServerKeyExchange ske) {
    Fields fields = header("server_key_exchange", ske);
    ske.ecdhe().ifPresent(ecdhe -> fields.put("ecdhe", new Fields()
        .put("named_group", new Fields.Code(ecdhe.namedGroup(), NamedGroup.of(ecdhe.namedGroup()).name(), 4))
        .put("public_key_length", ecdhe.publicPoint().length())));
    ske.dhe().ifPresent(dhe -> fields.put("dhe", new Fields()
        .put("prime_bits", dhe.primeBits())
        .put("generator", dhe.g().toHex())
        .put("public_key_length", dhe.ys().length())));
    return fields;
  }

  private static Fields.Code version(int wireVersion) {
    return new Fields.Code(wireVersion, TlsProtocol.describeWireVersion(wireVersion), 4);
  }

  static String contentTypeName(int type) {
    return switch (type) {
      case TlsRecord.CHANGE_CIPHER_SPEC -> "change_cipher_spec";
      case TlsRecord.ALERT -> "alert";
      case TlsRecord.HANDSHAKE -> "handshake";
      case TlsRecord.APPLICATION_DATA -> "application_data";
      case TlsRecord.HEARTBEAT -> "heartbeat";
      default -> unknown(type, 2);
    };
  }

  /** RFC 8446 section 4 HandshakeType names for the types the codec keeps as bytes. */
  static String handshakeTypeName(int type) {
    return switch (type) {
      case 0 -> "hello_request";
      case HandshakeMessage.CLIENT_HELLO -> "client_hello";
      case HandshakeMessage.SERVER_HELLO -> "server_hello";
      case 3 -> "hello_verify_request";
      case HandshakeMessage.NEW_SESSION_TICKET -> "new_session_ticket";
      case HandshakeMessage.END_OF_EARLY_DATA -> "end_of_early_data";
      case HandshakeMessage.ENCRYPTED_EXTENSIONS -> "encrypted_extensions";
      case HandshakeMessage.CERTIFICATE -> "certificate";
      case HandshakeMessage.SERVER_KEY_EXCHANGE -> "server_key_exchange";
      case HandshakeMessage.CERTIFICATE_REQUEST -> "certificate_request";
      case HandshakeMessage.SERVER_HELLO_DONE -> "server_hello_done";
      case HandshakeMessage.CERTIFICATE_VERIFY -> "certificate_verify";
      case HandshakeMessage.CLIENT_KEY_EXCHANGE -> "client_key_exchange";
      case HandshakeMessage.FINISHED -> "finished";
      case HandshakeMessage.CERTIFICATE_STATUS -> "certificate_status";
      case HandshakeMessage.KEY_UPDATE -> "key_update";
      case HandshakeMessage.MESSAGE_HASH -> "message_hash";
      default -> unknown(type, 2);
    };
  }

  /** RFC 6066 section 8 CertificateStatusType. */
  static String statusTypeName(int type) {
    return switch (type) {
      case CertificateStatus.OCSP -> "ocsp";
      case CertificateStatus.OCSP_MULTI -> "ocsp_multi";
      default -> unknown(type, 2);
    };
  }

  /** SSLv2 cipher specs: TLS suites where the first byte is zero (RFC 5246 E.2), SSLv2 kinds otherwise. */
  static String cipherSpecName(int spec) {
    return (spec >>> 16) == 0 ? CipherSuite.of(spec).name() : "SSLv2 cipher kind " + String.format("0x%06x", spec);
  }

  private static String unknown(int value, int hexDigits) {
    return String.format("unknown(0x%0" + hexDigits + "x)", value);
  }
}
