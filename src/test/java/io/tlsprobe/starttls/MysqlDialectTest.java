package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.starttls.StartTlsException.Reason;
import io.tlsprobe.testing.HostilePeer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MysqlDialectTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final int TIMEOUT_MILLIS = 2000;
  /** MariaDB 10.11.19's Initial Handshake as it sent it on loopback (connection 4, mysql_native_password). */
  private static final String MARIADB_HANDSHAKE = "640000000a352e352e352d31302e31312e31392d4d6172696144422d302b"
      + "646562313275310004000000463c3b5167356d4a00feff080200ff81150000000000001d00000069503350782d737b3530334d"
      + "006d7973716c5f6e61746976655f70617373776f726400";
  /** The SSL Request: length 32, sequence 1, capabilities 0x0008aa05, max packet 16 MiB, charset 33, 23 zeros. */
  private static final String SSL_REQUEST = "2000000105aa08000000000121" + "00".repeat(23);

  private final List<String> received = new CopyOnWriteArrayList<>();

  @Test
  void sendsTheSslRequestAfterAMariadbHandshakeWithClientSsl() throws Exception {
    HostilePeer peer = answering(HEX.parseHex(MARIADB_HANDSHAKE));
    StartTlsClient client = StartTlsClient.of(StartTls.MYSQL, "127.0.0.1");

    upgrade(client, peer, TIMEOUT_MILLIS);
    awaitReceived();
    peer.close();

    PlainTextPhase phase = client.phase();
    assertThat(received).containsExactly(SSL_REQUEST);
    assertThat(phase.upgraded()).isTrue();
    assertThat(phase.greeting()).contains("5.5.5-10.11.19-MariaDB-0+deb12u1");
    assertThat(phase.startTlsAdvertised()).contains(true);
    assertThat(phase.capabilitiesBefore()).startsWith("CLIENT_FOUND_ROWS", "CLIENT_LONG_FLAG")
        .contains("CLIENT_SSL", "CLIENT_PLUGIN_AUTH").doesNotContain("CLIENT_LONG_PASSWORD")
        .endsWith("MARIADB_CLIENT_PROGRESS", "MARIADB_CLIENT_STMT_BULK_OPERATIONS",
            "MARIADB_CLIENT_EXTENDED_METADATA", "MARIADB_CLIENT_CACHE_METADATA");
    assertThat(phase.plainTextAuthenticationOffered()).isEmpty();
    assertThat(phase.authenticationEvidence())
        .containsExactly("auth plugin mysql_native_password offered in the Initial Handshake before TLS");
    assertThat(phase.transcript()).extracting(PlainTextPhase.Line::toString).containsExactly(
        "S: Initial Handshake protocol 10, server 5.5.5-10.11.19-MariaDB-0+deb12u1, connection 4, auth plugin"
            + " mysql_native_password [" + MARIADB_HANDSHAKE + "]",
        "C: SSL Request (sequence 1, capabilities CLIENT_LONG_PASSWORD|CLIENT_LONG_FLAG|CLIENT_PROTOCOL_41|CLIENT_SSL"
            + "|CLIENT_TRANSACTIONS|CLIENT_SECURE_CONNECTION|CLIENT_PLUGIN_AUTH, max packet 16777216, charset 33) ["
            + SSL_REQUEST + "]");
    assertThat(StartTlsClient.supportsInjectionCheck(StartTls.MYSQL)).isFalse();
  }

  @Test
  void readsAMysql8HandshakeWithoutMariadbCapabilities() {
    // MySQL 8.0: CLIENT_LONG_PASSWORD set, so the last reserved bytes are not MariaDB's capabilities
    byte[] payload = HEX.parseHex("0a" + HEX.formatHex("8.0.36\0".getBytes(StandardCharsets.US_ASCII)) + "0d000000"
        + "0102030405060708" + "00" + "ffff" + "ff" + "0200" + "ffdf" + "15" + "00".repeat(6) + "ffffffff"
        + "0102030405060708090a0b0c00" + HEX.formatHex("caching_sha2_password\0".getBytes(StandardCharsets.US_ASCII)));

    MysqlHandshake hello = MysqlHandshake.parse(payload);

    assertThat(hello.serverVersion()).isEqualTo("8.0.36");
    assertThat(hello.connectionId()).isEqualTo(13);
    assertThat(hello.authPlugin()).contains("caching_sha2_password");
    assertThat(hello.mariadbCapabilities()).isZero();
    assertThat(hello.capabilityNames()).startsWith("CLIENT_LONG_PASSWORD").contains("CLIENT_SSL")
        .noneMatch(n -> n.startsWith("MARIADB_")).doesNotContain("CLIENT_CAPABILITY_EXTENSION");
  }

  @Test
  void sendsNothingToAServerWithoutClientSsl() throws Exception {
    // capability flags (lower) 0xfffe with 0x0800 cleared: 0xf7fe
    String withoutSsl = MARIADB_HANDSHAKE.replace("00feff0802", "00fef70802");
    HostilePeer peer = answering(HEX.parseHex(withoutSsl));

    StartTlsException e = failure(peer, TIMEOUT_MILLIS);
    awaitReceived();
    peer.close();

    assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
    assertThat(e.getMessage()).startsWith("server did not advertise TLS: CLIENT_SSL is not set in its handshake"
        + " (5.5.5-10.11.19-MariaDB-0+deb12u1); capabilities were: CLIENT_FOUND_ROWS, CLIENT_LONG_FLAG, ")
        .doesNotContain("CLIENT_SSL,");
    assertThat(e.phase().startTlsAdvertised()).contains(false);
    assertThat(received).containsExactly("");
  }

  @Test
  void quotesAnErrPacketGreetingAsARefusal() throws Exception {
    byte[] message = "Host '127.0.0.1' is not allowed to connect to this MariaDB server"
        .getBytes(StandardCharsets.US_ASCII);
    try (HostilePeer peer = answering(packet(0, concat(HEX.parseHex("ff6a04"), message)))) {
      StartTlsException e = failure(peer, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused the connection in its greeting: ERR 1130: Host"
          + " '127.0.0.1' is not allowed to connect to this MariaDB server");
      assertThat(e.phase().greeting()).contains("ERR 1130: Host '127.0.0.1' is not allowed to connect to this"
          + " MariaDB server");
    }
  }

  @Test
  void quotesTheSqlStateOfAProtocol41ErrPacket() throws Exception {
    byte[] payload = concat(HEX.parseHex("ff1004"), "#08004Too many connections".getBytes(StandardCharsets.US_ASCII));
    try (HostilePeer peer = answering(packet(0, payload))) {
      StartTlsException e = failure(peer, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused the connection in its greeting: ERR 1040 (08004): Too"
          + " many connections");
    }
  }

  @Test
  void namesTheFieldAndOffsetOfATruncatedHandshake() throws Exception {
    // protocol 10, "5.5.5" NUL, thread id, then only 3 of the 8 auth-plugin-data bytes
    byte[] payload = HEX.parseHex("0a" + HEX.formatHex("5.5.5".getBytes(StandardCharsets.US_ASCII)) + "00"
        + "04000000" + "414243");
    try (HostilePeer peer = answering(packet(0, payload))) {
      StartTlsException e = failure(peer, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).isEqualTo("server's greeting is not a MySQL Initial Handshake:"
          + " auth-plugin-data-part-1 needs 8 bytes, 3 left at offset 11");
    }
  }

  @Test
  void rejectsAnUnterminatedServerVersion() throws Exception {
    try (HostilePeer peer = answering(packet(0, HEX.parseHex("0a352e35")))) {
      StartTlsException e = failure(peer, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).endsWith("server version not terminated by NUL at offset 1");
    }
  }

  @Test
  void rejectsAProtocolVersionOtherThan10() throws Exception {
    try (HostilePeer peer = answering(packet(0, HEX.parseHex("09352e3500")))) {
      StartTlsException e = failure(peer, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).endsWith("protocol version 9 (10 expected) at offset 0");
    }
  }

  @Test
  void rejectsAFirstPacketWithANonZeroSequence() throws Exception {
    try (HostilePeer peer = answering(packet(3, HEX.parseHex("0a")))) {
      StartTlsException e = failure(peer, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).isEqualTo("server's first packet is not a MySQL handshake: length 1, sequence 3"
          + " (sequence 0 and a payload expected)");
    }
  }

  @Test
  void quotesATextGreetingAsGarbage() throws Exception {
    try (HostilePeer peer = answering("220 mail.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII))) {
      StartTlsException e = failure(peer, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).startsWith("server's first packet announces 3158578 bytes (at most 16384"
          + " expected); not a MySQL handshake: 220 mail.test ESMTP");
    }
  }

  @Test
  void refusesAnOversizedPacketWithoutReadingIt() throws Exception {
    try (HostilePeer peer = answering(HEX.parseHex("ffffff000a"))) {
      StartTlsException e = failure(peer, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.TOO_MUCH);
      assertThat(e.getMessage()).startsWith("server's first packet announces 16777215 bytes (at most 16384"
          + " expected)");
    }
  }

  @Test
  void reportsAServerClosingMidPacket() throws Exception {
    byte[] half = HEX.parseHex(MARIADB_HANDSHAKE.substring(0, 40));
    try (HostilePeer peer = HostilePeer.start(s -> {
      s.getOutputStream().write(half);
      s.getOutputStream().flush();
      s.close();
    })) {
      StartTlsException e = failure(peer, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e.getMessage()).startsWith("server closed the connection while we awaited the server's Initial"
          + " Handshake packet");
    }
  }

  @Test
  void givesUpOnASilentServerWithinTheChannelTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(HostilePeer::staySilent)) {
      long start = System.nanoTime();

      StartTlsException e = failure(peer, 500);

      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e.getMessage()).startsWith("server sent nothing while we awaited the server's Initial Handshake"
          + " packet");
      assertThat(elapsed).isBetween(Duration.ofMillis(450), Duration.ofMillis(2500));
    }
  }

  /** Sends {@code greeting}, then records (hex) everything the client sends until it closes. */
  private HostilePeer answering(byte[] greeting) throws IOException {
    return HostilePeer.start(s -> {
      s.getOutputStream().write(greeting);
      s.getOutputStream().flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buffer = new byte[256];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        got.write(buffer, 0, n);
      }
      received.add(HEX.formatHex(got.toByteArray()));
    });
  }

  /** Waits (up to 5 s) until the peer saw the client close and recorded what it received. */
  private void awaitReceived() throws InterruptedException {
    long end = System.nanoTime() + 5_000_000_000L;
    while (received.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
  }

  private static byte[] packet(int sequence, byte[] payload) {
    byte[] header = {(byte) payload.length, (byte) (payload.length >> 8), (byte) (payload.length >> 16),
        (byte) sequence};
    return concat(header, payload);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void upgrade(StartTlsClient client, HostilePeer peer, int timeoutMillis) throws IOException {
    try (Socket socket = connect(peer, timeoutMillis)) {
      client.upgrade(PlainTextChannel.of(socket));
    }
  }

  private static StartTlsException failure(HostilePeer peer, int timeoutMillis) throws IOException {
    StartTlsClient client = StartTlsClient.of(StartTls.MYSQL, "127.0.0.1");
    try (Socket socket = connect(peer, timeoutMillis)) {
      StartTlsException e = catchThrowableOfType(StartTlsException.class,
          () -> client.upgrade(PlainTextChannel.of(socket)));
      assertThat(e).as("upgrade should have failed; phase: " + client.phase()).isNotNull();
      assertThat(e.phase().upgraded()).isFalse();
      return e;
    }
  }

  private static Socket connect(HostilePeer peer, int timeoutMillis) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), peer.port());
    socket.setSoTimeout(timeoutMillis);
    return socket;
  }
}
