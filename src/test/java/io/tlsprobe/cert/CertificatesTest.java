package io.tlsprobe.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.cert.Certificates.KeyType;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificatesTest {

  private final HeldCertificate root = Certificates.certificate().subject("CN=Root").ca().build();
  private final HeldCertificate intermediate =
      Certificates.certificate().subject("CN=Intermediate").ca(0).issuedBy(root).build();

  @Test
  void chainRunsFromTheLeafUpToButExcludingTheSelfSignedRoot() {
    // given
    HeldCertificate leaf = Certificates.certificate().issuedBy(intermediate).build();

    // then
    assertThat(leaf.chain()).containsExactly(leaf.certificate(), intermediate.certificate());
    assertThat(leaf.chainWithRoot())
        .containsExactly(leaf.certificate(), intermediate.certificate(), root.certificate());
    assertThat(root.chain()).containsExactly(root.certificate());
    assertThat(root.chainWithRoot()).containsExactly(root.certificate());
  }

  @Test
  void signsWithTheIssuersKeyUnderTheIssuersName() throws Exception {
    // given
    HeldCertificate leaf = Certificates.certificate().subject("CN=leaf").issuedBy(intermediate).build();

    // then
    assertThat(leaf.certificate().getIssuerX500Principal())
        .isEqualTo(intermediate.certificate().getSubjectX500Principal());
    leaf.certificate().verify(intermediate.keyPair().getPublic()); // throws when not
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void trustManagerAcceptsTheChainOfItsAnchorOnly(KeyType keyType) throws Exception {
    // given
    HeldCertificate leaf = Certificates.certificate().key(keyType).issuedBy(intermediate).build();
    HeldCertificate otherRoot = Certificates.certificate().subject("CN=Other").ca().build();
    X509Certificate[] chain = leaf.chain().toArray(new X509Certificate[0]);

    // when
    X509TrustManager trusting = Certificates.trustManager(root.certificate());
    X509TrustManager other = Certificates.trustManager(otherRoot.certificate());

    // then
    trusting.checkServerTrusted(chain, "UNKNOWN");
    assertThat(trusting.getAcceptedIssuers()).containsExactly(root.certificate());
    assertThatThrownBy(() -> other.checkServerTrusted(chain, "UNKNOWN")).isInstanceOf(CertificateException.class);
  }

  @Test
  void trustStoreHoldsEachAnchorAsATrustedEntry() throws Exception {
    KeyStore store = Certificates.trustStore(root.certificate(), intermediate.certificate());

    assertThat(Collections.list(store.aliases())).containsExactlyInAnyOrder("anchor-0", "anchor-1");
    assertThat(store.isCertificateEntry("anchor-0")).isTrue();
    assertThat(store.getCertificate("anchor-1")).isEqualTo(intermediate.certificate());
  }

  @Test
  void sslContextsCompleteAHandshakeOverLoopbackPresentingTheChain() throws Exception {
    // given
    HeldCertificate leaf = Certificates.certificate().dns("localhost").issuedBy(intermediate).build();
    SSLContext server = Certificates.sslContext(leaf);
    SSLContext client = Certificates.sslContext(null, root.certificate());

    try (SSLServerSocket listener =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> served =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept();
                    InputStream in = accepted.getInputStream();
                    OutputStream out = accepted.getOutputStream()) {
                  int read = in.read();
                  out.write(read + 1);
                  out.flush();
                  return read;
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });

      // when
      List<Certificate> peerChain;
      int answer;
      try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 5_000);
        socket.setSoTimeout(5_000);
        socket.startHandshake();
        peerChain = List.of(socket.getSession().getPeerCertificates());
        socket.getOutputStream().write(41);
        socket.getOutputStream().flush();
        answer = socket.getInputStream().read();
      }

      // then
      assertThat(peerChain).containsExactly(leaf.certificate(), intermediate.certificate());
      assertThat(answer).isEqualTo(42);
      assertThat(served.get(5, TimeUnit.SECONDS)).isEqualTo(41);
    }
  }

  @Test
  void writesPemFilesThatOpensslReadsAsOneKeyPair(@TempDir Path dir) {
    // given
    Path openssl = Interop.requireCommand("openssl");
    HeldCertificate leaf = Certificates.certificate().key(KeyType.RSA_2048).build();
    Path certificate = leaf.writeCertificatePem(dir.resolve("cert.pem"));
    Path key = leaf.writePrivateKeyPem(dir.resolve("key.pem"));

    // when
    ProcessResult fromCertificate =
        Interop.run(
            Duration.ofSeconds(30), openssl.toString(), "x509", "-in", certificate.toString(), "-noout", "-pubkey");
    ProcessResult fromKey =
        Interop.run(Duration.ofSeconds(30), openssl.toString(), "pkey", "-in", key.toString(), "-pubout");

    // then
    assertThat(fromCertificate.succeeded()).as(fromCertificate.toString()).isTrue();
    assertThat(fromKey.succeeded()).as(fromKey.toString()).isTrue();
    assertThat(fromCertificate.stdout()).startsWith("-----BEGIN PUBLIC KEY-----").isEqualTo(fromKey.stdout());
  }

  @Test
  void refusesNonPositiveSerialNumbersAndPathLengths() {
    assertThatThrownBy(() -> Certificates.certificate().serialNumber(java.math.BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serialNumber");
    assertThatThrownBy(() -> Certificates.certificate().ca(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pathLength");
  }
}
