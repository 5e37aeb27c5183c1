package io.tlsprobe.clients;

import static io.tlsprobe.TlsProtocol.TLSv1_2;
import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherStrength;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.TlsCaptureServer;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OkHttp 5 (okhttp-jvm on the JDK's JSSE) through the capture server, given the server's socket factory and trust
 * manager as its documentation shows.
 *
 * <p>Findings: OkHttp's default {@code ConnectionSpec.MODERN_TLS} offers TLS 1.3 and 1.2 with 15 suites, six of them
 * WEAK (ECDHE-RSA AES-CBC-SHA, static-RSA AES-GCM and AES-CBC); it offers ALPN {@code h2, http/1.1}; on the JDK it
 * sends no SNI for {@code localhost}. It checks the host name itself, <em>after</em> the handshake, with its own
 * {@code OkHostnameVerifier} (no CN fallback): for WRONG_HOST and NO_SAN the server sees a completed handshake, then
 * close_notify without a request (the call fails with {@code SSLPeerUnverifiedException}).
 */
class OkHttpCaptureTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static OkHttpClient client(TlsCaptureServer server) {
    return new OkHttpClient.Builder()
        .sslSocketFactory(server.clientSslSocketFactory(), server.clientTrustManager())
        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static Response get(OkHttpClient client, TlsCaptureServer server) throws Exception {
    return client.newCall(new Request.Builder().url(server.url("/").toString()).build()).execute();
  }

  private static void shutdown(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Test
  void agreesOnWhatOkHttpsHandshakeSaysAndOffersOnlyTls12AndUp() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().build().start()) {
      OkHttpClient client = client(server);
      String tlsVersion;
      String cipherSuite;
      String protocol;
      try (Response response = get(client, server)) {
        tlsVersion = response.handshake().tlsVersion().javaName();
        cipherSuite = response.handshake().cipherSuite().javaName();
        protocol = response.protocol().toString();
        assertThat(response.code()).isEqualTo(200);
      } finally {
        shutdown(client);
      }
      TlsConnectionReport report = server.awaitConnection(WAIT);

      assertThat(report).wasAcceptedByClient().usesProtocolAtLeast(TLSv1_2).hasNoCompression()
          .negotiatedApplicationProtocol(protocol)
          .clientOffer().offersNoProtocolBelow(TLSv1_2).offersAlpn("h2", "http/1.1").sentNoServerName();
      assertThat(report.protocol().map(TlsProtocol::jsseName)).contains(tlsVersion);
      assertThat(report.cipherSuite().map(s -> s.name())).contains(cipherSuite);
      assertThat(report.peerSentApplicationData()).as("its request").contains(true);
      assertThat(server.connections()).hasSize(1);
    }
  }

  /** OkHttp's MODERN_TLS: six WEAK suites among 15 — CBC with SHA-1 MACs and static RSA without forward secrecy. */
  @Test
  void offersModernTlsWithCbcAndStaticRsaSuitesThatAreWeak() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().build().start()) {
      OkHttpClient client = client(server);
      try (Response response = get(client, server)) {
        assertThat(response.code()).isEqualTo(200);
      } finally {
        shutdown(client);
      }
      TlsConnectionReport report = server.awaitConnection(WAIT);
      ClientOffer offer = report.clientOffer().orElseThrow();

      assertThat(offer.versions()).containsExactly(TlsProtocol.TLSv1_3, TLSv1_2);
      assertThat(offer.cipherSuites()).hasSize(15);
      assertThat(offer.cipherSuites().stream().filter(s -> s.strength() == CipherStrength.WEAK).map(s -> s.name()))
          .containsExactly("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
              "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA",
              "TLS_RSA_WITH_AES_256_CBC_SHA");
      assertThatThrownBy(() -> assertThat(report).clientOffer().offersNoWeakCipherSuite())
          .isInstanceOf(AssertionError.class).hasMessageContaining("TLS_RSA_WITH_AES_128_CBC_SHA");
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EXPIRED", "NOT_YET_VALID", "SELF_SIGNED", "UNTRUSTED_ROOT", "MISSING_INTERMEDIATE"})
  void rejectsABadChainInTheHandshakeWithCertificateUnknown(CertificateScenario scenario) throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().identity(scenario.identity()).build().start()) {
      OkHttpClient client = client(server);
      try {
        assertThatThrownBy(() -> get(client, server).close()).isInstanceOf(SSLHandshakeException.class);
      } finally {
        shutdown(client);
      }
      TlsConnectionReport report = server.awaitConnection(WAIT);

      assertThat(report).wasRejectedByClient(AlertDescription.of(46));
      assertThat(server.connections()).as("no retry").hasSize(1);
    }
  }

  /**
   * A finding: OkHttp verifies the host name after the handshake (and, unlike the JDK, without a CN fallback for
   * NO_SAN): the capture server records a completed handshake, then the client's close_notify without a request,
   * so the report is {@code established} and the verdict is a rejection.
   */
  @ParameterizedTest
  @EnumSource(names = {"WRONG_HOST", "NO_SAN"})
  void completesTheHandshakeThenRefusesTheHostNameItselfWithoutARequest(CertificateScenario scenario)
      throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().identity(scenario.identity()).build().start()) {
      OkHttpClient client = client(server);
      try {
        assertThatThrownBy(() -> get(client, server).close()).isInstanceOf(SSLPeerUnverifiedException.class)
            .hasMessageStartingWith("Hostname localhost not verified");
      } finally {
        shutdown(client);
      }
      TlsConnectionReport report = server.awaitConnection(WAIT);

      assertThat(report).isEstablished().wasRejectedByClient();
      assertThat(report.peerSentApplicationData()).contains(false);
      assertThat(report.afterHandshake().orElseThrow().detail())
          .isEqualTo("closed the connection with close_notify, without sending any application data");
      assertThatThrownBy(() -> assertThat(report).wasAcceptedByClient()).isInstanceOf(AssertionError.class)
          .hasMessageContaining("but the client completed the handshake, then closed the connection with "
              + "close_notify, without sending any application data");
      assertThat(server.connections()).as("no retry").hasSize(1);
    }
  }

  /** A finding shared with the JDK it runs on: a 1024-bit RSA leaf and a SHA-1 signed leaf are accepted. */
  @ParameterizedTest
  @EnumSource(names = {"RSA_1024", "SHA1_SIGNATURE"})
  void acceptsAWeakKeyAndASha1Signature(CertificateScenario scenario) throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().identity(scenario.identity()).build().start()) {
      OkHttpClient client = client(server);
      try (Response response = get(client, server)) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.handshake().peerCertificates().get(0)).isEqualTo(server.identity().chain().get(0));
      } finally {
        shutdown(client);
      }
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
    }
  }
}
