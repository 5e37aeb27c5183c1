package io.tlsprobe.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTrustTest {

  private final TestAuthority authority = TestAuthority.shared();
  private final X509Certificate root = authority.root().certificate();

  @TempDir Path dir;

  @Test
  void trustManagerAcceptsTheAuthoritysChainAndRefusesAnother() throws Exception {
    // given
    X509Certificate[] good = CertificateScenario.VALID.identity().chain().toArray(new X509Certificate[0]);
    X509Certificate[] foreign = CertificateScenario.UNTRUSTED_ROOT.identity().chain().toArray(new X509Certificate[0]);
    try (ClientTrust trust = ClientTrust.of(root)) {
      // when / then
      trust.trustManager().checkServerTrusted(good, "ECDHE_ECDSA");
      assertThatThrownBy(() -> trust.trustManager().checkServerTrusted(foreign, "ECDHE_ECDSA"))
          .isInstanceOf(CertificateException.class);
      assertThat(trust.trustManager().getAcceptedIssuers()).containsExactly(root);
    }
  }

  @Test
  void temporaryPemFileHoldsTheAnchorsAndIsDeletedOnClose() throws Exception {
    // given
    Path pem;
    try (ClientTrust trust = ClientTrust.of(root)) {
      // when
      pem = trust.pemFile();
      // then
      assertThat(trust.pemFile()).isEqualTo(pem);
      try (InputStream in = Files.newInputStream(pem)) {
        List<java.security.cert.Certificate> read = List.copyOf(
            CertificateFactory.getInstance("X.509").generateCertificates(in));
        assertThat(read).containsExactly((java.security.cert.Certificate) root);
      }
    }
    assertThat(pem).doesNotExist();
  }

  @Test
  void temporaryPkcs12TrustStoreLoadsWithItsPasswordAndIsDeletedOnClose() throws Exception {
    // given
    Path p12;
    try (ClientTrust trust = ClientTrust.of(root)) {
      // when
      p12 = trust.pkcs12File();
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) {
        store.load(in, trust.trustStorePassword());
      }
      // then
      assertThat(store.isCertificateEntry("anchor-0")).isTrue();
      assertThat(store.getCertificate("anchor-0")).isEqualTo(root);
    }
    assertThat(p12).doesNotExist();
  }

  @Test
  void opensslReadsTheAnchorOutOfThePkcs12TrustStore() {
    // given
    Interop.requireCommand("openssl");
    try (ClientTrust trust = ClientTrust.of(root)) {
      // when
      ProcessResult result =
          Interop.run(
              Duration.ofSeconds(15), "openssl", "pkcs12", "-in", trust.pkcs12File().toString(), "-nokeys",
              "-passin", "pass:" + new String(trust.trustStorePassword()));
      // then
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).contains(authority.root().certificatePem().strip());
    }
  }

  @Test
  void filesWrittenToTheCallersPathSurviveClose() {
    // given
    Path pem = dir.resolve("ca.pem");
    Path p12 = dir.resolve("trust.p12");
    // when
    try (ClientTrust trust = ClientTrust.of(root)) {
      trust.writePem(pem);
      trust.writePkcs12(p12);
    }
    // then
    assertThat(pem).content().startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
    assertThat(p12).isNotEmptyFile();
  }

  @Test
  void closedTrustRefusesNewTemporaryFilesButKeepsItsContext() {
    // given
    ClientTrust trust = ClientTrust.of(root);
    // when
    trust.close();
    // then
    assertThatThrownBy(trust::pemFile).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThat(trust.socketFactory()).isNotNull();
    assertThat(trust.toString()).endsWith(", closed]");
  }

  @Test
  void buildingOneLeavesTheJvmDefaultContextAlone() throws Exception {
    // given
    SSLContext before = SSLContext.getDefault();
    // when
    try (ClientTrust trust = ClientTrust.of(root)) {
      trust.pkcs12File();
      trust.sslContext();
    }
    // then
    assertThat(SSLContext.getDefault()).isSameAs(before);
  }

  @Test
  void clientIdentityIsPresentOnlyWhenGiven() {
    HeldCertificate client = authority.clientCertificate("CN=alice").build();
    try (ClientTrust plain = ClientTrust.of(root);
        ClientTrust mutual = ClientTrust.of(List.of(root), client)) {
      assertThat(plain.clientIdentity()).isEmpty();
      assertThat(mutual.clientIdentity()).contains(client);
      assertThat(mutual.toString()).contains("clientIdentity=CN=alice issued by");
    }
  }

  @Test
  void rejectsNoAnchors() {
    assertThatThrownBy(ClientTrust::of)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one anchor");
  }
}
