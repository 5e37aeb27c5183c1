package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTlsException.Reason;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslClientView;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.TestTls;
import io.tlsprobe.testing.daemons.MariadbServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MySQL's SSL Request against MariaDB 10.11 (OpenSSL), compared with {@code openssl s_client -starttls mysql}. */
class MariadbStartTlsTest {
  private static final int TIMEOUT_MILLIS = 10_000;
  /** The server without TLS takes this many connections, and one more (reserved for SUPER); then it refuses. */
  private static final int MAX_CONNECTIONS = 10;

  @TempDir static Path dir;
  private static HeldCertificate cert;
  private static MariadbServer mariadb;
  private static MariadbServer withoutTls;

  @BeforeAll
  static void startMariadb() {
    Interop.requireCommand("openssl");
    cert = TestCertificates.localhost();
    mariadb = MariadbServer.start(dir.resolve("tls"), cert);
    withoutTls = MariadbServer.startWithoutTls(dir.resolve("plain"), "--max-connections=" + MAX_CONNECTIONS,
        "--extra-max-connections=0");
  }

  @AfterAll
  static void stopMariadb() {
    if (mariadb != null) {
      mariadb.close();
    }
    if (withoutTls != null) {
      withoutTls.close();
    }
  }

  @Test
  void sslRequestNegotiatesWhatOpensslNegotiates() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.MYSQL, "127.0.0.1");
    SSLSession session;
    try (Socket socket = connect(mariadb.port())) {
      client.upgrade(PlainTextChannel.of(socket));
      try (SSLSocket tls = overTls(socket, mariadb.port())) {
        session = tls.getSession();
      }
    }
    OpensslClientView openssl = OpensslClientView.connect(mariadb.port(), "-starttls", "mysql");

    PlainTextPhase phase = client.phase();
    assertThat(phase.upgraded()).isTrue();
    assertThat(phase.greeting()).hasValueSatisfying(v -> assertThat(v).contains("10.11.").contains("MariaDB"));
    assertThat(phase.capabilitiesBefore()).contains("CLIENT_SSL", "CLIENT_PROTOCOL_41", "CLIENT_PLUGIN_AUTH");
    assertThat(phase.startTlsAdvertised()).contains(true);
    assertThat(phase.plainTextAuthenticationOffered()).isEmpty();
    assertThat(phase.authenticationEvidence())
        .containsExactly("auth plugin mysql_native_password offered in the Initial Handshake before TLS");
    assertThat(phase.transcript()).hasSize(2);
    assertThat(phase.transcript().get(0).toString()).startsWith("S: Initial Handshake protocol 10, server ");
    assertThat(phase.transcript().get(1).toString()).startsWith("C: SSL Request (sequence 1, ")
        .endsWith("[2000000105aa080000000001210000000000000000000000000000000000000000000000]");
    assertThat(openssl.protocol()).as(openssl.output()).isPresent();
    assertThat(TlsProtocol.fromJsseName(session.getProtocol())).isEqualTo(openssl.protocol());
    assertThat(CipherSuite.byName(session.getCipherSuite())).isEqualTo(openssl.cipherSuite());
  }

  @Test
  void serverWithoutTlsIsReportedAsNotAdvertising() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.MYSQL, "127.0.0.1");
    long start = System.nanoTime();
    StartTlsException e;
    try (Socket socket = connect(withoutTls.port())) {
      e = catchThrowableOfType(StartTlsException.class, () -> client.upgrade(PlainTextChannel.of(socket)));
    }

    assertThat(e).as("the handshake of a server with --skip-ssl lacks CLIENT_SSL").isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
    assertThat(e.getMessage()).startsWith("server did not advertise TLS: CLIENT_SSL is not set in its handshake (")
        .contains("MariaDB").contains("; capabilities were: CLIENT_").doesNotContain("CLIENT_SSL,");
    assertThat(e.phase().startTlsAdvertised()).contains(false);
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void quotesTheErrPacketOfAServerWithTooManyConnections() throws Exception {
    List<Socket> held = new ArrayList<>();
    StartTlsException e;
    try {
      for (int i = 0; i <= MAX_CONNECTIONS; i++) {
        Socket socket = connect(withoutTls.port());
        held.add(socket);
        assertThat(socket.getInputStream().read()).as("the handshake of connection " + i).isPositive();
      }
      StartTlsClient client = StartTlsClient.of(StartTls.MYSQL, "127.0.0.1");
      try (Socket socket = connect(withoutTls.port())) {
        e = catchThrowableOfType(StartTlsException.class, () -> client.upgrade(PlainTextChannel.of(socket)));
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    awaitHandshake(withoutTls.port());

    assertThat(e).as("connection " + (MAX_CONNECTIONS + 2) + " should be refused").isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
    assertThat(e.getMessage()).isEqualTo("server refused the connection in its greeting: ERR 1040: Too many"
        + " connections");
    assertThat(e.phase().greeting()).contains("ERR 1040: Too many connections");
    assertThat(e.phase().transcriptText()).isEqualTo("S: ERR packet 1040: Too many connections"
        + " [17000000ff1004546f6f206d616e7920636f6e6e656374696f6e73]\n");
  }

  /** Waits (up to 10 s) until the server greets a new connection with its handshake again, not an ERR packet. */
  private static void awaitHandshake(int port) throws IOException, InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < end) {
      try (Socket socket = connect(port)) {
        byte[] header = socket.getInputStream().readNBytes(5);
        if (header.length == 5 && header[4] == 10) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("MariaDB kept refusing connections after the held ones closed");
  }

  @Test
  void probeThroughStartTlsReportsWhatOpensslNegotiates() {
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", mariadb.port())
        .startTls(StartTls.MYSQL).timeout(Duration.ofSeconds(10)).build());
    OpensslClientView openssl = OpensslClientView.connect(mariadb.port(), "-starttls", "mysql");

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
    assertThat(report.endpoint().connection()).isEqualTo("starttls:mysql");
    assertThat(report.protocol()).as(openssl.output()).isPresent().isEqualTo(openssl.protocol());
    assertThat(report.cipherSuite()).isEqualTo(openssl.cipherSuite());
    PlainTextPhase phase = report.plainTextPhase().orElseThrow();
    assertThat(phase.upgraded()).isTrue();
    assertThat(phase.startTlsAdvertised()).contains(true);
    assertThat(phase.injection()).isEmpty();
  }

  @Test
  void probeOfAServerWithoutTlsIsAStartTlsFailure() {
    long start = System.nanoTime();
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", withoutTls.port())
        .startTls(StartTls.MYSQL).timeout(Duration.ofSeconds(10)).build());

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.STARTTLS_FAILED);
    assertThat(report.outcome().reason()).startsWith("server did not advertise TLS: CLIENT_SSL is not set");
    assertThat(report.plainTextPhase().orElseThrow().upgraded()).isFalse();
    assertThat(report.protocol()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private static Socket connect(int port) throws IOException {
    return UpgradedSession.connect(port, Duration.ofMillis(TIMEOUT_MILLIS));
  }

  /** A TLS client over {@code socket}, trusting {@link #cert} alone, handshake done. */
  private static SSLSocket overTls(Socket socket, int port) throws IOException {
    return TestTls.startTls(TestTls.trusting(cert), socket, "127.0.0.1", port);
  }
}
