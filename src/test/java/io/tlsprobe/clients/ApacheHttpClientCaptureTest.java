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
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Apache HttpClient 5.6 (classic) through the capture server, its {@code SSLContext} given through the 5.4+ {@code
 * TlsSocketStrategy} ({@code ClientTlsStrategyBuilder…buildClassic()}).
 *
 * <p>Findings: the classic client offers no ALPN and, on the JDK, no SNI for {@code localhost}; its offer is the JDK's
 * default (TLS 1.3 and 1.2, 36 suites and the renegotiation SCSV, CBC and static-RSA ones among them). With the
 * default {@code HostnameVerificationPolicy.BOTH} it turns on JSSE's HTTPS endpoint identification, so a wrong host
 * fails inside the handshake with {@code certificate_unknown}, like a bad chain; NO_SAN is accepted (the CN fallback of
 * RFC 2818, in JSSE and in HttpClient's own {@code DefaultHostnameVerifier}). The policy {@code CLIENT} without a
 * verifier checks no host name at all.
 */
class ApacheHttpClientCaptureTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** GETs {@code /} and returns the TLS session the request went over. */
  private static SSLSession get(TlsCaptureServer server, HostnameVerificationPolicy policy) throws Exception {
    return get(server, ClientTlsStrategyBuilder.create().setSslContext(server.clientSslContext())
        .setHostVerificationPolicy(policy));
  }

  private static SSLSession get(TlsCaptureServer server, ClientTlsStrategyBuilder tls) throws Exception {
    var connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setTlsSocketStrategy(tls.buildClassic())
        .build();
    try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(connections).build()) {
      HttpClientContext context = HttpClientContext.create();
      return client.execute(new HttpGet(server.url("/")), context, response -> {
        EntityUtils.consume(response.getEntity());
        if (response.getCode() != 200) {
          throw new IllegalStateException("status " + response.getCode());
        }
        return context.getSSLSession();
      });
    }
  }

  @Test
  void agreesOnWhatItsSslSessionSaysAndOffersOnlyTls12AndUp() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().build().start()) {
      SSLSession session = get(server, HostnameVerificationPolicy.BOTH);
      TlsConnectionReport report = server.awaitConnection(WAIT);

      assertThat(report).wasAcceptedByClient().usesProtocolAtLeast(TLSv1_2).hasNoCompression()
          .clientOffer().offersNoProtocolBelow(TLSv1_2).sentNoServerName();
      assertThat(report.protocol().map(TlsProtocol::jsseName)).contains(session.getProtocol());
      assertThat(report.cipherSuite().map(s -> s.name())).contains(session.getCipherSuite());
      assertThat(report.applicationProtocol()).as("no ALPN offered, none agreed").isEmpty();
      assertThat(report.peerSentApplicationData()).as("its request").contains(true);
      assertThat(server.connections()).hasSize(1);
    }
  }

  @Test
  void offersTheJdkDefaultSuitesWithoutAlpn() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().build().start()) {
      get(server, HostnameVerificationPolicy.BOTH);
      ClientOffer offer = server.awaitConnection(WAIT).clientOffer().orElseThrow();

      assertThat(offer.versions()).containsExactly(TlsProtocol.TLSv1_3, TLSv1_2);
      assertThat(offer.alpn()).isEmpty();
      assertThat(offer.cipherSuites()).hasSize(37)
          .extracting(s -> s.name()).contains("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_RSA_WITH_AES_128_CBC_SHA");
      assertThat(offer.cipherSuites()).filteredOn(s -> s.strength() == CipherStrength.WEAK).hasSizeGreaterThan(10);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EXPIRED", "NOT_YET_VALID", "SELF_SIGNED", "UNTRUSTED_ROOT", "MISSING_INTERMEDIATE",
      "WRONG_HOST"})
  void rejectsABadChainOrWrongHostInTheHandshakeWithCertificateUnknown(CertificateScenario scenario)
      throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().identity(scenario.identity()).build().start()) {
      assertThatThrownBy(() -> get(server, HostnameVerificationPolicy.BOTH))
          .isInstanceOf(SSLHandshakeException.class);
      TlsConnectionReport report = server.awaitConnection(WAIT);

      assertThat(report).wasRejectedByClient(AlertDescription.of(46));
      assertThat(server.connections()).as("no retry").hasSize(1);
    }
  }

  /**
   * NO_SAN: accepted by JSSE's endpoint identification (the default policy) and by HttpClient's own {@code
   * DefaultHostnameVerifier} alone: both fall back to the subject CN.
   */
  @Test
  void acceptsACommonNameOnlyCertificateInJsseAndInItsOwnVerifier() throws Exception {
    try (TlsCaptureServer server =
        TlsCaptureServer.builder().identity(CertificateScenario.NO_SAN.identity()).build().start()) {
      SSLSession byDefault = get(server, HostnameVerificationPolicy.BOTH);
      SSLSession byItsOwnVerifier = get(server, ClientTlsStrategyBuilder.create()
          .setSslContext(server.clientSslContext()).setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
          .setHostnameVerifier(new DefaultHostnameVerifier()));

      assertThat(byDefault.getPeerPrincipal().getName()).isEqualTo("CN=localhost");
      assertThat(byItsOwnVerifier.getPeerPrincipal().getName()).isEqualTo("CN=localhost");
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
    }
  }

  /**
   * With the policy CLIENT and its {@code DefaultHostnameVerifier}, a wrong host passes the handshake and HttpClient
   * refuses it afterwards, as OkHttp does: the server sees a completed handshake, then no request.
   */
  @Test
  void checksTheHostAfterTheHandshakeWhenThePolicyIsClient() throws Exception {
    try (TlsCaptureServer server =
        TlsCaptureServer.builder().identity(CertificateScenario.WRONG_HOST.identity()).build().start()) {
      ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create().setSslContext(server.clientSslContext())
          .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
          .setHostnameVerifier(new DefaultHostnameVerifier());

      assertThatThrownBy(() -> get(server, tls)).isInstanceOf(SSLPeerUnverifiedException.class);
      TlsConnectionReport report = server.awaitConnection(WAIT);

      assertThat(report).isEstablished().wasRejectedByClient();
      assertThat(report.peerSentApplicationData()).as(report.summary()).contains(false);
    }
  }

  /**
   * A weakness of the API, found here: {@code setHostVerificationPolicy(CLIENT)} without {@code
   * setHostnameVerifier(…)} checks no host name at all (the builder keeps a null verifier and JSSE's check is off), so
   * a certificate for {@code wrong.host.invalid} is accepted for {@code localhost} and the request is sent.
   */
  @Test
  void checksNoHostNameWhenThePolicyIsClientWithoutAVerifier() throws Exception {
    try (TlsCaptureServer server =
        TlsCaptureServer.builder().identity(CertificateScenario.WRONG_HOST.identity()).build().start()) {
      SSLSession session = get(server, HostnameVerificationPolicy.CLIENT);

      assertThat(session.getPeerPrincipal().getName()).isEqualTo("CN=" + CertificateScenario.WRONG_HOST_NAME);
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).wasAcceptedByClient();
      assertThat(report.peerSentApplicationData()).as("its request").contains(true);
    }
  }

  /** A finding shared with the JDK it runs on: a 1024-bit RSA leaf and a SHA-1 signed leaf are accepted. */
  @ParameterizedTest
  @EnumSource(value = CertificateScenario.class, names = {"RSA_1024", "SHA1_SIGNATURE"})
  void acceptsAWeakKeyAndASha1Signature(CertificateScenario scenario) throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().identity(scenario.identity()).build().start()) {
      SSLSession session = get(server, HostnameVerificationPolicy.BOTH);

      assertThat(session.getPeerCertificates()[0]).isEqualTo(server.identity().chain().get(0));
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
    }
  }
}
