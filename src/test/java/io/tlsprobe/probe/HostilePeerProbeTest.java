package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.Outcome.TransportProblem;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.Interop;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe against peers that misbehave: each gives a clear outcome within the timeout. Every test prints its
 * outcome and elapsed time. Timing assertions allow a generous margin for loaded CI machines; the design target is
 * the timeout plus 100 ms.
 */
class HostilePeerProbeTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final Duration CI_MARGIN = Duration.ofSeconds(1);

  private HostilePeer peer;
  private final List<Socket> backlog = new ArrayList<>();

  /** Loads JSSE and the registries once, so that no timing below includes a cold start. */
  @BeforeAll
  static void warmUp() {
    TlsProbes.probe(ProbeOptions.of("127.0.0.1", Interop.freeLoopbackPort()));
    RawHello.cipherSuites();
  }

  @AfterEach
  void stopPeer() throws Exception {
    if (peer != null) {
      peer.close();
    }
    for (Socket s : backlog) {
      s.close();
    }
  }

  private record Timed(TlsConnectionReport report, Duration elapsed) {}

  private Timed probe(String name, ProbeOptions.Builder options) {
    long start = System.nanoTime();
    TlsConnectionReport report = TlsProbes.probe(options.build());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf("%-34s %5d ms  %s%n", name, elapsed.toMillis(), report.outcome());
    return new Timed(report, elapsed);
  }

  private ProbeOptions.Builder against(HostilePeer.Behaviour behaviour) throws IOException {
    peer = HostilePeer.start(behaviour);
    return ProbeOptions.builder("127.0.0.1", peer.port()).handshakeTimeout(TIMEOUT);
  }

  @Test
  void reportsATimeoutWithinTheHandshakeTimeoutWhenThePeerNeverAnswers() throws Exception {
    Timed t = probe("silent peer", against(HostilePeer::staySilent));

    assertThat(t.report().outcome().kind()).isEqualTo(Kind.TRANSPORT_ERROR);
    assertThat(t.report().outcome().transportProblem()).contains(TransportProblem.TIMEOUT);
    assertThat(t.report().outcome().reason()).contains("no answer").contains("handshake timeout (500 ms)");
    assertThat(t.elapsed()).isBetween(TIMEOUT.minusMillis(20), TIMEOUT.plus(CI_MARGIN));
    assertThat(t.report().clientHello()).as("our hello was sent and is in the report").isPresent();
  }

  @Test
  void showsTheBannerOfAnSshServer() throws Exception {
    Timed t = probe("SSH banner", against(socket -> {
      socket.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
      HostilePeer.drain(socket);
    }));

    Outcome outcome = t.report().outcome();
    assertThat(outcome.transportProblem()).contains(TransportProblem.NOT_TLS);
    assertThat(outcome.reason()).isEqualTo("server spoke something else: \"SSH-2.0-OpenSSH_9.2\\r\\n\"");
    assertThat(new String(outcome.peerBytes().toArray(), StandardCharsets.US_ASCII))
        .isEqualTo("SSH-2.0-OpenSSH_9.2\r\n");
    assertThat(t.elapsed()).isLessThan(TIMEOUT.plus(CI_MARGIN));
  }

  @Test
  void showsTheFirstBytesOfAnHttpAnswerToTheClientHello() throws Exception {
    String answer = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n"
        + "Connection: close\r\n\r\nBad Request";
    Timed t = probe("HTTP server", against(socket -> {
      HostilePeer.readAtLeast(socket, 1);
      socket.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
      socket.close();
    }));

    Outcome outcome = t.report().outcome();
    assertThat(outcome.transportProblem()).contains(TransportProblem.NOT_TLS);
    assertThat(outcome.peerBytes().length()).isEqualTo(Outcome.MAX_PEER_BYTES);
    assertThat(outcome.reason()).startsWith("server spoke something else: \"HTTP/1.1 400 Bad Request\\r\\n");
  }

  @Test
  void showsBinaryGarbageAsHex() throws Exception {
    byte[] junk = {0x00, 0x01, (byte) 0xfe, 0x7f};
    Timed t = probe("binary junk", against(socket -> {
      socket.getOutputStream().write(junk);
      HostilePeer.drain(socket);
    }));

    assertThat(t.report().outcome().transportProblem()).contains(TransportProblem.NOT_TLS);
    assertThat(t.report().outcome().reason()).isEqualTo("server spoke something else: 0x0001fe7f");
  }

  @Test
  void reportsAResetWhenThePeerAbortsTheConnection() throws Exception {
    Timed t = probe("reset after ClientHello", against(socket -> {
      HostilePeer.readAtLeast(socket, 5);
      socket.setSoLinger(true, 0);
      socket.close();
    }));

    assertThat(t.report().outcome().kind()).isEqualTo(Kind.TRANSPORT_ERROR);
    assertThat(t.report().outcome().transportProblem()).contains(TransportProblem.RESET);
    assertThat(t.report().outcome().reason())
        .startsWith("server reset the connection without sending anything")
        .contains("raw follow-up ClientHello");
    assertThat(peer.connections()).as("JSSE's hello and the raw follow-up").isEqualTo(2);
  }

  @Test
  void reportsAClosedConnectionWhenThePeerHangsUpAtOnce() throws Exception {
    Timed t = probe("closes at once", against(socket -> {
      socket.shutdownOutput();
      HostilePeer.drain(socket);
    }));

    assertThat(t.report().outcome().kind()).isEqualTo(Kind.TRANSPORT_ERROR);
    assertThat(t.report().outcome().transportProblem()).contains(TransportProblem.CLOSED);
    assertThat(t.report().outcome().reason()).startsWith("server closed the connection without sending anything");
    assertThat(t.elapsed()).isLessThan(TIMEOUT.plus(CI_MARGIN));
  }

  @Test
  void reportsATimeoutMidRecordWhenThePeerSendsATruncatedRecordThenStalls() throws Exception {
    Timed t = probe("truncated record, then silence", against(socket -> {
      HostilePeer.readAtLeast(socket, 5);
      socket.getOutputStream().write(HexFormat.of().parseHex("160303006402000060"));
      HostilePeer.drain(socket);
    }));

    assertThat(t.report().outcome().kind()).isEqualTo(Kind.ABORTED_LOCALLY);
    assertThat(t.report().outcome().reason())
        .isEqualTo("handshake timed out after 500 ms (handshake timeout) with 9 bytes from the server, ending in an"
            + " incomplete record (4 of 100 bytes)");
    assertThat(t.elapsed()).isBetween(TIMEOUT.minusMillis(20), TIMEOUT.plus(CI_MARGIN));
  }

  @Test
  void honoursTheTimeoutAgainstAPeerDribblingOneByteAtATime() throws Exception {
    byte[] header = HexFormat.of().parseHex("1603030064");
    Timed t = probe("dribbles one byte per 100 ms", against(socket -> {
      HostilePeer.readAtLeast(socket, 5);
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < 200; i++) {
        out.write(i < header.length ? header[i] : 0);
        out.flush();
        Thread.sleep(100);
      }
    }));

    assertThat(t.report().outcome().kind()).isEqualTo(Kind.ABORTED_LOCALLY);
    assertThat(t.report().outcome().reason()).startsWith("handshake timed out after 500 ms");
    assertThat(t.elapsed()).isBetween(TIMEOUT.minusMillis(20), TIMEOUT.plus(CI_MARGIN));
  }

  @Test
  void endsAtOnceWhenThePeerFloodsHelloRequests() throws Exception {
    byte[] helloRequests = new byte[9 * 1000];
    for (int i = 0; i < helloRequests.length; i += 9) {
      System.arraycopy(HexFormat.of().parseHex("160303000400000000"), 0, helloRequests, i, 9);
    }
    Timed t = probe("endless HelloRequests", against(socket -> {
      HostilePeer.readAtLeast(socket, 5);
      OutputStream out = socket.getOutputStream();
      while (!socket.isClosed()) {
        out.write(helloRequests);
      }
    }));

    assertThat(t.report().outcome().kind()).isEqualTo(Kind.ABORTED_LOCALLY);
    assertThat(t.report().outcome().reason()).startsWith("JSSE rejected the server's bytes:")
        .contains("hello_request");
    assertThat(t.elapsed()).isLessThan(TIMEOUT.plus(CI_MARGIN));
  }

  @Test
  void stopsReadingAPeerSendingEndlessGarbage() throws Exception {
    byte[] junk = new byte[64 * 1024];
    new Random(1).nextBytes(junk);
    junk[0] = 'X';
    Timed t = probe("endless garbage", against(socket -> {
      OutputStream out = socket.getOutputStream();
      while (!socket.isClosed()) {
        out.write(junk);
      }
    }));

    assertThat(t.report().outcome().transportProblem()).contains(TransportProblem.NOT_TLS);
    assertThat(t.report().outcome().peerBytes().toArray()).isEqualTo(Arrays.copyOf(junk, 64));
    assertThat(t.elapsed()).isLessThan(TIMEOUT.plus(CI_MARGIN));
  }

  @Test
  void rejectsARecordLongerThanTlsAllows() throws Exception {
    Timed t = probe("oversized record length", against(socket -> {
      HostilePeer.readAtLeast(socket, 5);
      OutputStream out = socket.getOutputStream();
      out.write(HexFormat.of().parseHex("160303ffff"));
      out.write(new byte[4096]);
      HostilePeer.drain(socket);
    }));

    assertThat(t.report().outcome().kind()).isEqualTo(Kind.ABORTED_LOCALLY);
    assertThat(t.report().outcome().reason()).startsWith("JSSE rejected the server's bytes:")
        .contains("record.length: length 65535 exceeds 16384");
    assertThat(t.elapsed()).isLessThan(TIMEOUT.plus(CI_MARGIN));
  }

  @Test
  void reportsARefusedPortAtOnce() throws Exception {
    int port = Interop.freeLoopbackPort();
    Timed t = probe("refused port", ProbeOptions.builder("127.0.0.1", port));

    assertThat(t.report().outcome().transportProblem()).contains(TransportProblem.REFUSED);
    assertThat(t.report().outcome().reason()).isEqualTo("connection refused by 127.0.0.1:" + port);
    assertThat(t.elapsed()).isLessThan(CI_MARGIN);
  }

  @Test
  void reportsATimeoutWhenTheTcpConnectionIsNeverAccepted() throws Exception {
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      fillBacklog(full);
      Timed t = probe("connect never completes", ProbeOptions.builder("127.0.0.1", full.getLocalPort())
          .connectTimeout(Duration.ofMillis(400)));

      assertThat(t.report().outcome().transportProblem()).contains(TransportProblem.TIMEOUT);
      assertThat(t.report().outcome().reason()).isEqualTo("no TCP connection to 127.0.0.1:" + full.getLocalPort()
          + " within the connect timeout (400 ms)");
      assertThat(t.elapsed()).isBetween(Duration.ofMillis(380), Duration.ofMillis(400).plus(CI_MARGIN));
    }
  }

  /** Connects until the kernel's accept queue of a server that never accepts is full and SYNs go unanswered. */
  private void fillBacklog(ServerSocket server) throws IOException {
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      backlog.add(s);
      try {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
      } catch (SocketTimeoutException e) {
        return;
      }
    }
    Assumptions.abort("the accept queue never filled up: cannot provoke a connect timeout on this kernel");
  }

  @Test
  void keepsTheWholeProbeWithinTheTotalTimeout() throws Exception {
    peer = HostilePeer.start(HostilePeer::staySilent);
    Timed t = probe("silent peer, total timeout 300 ms", ProbeOptions.builder("127.0.0.1", peer.port())
        .totalTimeout(Duration.ofMillis(300)));

    assertThat(t.report().outcome().transportProblem()).contains(TransportProblem.TIMEOUT);
    assertThat(t.report().outcome().reason()).contains("total timeout (300 ms)");
    assertThat(t.elapsed()).isBetween(Duration.ofMillis(280), Duration.ofMillis(300).plus(CI_MARGIN));
  }
}
