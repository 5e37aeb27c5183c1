package io.tlsprobe.assertj;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.report.Verification;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.Extension;
import io.tlsprobe.wire.ExtendedMasterSecretExtension;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.ServerHello;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reports and certificates the assertion tests share, built from real vocabulary values with a pinned clock.
 *
 * <pre>{@code
 * assertThat(Fixtures.tls13()).usesProtocol(TlsProtocol.TLSv1_3);
 * }</pre>
 */
public final class Fixtures {
  /** "Now" for every test: certificates are valid from {@code NOW - 30 days} to {@code NOW + 90 days}. */
  public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  public static final Endpoint ENDPOINT = Endpoint.direct("localhost", 8443);

  private Fixtures() {}

  /** {@code CN=localhost}, DNS:localhost and IP:127.0.0.1, EC secp256r1, signed by {@code CN=Test CA}. */
  public static CertificateInfo leaf() {
    return new CertificateInfo(
        "CN=localhost",
        "CN=Test CA",
        List.of("DNS:localhost", "IP:127.0.0.1"),
        "1a2b",
        NOW.minus(Duration.ofDays(30)),
        NOW.plus(Duration.ofDays(90)),
        "EC",
        256,
        Optional.of("secp256r1"),
        "SHA256withECDSA",
        "00".repeat(32),
        false,
        List.of("digitalSignature"),
        false,
        Bytes.ofHex("3000"));
  }

  /** {@code CN=Test CA}, self-signed CA, EC secp384r1, valid ten years. */
  public static CertificateInfo ca() {
    return new CertificateInfo(
        "CN=Test CA",
        "CN=Test CA",
        List.of(),
        "01",
        NOW.minus(Duration.ofDays(365)),
        NOW.plus(Duration.ofDays(3650)),
        "EC",
        384,
        Optional.of("secp384r1"),
        "SHA384withECDSA",
        "11".repeat(32),
        true,
        List.of("keyCertSign", "cRLSign"),
        true,
        Bytes.ofHex("3000"));
  }

  /** {@code certificate} with another signature algorithm. */
  public static CertificateInfo withSignature(CertificateInfo c, String signatureAlgorithm) {
    return new CertificateInfo(c.subject(), c.issuer(), c.subjectAlternativeNames(), c.serialNumber(), c.notBefore(),
        c.notAfter(), c.keyType(), c.keyBits(), c.curve(), signatureAlgorithm, c.sha256Fingerprint(),
        c.certificateAuthority(), c.keyUsage(), c.selfSigned(), c.der());
  }

  /** {@code certificate} with another key. */
  public static CertificateInfo withKey(CertificateInfo c, String keyType, int keyBits, @Nullable String curve) {
    return new CertificateInfo(c.subject(), c.issuer(), c.subjectAlternativeNames(), c.serialNumber(), c.notBefore(),
        c.notAfter(), keyType, keyBits, Optional.ofNullable(curve), c.signatureAlgorithm(), c.sha256Fingerprint(),
        c.certificateAuthority(), c.keyUsage(), c.selfSigned(), c.der());
  }

  /** {@code certificate} with other subject alternative names and subject. */
  public static CertificateInfo withNames(CertificateInfo c, String subject, String... subjectAlternativeNames) {
    return new CertificateInfo(subject, c.issuer(), List.of(subjectAlternativeNames), c.serialNumber(),
        c.notBefore(), c.notAfter(), c.keyType(), c.keyBits(), c.curve(), c.signatureAlgorithm(),
        c.sha256Fingerprint(), c.certificateAuthority(), c.keyUsage(), c.selfSigned(), c.der());
  }

  /** The verdict on a chain the test trust store anchors. */
  public static Verification trusted() {
    return new Verification(true, List.of(), "test trust store", "localhost");
  }

