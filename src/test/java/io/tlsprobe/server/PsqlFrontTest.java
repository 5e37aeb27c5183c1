package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL front, seen by {@code psql} (libpq) as a process client: libpq sends SNI, checks the host name after
 * the handshake under {@code verify-full}, and (since the CVE-2021-23222 fix) gives up when bytes followed the
 * {@code S} in clear, after completing the handshake.
 */
class PsqlFrontTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeAll
  static void requirePsql() {
    Interop.requireCommand("psql");
  }

  @Test
  void psqlWithSslModeRequireRunsItsQueryInsideTls() {
    try (TlsCaptureServer server = server(CertificateScenario.VALID, StartTlsBehaviour.UPGRADE)) {
      ProcessResult psql = psql(server, "sslmode=require");

      Assertions.assertThat(psql.stdout().strip()).isEqualTo("1");
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().plainTextPhase().wasUpgraded().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C (tls): Query \"SELECT 1\"");
    }
  }

  @Test
  void psqlWithSslModePreferFallsBackToClearWhenSslIsRefused() {
    try (TlsCaptureServer server = server(CertificateScenario.VALID, StartTlsBehaviour.REFUSED)) {
      ProcessResult psql = psql(server, "sslmode=prefer");

      Assertions.assertThat(psql.stdout().strip()).isEqualTo("1");
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls();
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .isInstanceOf(AssertionError.class).hasMessageContaining("C: PasswordMessage (cleartext password) [***");
    }
  }

  @Test
  void psqlRefusesBytesInjectedAfterTheSslGoAheadOnceTheHandshakeIsDone() {
    try (TlsCaptureServer server = server(CertificateScenario.VALID, StartTlsBehaviour.INJECT_RESPONSE)) {
      ProcessResult psql = psql(server, "sslmode=require");

      Assertions.assertThat(psql.exitCode()).isNotZero();
      Assertions.assertThat(psql.stderr()).contains("received unencrypted data after SSL response");
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).plainTextPhase().hasStartTlsInjectionVerdict(InjectionVerdict.NOT_VULNERABLE)
          .sentNoCredentialsBeforeTls();
    }
  }

  @Test
  void psqlWithSslModeRequireAcceptsACertificateForAnotherHost() {
    try (TlsCaptureServer server = server(CertificateScenario.WRONG_HOST, StartTlsBehaviour.UPGRADE)) {
      ProcessResult psql = psql(server, "sslmode=require");

      Assertions.assertThat(psql.stdout().strip()).isEqualTo("1");
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
    }
  }

  @Test
  void psqlWithSslModeRequireVerifiesTheChainOnceARootCertificateIsGiven() {
    try (TlsCaptureServer server = server(CertificateScenario.EXPIRED, StartTlsBehaviour.UPGRADE)) {
      ProcessResult psql = psql(server, "sslmode=require sslrootcert=" + server.clientTrust().pemFile());

      Assertions.assertThat(psql.exitCode()).isNotZero();
      Assertions.assertThat(psql.stderr()).contains("certificate verify failed");
      assertThat(server.awaitConnection(WAIT)).wasRejectedByClient(AlertDescription.of(45));
    }
  }

  @Test
  void psqlWithSslModeVerifyFullRefusesACertificateForAnotherHost() {
    try (TlsCaptureServer server = server(CertificateScenario.WRONG_HOST, StartTlsBehaviour.UPGRADE)) {
      ProcessResult psql = psql(server, "sslmode=verify-full sslrootcert=" + server.clientTrust().pemFile());

      Assertions.assertThat(psql.exitCode()).isNotZero();
      Assertions.assertThat(psql.stderr()).contains("does not match host name \"localhost\"");
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().clientOffer().sentServerName("localhost");
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C (tls): " + PostgresFront.CLOSED_AFTER_HANDSHAKE).doesNotContain("StartupMessage protocol");
    }
  }

  @Test
  void psqlWithSslModeVerifyCaRejectsAnExpiredCertificate() {
    try (TlsCaptureServer server = server(CertificateScenario.EXPIRED, StartTlsBehaviour.UPGRADE)) {
      ProcessResult psql = psql(server, "sslmode=verify-ca sslrootcert=" + server.clientTrust().pemFile());

      Assertions.assertThat(psql.exitCode()).isNotZero();
      Assertions.assertThat(psql.stderr()).contains("certificate verify failed");
      assertThat(server.awaitConnection(WAIT)).wasRejectedByClient(AlertDescription.of(45));
    }
  }

  private static TlsCaptureServer server(CertificateScenario scenario, StartTlsBehaviour behaviour) {
    return TlsCaptureServer.builder().identity(scenario.identity()).protocol(ServiceProtocol.POSTGRES)
        .startTlsBehaviour(behaviour).build().start();
  }

  private static ProcessResult psql(TlsCaptureServer server, String ssl) {
    String conninfo = "host=localhost port=" + server.port() + " user=alice password=secret dbname=tlsprobe "
        + "connect_timeout=5 gssencmode=disable " + ssl;
    return Interop.run(Duration.ofSeconds(20), "psql", "-X", "-w", "-tA", "-c", "SELECT 1", conninfo);
  }
}
