package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan of servers that cannot be scanned to the end gives a partial profile that says why, and throws nothing. */
class ScanFailuresTest {

  @Test
  void reportsAClosedPortAsPartialWithoutAnyConnection() {
    int closed = Interop.freeLoopbackPort();

    ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", closed).build());

    assertThat(profile.connections()).isZero();
    assertThat(profile.acceptedProtocols()).isEmpty();
    assertThat(profile.partialReason().orElseThrow()).startsWith("cannot connect to 127.0.0.1:" + closed + ": ")
        .doesNotContain(";");
  }

  @Test
  void keepsWhatWasFoundAndSaysWhereWhenTheServerStopsAnsweringMidway(@TempDir Path dir) throws Exception {
    try (OpensslServer server = OpensslServer.wwwLocalhost(dir, "-tls1_3");
        Relay relay = Relay.to(server.port(), 2)) {
      // one connection at a time, TLS 1.2 first: its refusal and TLS 1.3's first suite get answers, then silence
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", relay.port()).maxParallel(1)
          .handshakeTimeout(Duration.ofMillis(300)).build());

      assertThat(profile.accepts(TlsProtocol.TLSv1_3)).as(profile.render()).isTrue();
      assertThat(profile.cipherSuites(TlsProtocol.TLSv1_3)).hasSize(1);
      assertThat(profile.isComplete()).isFalse();
      assertThat(profile.partialReason().orElseThrow())
          .contains("TLS 1.3 cipher suites, after 1 found: no complete answer: the handshake timeout (300 ms)");
      assertThat(profile.connections()).isEqualTo(relay.connections());
    }
  }

  @Test
  void reportsAServerThatDoesNotSpeakTlsAsPartialQuotingWhatItSaid() throws Exception {
    try (HostilePeer smtp = HostilePeer.start(ScanFailuresTest::greetAsSmtp)) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", smtp.port())
          .protocols(TlsProtocol.TLSv1_2).build());

      assertThat(profile.acceptedProtocols()).isEmpty();
      assertThat(profile.partialReason().orElseThrow()).contains("the answer is not TLS").contains("220 mail.test");
    }
  }

  private static void greetAsSmtp(Socket socket) throws java.io.IOException {
    socket.getOutputStream().write("220 mail.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
    HostilePeer.drain(socket);
  }
}
