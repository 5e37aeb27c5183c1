package io.tlsprobe.starttls;

import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * MySQL and MariaDB TLS (<a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase.html">
 * client/server protocol, connection phase</a>): the server speaks first with its Initial Handshake packet, whose
 * capability flags include {@code CLIENT_SSL} (0x0800) when it can do TLS; the client answers with the SSL Request
 * packet (the first 32 bytes of a HandshakeResponse41, {@code CLIENT_SSL} set, no user name) and starts TLS at once:
 * the server sends nothing in between. The probe never sends the HandshakeResponse that would carry a user name.
 *
 * <pre>
 * S: Initial Handshake (protocol 10, server 5.5.5-10.11.19-MariaDB, capabilities …|CLIENT_SSL|…)  or  ERR packet
 * C: SSL Request (sequence 1: capabilities, max packet size, charset, 23 reserved bytes)
 * … TLS handshake …
 * </pre>
 *
 * <p>{@code greeting} is the server version string as sent (MariaDB prefixes it with {@code 5.5.5-} for old
 * replication clients); {@code capabilitiesBefore} the names of the capability flags set (and MariaDB's extended
 * ones). {@code plainTextAuthenticationOffered} stays empty (unknown): every handshake offers an authentication
 * plugin before TLS, and whether the server would accept the answer in clear ({@code require_secure_transport},
 * {@code REQUIRE SSL}) is not visible before credentials are sent; the plugin's name is recorded as evidence. There is
 * nothing to ask after TLS without logging in, so {@code capabilitiesAfter} stays empty, and there is no injection
 * check (no line commands).
 */
final class MysqlDialect implements Dialect {
  /** {@code CLIENT_SSL}: the server can switch to TLS after the SSL Request. */
  static final int CLIENT_SSL = 0x0800;
  /** {@code CLIENT_PROTOCOL_41}. */
  static final int CLIENT_PROTOCOL_41 = 0x0200;
  /**
   * What the SSL Request announces: LONG_PASSWORD, LONG_FLAG, PROTOCOL_41, SSL, TRANSACTIONS, SECURE_CONNECTION,
   * PLUGIN_AUTH.
   */
  static final int REQUEST_CAPABILITIES = 0x0001 | 0x0004 | CLIENT_PROTOCOL_41 | CLIENT_SSL | 0x2000 | 0x8000
      | 0x80000;
  /** The largest Initial Handshake accepted; real ones are about 100 bytes. */
  static final int MAX_HANDSHAKE_BYTES = 16 * 1024;
  /** {@code utf8_general_ci}, the charset the SSL Request names (as {@code openssl s_client} does). */
  static final int CHARSET = 33;
  /** The max packet size the SSL Request announces: 16 MiB. */
  static final int MAX_PACKET = 1 << 24;

  @Override
  public void upgrade(Conversation c, @Nullable String inject) throws IOException {
    c.awaiting("the server's Initial Handshake packet");
    byte[] header = c.readExactly(4);
    int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
    int sequence = header[3] & 0xFF;
    if (length > MAX_HANDSHAKE_BYTES) {
      byte[] seen = seen(c, header);
      c.recordServer("not a MySQL handshake", seen);
      throw c.fail(looksLikeText(header) ? Reason.GARBAGE : Reason.TOO_MUCH, "server's first packet announces "
          + length + " bytes (at most " + MAX_HANDSHAKE_BYTES + " expected); not a MySQL handshake: "
          + Conversation.printable(seen));
    }
    if (length == 0 || sequence != 0) {
      c.recordServer("not a MySQL handshake", header);
      throw c.fail(Reason.GARBAGE, "server's first packet is not a MySQL handshake: length " + length
          + ", sequence " + sequence + " (sequence 0 and a payload expected)");
    }
    byte[] payload = c.readExactly(length);
    byte[] packet = ByteBuffer.allocate(4 + length).put(header).put(payload).array();
    if ((payload[0] & 0xFF) == 0xFF) {
      String error = MysqlHandshake.error(payload);
      c.recordServer("ERR packet " + error, packet);
      c.phase().greeting("ERR " + error);
      throw c.fail(Reason.REFUSED, "server refused the connection in its greeting: ERR " + error);
    }
    MysqlHandshake hello;
    try {
      hello = MysqlHandshake.parse(payload);
    } catch (IllegalArgumentException e) {
      c.recordServer("malformed MySQL Initial Handshake", packet);
      throw c.fail(Reason.GARBAGE, "server's greeting is not a MySQL Initial Handshake: " + e.getMessage());
    }
    c.recordServer("Initial Handshake " + hello.describe(), packet);
    c.phase().greeting(hello.serverVersion());
    c.phase().capabilitiesBefore(hello.capabilityNames());
    boolean advertised = (hello.capabilities() & CLIENT_SSL) != 0;
    c.phase().startTlsAdvertised(advertised);
    hello.authPlugin().ifPresent(p -> c.phase().authenticationEvidence("auth plugin " + p
        + " offered in the Initial Handshake before TLS"));
    if (!advertised) {
      throw c.fail(Reason.NOT_ADVERTISED, "server did not advertise TLS: CLIENT_SSL is not set in its handshake ("
          + hello.serverVersion() + "); capabilities were: " + String.join(", ", hello.capabilityNames()));
    }
    c.awaiting("the TLS handshake after the SSL Request");
    c.sendBytes(sslRequest(), "SSL Request (sequence 1, capabilities "
        + String.join("|", MysqlHandshake.names(REQUEST_CAPABILITIES, 0)) + ", max packet " + MAX_PACKET
        + ", charset " + CHARSET + ")");
    c.phase().upgraded(true);
  }

  /**
   * The SSL Request packet (the first 32 bytes of HandshakeResponse41).
   *
   * <pre>
   * int&lt;3&gt; payload length (32), int&lt;1&gt; sequence id (1)
   * int&lt;4&gt; client capabilities
   * int&lt;4&gt; max packet size
   * int&lt;1&gt; character set
   * string[23] reserved, all 0 (MariaDB: 19 bytes, then int&lt;4&gt; extended capabilities, here 0)
   * </pre>
   */
  static byte[] sslRequest() {
    ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 32).put((byte) 0).put((byte) 0).put((byte) 1);
    b.putInt(REQUEST_CAPABILITIES).putInt(MAX_PACKET).put((byte) CHARSET);
    return b.array();
  }

  /** The header and whatever else has arrived already (up to 60 bytes), without waiting for more. */
  private static byte[] seen(Conversation c, byte[] header) throws IOException {
    byte[] more = c.buffered() > 0 ? c.readSome(60) : new byte[0];
    return ByteBuffer.allocate(header.length + more.length).put(header).put(more).array();
  }

  private static boolean looksLikeText(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0x20 || b > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
