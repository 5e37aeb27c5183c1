package io.tlsprobe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.Interop;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TlsCaptureServer.Builder#port(int)} and {@link TlsCaptureServer#openConnections()}. */
class TlsCaptureServerPortTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void bindsTheRequestedPortOnLoopbackAndCapturesAClientThere() throws Exception {
    // given a port that was free a moment ago
    int port = Interop.freeLoopbackPort();

    try (TlsCaptureServer server = TlsCaptureServer.builder().port(port).build().start()) {
      // when a JSSE client completes a handshake on that port
      try (SSLSocket client = (SSLSocket) server.clientSslSocketFactory().createSocket("127.0.0.1", port)) {
        client.startHandshake();
      }
      TlsConnectionReport report = server.awaitConnection(WAIT);

      // then
      assertThat(server.port()).isEqualTo(port);
      assertThat(server.url("/")).hasToString("https://localhost:" + port + "/");
      assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
    }
  }

  @ParameterizedTest(name = "port {0}")
  @ValueSource(ints = {-1, 65536, Integer.MIN_VALUE})
  void rejectsAPortOutsideTheRangeNamingIt(int port) {
    assertThatThrownBy(() -> TlsCaptureServer.builder().port(port))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 0 (ephemeral) or 1-65535, was " + port);
  }

  @Test
  void portZeroIsAnEphemeralPort() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().port(0).build().start()) {
      assertThat(server.port()).isPositive();
    }
  }

  @Test
  void aPortInUseFailsStartNamingTheAddressAndLeavesNoThread() throws Exception {
    // given a port held by someone else
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        TlsCaptureServer server = TlsCaptureServer.builder().port(taken.getLocalPort()).build()) {
      int port = taken.getLocalPort();

      // when / then
      assertThatThrownBy(server::start)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("cannot bind 127.0.0.1:" + port + ": ")
          .hasMessageContaining("in use");
      assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
          .noneMatch(n -> n.startsWith(TlsCaptureServer.THREAD_PREFIX + port + "-"));
    }
  }

  @Test
  void openConnectionsCountsAClientFromConnectUntilItLeaves() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().build().start()) {
      // given no client
      assertThat(server.openConnections()).isZero();

      // when a client connects and stays silent
      try (Socket silent = new Socket("127.0.0.1", server.port())) {
        // then it is counted
        awaitValue(server::openConnections, 1);
      }

      // and once it has gone, its report is published and it is no longer counted
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report.outcome().transportProblem()).contains(Outcome.TransportProblem.CLOSED);
      awaitValue(server::openConnections, 0);
    }
  }

  private static void awaitValue(IntSupplier value, int expected) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (value.getAsInt() != expected && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(value.getAsInt()).isEqualTo(expected);
  }
}
