package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.starttls.StartTlsException.Reason;
import io.tlsprobe.testing.HostilePeer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PostgresDialectTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Duration TIMEOUT = Duration.ofMillis(2000);

  private final List<String> received = new CopyOnWriteArrayList<>();

  @Test
  void upgradesWhenTheServerAnswersS() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readRequest(s);
      s.getOutputStream().write('S');
      HostilePeer.drain(s);
    })) {
      StartTlsClient client = StartTlsClient.of(StartTls.POSTGRES, "127.0.0.1");

      upgrade(client, peer, TIMEOUT);

      PlainTextPhase phase = client.phase();
      assertThat(received).containsExactly("0000000804d2162f");
      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.startTlsAdvertised()).isEmpty();
      assertThat(phase.plainTextAuthenticationOffered()).isEmpty();
      assertThat(phase.transcript()).extracting(PlainTextPhase.Line::toString).containsExactly(
          "C: PostgreSQL SSLRequest (length 8, code 80877103) [0000000804d2162f]",
          "S: PostgreSQL 'S': SSL accepted [53]");
      assertThat(StartTlsClient.supportsInjectionCheck(StartTls.POSTGRES)).isFalse();
    }
  }

  @Test
  void recordsBytesSentInClearAfterTheGoAhead() throws Exception {
    // CVE-2021-23214: a server that buffers what followed the SSLRequest would treat such bytes as if sent over TLS
    try (HostilePeer peer = HostilePeer.start(s -> {
      readRequest(s);
      s.getOutputStream().write("SZ".getBytes(StandardCharsets.US_ASCII));
      HostilePeer.drain(s);
    })) {
      StartTlsClient client = StartTlsClient.of(StartTls.POSTGRES, "127.0.0.1");

      upgrade(client, peer, TIMEOUT);

      assertThat(client.phase().upgraded()).isTrue();
      assertThat(client.phase().transcript()).last().extracting(PlainTextPhase.Line::text)
          .isEqualTo("(1 more bytes in clear after the go-ahead, dropped: Z)");
    }
  }

  @Test
  void reportsNAsARefusal() throws Exception {
    try (HostilePeer peer = answering(new byte[] {'N'})) {
      StartTlsException e = failure(peer, TIMEOUT);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused SSL: answered N");
      assertThat(e.phase().transcript()).last().extracting(PlainTextPhase.Line::toString)
          .isEqualTo("S: PostgreSQL 'N': SSL refused [4e]");
    }
  }

  @Test
  void quotesAnErrorResponse() throws Exception {
    byte[] error = errorResponse("SFATAL", "VFATAL", "C0A000", "Munsupported frontend protocol 1234.5679",
        "Fpostmaster.c", "L2100");
    try (HostilePeer peer = answering(error)) {
      StartTlsException e = failure(peer, TIMEOUT);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo(
          "server answered SSLRequest with an error: FATAL 0A000 unsupported frontend protocol 1234.5679");
      assertThat(e.phase().transcript()).last().extracting(PlainTextPhase.Line::text).isEqualTo(
          "PostgreSQL ErrorResponse FATAL 0A000 unsupported frontend protocol 1234.5679 [" + HEX.formatHex(error) + "]");
    }
  }

  @Test
  void refusesAnOversizedErrorResponseWithoutReadingIt() throws Exception {
    try (HostilePeer peer = answering(HEX.parseHex("457fffffff"))) {
      StartTlsException e = failure(peer, TIMEOUT);

      assertThat(e.reason()).isEqualTo(Reason.TOO_MUCH);
      assertThat(e.getMessage()).startsWith("server's ErrorResponse to SSLRequest announces 2147483647 bytes (5 to"
          + " 30000 expected)");
    }
  }

  @Test
  void quotesAProtocol2ErrorMessage() throws Exception {
    try (HostilePeer peer = answering("EFATAL:  unsupported frontend protocol\n\0".getBytes(StandardCharsets.US_ASCII))) {
      StartTlsException e = failure(peer, TIMEOUT);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server answered SSLRequest with an error: FATAL:  unsupported frontend"
          + " protocol (a protocol-2 error message)");
    }
  }

  @Test
  void reportsAnUnterminatedErrorFieldAsGarbage() throws Exception {
    byte[] error = HEX.parseHex("450000000a" + HEX.formatHex("SFATAL".getBytes(StandardCharsets.US_ASCII)));
    try (HostilePeer peer = answering(error)) {
      StartTlsException e = failure(peer, TIMEOUT);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).isEqualTo("server's ErrorResponse to SSLRequest has an unterminated field 'S' at"
          + " offset 5");
    }
  }

  @Test
  void reportsAnythingElseAsGarbageQuotingIt() throws Exception {
    try (HostilePeer peer = answering("HTTP/1.1 400 Bad Request\r\n".getBytes(StandardCharsets.US_ASCII))) {
      StartTlsException e = failure(peer, TIMEOUT);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).startsWith("server's answer to SSLRequest is not S, N or an ErrorResponse: H");
    }
  }

  @Test
  void reportsAServerClosingMidMessage() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readRequest(s);
      s.getOutputStream().write(HEX.parseHex("450000"));
      s.getOutputStream().flush();
      s.close();
    })) {
      StartTlsException e = failure(peer, TIMEOUT);

      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e.getMessage()).startsWith("server closed the connection while we awaited the answer to SSLRequest");
    }
  }

  @Test
  void givesUpOnASilentServerWithinTheChannelTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(HostilePeer::staySilent)) {
      long start = System.nanoTime();

      StartTlsException e = failure(peer, Duration.ofMillis(500));

      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e.getMessage()).startsWith("server sent nothing while we awaited the answer to SSLRequest");
      assertThat(elapsed).isBetween(Duration.ofMillis(450), Duration.ofMillis(2500));
    }
  }

  private HostilePeer answering(byte[] answer) throws IOException {
    return HostilePeer.start(s -> {
      readRequest(s);
      s.getOutputStream().write(answer);
      s.getOutputStream().flush();
      HostilePeer.drain(s);
    });
  }

  private void readRequest(Socket s) throws IOException {
    byte[] request = new byte[8];
    new DataInputStream(s.getInputStream()).readFully(request);
    received.add(HEX.formatHex(request));
  }

  /** 'E', Int32 length, then each field (type letter and value) NUL-terminated, then a final NUL. */
  private static byte[] errorResponse(String... fields) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String f : fields) {
      body.writeBytes(f.getBytes(StandardCharsets.UTF_8));
      body.write(0);
    }
    body.write(0);
    int length = body.size() + 4;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('E');
    out.writeBytes(new byte[] {(byte) (length >> 24), (byte) (length >> 16), (byte) (length >> 8), (byte) length});
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void upgrade(StartTlsClient client, HostilePeer peer, Duration timeout) throws IOException {
    UpgradedSession.upgrade(client, peer, timeout);
  }

  private static StartTlsException failure(HostilePeer peer, Duration timeout) throws IOException {
    StartTlsException e = UpgradedSession.failure(StartTlsClient.of(StartTls.POSTGRES, "127.0.0.1"), peer, timeout);
    assertThat(e.phase().upgraded()).isFalse();
    return e;
  }
}
