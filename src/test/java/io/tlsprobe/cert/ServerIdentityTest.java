package io.tlsprobe.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerIdentityTest {

  @Test
  void keyManagerPresentsExactlyTheScenariosChain() {
    // given
    ServerIdentity complete = CertificateScenario.VALID.identity();
    ServerIdentity missing = CertificateScenario.MISSING_INTERMEDIATE.identity();
    // when
    X509Certificate[] completeChain = complete.keyManager().getCertificateChain("identity");
    X509Certificate[] missingChain = missing.keyManager().getCertificateChain("identity");
    // then
    assertThat(completeChain).containsExactly(
        complete.certificate().certificate(), TestAuthority.shared().intermediate().certificate());
    assertThat(missingChain).containsExactly(missing.certificate().certificate());
  }

  @Test
  void keyStoreHoldsTheKeyUnderTheAlias() throws Exception {
    // given
    ServerIdentity identity = CertificateScenario.EXPIRED.identity();
    char[] password = "secret".toCharArray();
    // when
    KeyStore store = identity.keyStore("server", password);
    // then
    assertThat(store.getType()).isEqualTo("PKCS12");
    assertThat(store.getKey("server", password)).isEqualTo(identity.certificate().keyPair().getPrivate());
    assertThat(store.getCertificateChain("server")).hasSize(2);
  }

  @Test
  void onlyTheClientCertificateScenarioRequiresOne() {
    for (CertificateScenario scenario : CertificateScenario.values()) {
      ServerIdentity identity = scenario.identity();
      assertThat(identity.needsClientCertificate())
          .as(scenario.toString())
          .isEqualTo(scenario == CertificateScenario.CLIENT_CERTIFICATE_REQUIRED);
      assertThat(identity.requiredClientIdentity().isPresent()).isEqualTo(identity.needsClientCertificate());
    }
  }

  @Test
  void clientTrustCarriesTheClientIdentityWhenTheServerRequiresOne() {
    // given
    ServerIdentity identity = CertificateScenario.CLIENT_CERTIFICATE_REQUIRED.identity();
    // when
    try (ClientTrust trust = identity.clientTrust()) {
      // then
      assertThat(trust.clientIdentity()).isEqualTo(identity.requiredClientIdentity());
      assertThat(identity.clientIssuer()).isEqualTo(TestAuthority.shared().root().certificate());
    }
  }

  @Test
  void toStringNamesScenarioHostAndChainLength() {
    assertThat(CertificateScenario.SELF_SIGNED.identity().toString())
        .isEqualTo("SELF_SIGNED for localhost: CN=localhost (self-signed) (1 certificate)");
  }

  @Test
  void rejectsAChainThatDoesNotStartWithTheLeaf() {
    ServerIdentity valid = CertificateScenario.VALID.identity();
    assertThatThrownBy(
            () -> new ServerIdentity(valid.scenario(), "localhost", valid.certificate(),
                List.of(TestAuthority.shared().intermediate().certificate()), valid.anchors(), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chain must start with the leaf");
  }
}
