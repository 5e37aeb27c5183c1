package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.report.AfterHandshake;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * What the capture server records of a client after a completed handshake ({@link TlsConnectionReport#afterHandshake()}):
 * application data or none, and how a client that sent none ended — close_notify, a bare close, silence for the idle
 * timeout, or a fatal alert — for HTTPS and for the fronts. Each client is a real JSSE socket.
 */
class TlsCaptureServerAfterHandshakeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static SSLSocket handshake(TlsCaptureServer server, Socket plain) throws IOException {
    SSLSocket socket = (SSLSocket) server.clientSslSocketFactory().createSocket(plain, "localhost", server.port(), true);
    socket.startHandshake();
    return socket;
  }

  @Test
  void recordsTheRequestOfAClientThatSendsOne() throws IOException {
    try (TlsCaptureServer server = TlsCaptureServer.builder().build().start();
        SSLSocket socket = handshake(server, new Socket(InetAddress.getLoopbackAddress(), server.port()))) {
      // when the client sends a request
      socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();

      // then the report is published before the answer is read, and says so
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).wasAcceptedByClient();
      Assertions.assertThat(report.afterHandshake()).contains(AfterHandshake.sentApplicationData());
      Assertions.assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .contains("then the peer sent application data");
    }
  }

  @Test
  void recordsAClientThatClosesWithoutCloseNotifyAndWithoutData() throws IOException {
    try (TlsCaptureServer server = TlsCaptureServer.builder().build().start()) {
      // given a client that completes the handshake, then closes its TCP connection under TLS (no close_notify)
      Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port());
      handshake(server, plain);
      plain.close();

      // then
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().wasRejectedByClient();
      Assertions.assertThat(report.afterHandshake().orElseThrow().detail())
          .isEqualTo("closed the connection without close_notify and without sending any application data");
    }
  }

  @Test
  void recordsAClientThatStaysSilentUntilTheIdleTimeout() throws IOException {
    try (TlsCaptureServer server = TlsCaptureServer.builder().idleTimeout(Duration.ofMillis(300)).build().start();
        SSLSocket socket = handshake(server, new Socket(InetAddress.getLoopbackAddress(), server.port()))) {
      // when the client sends nothing after the handshake and keeps the connection open
      TlsConnectionReport report = server.awaitConnection(WAIT);

      // then the report comes after the idle timeout and says what happened
      Assertions.assertThat(report.afterHandshake()).hasValueSatisfying(after -> {
        Assertions.assertThat(after.peerSentApplicationData()).isFalse();
        Assertions.assertThat(after.detail()).isEqualTo("sent no application data within the idle timeout of 300 ms");
      });
      assertThat(report).wasRejectedByClient();
    }
  }

  /**
   * A client that fails after the handshake sends a fatal alert inside TLS: here a JSSE client whose bytes from the
   * server are corrupted once the handshake is over answers the implicit-TLS greeting with bad_record_mac (20).
   */
  @Test
  void recordsTheFatalAlertAClientSendsAfterTheHandshake() throws IOException {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP).implicitTls(true)
        .build().start()) {
      // given
      CorruptingSocket plain = new CorruptingSocket(server.port());
      try (SSLSocket socket = handshake(server, plain)) {
        plain.corruptFromNowOn();

        // when the client reads the server's first record after the handshake
        Assertions.assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SSLException.class);
      }

      // then the server saw the client's fatal alert and no application data
      TlsConnectionReport report = server.awaitConnection(WAIT);
      AlertDescription badRecordMac = AlertDescription.of(20);
      Assertions.assertThat(report.afterHandshake()).hasValueSatisfying(after -> {
        Assertions.assertThat(after.peerSentApplicationData()).isFalse();
        Assertions.assertThat(after.peerAlert()).contains(badRecordMac);
        Assertions.assertThat(after.detail())
            .isEqualTo("sent fatal alert bad_record_mac (20), without sending any application data");
      });
      assertThat(report).isEstablished().wasRejectedByClient(badRecordMac).wasRejectedByClient("bad_record_mac");
      Assertions.assertThatThrownBy(() -> assertThat(report).wasAcceptedByClient())
          .hasMessageContaining("then sent fatal alert bad_record_mac (20), without sending any application data");
    }
  }

  @Test
  void recordsWhetherAStartTlsClientSentAnyLineInsideTls() throws IOException {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP).build().start()) {
      // given a client that upgrades, then leaves without a command inside TLS
      TlsConnectionReport silent;
      try (ScriptedClient client = ScriptedClient.connect(server)) {
        client.readLine();
        client.send("EHLO client.invalid");
        client.readLinesUntil(line -> line.startsWith("250 "));
        client.send("STARTTLS");
        client.readLine();
        client.startTls();
        silent = client.closeAndAwait();
      }
      // and one that says EHLO inside TLS, then QUIT
      TlsConnectionReport talking;
      try (ScriptedClient client = ScriptedClient.connect(server)) {
        client.readLine();
        client.send("EHLO client.invalid");
        client.readLinesUntil(line -> line.startsWith("250 "));
        client.send("STARTTLS");
        client.readLine();
        client.startTls();
        client.send("EHLO client.invalid");
        client.readLinesUntil(line -> line.startsWith("250 "));
        client.send("QUIT");
        client.readLine();
        talking = client.closeAndAwait();
      }

      // then
      Assertions.assertThat(silent.peerSentApplicationData()).as(silent.summary()).contains(false);
      assertThat(silent).isEstablished().wasRejectedByClient();
      Assertions.assertThat(talking.peerSentApplicationData()).as(talking.summary()).contains(true);
      assertThat(talking).wasAcceptedByClient().plainTextPhase().wasUpgraded();
    }
  }

  /** A TCP socket that flips the last byte of every read of more than a record header once told to. */
  private static final class CorruptingSocket extends Socket {
    private volatile boolean corrupt;

    CorruptingSocket(int port) throws IOException {
      super(InetAddress.getLoopbackAddress(), port);
    }

    void corruptFromNowOn() {
      corrupt = true;
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return new FilterInputStream(super.getInputStream()) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (corrupt && n > 5) {
            b[off + n - 1] ^= 0x01;
          }
          return n;
        }
      };
    }
  }
}
