package io.tlsprobe.cli;

import io.tlsprobe.CipherStrength;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.ExtensionType;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.SignatureScheme;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.report.Verification;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.Ja3;
import io.tlsprobe.wire.Ja3s;
import io.tlsprobe.wire.Ja4;
import io.tlsprobe.wire.ServerHello;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The text view of a {@link TlsConnectionReport} for {@code tlsprobe probe}, in the manner of Python's {@code ssl}
 * introspection ({@code version()}, {@code cipher()}, {@code compression()}, {@code getpeercert()}): what was
 * negotiated first, then the certificates leaf first, then the verdict. Field names follow the JSON schema
 * {@code tlsprobe.report/1} ({@link io.tlsprobe.report.ReportJson}) so the two outputs read alike.
 *
 * <pre>
 * endpoint: 127.0.0.1:8443 (direct)
 * outcome: established
 * protocol: TLSv1.3
 * cipher_suite: 0x1302 TLS_AES_256_GCM_SHA384
 * cipher:
 *   secret_bits: 256
 *   …
 * </pre>
 */
final class ReportView {
  private ReportView() {}

  /** The view of {@code report}, with certificate lifetimes counted from {@code now}; long transcripts in brief. */
  static Fields of(TlsConnectionReport report, Instant now) {
    return of(report, now, false);
  }

  /**
   * The view of {@code report}, with certificate lifetimes counted from {@code now}; {@code verbose} shows every
   * transcript of a STARTTLS phase in full.
   */
  static Fields of(TlsConnectionReport report, Instant now, boolean verbose) {
    return of(report, now, verbose, false);
  }

  /**
   * The server's view of a report a capture server recorded ({@code tlsprobe capture}): {@code client} (who connected,
   * with the SNI it sent), how the handshake ended, what was agreed, and the client's whole offer
   * ({@link #clientOffer(ClientOffer)}) instead of the hello's brief; what our own server answered (its
   * renegotiation and ticket flags, its JA3S) is left out, and certificates appear only when the client sent some.
   * {@code verbose} shows a STARTTLS front's transcript in full.
   */
  static Fields captured(TlsConnectionReport report, Instant now, boolean verbose) {
    return of(report, now, verbose, true);
  }

  private static Fields of(TlsConnectionReport report, Instant now, boolean verbose, boolean captured) {
    Outcome outcome = report.outcome();
    Fields fields = new Fields()
        .put(captured ? "client" : "endpoint", report.endpoint().toString())
        .put("outcome", outcome.kind().jsonName())
        .put("outcome_reason", outcome.reason());
    outcome.alert().ifPresent(a -> fields.put("alert", new Fields.Code(a.code(), a.name(), 2)));
    outcome.transportProblem().ifPresent(p -> fields.put("transport_problem", p.name().toLowerCase(Locale.ROOT)));
    if (!outcome.peerBytes().isEmpty()) {
      fields.put("peer_bytes", outcome.peerBytes().toHex()).put("peer_text", printable(outcome.peerBytes()));
    }
    fields.put("protocol", report.protocol().map(TlsProtocol::jsseName).orElse(null));
    fields.put("cipher_suite", report.cipherSuite().map(s -> new Fields.Code(s.code(), s.name(), 4)).orElse(null));
    report.cipherSuite().ifPresent(s -> fields.put("cipher", cipher(s)));
    fields.put("compression", report.compression().map(ReportView::compression).orElse(null));
    fields.put("group", report.group().map(g -> new Fields.Code(g.code(), g.name(), 4)).orElse(null));
    report.dhPrimeBits().ifPresent(bits -> fields.put("dh_prime_bits", bits));
    fields.put("alpn", report.applicationProtocol().orElse(null));
    if (captured) {
      report.clientOffer().ifPresent(offer -> fields.put("client_offer", clientOffer(offer)));
      fields.put("handshake_time", report.handshakeTime().map(ReportView::millis).orElse(null));
      if (!report.certificates().isEmpty()) {
        fields.put("certificates", report.certificates().stream().map(c -> certificate(c, now)).toList());
        fields.put("verification", verification(report.verification()));
      }
      report.plainTextPhase().ifPresent(p -> fields.put("plain_text_phase", PlainTextView.of(p, verbose)));
      return fields;
    }
    if (report.serverHello().isPresent()) {
      fields.put("secure_renegotiation", report.secureRenegotiation())
          .put("extended_master_secret", report.extendedMasterSecret())
          .put("session_ticket", report.sessionTicket());
    }
    fields.put("ocsp_stapled", report.ocspStapled());
    report.clientHello().ifPresent(h -> fields.put("client_hello", clientHello(h)));
    report.serverHello().ifPresent(h -> fields.put("server_hello", serverHello(h)));
    fields.put("handshake_time", report.handshakeTime().map(ReportView::millis).orElse(null));
    fields.put("certificates", report.certificates().stream().map(c -> certificate(c, now)).toList());
    fields.put("verification", verification(report.verification()));
    report.plainTextPhase().ifPresent(p -> fields.put("plain_text_phase", PlainTextView.of(p, verbose)));
    report.afterHandshake().ifPresent(a -> fields.put("after_handshake", a.detail()));
    return fields;
  }

