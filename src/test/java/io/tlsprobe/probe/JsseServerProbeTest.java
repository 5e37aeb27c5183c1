package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.report.Verification;
import io.tlsprobe.testing.JsseTestServer;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.wire.Bytes;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe against in-process JSSE servers, with the server's own view of each handshake as the oracle. */
class JsseServerProbeTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static HeldCertificate ecSelfSigned;

  @BeforeAll
  static void certificates() {
    ecSelfSigned = TestCertificates.localhost();
  }

  private static ProbeOptions.Builder options(JsseTestServer server) {
    return ProbeOptions.builder("127.0.0.1", server.port()).timeout(Duration.ofSeconds(10));
  }

  @Test
  void reportsTheVersionSuiteAndGroupTheServerNegotiatedOverTls13() throws Exception {
    try (JsseTestServer server = JsseTestServer.builder(ecSelfSigned).start()) {
      TlsConnectionReport report = TlsProbes.probe(options(server).build());
      JsseTestServer.Handshake seen = server.takeHandshake(WAIT);
      System.out.println("JSSE default: " + report);

      assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
      assertThat(report.protocol()).flatMap(p -> TlsProtocol.fromJsseName(p.jsseName()))
          .isEqualTo(TlsProtocol.fromJsseName(seen.protocol()));
      assertThat(report.protocol()).contains(TlsProtocol.TLSv1_3);
      assertThat(report.cipherSuite().map(CipherSuite::name)).contains(seen.cipherSuite());
      assertThat(report.group()).contains(NamedGroup.byName("x25519").orElseThrow());
      assertThat(report.compression()).contains(CompressionMethod.of(0));
      assertThat(report.handshakeTime()).isPresent();
      assertThat(report.clientHello()).isPresent();
      assertThat(report.clientHello().orElseThrow().serverName()).isEmpty();
      assertThat(report.serverHello().orElseThrow().selectedVersion()).isEqualTo(0x0304);
    }
  }

  @Test
  void takesTheCertificatesFromTheSessionAndJudgesThemAgainstTheDefaultTrustStore() throws Exception {
    try (JsseTestServer server = JsseTestServer.builder(ecSelfSigned).start()) {
      TlsConnectionReport report = TlsProbes.probe(options(server).build());

      assertThat(report.certificates()).hasSize(1);
      assertThat(report.certificates().get(0).der())
          .isEqualTo(Bytes.of(ecSelfSigned.certificate().getEncoded()));
      assertThat(report.verification().trusted()).isFalse();
      assertThat(report.verification().trustStore()).isEqualTo("JDK default trust store");
      assertThat(report.verification().has(Verification.Kind.SELF_SIGNED)).as(report.verification().toString())
          .isTrue();
    }
  }

  @Test
  void reportsTheSuiteAndGroupOfATls12ServerFromItsServerKeyExchange() throws Exception {
    String suite = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    try (JsseTestServer server = JsseTestServer.builder(ecSelfSigned).protocols("TLSv1.2").cipherSuites(suite).start()) {
      TlsConnectionReport report = TlsProbes.probe(options(server).build());
      JsseTestServer.Handshake seen = server.takeHandshake(WAIT);
      System.out.println("JSSE TLS 1.2: " + report);

      assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
      assertThat(seen.protocol()).isEqualTo("TLSv1.2");
      assertThat(report.protocol()).contains(TlsProtocol.TLSv1_2);
      assertThat(report.cipherSuite().map(CipherSuite::name)).contains(suite);
      assertThat(report.group()).as("the ECDHE curve of the ServerKeyExchange").isPresent();
      assertThat(report.dhPrimeBits()).isEmpty();
      assertThat(report.secureRenegotiation()).isTrue();
      assertThat(report.extendedMasterSecret()).isTrue();
    }
  }

  @Test
  void reportsTheApplicationProtocolTheServerSelected() throws Exception {
    try (JsseTestServer server = JsseTestServer.builder(ecSelfSigned).alpn("h2").start()) {
      TlsConnectionReport report = TlsProbes.probe(options(server).alpn("http/1.1", "h2").build());
      JsseTestServer.Handshake seen = server.takeHandshake(WAIT);

      assertThat(seen.applicationProtocol()).isEqualTo("h2");
      assertThat(report.applicationProtocol()).contains("h2");
      assertThat(report.clientHello().orElseThrow().alpn()).containsExactly("http/1.1", "h2");
    }
  }

  @Test
  void sendsTheServerNameItIsGivenAndNoneForLocalhost() throws Exception {
    try (JsseTestServer server = JsseTestServer.builder(ecSelfSigned).start()) {
      TlsConnectionReport named = TlsProbes.probe(options(server).serverName("probe.test").build());
      JsseTestServer.Handshake withName = server.takeHandshake(WAIT);
      TlsConnectionReport plain = TlsProbes.probe(
          ProbeOptions.builder("localhost", server.port()).timeout(Duration.ofSeconds(10)).build());
      JsseTestServer.Handshake withoutName = server.takeHandshake(WAIT);

      assertThat(withName.serverNames()).containsExactly("probe.test");
      assertThat(named.endpoint().serverName()).contains("probe.test");
      assertThat(named.clientHello().orElseThrow().serverName()).contains("probe.test");
      assertThat(withoutName.serverNames()).isEmpty();
      assertThat(plain.endpoint().serverName()).isEmpty();
      assertThat(plain.outcome().isEstablished()).as(plain.summary()).isTrue();
    }
  }

  @Test
  void trustsAChainThatBuildsToTheGivenTrustStore() throws Exception {
    HeldCertificate ca = Certificates.certificate().subject("CN=Probe Test CA").ca().build();
    HeldCertificate leaf = Certificates.certificate()
        .subject("CN=localhost").dns("localhost").ip("127.0.0.1").issuedBy(ca).build();
    try (JsseTestServer server = JsseTestServer.builder(leaf).presentRoot().start()) {
      TlsConnectionReport report = TlsProbes.probe(
          options(server).trustStore(Certificates.trustStore(ca.certificate())).build());

      assertThat(report.certificates()).hasSize(2);
      assertThat(report.verification().trusted()).as(report.verification().toString()).isTrue();
      assertThat(report.verification().hostname()).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void completesTheHandshakeWithAnExpiredCertificateAndSaysItExpired() throws Exception {
    HeldCertificate expired = TestCertificates.expiredLocalhost();
    try (JsseTestServer server = JsseTestServer.builder(expired).start()) {
      TlsConnectionReport report = TlsProbes.probe(
          options(server).trustStore(Certificates.trustStore(expired.certificate())).build());

      assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
      assertThat(report.verification().trusted()).isFalse();
      assertThat(report.verification().has(Verification.Kind.EXPIRED)).as(report.verification().toString())
          .isTrue();
    }
  }

  @Test
  void presentsTheClientCertificateAServerDemands() throws Exception {
    HeldCertificate client = TestCertificates.localhost("CN=probe client");
    try (JsseTestServer server = JsseTestServer.builder(ecSelfSigned).protocols("TLSv1.2")
        .needClientAuth(client.certificate()).start()) {
      TlsConnectionReport withCertificate = TlsProbes.probe(
          options(server).clientCertificate(client.keyStore("key", TestCertificates.password()),
              TestCertificates.password()).build());
      TlsConnectionReport without = TlsProbes.probe(options(server).build());
      System.out.println("client auth, no certificate: " + without.outcome());

      assertThat(withCertificate.outcome().isEstablished()).as(withCertificate.summary()).isTrue();
      assertThat(without.outcome().kind()).isEqualTo(Outcome.Kind.REJECTED_BY_PEER);
      assertThat(without.outcome().alert()).isPresent();
      assertThat(without.outcome().reason()).contains("after choosing TLSv1.2");
      assertThat(without.protocol()).contains(TlsProtocol.TLSv1_2);
    }
  }

  @Test
  void asksAgainWithEverythingWhenTheServerRefusesTheVersionsOffered() throws Exception {
    try (JsseTestServer server = JsseTestServer.builder(ecSelfSigned).protocols("TLSv1.2").start()) {
      TlsConnectionReport report = TlsProbes.probe(options(server).protocols("TLSv1.3").build());
      System.out.println("TLS 1.3 offered to a TLS 1.2 server: " + report.outcome());

      assertThat(report.outcome().kind()).isEqualTo(Outcome.Kind.REJECTED_BY_PEER);
      assertThat(report.outcome().alert()).contains(AlertDescription.byName("protocol_version").orElseThrow());
      assertThat(report.outcome().reason())
          .contains("raw follow-up ClientHello")
          .contains("server chose TLSv1.2, which the probe did not offer (offered: TLSv1.3)");
      assertThat(report.protocol()).contains(TlsProtocol.TLSv1_2);
      assertThat(report.cipherSuite()).isPresent();
      assertThat(report.group()).as("from the raw flight's ServerKeyExchange").isPresent();
      assertThat(report.clientHello().orElseThrow().supportedVersions()).containsExactly(0x0304);
      assertThat(report.certificates()).as("from the raw flight's Certificate message").hasSize(1);
    }
  }

  @Test
  void asksAgainWithEverythingWhenTheServerRefusesTheSuitesOffered() throws Exception {
    try (JsseTestServer server = JsseTestServer.builder(ecSelfSigned).protocols("TLSv1.2")
        .cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384").start()) {
      TlsConnectionReport report = TlsProbes.probe(options(server)
          .cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").build());

      assertThat(report.outcome().kind()).isEqualTo(Outcome.Kind.REJECTED_BY_PEER);
      assertThat(report.outcome().alert()).contains(AlertDescription.byName("handshake_failure").orElseThrow());
      assertThat(report.cipherSuite().map(CipherSuite::name)).contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
      assertThat(report.outcome().reason())
          .contains("server chose TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, which the probe did not offer");
    }
  }

  @Test
  void rejectsOptionsNamingAProtocolThisJvmDoesNotKnow() {
    ProbeOptions options = ProbeOptions.builder("127.0.0.1", 443).protocols("TLSv9").build();

    assertThatThrownBy(() -> TlsProbes.probe(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("protocol 'TLSv9' is not supported by this JVM");
  }
}
