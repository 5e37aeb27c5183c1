package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.OpensslClientView;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

/** The PostgreSQL front, seen by tlsprobe's own SSLRequest client, by raw bytes and by the PostgreSQL JDBC driver. */
class PostgresFrontTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void probeUpgradesThroughTheFrontAndBothSidesAgree() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.POSTGRES).startTlsInjectionCheck(false).build());
      TlsConnectionReport captured = server.awaitConnection(WAIT);

      assertThat(probed).isEstablished().usesStartTls(StartTls.POSTGRES);
      assertThat(captured).isEstablished().usesStartTls(StartTls.POSTGRES).plainTextPhase().wasUpgraded()
          .sentNoCredentialsBeforeTls();
      Assertions.assertThat(captured.protocol()).isEqualTo(probed.protocol());
      Assertions.assertThat(captured.cipherSuite()).isEqualTo(probed.cipherSuite());
      Assertions.assertThat(captured.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: SSLRequest (code 80877103) [0000000804d2162f]", "S: 'S': SSL accepted [53]");
      Assertions.assertThat(server.uri()).hasToString("postgresql://localhost:" + server.port());
    }
  }

  @Test
  void opensslStartTlsPostgresNegotiatesWhatTheFrontRecords() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start()) {
      OpensslClientView view = OpensslClientView.connect(server.port(), "-starttls", "postgres",
          "-CAfile", server.clientTrust().pemFile().toString());
      TlsConnectionReport report = server.awaitConnection(WAIT);

      Assertions.assertThat(view.verifyCode()).as(view.output()).isZero();
      assertThat(report).isEstablished().usesStartTls(StartTls.POSTGRES);
      view.assertSameProtocolAndSuite(report);
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: SSLRequest (code 80877103)", "C (tls): " + PostgresFront.CLOSED_AFTER_HANDSHAKE);
    }
  }

  @Test
  void probeIsToldNWhenSslIsRefused() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES)
        .startTlsBehaviour(StartTlsBehaviour.REFUSED).build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.POSTGRES).startTlsInjectionCheck(false).build());

      assertThat(probed).failedStartTls();
      Assertions.assertThat(probed.outcome().reason()).contains("server refused SSL: answered N");
      assertThat(server.awaitConnection(WAIT)).failedStartTls().plainTextPhase().sentNoCredentialsBeforeTls();
    }
  }

  @Test
  void answersGssEncRequestWithNThenServesTheStartupInClear() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(ByteBuffer.allocate(8).putInt(8).putInt(80877104).array());
      out.flush();
      int gssAnswer = in.read();
      byte[] startup = startupMessage("alice");
      out.write(startup);
      out.flush();
      byte[] authRequest = in.readNBytes(9);
      socket.close();

      Assertions.assertThat((char) gssAnswer).isEqualTo('N');
      Assertions.assertThat(authRequest).containsExactly('R', 0, 0, 0, 8, 0, 0, 0, 3);
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls();
      Assertions.assertThat(report.outcome().reason())
          .contains("sent its StartupMessage in clear without asking for SSL");
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: GSSENCRequest (code 80877104)", "S: 'N': GSSAPI encryption refused",
              "C: StartupMessage protocol 3.0 user=alice database=tlsprobe");
    }
  }

  @Test
  void refusesAStartupPacketThatAnnouncesTooManyBytes() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(ByteBuffer.allocate(8).putInt(1 << 20).putInt(196608).array());
      socket.getOutputStream().flush();

      Assertions.assertThat(socket.getInputStream().read()).isEqualTo(-1);
      Assertions.assertThat(server.awaitConnection(WAIT).outcome().reason())
          .contains("a startup packet of 1048576 bytes (8 to 10000 accepted)");
    }
  }

  @Test
  void endsTheSessionOnAQueryThatAnnouncesMoreThanTheMessageLimit() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(startupMessage("alice"));
      out.write(new byte[] {'p', 0, 0, 0, 9, 'p', 'a', 's', 's', 0});
      out.write(new byte[] {'Q', 0, 0x10, 0, 0});
      out.flush();
      byte[] answers = socket.getInputStream().readAllBytes();

      Assertions.assertThat(answers).startsWith('R', 0, 0, 0, 8, 0, 0, 0, 3, 'R', 0, 0, 0, 8, 0, 0, 0, 0);
      TlsConnectionReport report = server.awaitConnection(WAIT);
      Assertions.assertThat(report.outcome().reason())
          .contains("the client announced a message 'Q' of 1048576 bytes (4 to 65540 accepted)");
    }
  }

  @Test
  void pgjdbcWithSslModeDisableSendsItsPasswordInClear() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start()) {
      try (Connection c = connect(server, "disable")) {
        Assertions.assertThat(selectOne(c)).isEqualTo(1);
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls();
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("C: PasswordMessage (cleartext password) [*** 12 bytes] (a password message)")
          .hasMessageNotContaining("736563726574"); // "secret" in hex is masked
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: Parse (unnamed) \"SELECT 1\"", "CommandComplete SELECT 1");
    }
  }

  @Test
  void pgjdbcWithSslModeRequireLogsInAndQueriesInsideTls() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start()) {
      try (Connection c = connect(server, "require")) {
        Assertions.assertThat(selectOne(c)).isEqualTo(1);
        Assertions.assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo(PostgresFront.VERSION);
        Assertions.assertThat(c.isValid(2)).isTrue();
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().usesStartTls(StartTls.POSTGRES).plainTextPhase().wasUpgraded()
          .sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: SSLRequest", "C (tls): StartupMessage protocol 3.0 user=alice",
              "C (tls): PasswordMessage (cleartext password)", "C (tls): Terminate");
    }
  }

  @Test
  void pgjdbcWithRequireAuthScramRefusesTheCleartextPasswordRequest() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start()) {
      Properties extra = new Properties();
      extra.setProperty("requireAuth", "scram-sha-256");
      assertThatThrownBy(() -> connect(server, "disable", extra).close()).isInstanceOf(SQLException.class)
          .hasMessageContaining("Authentication method is not allowed by requireAuth");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("S: AuthenticationCleartextPassword").doesNotContain("C: PasswordMessage");
    }
  }

  @Test
  void pgjdbcWithChannelBindingRequiredRefusesTheCleartextPasswordRequestEvenInsideTls() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start()) {
      Properties extra = new Properties();
      extra.setProperty("channelBinding", "require");
      assertThatThrownBy(() -> connect(server, "require", extra).close()).isInstanceOf(SQLException.class)
          .hasMessageContaining("Channel binding is required, but server requested");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .doesNotContain("PasswordMessage");
    }
  }

  @Test
  void pgjdbcWithSslModePreferFallsBackToClearWhenSslIsRefused() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES)
        .startTlsBehaviour(StartTlsBehaviour.REFUSED).build().start()) {
      try (Connection c = connect(server, "prefer")) {
        Assertions.assertThat(selectOne(c)).isEqualTo(1);
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls();
      Assertions.assertThat(report.outcome().reason())
          .contains("went on without TLS after its SSLRequest was refused");
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .isInstanceOf(AssertionError.class).hasMessageContaining("C: PasswordMessage (cleartext password) [***");
    }
  }

  @Test
  void pgjdbcWithSslModeAllowLogsInInClearFirstEvenWhenSslIsOffered() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start()) {
      try (Connection c = connect(server, "allow")) {
        Assertions.assertThat(selectOne(c)).isEqualTo(1);
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText()).doesNotContain("SSLRequest");
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .isInstanceOf(AssertionError.class).hasMessageContaining("C: PasswordMessage (cleartext password) [***");
    }
  }

  @Test
  void pgjdbcWithSslModeRequireGivesUpWhenSslIsRefused() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES)
        .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
      assertThatThrownBy(() -> connect(server, "require").close()).isInstanceOf(SQLException.class)
          .hasMessageContaining("The server does not support SSL");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().sentNoCredentialsBeforeTls();
    }
  }

  @Test
  void pgjdbcDiscardsALoginInjectedAfterItsSslGoAhead() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES)
        .startTlsBehaviour(StartTlsBehaviour.INJECT_RESPONSE).build().start()) {
      try (Connection c = connect(server, "require")) {
        Assertions.assertThat(selectOne(c)).isEqualTo(1);
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().plainTextPhase()
          .hasStartTlsInjectionVerdict(InjectionVerdict.NOT_VULNERABLE);
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("S: 'S': SSL accepted, then injected in clear: AuthenticationOk");
    }
  }

  @Test
  void pgjdbcDirectSslBeginsWithItsClientHello() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start()) {
      Properties extra = new Properties();
      extra.setProperty("sslNegotiation", "direct");
      try (Connection c = connect(server, "require", extra)) {
        Assertions.assertThat(selectOne(c)).isEqualTo(1);
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().plainTextPhase().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.clientOffer().orElseThrow().alpn()).contains("postgresql");
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: TLS ClientHello without SSLRequest (direct SSL").doesNotContain("SSLRequest (code");
    }
  }

  @Test
  void pgjdbcReportsAStatementTheFrontDoesNotAnswerAsAnSqlError() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start();
        Connection c = connect(server, "require");
        Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeQuery("SELECT * FROM accounts")).isInstanceOf(SQLException.class)
          .hasMessageContaining("answers only SELECT <integer>");
      Assertions.assertThat(selectOne(c)).isEqualTo(1);
    }
  }

  @Test
  void pgjdbcServerPreparedStatementsReadBinaryResultsAcrossTheThreshold() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POSTGRES).build().start()) {
      Properties extra = new Properties();
      extra.setProperty("prepareThreshold", "1");
      List<Integer> answers = new ArrayList<>();
      try (Connection c = connect(server, "require", extra);
          PreparedStatement ps = c.prepareStatement("SELECT 42 AS answer")) {
        for (int i = 0; i < 3; i++) {
          try (ResultSet rs = ps.executeQuery()) {
            Assertions.assertThat(rs.next()).isTrue();
            Assertions.assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("answer");
            answers.add(rs.getInt("answer"));
          }
        }
      }

      Assertions.assertThat(answers).containsExactly(42, 42, 42);
      Assertions.assertThat(server.awaitConnection(WAIT).plainTextPhase().orElseThrow().transcriptText())
          .contains("C (tls): Parse \"S_1\" \"SELECT 42 AS answer\"", "to statement \"S_1\" (binary results)");
    }
  }

  static Connection connect(TlsCaptureServer server, String sslMode) throws SQLException {
    return connect(server, sslMode, new Properties());
  }

  static Connection connect(TlsCaptureServer server, String sslMode, Properties extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "alice");
    p.setProperty("password", "secret");
    p.setProperty("sslmode", sslMode);
    p.setProperty("sslrootcert", server.clientTrust().pemFile().toString());
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", "10");
    p.putAll(extra);
    Connection c = new Driver().connect("jdbc:postgresql://localhost:" + server.port() + "/tlsprobe", p);
    if (c == null) {
      throw new IllegalStateException("the driver did not accept the URL");
    }
    return c;
  }

  static int selectOne(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
      Assertions.assertThat(rs.next()).isTrue();
      return rs.getInt(1);
    }
  }

  private static byte[] startupMessage(String user) {
    byte[] params = ("user\0" + user + "\0database\0tlsprobe\0\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + params.length).putInt(8 + params.length).putInt(196608).put(params).array();
  }
}
