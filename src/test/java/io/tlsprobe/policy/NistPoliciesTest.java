package io.tlsprobe.policy;

import static io.tlsprobe.policy.Profiles.accepted;
import static io.tlsprobe.policy.Profiles.acceptedDhe;
import static io.tlsprobe.policy.Profiles.certificate;
import static io.tlsprobe.policy.Profiles.goodFeatures;
import static io.tlsprobe.policy.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.Finding;
import io.tlsprobe.report.ServerProfile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NistPoliciesTest {
  private static final TlsPolicy NIST = TlsPolicy.NIST_SP_800_52R2;

  /** TLS 1.3 with AES-GCM and TLS 1.2 with ECDHE-ECDSA AES-GCM, P-256, an ECDSA P-256 certificate, good features. */
  private static ServerProfile compliant() {
    return profile(
        accepted(TlsProtocol.TLSv1_3, List.of("secp256r1", "secp384r1"), "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384"),
        accepted(TlsProtocol.TLSv1_2, List.of("secp256r1"), "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))
        .with(goodFeatures(), List.of(certificate("EC", 256, Optional.of("secp256r1"))));
  }

  @Test
  void namesTheDocumentVersionAndUrl() {
    assertThat(NIST.name()).isEqualTo("NIST SP 800-52r2");
    assertThat(NIST.source()).isEqualTo(
        new PolicySource("NIST SP 800-52 Rev. 2", "August 2019", "https://doi.org/10.6028/NIST.SP.800-52r2"));
  }

  @Test
  void allowsTls12And13AndRequires13() {
    assertThat(NIST.allowedProtocols()).containsExactlyInAnyOrder(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3);
    assertThat(NIST.requiredProtocols()).containsExactly(TlsProtocol.TLSv1_3);
  }

  @Test
  void carriesTheSixtySuitesOfSection331WithoutChaCha20OrStaticRsa() {
    // when
    List<String> names = NIST.allowedCipherSuites().stream().map(CipherSuite::name).toList();

    // then: 56 for TLS 1.2 and earlier over seven certificate types, 4 for TLS 1.3
    assertThat(names).hasSize(60)
        .contains("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_CCM_SHA256",
            "TLS_AES_128_CCM_8_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_DH_DSS_WITH_AES_128_GCM_SHA256", "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA")
        .noneMatch(n -> n.contains("CHACHA20"))
        .noneMatch(n -> n.startsWith("TLS_RSA_"))
        .noneMatch(n -> n.contains("3DES") || n.contains("RC4") || n.contains("NULL"));
  }

  @Test
  void findsNoViolationInACompliantServer() {
    assertThat(NIST.evaluate(compliant())).isEmpty();
    assertThat(NIST.unchecked(compliant())).isEmpty();
  }

  @Test
  void reportsTls10ChaCha20AndAMissingTls13() {
    // given a TLS 1.0 + 1.2 server that also accepts ChaCha20
    ServerProfile profile = profile(
        accepted(TlsProtocol.TLSv1_2, List.of("secp256r1"), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
        accepted(TlsProtocol.TLSv1, List.of("secp256r1"), "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));

    // when
    List<Violation> violations = NIST.evaluate(profile);

    // then
    assertThat(violations).contains(
        new Violation("protocol", "TLS 1.2, TLS 1.3", "TLS 1.0 accepted"),
        new Violation("required protocol", "TLS 1.3 accepted", "TLS 1.3 not accepted"));
    assertThat(violations).extracting(Violation::found)
        .contains("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 accepted over TLS 1.2")
        .doesNotContain("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA accepted over TLS 1.0");
  }

  @Test
  void requiresP256OrP384WhenEllipticCurvesAreUsed() {
    // given a TLS 1.3 server with x25519 and secp521r1 only
    ServerProfile profile = profile(accepted(TlsProtocol.TLSv1_3, List.of("x25519", "secp521r1"),
        "TLS_AES_128_GCM_SHA256"));

    // when / then
    assertThat(NIST.evaluate(profile)).containsExactly(new Violation("required group",
        "at least one of secp256r1, secp384r1 accepted", "only x25519, secp521r1 accepted"));
  }

  @Test
  void leavesTheGroupRuleUncheckedWhenTheScanFoundNoGroup() {
    // given a TLS 1.3 row without groups, as a scan cut short before the group questions leaves it
    ServerProfile profile = profile(accepted(TlsProtocol.TLSv1_3, List.of(), "TLS_AES_128_GCM_SHA256"));

    // when / then: not a violation, but said
    assertThat(NIST.evaluate(profile)).isEmpty();
    assertThat(NIST.unchecked(profile)).contains("required group: the scan found no group");
  }

  @Test
  void reportsMissingMandatoryExtensionsOnlyOnDefiniteFindings() {
    // given a TLS 1.2 server without renegotiation_info and EMS, with a CBC suite but no encrypt-then-MAC
    ServerProfile base = profile(
        accepted(TlsProtocol.TLSv1_3, List.of("secp256r1"), "TLS_AES_128_GCM_SHA256"),
        accepted(TlsProtocol.TLSv1_2, List.of("secp256r1"), "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"));
    ServerProfile bad = base.with(Profiles.features(Finding.no("null only"), Finding.no("no renegotiation_info"),
        Finding.yes("refused"), Finding.no("no extended_master_secret"), Finding.no("no encrypt_then_mac"),
        Finding.unknown("no OCSP responder reachable"), Finding.no("none")), List.of());

    // when
    List<Violation> violations = NIST.evaluate(bad);

    // then: three definite NO findings are violations; the unknown stapling finding is not, and is named
    assertThat(violations).containsExactly(
        new Violation("secure renegotiation", "renegotiation_info (RFC 5746) supported",
            "no (no renegotiation_info)"),
        new Violation("extended master secret", "extended_master_secret (RFC 7627) supported",
            "no (no extended_master_secret)"),
        new Violation("encrypt-then-MAC", "encrypt_then_mac (RFC 7366) supported with CBC suites",
            "no (no encrypt_then_mac)"));
    assertThat(NIST.unchecked(bad)).containsExactly(
        "certificate status request: unknown (no OCSP responder reachable)",
        "certificate: no certificate in the profile");
    // and a scan that did not look at features breaks none of these rules
    assertThat(NIST.evaluate(base)).isEmpty();
    assertThat(NIST.unchecked(base)).contains("secure renegotiation: unknown (not scanned)");
  }

  @Test
  void reportsSmallRsaKeysAndCurvesOtherThanP256AndP384() {
    // given the compliant server with a 1024-bit RSA and a P-521 ECDSA certificate
    ServerProfile profile = compliant().with(goodFeatures(), List.of(
        certificate("RSA", 1024, Optional.empty()), certificate("EC", 521, Optional.of("secp521r1"))));

    // when / then
    assertThat(NIST.evaluate(profile)).containsExactly(
        new Violation("certificate key size", "RSA keys of at least 2048 bits", "RSA 1024 bits (CN=localhost)"),
        new Violation("certificate curve", "one of secp256r1, secp384r1", "secp521r1 (CN=localhost)"));
  }

  @Test
  void reportsDhePrimesBelow2048Bits() {
    ServerProfile profile = profile(
        accepted(TlsProtocol.TLSv1_3, List.of("secp256r1"), "TLS_AES_128_GCM_SHA256"),
        acceptedDhe(TlsProtocol.TLSv1_2, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 1024));

    assertThat(NIST.evaluate(profile))
        .containsExactly(new Violation("DHE prime size", "at least 2048 bits", "a 1024-bit DHE prime"));
  }
}