  /**
   * Established TLS 1.3: TLS_AES_128_GCM_SHA256, x25519, compression null, ALPN h2, leaf + CA trusted, 40 ms.
   * Summary: {@value #TLS13_SUMMARY}.
   */
  public static TlsConnectionReport tls13() {
    return TlsConnectionReport.builder(ENDPOINT, Outcome.established())
        .protocol(TlsProtocol.TLSv1_3)
        .cipherSuite(CipherSuite.of(0x1301))
        .compression(CompressionMethod.of(0))
        .group(NamedGroup.byName("x25519").orElseThrow())
        .applicationProtocol("h2")
        .certificates(List.of(leaf(), ca()))
        .verification(trusted())
        .handshakeTime(Duration.ofMillis(40))
        .startedAt(NOW)
        .build();
  }

  public static final String TLS13_SUMMARY = "localhost:8443 (direct): established, TLSv1.3, TLS_AES_128_GCM_SHA256"
      + " (128 bits), group x25519, compression null, ALPN h2, certificate CN=localhost (EC 256 secp256r1, until"
      + " 2026-04-01T00:00:00Z), trusted";

  /**
   * Established TLS 1.0 with TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA on secp256r1, a ServerHello carrying only
   * renegotiation_info. Summary: {@value #TLS10_SUMMARY}.
   */
  public static TlsConnectionReport tls10() {
    return TlsConnectionReport.builder(ENDPOINT, Outcome.established())
        .protocol(TlsProtocol.TLSv1)
        .cipherSuite(CipherSuite.of(0xc013))
        .compression(CompressionMethod.of(0))
        .group(NamedGroup.byName("secp256r1").orElseThrow())
        .serverHello(serverHello(0x0301, 0xc013, 0, new RenegotiationInfoExtension(Bytes.empty())))
        .certificates(List.of(leaf()))
        .verification(trusted())
        .handshakeTime(Duration.ofMillis(40))
        .startedAt(NOW)
        .build();
  }

  public static final String TLS10_SUMMARY = "localhost:8443 (direct): established, TLSv1,"
      + " TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (128 bits), group secp256r1, compression null, certificate CN=localhost"
      + " (EC 256 secp256r1, until 2026-04-01T00:00:00Z), trusted";

  /** Established TLS 1.2 with {@code suite}, the ServerHello carrying {@code extensions}. */
  public static TlsConnectionReport tls12(int suite, Extension... extensions) {
    return TlsConnectionReport.builder(ENDPOINT, Outcome.established())
        .protocol(TlsProtocol.TLSv1_2)
        .cipherSuite(CipherSuite.of(suite))
        .compression(CompressionMethod.of(0))
        .group(NamedGroup.byName("secp256r1").orElseThrow())
        .serverHello(serverHello(0x0303, suite, 0, extensions))
        .certificates(List.of(leaf(), ca()))
        .verification(trusted())
        .handshakeTime(Duration.ofMillis(40))
        .startedAt(NOW)
        .build();
  }

  /** Established TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256 with renegotiation_info and extended_master_secret. */
  public static TlsConnectionReport tls12() {
    return tls12(0xc02f, new RenegotiationInfoExtension(Bytes.empty()), new ExtendedMasterSecretExtension());
  }

  /**
   * Rejected with handshake_failure before any ServerHello: no protocol, suite, group or certificate. Summary:
   * {@value #REJECTED_SUMMARY}.
   */
  public static TlsConnectionReport rejected() {
    return TlsConnectionReport.builder(
            ENDPOINT,
            Outcome.rejectedByPeer(
                Optional.of(AlertDescription.of(40)), "server sent fatal alert handshake_failure (40)"))
        .startedAt(NOW)
        .build();
  }

  public static final String REJECTED_SUMMARY = "localhost:8443 (direct): rejected_by_peer: server sent fatal alert"
      + " handshake_failure (40), no protocol, no cipher suite, group unknown, compression unknown, no certificate,"
      + " not trusted [NO_CERTIFICATE]";

  /**
   * A failure message as AssertJ renders them: a line break, then {@code lines} joined by the platform's line
   * separator.
   */
  public static String message(String... lines) {
    return System.lineSeparator() + String.join(System.lineSeparator(), lines);
  }

  /** A ServerHello as the wire codec would decode it. */
  public static ServerHello serverHello(int version, int suite, int compression, Extension... extensions) {
    return new ServerHello(version, Bytes.of(new byte[32]), Bytes.empty(), suite, compression, List.of(extensions),
        true);
  }
}
