package io.tlsprobe.policy;

import static io.tlsprobe.policy.Profiles.accepted;
import static io.tlsprobe.policy.Profiles.acceptedDhe;
import static io.tlsprobe.policy.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsPolicyTest {
  private static final TlsPolicy TEAM = TlsPolicy.builder("payments")
      .allowedProtocols(TlsProtocol.TLSv1_3)
      .allowedCipherSuites("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384")
      .allowedGroups("x25519")
      .minimumDhePrimeBits(3072)
      .build();

  @Test
  void listsEveryViolationNotOnlyTheFirst() {
    // given a server breaking the version, suite, group and DHE rules at once
    ServerProfile profile = profile(
        accepted(TlsProtocol.TLSv1_3, List.of("x25519", "secp384r1"), "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256"),
        acceptedDhe(TlsProtocol.TLSv1_2, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 2048));

    // when
    List<Violation> violations = TEAM.evaluate(profile);

    // then
    assertThat(violations).containsExactlyInAnyOrder(
        new Violation("protocol", "TLS 1.3", "TLS 1.2 accepted"),
        new Violation("cipher suite", "one of TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256 accepted over TLS 1.3"),
        new Violation("cipher suite", "one of TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 accepted over TLS 1.2"),
        new Violation("group", "one of x25519", "secp384r1 accepted"),
        new Violation("DHE prime size", "at least 3072 bits", "a 2048-bit DHE prime"));
  }

  @Test
  void checksOnlyWhatAConnectionNegotiated() {
    // given a TLS 1.2 connection with a CBC suite, secp256r1 and DEFLATE compression
    TlsConnectionReport report = TlsConnectionReport.builder(Endpoint.direct("localhost", 8443), Outcome.established())
        .protocol(TlsProtocol.TLSv1_2)
        .cipherSuite(CipherSuite.byName("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA").orElseThrow())
        .group(NamedGroup.byName("secp256r1").orElseThrow())
        .compression(CompressionMethod.of(1))
        .build();

    // when
    List<Violation> violations = TEAM.evaluate(report);

    // then each negotiated parameter outside the policy is one violation
    assertThat(violations).extracting(Violation::rule)
        .containsExactly("protocol", "cipher suite", "group", "compression");
    assertThat(violations).extracting(Violation::found).containsExactly("TLS 1.2 negotiated",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA negotiated", "secp256r1 negotiated",
        CompressionMethod.of(1).name() + " compression negotiated");
  }

  @Test
  void findsNoViolationInACompliantConnection() {
    // given a TLS 1.3 connection with an allowed suite, x25519 and null compression
    TlsConnectionReport report = TlsConnectionReport.builder(Endpoint.direct("localhost", 8443), Outcome.established())
        .protocol(TlsProtocol.TLSv1_3)
        .cipherSuite(CipherSuite.byName("TLS_AES_256_GCM_SHA384").orElseThrow())
        .group(NamedGroup.byName("x25519").orElseThrow())
        .compression(CompressionMethod.of(0))
        .build();

    // when / then
    assertThat(TEAM.evaluate(report)).isEmpty();
    assertThat(TlsPolicy.MOZILLA_MODERN.evaluate(report)).isEmpty();
  }

  @Test
  void allowsCompressionOnlyWhenTheBuilderSaysSo() {
    // given a connection that negotiated DEFLATE
    TlsConnectionReport report = TlsConnectionReport.builder(Endpoint.direct("localhost", 8443), Outcome.established())
        .compression(CompressionMethod.of(1)).build();

    // when / then: the default forbids it
    assertThat(TlsPolicy.builder("default").build().evaluate(report)).extracting(Violation::rule)
        .containsExactly("compression");
    assertThat(TlsPolicy.builder("lax").compressionForbidden(false).build().evaluate(report)).isEmpty();
  }

  @Test
  void leavesUnsetRulesUnchecked() {
    // given a policy with only a protocol rule
    TlsPolicy onlyVersions = TlsPolicy.builder("versions").allowedProtocols(TlsProtocol.TLSv1_2).build();
    ServerProfile profile = profile(
        accepted(TlsProtocol.TLSv1_2, List.of("ffdhe2048"), "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));

    // when / then: 3DES and ffdhe2048 pass, since suites and groups are not checked
    assertThat(onlyVersions.evaluate(profile)).isEmpty();
    assertThat(onlyVersions.allowedCipherSuites()).isEmpty();
    assertThat(onlyVersions.minimumDhePrimeBits()).isEmpty();
  }

  @Test
  void resolvesOpensslNamesToTheSameSuitesAsIanaNames() {
    // given the same suite named both ways
    TlsPolicy iana = TlsPolicy.builder("a").allowedCipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").build();
    TlsPolicy openssl = TlsPolicy.builder("b").allowedCipherSuites("ECDHE-RSA-AES128-GCM-SHA256").build();

    // then
    assertThat(openssl.allowedCipherSuites()).isEqualTo(iana.allowedCipherSuites())
        .extracting(CipherSuite::code).containsExactly(0xc02f);
  }

  @Test
  void rejectsUnknownSuiteAndGroupNamesByName() {
    assertThatThrownBy(() -> TlsPolicy.builder("x").allowedCipherSuites("TLS_NOT_A_SUITE"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown cipher suite: TLS_NOT_A_SUITE");
    assertThatThrownBy(() -> TlsPolicy.builder("x").allowedGroups("curve9999"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown group: curve9999");
    assertThatThrownBy(() -> TlsPolicy.builder("x").minimumDhePrimeBits(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> TlsPolicy.builder(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesItsSource() {
    // given a custom policy with a source, and a built-in
    TlsPolicy custom = TlsPolicy.builder("ours")
        .source(new PolicySource("ACME TLS standard", "2", "https://acme.test/tls")).build();

    // then
    assertThat(custom.name()).isEqualTo("ours");
    assertThat(custom.source()).hasToString("ACME TLS standard 2 (https://acme.test/tls)");
    assertThat(TlsPolicy.MOZILLA_INTERMEDIATE.name()).isEqualTo("Mozilla intermediate 6.0");
    assertThat(TlsPolicy.MOZILLA_INTERMEDIATE.source().document()).isEqualTo("Mozilla Server Side TLS");
  }

  @Test
  void rendersAViolationWithRuleExpectedAndFound() {
    assertThat(new Violation("protocol", "TLS 1.3", "TLS 1.0 accepted"))
        .hasToString("protocol: expected TLS 1.3 but found TLS 1.0 accepted");
  }

  @Test
  void requiresAClientToOfferTheRequiredVersions() {
    // given a policy requiring TLS 1.3 and openssl s_client -tls1's hello, which offers TLS 1.0 only
    TlsPolicy needs13 = TlsPolicy.builder("needs 1.3").requiredProtocols(TlsProtocol.TLSv1_3).build();

    // when / then
    assertThat(needs13.evaluate(Profiles.offer("openssl_legacy_tls1")))
        .containsExactly(new Violation("required protocol", "TLS 1.3 offered", "TLS 1.3 not offered"));
    assertThat(needs13.evaluate(Profiles.offer("curl_tls13_only"))).isEmpty();
  }

  @Test
  void checksTheLeafCertificateOfAConnection() {
    // given a connection whose server presented a 1024-bit RSA certificate
    TlsPolicy keys = TlsPolicy.builder("keys").minimumCertificateKeyBits("rsa", 2048).build();
    TlsConnectionReport report = TlsConnectionReport.builder(Endpoint.direct("localhost", 8443), Outcome.established())
        .certificates(Profiles.certificate("RSA", 1024, java.util.Optional.empty()).chain())
        .build();

    // when / then
    assertThat(keys.evaluate(report)).containsExactly(new Violation("certificate key size",
        "RSA keys of at least 2048 bits", "RSA 1024 bits (CN=localhost)"));
  }

  @Test
  void rejectsABadMinimumKeySizeAndAnUnknownRequiredGroup() {
    assertThatThrownBy(() -> TlsPolicy.builder("x").minimumCertificateKeyBits("RSA", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("minimum key bits must be positive: 0");
    assertThatThrownBy(() -> TlsPolicy.builder("x").requiredGroupAmong("curve9999"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown group: curve9999");
  }
}
