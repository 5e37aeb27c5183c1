package io.tlsprobe.samples;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.junit.ProbeServer;
import io.tlsprobe.junit.TlsProbe;
import io.tlsprobe.junit.TlsProbeServer;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.Test;

/**
 * Apache HttpClient 5 (classic) against bad certificates, its {@code SSLContext} given through the {@code
 * TlsSocketStrategy} API.
 *
 * <p>The finding: with the default host-name policy, HttpClient refuses an expired certificate and a wrong host
 * inside the handshake, sending {@code certificate_unknown} (46), before any request. But {@code
 * setHostVerificationPolicy(CLIENT)} without {@code setHostnameVerifier(…)} checks no host name at all: a certificate
 * for {@code wrong.host.invalid} is accepted for {@code localhost} and the request is sent.
 */
@TlsProbe(server = @ProbeServer(scenario = CertificateScenario.EXPIRED))
class ApacheHttpClientRejectsExpiredCertificateTest {

  @Test
  void rejectsAnExpiredCertificateInTheHandshake(TlsProbeServer server) {
    ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create().setSslContext(server.clientSslContext());

    assertThatThrownBy(() -> get(tls, server)).isInstanceOf(SSLHandshakeException.class);

    assertThat(server.awaitConnection()).wasRejectedByClient(AlertDescription.of(46));
  }

  @Test
  @TlsProbe(server = @ProbeServer(scenario = CertificateScenario.WRONG_HOST))
  void rejectsAWrongHostInTheHandshake(TlsProbeServer server) {
    ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create().setSslContext(server.clientSslContext());

    assertThatThrownBy(() -> get(tls, server)).isInstanceOf(SSLHandshakeException.class);

    assertThat(server.awaitConnection()).wasRejectedByClient(AlertDescription.of(46));
  }

  /** The weakness: the policy CLIENT needs its verifier; without one, any host name passes. */
  @Test
  @TlsProbe(server = @ProbeServer(scenario = CertificateScenario.WRONG_HOST))
  void acceptsAWrongHostWhenThePolicyIsClientWithoutAVerifier(TlsProbeServer server) throws Exception {
    ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create().setSslContext(server.clientSslContext())
        .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT);

    assertThat(get(tls, server)).isEqualTo(200);

    assertThat(server.awaitConnection()).wasAcceptedByClient();
  }

  private static int get(ClientTlsStrategyBuilder tls, TlsProbeServer server) throws Exception {
    var connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setTlsSocketStrategy(tls.buildClassic()).build();
    try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(connections).build()) {
      return client.execute(new HttpGet(server.url("/")), response -> {
        EntityUtils.consume(response.getEntity());
        return response.getCode();
      });
    }
  }
}
