package io.tlsprobe.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.cert.Certificates.KeyType;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestAuthorityTest {

  @Test
  void sharedAuthorityIsMadeOnceAndReused() {
    // when
    TestAuthority first = TestAuthority.shared();
    TestAuthority second = TestAuthority.shared(KeyType.EC_P256);
    // then
    assertThat(second).isSameAs(first);
    assertThat(first.keyType()).isEqualTo(KeyType.EC_P256);
  }

  @Test
  void intermediateIsACaWithPathLengthZeroIssuedByTheRoot() throws Exception {
    // given
    TestAuthority authority = TestAuthority.shared();
    X509Certificate root = authority.root().certificate();
    X509Certificate intermediate = authority.intermediate().certificate();
    // then
    assertThat(root.getBasicConstraints()).isEqualTo(1);
    assertThat(intermediate.getBasicConstraints()).isZero();
    assertThat(intermediate.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
    intermediate.verify(root.getPublicKey()); // throws when the root did not sign it
    assertThat(root.getPublicKey().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void serverCertificateValidatesUpToTheRootByPkix() throws Exception {
    // given
    TestAuthority authority = TestAuthority.shared();
    HeldCertificate leaf = authority.serverCertificate("localhost").build();
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(authority.root().certificate(), null)));
    parameters.setRevocationEnabled(false);
    // when / then (validate throws when the path is not valid)
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(leaf.chain()), parameters);
    assertThat(leaf.chain()).hasSize(2);
  }

  @Test
  void serverCertificateNamesTheHostAndBothLoopbackAddresses() throws Exception {
    // when
    X509Certificate leaf = TestAuthority.shared().serverCertificate("db.test").build().certificate();
    // then
    assertThat(leaf.getSubjectAlternativeNames())
        .extracting(name -> (Object) name.get(1))
        .containsExactly((Object) "db.test", "127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(leaf.getExtendedKeyUsage()).containsExactly(TestAuthority.SERVER_AUTH);
  }

  @Test
  void clientCertificateIsForClientAuthentication() throws Exception {
    // when
    X509Certificate client = TestAuthority.shared().clientCertificate("CN=alice").build().certificate();
    // then
    assertThat(client.getExtendedKeyUsage()).containsExactly(TestAuthority.CLIENT_AUTH);
    assertThat(client.getSubjectAlternativeNames()).isNull();
  }

  @Test
  void rsaAuthorityOnRequestHas2048BitKeys() {
    // when
    TestAuthority rsa = TestAuthority.shared(KeyType.RSA_2048);
    // then
    assertThat(List.of(rsa.root(), rsa.intermediate(), rsa.serverCertificate("localhost").build()))
        .allSatisfy(held -> assertThat(((RSAPublicKey) held.certificate().getPublicKey()).getModulus().bitLength())
            .isEqualTo(2048));
    assertThat(TestAuthority.shared(KeyType.RSA_2048)).isSameAs(rsa);
  }

  @Test
  void createdAuthorityIsNewAndNamedAsAsked() {
    // when
    TestAuthority created = TestAuthority.create("Acme", KeyType.EC_P256);
    // then
    assertThat(created).isNotSameAs(TestAuthority.shared());
    assertThat(created.root().certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Acme Root,O=tlsprobe");
    assertThat(created.toString()).isEqualTo("TestAuthority[CN=Acme Root,O=tlsprobe, EC_P256]");
  }

  @Test
  void sharedRefusesKeyTypesItDoesNotKeep() {
    assertThatThrownBy(() -> TestAuthority.shared(KeyType.RSA_1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RSA_1024")
        .hasMessageContaining("TestAuthority.create");
  }

  @Test
  void clientTrustTrustsOnlyTheRoot() {
    try (ClientTrust trust = TestAuthority.shared().clientTrust()) {
      assertThat(trust.anchors()).containsExactly(TestAuthority.shared().root().certificate());
    }
  }
}
