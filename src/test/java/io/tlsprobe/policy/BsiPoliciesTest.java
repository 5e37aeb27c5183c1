package io.tlsprobe.policy;

import static io.tlsprobe.policy.Profiles.accepted;
import static io.tlsprobe.policy.Profiles.acceptedDhe;
import static io.tlsprobe.policy.Profiles.certificate;
import static io.tlsprobe.policy.Profiles.goodFeatures;
import static io.tlsprobe.policy.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.Finding;
import io.tlsprobe.report.ServerProfile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BsiPoliciesTest {
  private static final TlsPolicy BSI = TlsPolicy.BSI_TR_02102_2;

  @Test
  void namesTheDocumentVersionAndUrl() {
    assertThat(BSI.source().document()).isEqualTo("BSI TR-02102-2");
    assertThat(BSI.source().version()).isEqualTo("2025-01");
    assertThat(BSI.source().url()).startsWith("https://www.bsi.bund.de/").endsWith("BSI-TR-02102-2.html");
  }

  @Test
  void carriesTheTls13SuitesWithoutChaCha20AndTheTls12TablesWithoutStaticRsa() {
    // when
    List<String> names = BSI.allowedCipherSuites().stream().map(CipherSuite::name).toList();

    // then: 3 for TLS 1.3, 51 for TLS 1.2 (Table 1, Table 2, PSK)
    assertThat(names).hasSize(54)
        .contains("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_CCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
            "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256")
        .doesNotContain("TLS_AES_128_CCM_8_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")
        .noneMatch(n -> n.contains("CHACHA20") || n.startsWith("TLS_RSA_WITH") || n.contains("CCM_8"));
    assertThat(BSI.allowedProtocols()).containsExactlyInAnyOrder(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3);
  }

  @Test
  void allowsTheNistCurvesBrainpoolAndTheLargerFfdheGroupsButNotX25519() {
    assertThat(BSI.allowedGroups()).map(NamedGroup::name).containsExactlyInAnyOrder("secp256r1", "secp384r1",
        "secp521r1", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1", "ffdhe3072", "ffdhe4096");
    assertThat(BSI.minimumDhePrimeBits()).hasValue(3000);
  }

  @Test
  void givesEachSuiteAndGroupTheLastYearOfRecommendedUse() {
    // given the data the policy is built from
    PolicyData data = PolicyData.read("bsi-tr-02102-2.tsv");

    // then every row says until when, and the years follow the key exchange
    assertThat(data.rows()).allSatisfy(r -> assertThat(r.note()).containsPattern("until 20\\d\\d"));
    assertThat(data.rows()).filteredOn(r -> r.name().startsWith("TLS_ECDHE_ECDSA"))
        .allSatisfy(r -> assertThat(r.note()).endsWith("until 2031"));
    assertThat(data.rows()).filteredOn(r -> r.name().startsWith("TLS_DH_"))
        .allSatisfy(r -> assertThat(r.note()).contains("Table 2").endsWith("until 2026"));
  }

  @Test
  void findsNoViolationInAServerThatFollowsIt() {
    // given TLS 1.3 + TLS 1.2 ECDHE-ECDSA GCM on secp256r1/brainpoolP256r1, P-256 certificate, good features
    ServerProfile profile = profile(
        accepted(TlsProtocol.TLSv1_3, List.of("secp384r1"), "TLS_AES_256_GCM_SHA384"),
        accepted(TlsProtocol.TLSv1_2, List.of("secp256r1", "brainpoolP256r1"),
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))
        .with(goodFeatures(), List.of(certificate("EC", 256, Optional.of("secp256r1"))));

    // when / then
    assertThat(BSI.evaluate(profile)).isEmpty();
  }

  @Test
  void reportsX25519ChaCha20ASmallPrimeAndA2048BitRsaKey() {
    // given
    ServerProfile profile = profile(
        accepted(TlsProtocol.TLSv1_3, List.of("x25519"), "TLS_CHACHA20_POLY1305_SHA256"),
        acceptedDhe(TlsProtocol.TLSv1_2, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 2048))
        .with(goodFeatures(), List.of(certificate("RSA", 2048, Optional.empty())));

    // when
    List<Violation> violations = BSI.evaluate(profile);

    // then
    assertThat(violations).extracting(Violation::rule).containsExactly(
        "cipher suite", "group", "DHE prime size", "certificate key size");
    assertThat(violations).contains(
        new Violation("DHE prime size", "at least 3000 bits", "a 2048-bit DHE prime"),
        new Violation("certificate key size", "RSA keys of at least 3000 bits", "RSA 2048 bits (CN=localhost)"));
  }

  @Test
  void reportsCompressionHeartbeatAndCbcWithoutEncryptThenMac() {
    // given a TLS 1.2 server with a CBC suite, compression, heartbeat, no encrypt-then-MAC
    ServerProfile profile = profile(accepted(TlsProtocol.TLSv1_2, List.of("secp256r1"),
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"))
        .with(Profiles.features(Finding.yes("DEFLATE chosen"), Finding.yes("renegotiation_info"),
            Finding.yes("refused"), Finding.yes("extended_master_secret"), Finding.no("no encrypt_then_mac"),
            Finding.no("none"), Finding.yes("heartbeat answered")), List.of());

    // when / then
    assertThat(BSI.evaluate(profile)).containsExactly(
        new Violation("compression", "no compression", "compression accepted (DEFLATE chosen)"),
        new Violation("encrypt-then-MAC", "encrypt_then_mac (RFC 7366) supported with CBC suites",
            "no (no encrypt_then_mac)"),
        new Violation("heartbeat", "no Heartbeat extension (RFC 6520)", "yes (heartbeat answered)"));
  }
}
