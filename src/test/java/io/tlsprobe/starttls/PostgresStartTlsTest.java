package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import io.tlsprobe.testing.daemons.PostgresServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL's SSLRequest against PostgreSQL (OpenSSL), compared with {@code openssl s_client -starttls postgres}. */
class PostgresStartTlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  private static HeldCertificate cert;
  @AutoClose
  private static PostgresServer postgres;
  @AutoClose
  private static PostgresServer withoutTls;

  @BeforeAll
  static void startPostgres() {
    Interop.requireCommand("openssl");
    cert = TestCertificates.localhost();
    postgres = PostgresServer.start(dir.resolve("tls"), cert);
    withoutTls = PostgresServer.startWithoutTls(dir.resolve("plain"));
  }

  @Test
  void sslRequestNegotiatesWhatOpensslNegotiates() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.POSTGRES, "127.0.0.1");
    SSLSession session;
    try (Socket socket = connect(postgres.port())) {
      client.upgrade(PlainTextChannel.of(socket));
      try (SSLSocket tls = overTls(socket, postgres.port())) {
        session = tls.getSession();
      }
    }
    OpensslClientView openssl = OpensslClientView.connect(postgres.port(), "-starttls", "postgres");

    assertThat(client.phase().upgraded()).isTrue();
    assertThat(client.phase().transcriptText()).isEqualTo(
        "C: PostgreSQL SSLRequest (length 8, code 80877103) [0000000804d2162f]\n"
            + "S: PostgreSQL 'S': SSL accepted [53]\n");
    openssl.assertSameProtocolAndSuite(session);
  }

  @Test
  void serverWithSslOffAnswersN() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.POSTGRES, "127.0.0.1");
    long start = System.nanoTime();
    StartTlsException e;
    try (Socket socket = connect(withoutTls.port())) {
      e = catchThrowableOfType(StartTlsException.class, () -> client.upgrade(PlainTextChannel.of(socket)));
    }

    assertThat(e).as("SSLRequest against ssl=off should fail").isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
    assertThat(e.getMessage()).isEqualTo("server refused SSL: answered N");
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void probeThroughStartTlsReportsWhatOpensslNegotiates() {
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", postgres.port())
        .startTls(StartTls.POSTGRES).timeout(Duration.ofSeconds(10)).build());
    OpensslClientView openssl = OpensslClientView.connect(postgres.port(), "-starttls", "postgres");

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
    assertThat(report.endpoint().connection()).isEqualTo("starttls:postgres");
    openssl.assertSameProtocolAndSuite(report);
    PlainTextPhase phase = report.plainTextPhase().orElseThrow();
    assertThat(phase.upgraded()).isTrue();
    assertThat(phase.injection()).isEmpty();
    assertThat(phase.transcript()).hasSize(2);
  }

  @Test
  void probeOfAServerRefusingTlsIsAStartTlsFailure() {
    long start = System.nanoTime();
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", withoutTls.port())
        .startTls(StartTls.POSTGRES).timeout(Duration.ofSeconds(10)).build());

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.STARTTLS_FAILED);
    assertThat(report.outcome().reason()).startsWith("server refused SSL: answered N");
    assertThat(report.plainTextPhase().orElseThrow().upgraded()).isFalse();
    assertThat(report.protocol()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private static Socket connect(int port) throws IOException {
    return UpgradedSession.connect(port, TIMEOUT);
  }

  /** A TLS client over {@code socket}, trusting {@link #cert} alone, handshake done. */
  private static SSLSocket overTls(Socket socket, int port) throws IOException {
    return TestTls.startTls(TestTls.trusting(cert), socket, "127.0.0.1", port);
  }
}
