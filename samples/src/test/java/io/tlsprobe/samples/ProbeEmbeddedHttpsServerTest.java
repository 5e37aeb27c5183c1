package io.tlsprobe.samples;

import static io.tlsprobe.TlsProtocol.TLSv1_2;
import static io.tlsprobe.assertj.TlsAssertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.TlsConnectionReport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user's test of their own HTTPS service: the JDK's {@code HttpsServer} on loopback with a certificate from a test
 * CA, probed with tlsprobe and held to a strong-TLS standard with its AssertJ assertions.
 */
class ProbeEmbeddedHttpsServerTest {
  private final HeldCertificate ca = Certificates.certificate().subject("CN=Sample CA").ca().build();
  private final HeldCertificate leaf =
      Certificates.certificate().subject("CN=localhost").dns("localhost").ip("127.0.0.1").issuedBy(ca).build();
  private HttpsServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    SSLContext context = Certificates.sslContext(leaf);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", exchange -> {
      byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void myHttpsServiceNegotiatesStrongTls() {
    TlsConnectionReport report = TlsProbes.probe(
        ProbeOptions.builder("127.0.0.1", server.getAddress().getPort())
            .trustStore(Certificates.trustStore(ca.certificate()))
            .timeout(Duration.ofSeconds(5))
            .build());

    assertThat(report)
        .isEstablished()
        .usesProtocolAtLeast(TLSv1_2)
        .hasNoCompression()
        .hasForwardSecrecy()
        .usesAeadCipher()
        .hasNoWeakCipher()
        .hasTrustedCertificate()
        .certificate()
        .isValidFor("127.0.0.1")
        .expiresAfter(Duration.ofDays(30))
        .hasKeyStrengthAtLeast(2048)
        .isNotSelfSigned();
  }
}
