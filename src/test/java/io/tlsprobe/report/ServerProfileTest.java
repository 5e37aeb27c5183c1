package io.tlsprobe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.testing.TestCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerProfileTest {
  private static final Endpoint ENDPOINT = Endpoint.direct("localhost", 8443);
  private static final AcceptedCipherSuite ECDHE = new AcceptedCipherSuite(CipherSuite.of(0xc02f),
      Optional.of(NamedGroup.of(0x001d)), Optional.empty());
  private static final AcceptedCipherSuite DHE_2048 = new AcceptedCipherSuite(CipherSuite.of(0x009e),
      Optional.empty(), Optional.of(2048));
  private static final AcceptedCipherSuite DHE_1024 = new AcceptedCipherSuite(CipherSuite.of(0x0033),
      Optional.empty(), Optional.of(1024));
  private static final AcceptedCipherSuite AES_128 = AcceptedCipherSuite.of(CipherSuite.of(0x1301));

  private static ServerProfile profile(Optional<String> partial) {
    return new ServerProfile(ENDPOINT, List.of(
        new ProtocolSupport(TlsProtocol.TLSv1_3, true, List.of(AES_128), CipherOrder.UNDETERMINED,
            List.of(NamedGroup.of(0x0017), NamedGroup.of(0x001d))),
        ProtocolSupport.refused(TlsProtocol.TLSv1_1),
        new ProtocolSupport(TlsProtocol.TLSv1_2, true, List.of(DHE_2048, ECDHE), CipherOrder.SERVER,
            List.of(NamedGroup.of(0x001d), NamedGroup.of(0x0018))),
        new ProtocolSupport(TlsProtocol.TLSv1, true, List.of(DHE_1024, ECDHE), CipherOrder.CLIENT, List.of())),
        42, Duration.ofMillis(120), partial);
  }

  @Test
  void listsVersionsOldestFirstAndAnswersPerVersion() {
    ServerProfile p = profile(Optional.empty());

    assertThat(p.protocols()).extracting(ProtocolSupport::protocol)
        .containsExactly(TlsProtocol.TLSv1, TlsProtocol.TLSv1_1, TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3);
    assertThat(p.acceptedProtocols()).containsExactly(TlsProtocol.TLSv1, TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3);
    assertThat(p.accepts(TlsProtocol.TLSv1_1)).isFalse();
    assertThat(p.accepts(TlsProtocol.SSLv3)).isFalse();
    assertThat(p.cipherSuites(TlsProtocol.TLSv1_2)).extracting(CipherSuite::code).containsExactly(0x009e, 0xc02f);
    assertThat(p.enforcesServerOrder(TlsProtocol.TLSv1_2)).isTrue();
    assertThat(p.enforcesServerOrder(TlsProtocol.TLSv1)).isFalse();
  }

  @Test
  void unitesSuitesAndGroupsNewestVersionFirstWithoutRepeats() {
    ServerProfile p = profile(Optional.empty());

    assertThat(p.acceptedCipherSuites()).extracting(CipherSuite::code)
        .containsExactly(0x1301, 0x009e, 0xc02f, 0x0033);
    assertThat(p.groups()).extracting(NamedGroup::name).containsExactly("secp256r1", "x25519", "secp384r1");
  }

  @Test
  void takesTheSmallestDiffieHellmanPrimeOfAnyVersion() {
    assertThat(profile(Optional.empty()).dhPrimeBits()).contains(1024);
  }

  @Test
  void saysWhyItIsPartialInItsRenderingAndToString() {
    ServerProfile p = profile(Optional.of("TLS 1.2 cipher suites, after 2 found: connection reset"));

    assertThat(p.isComplete()).isFalse();
    assertThat(p.render()).contains("TLS 1.1: not accepted")
        .contains("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 (DHE 2048 bits)").contains("42 connections, 120 ms").endsWith("PARTIAL: TLS 1.2 cipher suites, after 2 found: connection reset");
    assertThat(p.toString()).startsWith("ServerProfile[localhost:8443 (direct): TLSv1 (2 suites), TLSv1_2 (2 suites)")
        .contains("PARTIAL");
  }

  @Test
  void rendersEachFeatureAsARowWithItsEvidenceAndTheApplicationProtocols() {
    Finding no = Finding.no("no heartbeat in the TLSv1.2 ServerHello to a hello offering it");
    ServerProfile p = profile(Optional.empty()).with(new ServerFeatures(no,
        Finding.yes("renegotiation_info in the TLSv1.2 ServerHello"), Finding.notApplicable("one version"), no, no,
        no, no, no, Finding.yes("chose h2"), List.of("h2", "http/1.1")), List.of());

    assertThat(p.render()).contains("  features:\n"
        + "    compression            no             no heartbeat in the TLSv1.2 ServerHello to a hello offering it\n"
        + "    secure_renegotiation   yes            renegotiation_info in the TLSv1.2 ServerHello\n"
        + "    fallback_scsv          not_applicable one version\n")
        .contains("    alpn                   yes            chose h2\n"
            + "    application protocols  h2, http/1.1\n");
  }

  @Test
  void rendersUnscannedFeaturesOnOneLine() {
    assertThat(profile(Optional.empty()).render()).contains("  features: unknown (not scanned)\n")
        .doesNotContain("compression");
  }

  @Test
  void rendersOneLinePerCertificateChainWithLeafKeyExpiryAndVerdict() {
    CertificateInfo ec = CertificateInfo.of(TestCertificates.localhost().certificate());
    CertificateInfo rsa = CertificateInfo.of(Certificates.certificate().subject("CN=rsa.test").dns("rsa.test")
        .key(Certificates.KeyType.RSA_2048).build().certificate());
    Verification trusted = new Verification(true, List.of(), "JDK default trust store", "localhost");
    Verification wrongHost = new Verification(false, List.of(
        new Verification.Problem(Verification.Kind.SELF_SIGNED, "CN=rsa.test is self-signed"),
        new Verification.Problem(Verification.Kind.HOSTNAME_MISMATCH, "not for localhost")),
        "JDK default trust store", "localhost");
    ServerProfile p = profile(Optional.empty()).with(ServerFeatures.unknown("not scanned"), List.of(
        new ServerCertificate("RSA", TlsProtocol.TLSv1_2, List.of(rsa), wrongHost),
        new ServerCertificate("EC", TlsProtocol.TLSv1_3, List.of(ec, ec), trusted)));

    assertThat(p.render().lines().filter(l -> l.startsWith("  certificate ")).toList()).containsExactly(
        "  certificate CN=rsa.test (RSA 2048, until " + rsa.notAfter()
            + "), chain of 1, TLS 1.2: not trusted: SELF_SIGNED, HOSTNAME_MISMATCH",
        "  certificate CN=localhost (EC 256 secp256r1, until " + ec.notAfter() + "), chain of 2, TLS 1.3: trusted");
  }

  @Test
  void copiesItsListsAndRejectsAVersionListedTwice() {
    List<ProtocolSupport> protocols = new ArrayList<>(List.of(ProtocolSupport.refused(TlsProtocol.SSLv3)));
    ServerProfile p = new ServerProfile(ENDPOINT, protocols, 1, Duration.ZERO, Optional.empty());
    protocols.clear();

    assertThat(p.protocols()).hasSize(1);
    assertThatThrownBy(() -> new ServerProfile(ENDPOINT, List.of(ProtocolSupport.refused(TlsProtocol.SSLv3),
        ProtocolSupport.refused(TlsProtocol.SSLv3)), 1, Duration.ZERO, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("protocol SSLv3 is listed twice");
  }
}
