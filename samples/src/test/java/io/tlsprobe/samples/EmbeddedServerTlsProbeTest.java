package io.tlsprobe.samples;

import static io.tlsprobe.TlsProtocol.TLSv1_2;
import static io.tlsprobe.assertj.TlsAssertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.junit.TlsProbe;
import io.tlsprobe.report.TlsConnectionReport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @TlsProbe} on a server the test starts itself: the port is only known at run time, so a
 * {@code @TlsProbe.Target} field carries it, read after {@code @BeforeAll} has run. One probe serves every test.
 */
@TlsProbe(timeout = "5s")
class EmbeddedServerTlsProbeTest {
  private static final HeldCertificate CA = Certificates.certificate().subject("CN=Sample CA").ca().build();
  private static HttpsServer server;

  @TlsProbe.Target static int port;

  @BeforeAll
  static void startServer() throws Exception {
    HeldCertificate leaf =
        Certificates.certificate().subject("CN=localhost").dns("localhost").ip("127.0.0.1").issuedBy(CA).build();
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(Certificates.sslContext(leaf)));
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  @Test
  void negotiatesStrongTls(TlsConnectionReport report) {
    assertThat(report)
        .isEstablished()
        .usesProtocolAtLeast(TLSv1_2)
        .hasNoCompression()
        .hasForwardSecrecy()
        .usesAeadCipher();
  }

  @Test
  void presentsACertificateForLocalhostThatIsNotSelfSigned(TlsConnectionReport report) {
    // The sample CA is not in the JDK's trust store: the verdict says so, and the certificate's own facts still hold.
    org.assertj.core.api.Assertions.assertThat(report.verification().trusted()).isFalse();
    assertThat(report)
        .certificate()
        .isValidFor("localhost")
        .expiresAfter(Duration.ofDays(30))
        .hasKeyStrengthAtLeast(2048)
        .isNotSelfSigned();
  }
}
