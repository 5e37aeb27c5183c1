package io.tlsprobe.samples;

import static io.tlsprobe.TlsProtocol.TLSv1_2;
import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherStrength;
import io.tlsprobe.junit.ProbeServer;
import io.tlsprobe.junit.TlsProbe;
import io.tlsprobe.junit.TlsProbeServer;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import java.io.IOException;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * What OkHttp 5 offers and agrees, seen by a capture server: the example of the tlsprobe issue, as it holds true.
 *
 * <p>The finding: OkHttp's default {@code ConnectionSpec.MODERN_TLS} offers six WEAK suites among its 15 (ECDHE-RSA
 * with AES-CBC and SHA-1, and static RSA without forward secrecy), so {@code offersNoWeakCipherSuite()} fails for the
 * default client; {@code ConnectionSpec.RESTRICTED_TLS} passes. And on the JDK, OkHttp sends no SNI for {@code
 * localhost} (JSSE sends SNI only for names with a dot), so the issue's {@code sentServerName("localhost")} is
 * {@code sentNoServerName()} here.
 */
@TlsProbe(server = @ProbeServer(protocol = ServiceProtocol.HTTPS))
class OkHttpTlsTest {

  @Test
  void okhttpWithRestrictedTlsNegotiatesStrongTls(TlsProbeServer server) throws IOException {
    OkHttpClient client = new OkHttpClient.Builder()
        .sslSocketFactory(server.clientSslSocketFactory(), server.clientTrustManager())
        .connectionSpecs(List.of(ConnectionSpec.RESTRICTED_TLS))
        .build();

    get(client, server);

    assertThat(server.awaitConnection()).wasAcceptedByClient().usesProtocolAtLeast(TLSv1_2).hasNoCompression()
        .clientOffer().offersNoWeakCipherSuite().offersNoProtocolBelow(TLSv1_2).offersAlpn("h2", "http/1.1")
        .sentNoServerName();
  }

  @Test
  void okhttpByDefaultAlsoOffersCbcAndStaticRsaSuites(TlsProbeServer server) throws IOException {
    OkHttpClient client = new OkHttpClient.Builder()
        .sslSocketFactory(server.clientSslSocketFactory(), server.clientTrustManager())
        .build();

    get(client, server);

    TlsConnectionReport report = server.awaitConnection();
    assertThat(report).wasAcceptedByClient().usesProtocolAtLeast(TLSv1_2)
        .clientOffer().offersNoProtocolBelow(TLSv1_2);
    ClientOffer offer = report.clientOffer().orElseThrow();
    assertThat(offer.cipherSuites()).filteredOn(suite -> suite.strength() == CipherStrength.WEAK)
        .extracting(suite -> suite.name())
        .contains("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256");
  }

  private static void get(OkHttpClient client, TlsProbeServer server) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(server.url("/").toString()).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
