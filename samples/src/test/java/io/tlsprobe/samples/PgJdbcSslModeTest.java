package io.tlsprobe.samples;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.TlsCaptureServer;
import io.tlsprobe.starttls.ServiceProtocol;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL JDBC driver (pgjdbc 42.7.14) against a capture server that speaks PostgreSQL and presents a
 * certificate for {@code wrong.host.invalid} while the driver connects to {@code localhost}.
 *
 * <p><b>Finding:</b> {@code sslmode=require} encrypts but checks nothing: the driver logs in (and sends its password)
 * to a server whose certificate names another host, and equally to an expired, self-signed or unknown-authority one
 * — even when {@code sslrootcert} is given (libpq, by contrast, verifies the chain when a root certificate is
 * present). {@code verify-ca} checks the chain and dates but not the host. Only {@code sslmode=verify-full} refuses
 * the wrong host, and it does so after the handshake: the server sees a completed handshake, then the driver closing
 * before it sends its StartupMessage. Use {@code verify-full} with {@code sslrootcert} pointing at your CA.
 */
class PgJdbcSslModeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void sslModeRequireLogsInToAServerWithACertificateForAnotherHost() throws Exception {
    try (TlsCaptureServer server = wrongHostServer()) {
      try (Connection db = DriverManager.getConnection(url(server), properties(server, "require"));
          Statement st = db.createStatement();
          ResultSet rs = st.executeQuery("SELECT 1")) {
        rs.next();
        org.assertj.core.api.Assertions.assertThat(rs.getInt(1)).isEqualTo(1);
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      // encrypted, so nothing leaked in clear — but to whichever server answered
      assertThat(report).wasAcceptedByClient().plainTextPhase().wasUpgraded().sentNoCredentialsBeforeTls();
    }
  }

  @Test
  void sslModeVerifyFullRefusesTheCertificateForAnotherHost() {
    try (TlsCaptureServer server = wrongHostServer()) {
      assertThatThrownBy(() -> DriverManager.getConnection(url(server), properties(server, "verify-full")).close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("The hostname localhost could not be verified");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      // the host name is checked after the handshake: the driver closed before logging in
      org.assertj.core.api.Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .doesNotContain("PasswordMessage");
    }
  }

  private static TlsCaptureServer wrongHostServer() {
    return TlsCaptureServer.builder()
        .protocol(ServiceProtocol.POSTGRES)
        .identity(CertificateScenario.WRONG_HOST.identity())
        .build()
        .start();
  }

  private static String url(TlsCaptureServer server) {
    return "jdbc:postgresql://localhost:" + server.port() + "/app";
  }

  private static Properties properties(TlsCaptureServer server, String sslMode) {
    Properties p = new Properties();
    p.setProperty("user", "app");
    p.setProperty("password", "s3cret");
    p.setProperty("sslmode", sslMode);
    p.setProperty("sslrootcert", server.clientTrust().pemFile().toString());
    p.setProperty("connectTimeout", "5");
    return p;
  }
}
