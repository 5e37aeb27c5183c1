package io.tlsprobe.starttls;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A MySQL/MariaDB Initial Handshake packet, protocol 10 (<a
 * href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html">
 * Protocol::HandshakeV10</a>), parsed by explicit bounds: every field is checked against the payload's end, and a
 * failure names the field and its offset in the payload.
 *
 * @param serverVersion the server version string, e.g. {@code 5.5.5-10.11.19-MariaDB-0+deb12u1}
 * @param connectionId the server's thread id for this connection
 * @param capabilities the capability flags, lower and upper 16 bits joined
 * @param mariadbCapabilities MariaDB's extended capabilities (the last 4 reserved bytes), 0 from MySQL
 * @param charset the server's default character set id
 * @param status the server status flags
 * @param authPlugin the authentication plugin's name, when {@code CLIENT_PLUGIN_AUTH} is set
 */
record MysqlHandshake(String serverVersion, long connectionId, int capabilities, int mariadbCapabilities, int charset,
    int status, Optional<String> authPlugin) {
  /** The longest server version string accepted. */
  static final int MAX_VERSION_BYTES = 256;

  private static final String[] CAPABILITY_NAMES = {
    "CLIENT_LONG_PASSWORD", "CLIENT_FOUND_ROWS", "CLIENT_LONG_FLAG", "CLIENT_CONNECT_WITH_DB", "CLIENT_NO_SCHEMA",
    "CLIENT_COMPRESS", "CLIENT_ODBC", "CLIENT_LOCAL_FILES", "CLIENT_IGNORE_SPACE", "CLIENT_PROTOCOL_41",
    "CLIENT_INTERACTIVE", "CLIENT_SSL", "CLIENT_IGNORE_SIGPIPE", "CLIENT_TRANSACTIONS", "CLIENT_RESERVED",
    "CLIENT_SECURE_CONNECTION", "CLIENT_MULTI_STATEMENTS", "CLIENT_MULTI_RESULTS", "CLIENT_PS_MULTI_RESULTS",
    "CLIENT_PLUGIN_AUTH", "CLIENT_CONNECT_ATTRS", "CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA",
    "CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS", "CLIENT_SESSION_TRACK", "CLIENT_DEPRECATE_EOF",
    "CLIENT_OPTIONAL_RESULTSET_METADATA", "CLIENT_ZSTD_COMPRESSION_ALGORITHM", "CLIENT_QUERY_ATTRIBUTES",
    "MULTI_FACTOR_AUTHENTICATION", "CLIENT_CAPABILITY_EXTENSION", "CLIENT_SSL_VERIFY_SERVER_CERT",
    "CLIENT_REMEMBER_OPTIONS"
  };
  private static final String[] MARIADB_NAMES = {
    "MARIADB_CLIENT_PROGRESS", "MARIADB_CLIENT_COM_MULTI", "MARIADB_CLIENT_STMT_BULK_OPERATIONS",
    "MARIADB_CLIENT_EXTENDED_METADATA", "MARIADB_CLIENT_CACHE_METADATA"
  };
  private static final int CLIENT_LONG_PASSWORD = 0x1;
  private static final int CLIENT_SECURE_CONNECTION = 0x8000;
  private static final int CLIENT_PLUGIN_AUTH = 0x80000;

  MysqlHandshake {
    requireNonNull(serverVersion, "serverVersion");
    requireNonNull(authPlugin, "authPlugin");
  }

  /**
   * Parses the payload (after the 4-byte packet header).
   *
   * <pre>
   * int&lt;1&gt;     protocol version (10)
   * string&lt;NUL&gt; server version
   * int&lt;4&gt;     thread id
   * string[8]  auth-plugin-data-part-1
   * int&lt;1&gt;     filler (0)
   * int&lt;2&gt;     capability flags, lower 2 bytes
   * -- if more data --
   * int&lt;1&gt;     character set
   * int&lt;2&gt;     status flags
   * int&lt;2&gt;     capability flags, upper 2 bytes
   * int&lt;1&gt;     length of auth-plugin-data (if CLIENT_PLUGIN_AUTH, else 0)
   * string[10] reserved (MariaDB: 6 zero bytes, then int&lt;4&gt; extended capabilities when CLIENT_LONG_PASSWORD is clear)
   * string[$n] auth-plugin-data-part-2, $n = max(13, length - 8)   (if CLIENT_SECURE_CONNECTION)
   * string&lt;NUL&gt; auth plugin name                                  (if CLIENT_PLUGIN_AUTH)
   * </pre>
   *
   * @throws IllegalArgumentException naming the field and its offset when the payload is not such a packet
   */
  static MysqlHandshake parse(byte[] p) {
    Reader r = new Reader(p);
    int protocol = r.u8("protocol version");
    if (protocol != 10) {
      throw new IllegalArgumentException("protocol version " + protocol + " (10 expected) at offset 0");
    }
    String version = r.nulString("server version", MAX_VERSION_BYTES, false);
    long thread = r.u32("thread id");
    r.skip(8, "auth-plugin-data-part-1");
    r.skip(1, "filler");
    int capabilities = r.u16("capability flags (lower)");
    if (!r.more()) {
      return new MysqlHandshake(version, thread, capabilities, 0, 0, 0, Optional.empty());
    }
    int charset = r.u8("character set");
    int status = r.u16("status flags");
    capabilities |= r.u16("capability flags (upper)") << 16;
    int authLength = r.u8("auth-plugin-data length");
    r.skip(6, "reserved");
    int mariadb = (int) r.u32("reserved (MariaDB extended capabilities)");
    if ((capabilities & CLIENT_LONG_PASSWORD) != 0) {
      mariadb = 0;
    }
    if ((capabilities & CLIENT_SECURE_CONNECTION) != 0) {
      r.skip(Math.max(13, authLength - 8), "auth-plugin-data-part-2");
    }
    Optional<String> plugin = Optional.empty();
    if ((capabilities & CLIENT_PLUGIN_AUTH) != 0 && r.more()) {
      // MySQL 5.5.7 to 5.5.9 sent the name without its NUL (bug #59453): accept the packet's end as its end
      plugin = Optional.of(r.nulString("auth plugin name", MAX_VERSION_BYTES, true));
    }
    return new MysqlHandshake(version, thread, capabilities, mariadb, charset, status, plugin);
  }

  /**
   * An ERR packet's payload as text: {@code 1130 (HY000): Host '…' is not allowed to connect}. Before the handshake
   * the server does not know whether the client speaks protocol 4.1, so the {@code #} and SQL state may be missing.
   *
   * <pre>
   * int&lt;1&gt; 0xFF, int&lt;2&gt; error code, [string[1] '#', string[5] SQL state], string&lt;EOF&gt; message
   * </pre>
   */
  static String error(byte[] p) {
    if (p.length < 3) {
      return "(truncated ERR packet of " + p.length + " bytes)";
    }
    int code = (p[1] & 0xFF) | (p[2] & 0xFF) << 8;
    int start = 3;
    String state = "";
    if (p.length >= 9 && p[3] == '#') {
      state = " (" + new String(p, 4, 5, StandardCharsets.ISO_8859_1) + ")";
      start = 9;
    }
    byte[] message = new byte[p.length - start];
    System.arraycopy(p, start, message, 0, message.length);
    return code + state + ": " + Conversation.printable(message);
  }

  /** The names of the capability flags set, lowest bit first, then MariaDB's. */
  List<String> capabilityNames() {
    return names(capabilities, mariadbCapabilities);
  }

  static List<String> names(int capabilities, int mariadb) {
    List<String> names = new ArrayList<>();
    for (int bit = 0; bit < 32; bit++) {
      if ((capabilities & (1 << bit)) != 0) {
        names.add(CAPABILITY_NAMES[bit]);
      }
    }
    for (int bit = 0; bit < 32; bit++) {
      if ((mariadb & (1 << bit)) != 0) {
        names.add(bit < MARIADB_NAMES.length ? MARIADB_NAMES[bit] : "MARIADB_CAPABILITY_" + bit);
      }
    }
    return names;
  }

  /** {@code protocol 10, server 10.11.19-MariaDB, connection 4, auth plugin mysql_native_password}. */
  String describe() {
    return "protocol 10, server " + serverVersion + ", connection " + connectionId
        + authPlugin.map(a -> ", auth plugin " + a).orElse("");
  }

  /** A bounded little-endian reader that names the field and offset it could not read. */
  private static final class Reader {
    private final byte[] p;
    private int off;

    Reader(byte[] p) {
      this.p = p;
    }

    boolean more() {
      return off < p.length;
    }

    private void need(int n, String field) {
      if (p.length - off < n) {
        throw new IllegalArgumentException(field + " needs " + n + " bytes, " + (p.length - off) + " left at offset "
            + off);
      }
    }

    int u8(String field) {
      need(1, field);
      return p[off++] & 0xFF;
    }

    int u16(String field) {
      need(2, field);
      int v = (p[off] & 0xFF) | (p[off + 1] & 0xFF) << 8;
      off += 2;
      return v;
    }

    long u32(String field) {
      need(4, field);
      long v = (p[off] & 0xFFL) | (p[off + 1] & 0xFFL) << 8 | (p[off + 2] & 0xFFL) << 16 | (p[off + 3] & 0xFFL) << 24;
      off += 4;
      return v;
    }

    void skip(int n, String field) {
      need(n, field);
      off += n;
    }

    String nulString(String field, int max, boolean endIsNul) {
      int start = off;
      int end = start;
      while (end < p.length && p[end] != 0 && end - start <= max) {
        end++;
      }
      if (end - start > max) {
        throw new IllegalArgumentException(field + " longer than " + max + " bytes at offset " + start);
      }
      if (end == p.length && !endIsNul) {
        throw new IllegalArgumentException(field + " not terminated by NUL at offset " + start);
      }
      byte[] b = new byte[end - start];
      System.arraycopy(p, start, b, 0, b.length);
      off = Math.min(end + 1, p.length);
      return Conversation.printable(b);
    }
  }
}
