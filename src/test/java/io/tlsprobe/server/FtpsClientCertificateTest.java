package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;

import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import java.io.IOException;
import java.time.Duration;
import org.apache.commons.net.ftp.FTPSClient;
import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * commons-net's FTPSClient against the certificate scenarios, as shipped and as configured. As shipped, its trust
 * manager ({@code TrustManagerUtils.getValidateServerCertificateTrustManager()}) checks only each certificate's
 * validity dates, and endpoint checking is off: it accepts any certificate that is not expired or not yet valid.
 */
class FtpsClientCertificateTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ParameterizedTest
  @EnumSource(value = CertificateScenario.class, names = {"SELF_SIGNED", "UNTRUSTED_ROOT", "WRONG_HOST",
      "MISSING_INTERMEDIATE", "NO_SAN", "VALID"})
  void ftpsClientAsShippedAcceptsEveryCertificateWithinItsDates(CertificateScenario scenario) throws Exception {
    try (TlsCaptureServer server = server(scenario)) {
      FTPSClient client = new FTPSClient("TLS", false);
      Outcome outcome = connect(client, server);

      Assertions.assertThat(outcome.failure()).as("FTPSClient's failure").isNull();
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
    }
  }

  @ParameterizedTest
  @EnumSource(value = CertificateScenario.class, names = {"EXPIRED", "NOT_YET_VALID"})
  void ftpsClientAsShippedRejectsOnlyCertificatesOutsideTheirDates(CertificateScenario scenario) throws Exception {
    try (TlsCaptureServer server = server(scenario)) {
      FTPSClient client = new FTPSClient("TLS", false);
      Outcome outcome = connect(client, server);

      Assertions.assertThat(outcome.failure()).as("FTPSClient's failure").isNotNull();
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).wasRejectedByClient("certificate_unknown");
    }
  }

  @ParameterizedTest
  @EnumSource(value = CertificateScenario.class, names = {"SELF_SIGNED", "UNTRUSTED_ROOT", "WRONG_HOST",
      "MISSING_INTERMEDIATE", "EXPIRED", "NOT_YET_VALID"})
  void ftpsClientWithATrustManagerAndEndpointCheckingRejectsBadCertificates(CertificateScenario scenario)
      throws Exception {
    try (TlsCaptureServer server = server(scenario)) {
      FTPSClient client = new FTPSClient("TLS", false);
      client.setTrustManager(server.clientTrustManager());
      client.setEndpointCheckingEnabled(true);
      Outcome outcome = connect(client, server);

      Assertions.assertThat(outcome.failure()).as("FTPSClient's failure").isNotNull();
      assertThat(server.awaitConnection(WAIT)).wasRejectedByClient();
    }
  }

  private static TlsCaptureServer server(CertificateScenario scenario) {
    return TlsCaptureServer.builder().protocol(ServiceProtocol.FTP).identity(scenario.identity())
        .idleTimeout(Duration.ofSeconds(3)).build().start();
  }

  /** Connects (AUTH TLS and the handshake), then quits; the failure, if any. */
  private static Outcome connect(FTPSClient client, TlsCaptureServer server) throws IOException {
    client.setDefaultTimeout(5000);
    client.setConnectTimeout(5000);
    try {
      client.connect("localhost", server.port());
      client.logout();
      return new Outcome(null);
    } catch (IOException e) {
      return new Outcome(e);
    } finally {
      client.disconnect();
    }
  }

  private record Outcome(@Nullable IOException failure) {}
}
