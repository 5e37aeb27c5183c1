package io.tlsprobe.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL frontend/backend protocol 3.0 framing for {@link PostgresFront} (<a
 * href="https://www.postgresql.org/docs/current/protocol-message-formats.html">§55.7 Message Formats</a>): reading the
 * client's messages under bounds, building the server's, and the message names the transcript records.
 *
 * <pre>
 * startup packet (F):  Int32 length (counting itself), Int32 code (196608 = protocol 3.0, 80877103 SSLRequest,
 *                      80877104 GSSENCRequest, 80877102 CancelRequest), then for a StartupMessage
 *                      String name, String value, …, Byte1(0)
 * message (F and B):   Byte1 type, Int32 length (counting itself, not the type), body
 * </pre>
 */
final class PostgresWire {
  /** Protocol 3.0 in a StartupMessage: 3 in the high 16 bits, 0 in the low. */
  static final int PROTOCOL_3 = 196608;
  /** The SSLRequest code: 1234 in the high 16 bits, 5679 in the low. */
  static final int SSL_REQUEST = 80877103;
  /** The GSSENCRequest code: 1234 in the high 16 bits, 5680 in the low. */
  static final int GSSENC_REQUEST = 80877104;
  /** The CancelRequest code: 1234 in the high 16 bits, 5678 in the low. */
  static final int CANCEL_REQUEST = 80877102;
  /** The longest startup packet accepted (the server's own MAX_STARTUP_PACKET_LENGTH). */
  static final int MAX_STARTUP_BYTES = 10_000;
  /** The longest regular message accepted (FrontSession's limit for one binary read). */
  static final int MAX_MESSAGE_BYTES = FrontSession.MAX_LINE_BYTES * 8;
  /** How many bytes of a message the transcript shows in hex (the description says when it was cut). */
  static final int MAX_RECORDED_BYTES = 256;

  private PostgresWire() {}

  /**
   * One client message after the startup phase.
   *
   * @param type its type byte ({@code Q}, {@code P}, {@code p}, …)
   * @param body what follows the length
   */
  record Message(char type, byte[] body) {
    /** The message as sent: type, length, body. */
    byte[] bytes() {
      return ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(4 + body.length).put(body).array();
    }

    /** A reader over the body. */
    Body reader() {
      return new Body(body);
    }
  }

  /** Reads one regular message; null at the end of the stream before its first byte. */
  static @Nullable Message read(FrontSession s) throws IOException {
    if (s.peek() < 0) {
      return null;
    }
    byte type = s.readExactly(1)[0];
    int length = ByteBuffer.wrap(s.readExactly(4)).getInt();
    if (length < 4 || length - 4 > MAX_MESSAGE_BYTES) {
      throw new FrontSession.LimitExceeded("the client announced a message '" + (char) (type & 0xFF) + "' of "
          + length + " bytes (4 to " + (MAX_MESSAGE_BYTES + 4) + " accepted)");
    }
    return new Message((char) (type & 0xFF), s.readExactly(length - 4));
  }

  /** Reads a startup packet's length and the rest of it (its code first); the length is checked. */
  static byte[] readStartupPacket(FrontSession s) throws IOException {
    int length = ByteBuffer.wrap(s.readExactly(4)).getInt();
    if (length < 8 || length > MAX_STARTUP_BYTES) {
      throw new FrontSession.LimitExceeded("the client announced a startup packet of " + length + " bytes (8 to "
          + MAX_STARTUP_BYTES + " accepted)");
    }
    return ByteBuffer.allocate(length).putInt(length).put(s.readExactly(length - 4)).array();
  }

  /** Records a client message as {@code description [hex]}, at most {@link #MAX_RECORDED_BYTES} of it. */
  static void recordClient(FrontSession s, String description, byte[] bytes) {
    if (bytes.length <= MAX_RECORDED_BYTES) {
      s.recordClientBytes(description, bytes);
    } else {
      s.recordClientBytes(description + " (" + bytes.length + " bytes, the first " + MAX_RECORDED_BYTES + " shown)",
          Arrays.copyOf(bytes, MAX_RECORDED_BYTES));
    }
  }

