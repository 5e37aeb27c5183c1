package io.tlsprobe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.ClientHelloVectors;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.TlsDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the capture server reads a client's first flight: when its handshake starts, and what survives garbage. */
class ClientFirstFlightTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TlsCaptureServer server;

  @BeforeEach
  void startServer() {
    server = TlsCaptureServer.builder().build().start();
  }

  @AfterEach
  void closeServer() {
    server.close();
  }

  @Test
  void handshakeTimeCountsFromTheClientsFirstByteNotFromItsConnect() throws Exception {
    // given a warm JVM (one handshake made, so the one below is not the JVM's first), and a client that connects,
    // then stays silent for 2 s before its ClientHello
    handshake(new Socket("127.0.0.1", server.port()));
    server.awaitConnection(WAIT);
    Duration silence = Duration.ofSeconds(2);
    long connected;
    long handshaken;
    try (Socket plain = new Socket("127.0.0.1", server.port())) {
      connected = System.nanoTime();
      Thread.sleep(silence.toMillis());

      // when it then makes a whole handshake
      handshake(plain);
      handshaken = System.nanoTime();
    }
    TlsConnectionReport report = server.awaitConnection(WAIT);

    // then the report's handshake time leaves the silence out (counted from the accept, it would exceed it)
    assertThat(Duration.ofNanos(handshaken - connected)).isGreaterThanOrEqualTo(silence);
    assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
    assertThat(report.handshakeTime()).hasValueSatisfying(t -> assertThat(t).isPositive().isLessThan(silence));
  }

  @Test
  void clientHelloFollowedByBytesThatAreNotTlsIsStillRecorded() throws IOException {
    // given a real ClientHello with plain HTTP right behind it, in one write
    byte[] hello = ClientHelloVectors.captured("chromium_headless").bytes();
    ClientHello expected = TlsDecoder.decode(hello).clientHello().orElseThrow();
    ByteArrayOutputStream flight = new ByteArrayOutputStream();
    flight.writeBytes(hello);
    flight.writeBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    // when it is sent to a server allowing 1 s for a handshake (JSSE may wait for the rest of a "record" whose header
    // is "GET /")
    TlsConnectionReport report;
    try (TlsCaptureServer impatient = TlsCaptureServer.builder().handshakeTimeout(Duration.ofSeconds(1)).build()
        .start()) {
      sendAndReadUntilClosed(impatient.port(), flight.toByteArray());
      report = impatient.awaitConnection(WAIT);
    }

    // then the offer is kept (not a bare "not TLS"), and the handshake did not go through
    assertThat(report.clientHello()).as(report.summary()).contains(expected);
    assertThat(report.clientOffer()).isPresent();
    assertThat(report.outcome().kind()).as(report.summary()).isNotEqualTo(Outcome.Kind.ESTABLISHED)
        .isNotEqualTo(Outcome.Kind.TRANSPORT_ERROR);
  }

  private void handshake(Socket plain) throws IOException {
    try (SSLSocket tls = (SSLSocket) server.clientSslSocketFactory()
        .createSocket(plain, "localhost", server.port(), true)) {
      tls.startHandshake();
    }
  }

  private static void sendAndReadUntilClosed(int port, byte[] bytes) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(bytes);
      InputStream in = socket.getInputStream();
      try {
        while (in.read(new byte[4096]) >= 0) {
          // until the server closes
        }
      } catch (IOException reset) {
        // the server may close with a reset
      }
    }
  }
}
