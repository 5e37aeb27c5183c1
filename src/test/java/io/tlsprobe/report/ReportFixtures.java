package io.tlsprobe.report;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.TlsDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reports for tests, built from real wire bytes and registry values. */
final class ReportFixtures {
  /** curl 7.88's ClientHello (../shared/vectors/curl_default.hex), the CLI's embedded sample. */
  static final String CURL_HELLO = readHex("/io/tlsprobe/cli/sample-clienthello.hex");

  private static String readHex(String resource) {
    try (java.io.InputStream in = ReportFixtures.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private ReportFixtures() {}

  static ServerHello tls12ServerHello() {
    // legacy_version 0x0303, suite 0xc02f, null compression, extensions renegotiation_info, EMS, session_ticket
    byte[] body = java.util.HexFormat.of().parseHex("0303" + "11".repeat(32) + "00" + "c02f" + "00"
        + "000d" + "ff01000100" + "00170000" + "00230000");
    byte[] message = new byte[4 + body.length];
    message[0] = 2;
    message[3] = (byte) body.length;
    System.arraycopy(body, 0, message, 4, body.length);
    return (ServerHello) TlsDecoder.decodeHandshake(message);
  }

  static CertificateInfo leaf() {
    return new CertificateInfo("CN=localhost", "CN=tlsprobe test CA", List.of("DNS:localhost", "IP:127.0.0.1"),
        "0a1b", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), "EC", 256,
        Optional.of("secp256r1"), "SHA256withECDSA", "ab".repeat(32), false, List.of("digitalSignature"), false,
        Bytes.ofHex("3000"));
  }

  static TlsConnectionReport established() {
    return TlsConnectionReport.builder(Endpoint.direct("localhost", 8443), Outcome.established())
        .protocol(TlsProtocol.TLSv1_2)
        .cipherSuite(CipherSuite.of(0xc02f))
        .compression(CompressionMethod.of(0))
        .group(NamedGroup.byName("x25519").orElseThrow())
        .applicationProtocol("h2")
        .clientHello(TlsDecoder.decode(java.util.HexFormat.of().parseHex(CURL_HELLO)).clientHello().orElseThrow())
        .serverHello(tls12ServerHello())
        .certificates(List.of(leaf()))
        .verification(new Verification(true, List.of(), "test trust store", "localhost"))
        .handshakeTime(Duration.ofMillis(12))
        .startedAt(Instant.parse("2026-11-27T04:00:00Z"))
        .build();
  }

  static ClientHello curlHello() {
    return established().clientHello().orElseThrow();
  }
}
