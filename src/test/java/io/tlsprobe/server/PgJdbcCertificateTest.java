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
import java.util.Properties;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.Driver;

/**
 * What the PostgreSQL JDBC driver's {@code sslmode} checks, against every certificate scenario of the capture
 * server: {@code require} encrypts but checks nothing (not even with {@code sslrootcert} given, unlike libpq); {@code
 * verify-ca} checks the chain and dates but not the host; {@code verify-full} checks the host too, after the
 * handshake. None refuses a 1024-bit RSA key, a SHA-1 signature or a CN-only certificate (the JDK's defaults).
 */
class PgJdbcCertificateTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** What the driver did with the server's certificate. */
  enum Verdict {
    /** Logged in inside TLS. */
    ACCEPTED,
    /** Failed the handshake with certificate_unknown (46). */
    REJECTED,
    /** Completed the handshake, then closed before its StartupMessage (a host name check after the handshake). */
    REJECTED_AFTER_HANDSHAKE
  }

  @ParameterizedTest(name = "sslmode={0} against {1}: {2}")
  @CsvSource(textBlock = """
      prefer,      WRONG_HOST,           ACCEPTED
      prefer,      EXPIRED,              ACCEPTED
      require,     VALID,                ACCEPTED
      require,     EXPIRED,              ACCEPTED
      require,     NOT_YET_VALID,        ACCEPTED
      require,     SELF_SIGNED,          ACCEPTED
      require,     UNTRUSTED_ROOT,       ACCEPTED
      require,     WRONG_HOST,           ACCEPTED
      require,     NO_SAN,               ACCEPTED
      require,     RSA_1024,             ACCEPTED
      require,     SHA1_SIGNATURE,       ACCEPTED
      require,     MISSING_INTERMEDIATE, ACCEPTED
      verify-ca,   VALID,                ACCEPTED
      verify-ca,   EXPIRED,              REJECTED
      verify-ca,   NOT_YET_VALID,        REJECTED
      verify-ca,   SELF_SIGNED,          REJECTED
      verify-ca,   UNTRUSTED_ROOT,       REJECTED
      verify-ca,   WRONG_HOST,           ACCEPTED
      verify-ca,   NO_SAN,               ACCEPTED
      verify-ca,   RSA_1024,             ACCEPTED
      verify-ca,   SHA1_SIGNATURE,       ACCEPTED
      verify-ca,   MISSING_INTERMEDIATE, REJECTED
      verify-full, VALID,                ACCEPTED
      verify-full, EXPIRED,              REJECTED
      verify-full, NOT_YET_VALID,        REJECTED
      verify-full, SELF_SIGNED,          REJECTED
      verify-full, UNTRUSTED_ROOT,       REJECTED
      verify-full, WRONG_HOST,           REJECTED_AFTER_HANDSHAKE
      verify-full, NO_SAN,               ACCEPTED
      verify-full, RSA_1024,             ACCEPTED
      verify-full, SHA1_SIGNATURE,       ACCEPTED
      verify-full, MISSING_INTERMEDIATE, REJECTED
      """)
  void sslModeChecksWhatItChecks(String sslMode, CertificateScenario scenario, Verdict verdict) throws Exception {
    try (TlsCaptureServer server = server(scenario)) {
      switch (verdict) {
        case ACCEPTED -> {
          try (Connection c = connect(server, sslMode)) {
            Assertions.assertThat(selectOne(c)).isEqualTo(1);
          }
        }
        case REJECTED -> assertThatThrownBy(() -> connect(server, sslMode).close())
            .isInstanceOf(SQLException.class).hasMessageContaining("SSL error: PKIX path");
        case REJECTED_AFTER_HANDSHAKE -> assertThatThrownBy(() -> connect(server, sslMode).close())
            .isInstanceOf(SQLException.class).hasMessageContaining("The hostname localhost could not be verified");
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      String transcript = report.plainTextPhase().orElseThrow().transcriptText();
      switch (verdict) {
        case ACCEPTED -> {
          assertThat(report).wasAcceptedByClient();
          Assertions.assertThat(transcript).contains("C (tls): PasswordMessage (cleartext password)");
        }
        case REJECTED -> {
          assertThat(report).wasRejectedByClient(AlertDescription.of(46));
          Assertions.assertThat(transcript).doesNotContain("PasswordMessage");
        }
        case REJECTED_AFTER_HANDSHAKE -> {
          assertThat(report).isEstablished().wasRejectedByClient();
          Assertions.assertThat(transcript).contains("C (tls): " + PostgresFront.CLOSED_AFTER_HANDSHAKE)
              .doesNotContain("StartupMessage protocol");
        }
      }
    }
  }

  @Test
  void sslModeRequireWithoutRootCertificateLogsInToAServerForAnotherHost() throws Exception {
    try (TlsCaptureServer server = server(CertificateScenario.WRONG_HOST)) {
      Properties p = new Properties();
      p.setProperty("user", "alice");
      p.setProperty("password", "secret");
      p.setProperty("sslmode", "require");
      p.setProperty("connectTimeout", "5");
      try (Connection c = new Driver().connect("jdbc:postgresql://localhost:" + server.port() + "/tlsprobe", p)) {
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