  static Fields cipher(CipherSuite s) {
    return new Fields()
        .put("openssl_name", s.openSslName().orElse(null))
        .put("secret_bits", s.secretKeyBits())
        .put("key_exchange", s.keyExchange())
        .put("authentication", s.authentication())
        .put("bulk_cipher", s.bulkCipher())
        .put("aead", s.isAead())
        .put("forward_secrecy", s.forwardSecrecy())
        .put("strength", s.strength().name().toLowerCase(Locale.ROOT))
        .put("strength_reason", s.strengthReason());
  }

  private static Fields.Code compression(CompressionMethod method) {
    return new Fields.Code(method.code(), method.name(), 2);
  }

  /** JA3/JA4 of the hello we sent, with what it offered in brief. */
  static Fields clientHello(ClientHello hello) {
    Ja3 ja3 = Ja3.of(hello);
    return new Fields()
        .put("server_name", hello.serverName().orElse(null))
        .put("alpn", hello.alpn().isEmpty() ? null : hello.alpn())
        .put("cipher_suites_offered", hello.cipherSuites().size())
        .put("ja3", ja3.string())
        .put("ja3_hash", ja3.hash())
        .put("ja4", Ja4.of(hello).fingerprint());
  }

  /**
   * What a client offered, in full: versions, cipher suites (those below {@code secure} marked with their
   * strength), groups, signature schemes, compression methods and extensions in wire order, SNI, ALPN, GREASE,
   * JA3 and JA4.
   */
  static Fields clientOffer(ClientOffer offer) {
    return new Fields()
        .put("versions", offer.versions().stream().map(TlsProtocol::jsseName).toList())
        .put("cipher_suites", new Fields.Codes(offer.cipherSuites().stream().map(CipherSuite::code).toList(),
            offer.cipherSuites().stream().map(ReportView::suiteWithStrength).toList(), 4))
        .put("groups", new Fields.Codes(offer.groups().stream().map(NamedGroup::code).toList(),
            offer.groups().stream().map(NamedGroup::name).toList(), 4))
        .put("signature_schemes", offer.signatureSchemes().stream().map(SignatureScheme::name).toList())
        .put("compression_methods", offer.compressionMethods().stream().map(CompressionMethod::name).toList())
        .put("extensions", offer.extensions().stream().map(ExtensionType::name).toList())
        .put("server_name", offer.serverName().orElse(null))
        .put("alpn", offer.alpn().isEmpty() ? null : offer.alpn())
        .put("grease", offer.sendsGrease())
        .put("ja3", offer.ja3())
        .put("ja3_hash", offer.ja3Hash())
        .put("ja4", offer.ja4());
  }

  /** {@code TLS_RSA_WITH_3DES_EDE_CBC_SHA (weak)}; a secure or recommended suite by its name alone. */
  private static String suiteWithStrength(CipherSuite suite) {
    return suite.strength().isAtLeast(CipherStrength.SECURE) ? suite.name()
        : suite.name() + " (" + suite.strength().name().toLowerCase(Locale.ROOT) + ")";
  }

  static Fields serverHello(ServerHello hello) {
    Ja3s ja3s = Ja3s.of(hello);
    return new Fields()
        .put("hello_retry_request", hello.isHelloRetryRequest())
        .put("ja3s", ja3s.string())
        .put("ja3s_hash", ja3s.hash());
  }

  static Fields certificate(CertificateInfo c, Instant now) {
    long days = Duration.between(now, c.notAfter()).toDays();
    String lifetime = c.notAfter().isBefore(now) ? "expired " + Math.abs(days) + " days ago"
        : c.notBefore().isAfter(now) ? "not yet valid" : "expires in " + days + " days";
    return new Fields()
        .put("subject", c.subject())
        .put("issuer", c.issuer())
        .put("subject_alternative_names", c.subjectAlternativeNames().isEmpty() ? null : c.subjectAlternativeNames())
        .put("serial_number", c.serialNumber())
        .put("not_before", c.notBefore().toString())
        .put("not_after", c.notAfter() + " (" + lifetime + ")")
        .put("key", c.keyType() + " " + c.keyBits() + " bits" + c.curve().map(curve -> " " + curve).orElse(""))
        .put("signature_algorithm", c.signatureAlgorithm())
        .put("sha256_fingerprint", c.sha256Fingerprint())
        .put("certificate_authority", c.certificateAuthority())
        .put("key_usage", c.keyUsage().isEmpty() ? null : c.keyUsage())
        .put("self_signed", c.selfSigned());
  }

  static Fields verification(Verification v) {
    return new Fields()
        .put("trusted", v.trusted())
        .put("trust_store", v.trustStore().isEmpty() ? null : v.trustStore())
        .put("hostname", v.hostname().isEmpty() ? null : v.hostname())
        .put("problems", v.problems().isEmpty() ? null : v.problems().stream().map(ReportView::problem).toList());
  }

  private static Fields problem(Verification.Problem p) {
    return new Fields().put("kind", p.kind().name()).put("detail", p.detail());
  }

  /** {@code 12.3 ms}. */
  static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }

  /** The bytes as ASCII with anything unprintable as {@code .}, as {@code hexdump -C} shows them. */
  static String printable(Bytes bytes) {
    StringBuilder text = new StringBuilder(bytes.length());
    for (int i = 0; i < bytes.length(); i++) {
      int b = bytes.get(i);
      text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return text.toString();
  }
}
