package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static io.tlsprobe.server.PostgresFrontTest.connect;
import static io.tlsprobe.server.PostgresFrontTest.selectOne;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the PostgreSQL JDBC driver's {@code sslmode} checks, against the capture server's certificate scenarios: {@code
 * require} encrypts but checks nothing (not even with {@code sslrootcert} given, unlike libpq); {@code verify-ca}
 * checks the chain and dates but not the host; {@code verify-full} checks the host too, after the handshake.
 */
class PgJdbcCertificateTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ParameterizedTest
  @EnumSource(value = CertificateScenario.class, names = {"WRONG_HOST", "EXPIRED", "SELF_SIGNED", "UNTRUSTED_ROOT"})
  void sslModeRequireLogsInToAServerWithABadCertificate(CertificateScenario scenario) throws Exception {
    try (TlsCaptureServer server = server(scenario)) {
      try (Connection c = connect(server, "require")) {
        Assertions.assertThat(selectOne(c)).isEqualTo(1);
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).wasAcceptedByClient();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C (tls): PasswordMessage (cleartext password)");
    }
  }

  @Test
  void sslModeVerifyCaAcceptsACertificateForAnotherHost() throws Exception {
    try (TlsCaptureServer server = server(CertificateScenario.WRONG_HOST)) {
      try (Connection c = connect(server, "verify-ca")) {
        Assertions.assertThat(selectOne(c)).isEqualTo(1);
      }

      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
    }
  }

  @ParameterizedTest
  @EnumSource(value = CertificateScenario.class, names = {"EXPIRED", "UNTRUSTED_ROOT", "MISSING_INTERMEDIATE"})
  void sslModeVerifyCaRejectsABadChainWithCertificateUnknown(CertificateScenario scenario) {
    try (TlsCaptureServer server = server(scenario)) {
      assertThatThrownBy(() -> connect(server, "verify-ca").close()).isInstanceOf(SQLException.class)
          .hasMessageContaining("SSL error: PKIX path");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).wasRejectedByClient(AlertDescription.of(46)).plainTextPhase().sentNoCredentialsBeforeTls();
    }
  }

  @Test
  void sslModeVerifyFullRefusesAWrongHostOnlyAfterTheHandshake() {
    try (TlsCaptureServer server = server(CertificateScenario.WRONG_HOST)) {
      assertThatThrownBy(() -> connect(server, "verify-full").close()).isInstanceOf(SQLException.class)
          .hasMessageContaining("The hostname localhost could not be verified");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().plainTextPhase().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C (tls): " + PostgresFront.CLOSED_AFTER_HANDSHAKE).doesNotContain("StartupMessage protocol");
    }
  }

  @Test
  void sslModeVerifyFullAcceptsTheValidCertificate() throws Exception {
    try (TlsCaptureServer server = server(CertificateScenario.VALID)) {
      try (Connection c = connect(server, "verify-full")) {
        Assertions.assertThat(selectOne(c)).isEqualTo(1);
      }

      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient().plainTextPhase().sentNoCredentialsBeforeTls();
    }
  }

  private static TlsCaptureServer server(CertificateScenario scenario) {
    return TlsCaptureServer.builder().identity(scenario.identity()).protocol(ServiceProtocol.POSTGRES).build()
        .start();
  }
}