  /** The bytes in hex, for descriptions. */
  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** A body being read: NUL-terminated strings and big-endian integers, each read checked against the end. */
  static final class Body {
    private final byte[] bytes;
    private int offset;

    Body(byte[] bytes) {
      this.bytes = bytes;
    }

    /** {@code String}: UTF-8 up to a NUL, which is consumed. */
    String cstring() throws Malformed {
      int end = offset;
      while (end < bytes.length && bytes[end] != 0) {
        end++;
      }
      if (end == bytes.length) {
        throw new Malformed("a string at offset " + offset + " has no terminating NUL");
      }
      String value = new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
      offset = end + 1;
      return value;
    }

    byte byte1() throws Malformed {
      need(1);
      return bytes[offset++];
    }

    int int16() throws Malformed {
      need(2);
      int v = ByteBuffer.wrap(bytes, offset, 2).getShort();
      offset += 2;
      return v;
    }

    int int32() throws Malformed {
      need(4);
      int v = ByteBuffer.wrap(bytes, offset, 4).getInt();
      offset += 4;
      return v;
    }

    void skip(int n) throws Malformed {
      need(n);
      offset += n;
    }

    boolean atEnd() {
      return offset == bytes.length;
    }

    private void need(int n) throws Malformed {
      if (n < 0 || bytes.length - offset < n) {
        throw new Malformed("the message ends at offset " + offset + " where " + n + " more bytes were announced");
      }
    }
  }

  /** A client message whose body does not parse. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /** Builds backend messages, and the names the transcript gives them, for one write. */
  static final class Out {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<String> names = new java.util.ArrayList<>();

    /** Appends a message: type, length, body. */
    Out message(char type, byte[] body, String name) {
      bytes.write(type);
      bytes.writeBytes(ByteBuffer.allocate(4).putInt(4 + body.length).array());
      bytes.writeBytes(body);
      names.add(name);
      return this;
    }

    /** {@code R}: Authentication request {@code code} (0 ok, 3 cleartext password). */
    Out authentication(int code, String name) {
      return message('R', ByteBuffer.allocate(4).putInt(code).array(), name);
    }

    /** {@code S}: ParameterStatus. */
    Out parameterStatus(String name, String value) {
      return message('S', concat(cstring(name), cstring(value)), "ParameterStatus " + name + "=" + value);
    }

    /** {@code Z}: ReadyForQuery with the transaction status ({@code I} idle, {@code T} in a transaction). */
    Out readyForQuery(char status) {
      return message('Z', new byte[] {(byte) status}, "ReadyForQuery " + status);
    }

    /**
     * {@code E}: ErrorResponse with severity, SQLSTATE and message (fields S, V, C, M).
     *
     * <pre>ErrorResponse (B): Byte1('E'), Int32 length, { Byte1 field type, String value }, Byte1(0)</pre>
     */
    Out error(String sqlState, String text) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write('S');
      b.writeBytes(cstring("ERROR"));
      b.write('V');
      b.writeBytes(cstring("ERROR"));
      b.write('C');
      b.writeBytes(cstring(sqlState));
      b.write('M');
      b.writeBytes(cstring(text));
      b.write(0);
      return message('E', b.toByteArray(), "ErrorResponse " + sqlState + " " + text);
    }

    boolean isEmpty() {
      return names.isEmpty();
    }

    /** Sends everything appended in one write, recorded as one line naming each message; then starts afresh. */
    void flush(FrontSession s) throws IOException {
      if (names.isEmpty()) {
        return;
      }
      s.sendBytes(bytes.toByteArray(), String.join(", ", names));
      bytes.reset();
      names.clear();
    }

    /** Everything appended, without sending (for an injection: one write with the go-ahead). */
    byte[] bytes() {
      return bytes.toByteArray();
    }

    String description() {
      return String.join(", ", names);
    }
  }

  static byte[] cstring(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(utf8, utf8.length + 1);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
