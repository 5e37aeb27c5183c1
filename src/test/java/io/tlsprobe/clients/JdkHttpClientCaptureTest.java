package io.tlsprobe.clients;

import static io.tlsprobe.TlsProtocol.TLSv1_2;
import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.TlsCaptureServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDK's {@code java.net.http.HttpClient} (JDK 17) through the capture server, given the server's {@code
 * SSLContext}.
 *
 * <p>Findings: unlike {@code HttpsURLConnection} and a bare {@code SSLSocket}, {@code HttpClient} sends SNI {@code
 * localhost}; it offers ALPN {@code h2, http/1.1} and the JDK's default suites (CBC and static RSA among them). It
 * checks the host name inside the handshake (HTTPS endpoint identification), so a wrong host is refused like a bad
 * chain, and it ends every refused handshake by closing the connection without sending an alert; NO_SAN is accepted
 * (JSSE's CN fallback).
 */
class JdkHttpClientCaptureTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static HttpResponse<String> get(TlsCaptureServer server) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(server.clientSslContext())
        .connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(HttpRequest.newBuilder(server.url("/")).timeout(Duration.ofSeconds(5)).build(),
        BodyHandlers.ofString());
  }

  @Test
  void agreesOnWhatItsSslSessionSaysAndSendsSniForLocalhost() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().build().start()) {
      HttpResponse<String> response = get(server);
      SSLSession session = response.sslSession().orElseThrow();
      TlsConnectionReport report = server.awaitConnection(WAIT);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(report).wasAcceptedByClient().usesProtocolAtLeast(TLSv1_2).hasNoCompression()
          .negotiatedApplicationProtocol("http/1.1")
          .clientOffer().offersNoProtocolBelow(TLSv1_2).offersAlpn("h2", "http/1.1").sentServerName("localhost");
      assertThat(report.protocol().map(TlsProtocol::jsseName)).contains(session.getProtocol());
      assertThat(report.cipherSuite().map(s -> s.name())).contains(session.getCipherSuite());
      assertThat(report.peerSentApplicationData()).as("its request").contains(true);
      assertThatThrownBy(() -> assertThat(report).clientOffer().offersNoWeakCipherSuite())
          .isInstanceOf(AssertionError.class).hasMessageContaining("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EXPIRED", "NOT_YET_VALID", "SELF_SIGNED", "UNTRUSTED_ROOT", "MISSING_INTERMEDIATE",
      "WRONG_HOST"})
  void refusesABadChainOrWrongHostInTheHandshakeClosingWithoutAnAlert(CertificateScenario scenario)
      throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().identity(scenario.identity()).build().start()) {
      assertThatThrownBy(() -> get(server)).isInstanceOf(SSLHandshakeException.class);
      TlsConnectionReport report = server.awaitConnection(WAIT);

      assertThat(report).wasRejectedByClient();
      assertThat(report.outcome().alert()).as(report.summary()).isEmpty();
      assertThat(report.afterHandshake()).as("refused in the handshake").isEmpty();
      assertThat(server.connections()).as("no retry").hasSize(1);
    }
  }

  @Test
  void acceptsACommonNameOnlyCertificate() throws Exception {
    try (TlsCaptureServer server =
        TlsCaptureServer.builder().identity(CertificateScenario.NO_SAN.identity()).build().start()) {
      HttpResponse<String> response = get(server);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.sslSession().orElseThrow().getPeerPrincipal().getName()).isEqualTo("CN=localhost");
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
    }
  }

  /** The JDK's defaults: a 1024-bit RSA leaf and a SHA-1 signed leaf under a test root are accepted. */
  @ParameterizedTest
  @EnumSource(names = {"RSA_1024", "SHA1_SIGNATURE"})
  void acceptsAWeakKeyAndASha1Signature(CertificateScenario scenario) throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().identity(scenario.identity()).build().start()) {
      HttpResponse<String> response = get(server);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.sslSession().orElseThrow().getPeerCertificates()[0])
          .isEqualTo(server.identity().chain().get(0));
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
    }
  }
}
