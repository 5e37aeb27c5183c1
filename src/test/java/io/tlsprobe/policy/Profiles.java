package io.tlsprobe.policy;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.AcceptedCipherSuite;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.CipherOrder;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.Finding;
import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.report.ServerCertificate;
import io.tlsprobe.report.ServerFeatures;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.Verification;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.testing.ClientHelloVectors;
import io.tlsprobe.wire.TlsDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Hand-built server profiles and real client offers for the policy tests. */
final class Profiles {
  private Profiles() {}

  static CipherSuite suite(String name) {
    return CipherSuite.byName(name).orElseThrow(() -> new AssertionError("no suite " + name));
  }

  static NamedGroup group(String name) {
    return NamedGroup.byName(name).orElseThrow(() -> new AssertionError("no group " + name));
  }

  /** A protocol row that accepted the named suites with the named groups. */
  static ProtocolSupport accepted(TlsProtocol protocol, List<String> groups, String... suites) {
    List<AcceptedCipherSuite> accepted = Arrays.stream(suites).map(s -> AcceptedCipherSuite.of(suite(s))).toList();
    return new ProtocolSupport(protocol, true, accepted, CipherOrder.CLIENT,
        groups.stream().map(Profiles::group).toList());
  }

  /** A DHE suite accepted with a prime of {@code bits}. */
  static ProtocolSupport acceptedDhe(TlsProtocol protocol, String suite, int bits) {
    return new ProtocolSupport(protocol, true,
        List.of(new AcceptedCipherSuite(suite(suite), Optional.empty(), Optional.of(bits))), CipherOrder.CLIENT,
        List.of());
  }

  /** A profile: the given rows, every other version refused. */
  static ServerProfile profile(ProtocolSupport... rows) {
    List<ProtocolSupport> all = new ArrayList<>(Arrays.asList(rows));
    for (TlsProtocol p : TlsProtocol.values()) {
      if (all.stream().noneMatch(r -> r.protocol() == p)) {
        all.add(ProtocolSupport.refused(p));
      }
    }
    return new ServerProfile(Endpoint.direct("localhost", 8443), all, 20, Duration.ofMillis(30), Optional.empty());
  }

  /** A TLS 1.3-only server with the three TLS 1.3 suites and x25519, secp256r1. */
  static ServerProfile tls13Only() {
    return profile(accepted(TlsProtocol.TLSv1_3, List.of("x25519", "secp256r1"),
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"));
  }

  /** TLS 1.3 as above plus TLS 1.2 with ECDHE AEAD suites. */
  static ServerProfile intermediate() {
    return profile(
        accepted(TlsProtocol.TLSv1_3, List.of("x25519", "secp256r1"),
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"),
        accepted(TlsProtocol.TLSv1_2, List.of("x25519"),
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
  }

  /** The offer of a captured ClientHello in src/test/resources/vectors. */
  static ClientOffer offer(String vector) {
    return ClientOffer.of(TlsDecoder.decode(ClientHelloVectors.captured(vector).bytes()).clientHello().orElseThrow());
  }

  /** Features with every finding {@code NO} except those named {@code yes}; a helper for the feature rules. */
  static ServerFeatures features(Finding compression, Finding secureRenegotiation, Finding fallbackScsv,
      Finding extendedMasterSecret, Finding encryptThenMac, Finding ocspStapling, Finding heartbeat) {
    return new ServerFeatures(compression, secureRenegotiation, fallbackScsv, extendedMasterSecret, encryptThenMac,
        Finding.unknown("not asked"), ocspStapling, heartbeat, Finding.unknown("not asked"), List.of());
  }

  /** Features a well-configured TLS 1.2 server shows: renegotiation, EMS, ETM, fallback SCSV, stapling; no compression
   * or heartbeat. */
  static ServerFeatures goodFeatures() {
    return features(Finding.no("null only"), Finding.yes("renegotiation_info"), Finding.yes("inappropriate_fallback"),
        Finding.yes("extended_master_secret"), Finding.yes("encrypt_then_mac"), Finding.yes("status_request"),
        Finding.no("no heartbeat"));
  }

  /** A leaf certificate for {@code localhost} with a {@code keyType} key of {@code bits} on {@code curve}. */
  static ServerCertificate certificate(String keyType, int bits, Optional<String> curve) {
    CertificateInfo leaf = new CertificateInfo("CN=localhost", "CN=test CA", List.of("DNS:localhost"), "01",
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), keyType, bits, curve,
        keyType.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA", "00", false, List.of("digitalSignature"),
        false, Bytes.of(new byte[] {1}));
    return new ServerCertificate(keyType, TlsProtocol.TLSv1_3, List.of(leaf),
        new Verification(true, List.of(), "test trust store", "localhost"));
  }
}
