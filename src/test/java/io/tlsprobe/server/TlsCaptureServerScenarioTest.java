package io.tlsprobe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Certificate scenarios through the capture server: a JSSE client's verdict is recorded from the server side. */
class TlsCaptureServerScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ParameterizedTest
  @EnumSource(names = {"EXPIRED", "NOT_YET_VALID", "SELF_SIGNED", "UNTRUSTED_ROOT", "MISSING_INTERMEDIATE", "WRONG_HOST"})
  void jsseClientRejectsABadChainWithCertificateUnknown(CertificateScenario scenario) throws Exception {
    // given a server presenting the scenario's chain, and an HttpsURLConnection trusting the scenario's anchors
    try (TlsCaptureServer server = TlsCaptureServer.builder().identity(scenario.identity()).build().start()) {
      HttpsURLConnection connection = (HttpsURLConnection) server.url("/").toURL().openConnection();
      connection.setSSLSocketFactory(server.clientSslSocketFactory());

      // when
      assertThatThrownBy(connection::getResponseCode).isInstanceOf(IOException.class);
      TlsConnectionReport report = server.awaitConnection(WAIT);

      // then the client ended the handshake with certificate_unknown (46)
      assertThat(report.outcome().kind()).as(report.summary()).isEqualTo(Outcome.Kind.REJECTED_BY_PEER);
      assertThat(report.outcome().alert()).as(report.summary()).contains(AlertDescription.of(46));
    }
  }

  /** NO_SAN is a finding: the JDK falls back to the subject CN (RFC 2818), where RFC 6125 and browsers do not. */
  @ParameterizedTest
  @EnumSource(names = {"VALID", "CLIENT_CERTIFICATE_REQUIRED", "NO_SAN"})
  void jsseClientAcceptsAGoodChainAndACommonNameOnlyOne(CertificateScenario scenario) throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().identity(scenario.identity()).build().start()) {
      HttpsURLConnection connection = (HttpsURLConnection) server.url("/").toURL().openConnection();
      connection.setSSLSocketFactory(server.clientSslSocketFactory());

      int status = connection.getResponseCode();
      connection.getInputStream().readAllBytes();
      TlsConnectionReport report = server.awaitConnection(WAIT);

      assertThat(status).isEqualTo(200);
      assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
      assertThat(report.certificates().isEmpty()).isEqualTo(!scenario.identity().needsClientCertificate());
    }
  }
}
