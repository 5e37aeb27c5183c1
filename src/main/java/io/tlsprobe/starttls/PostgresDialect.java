package io.tlsprobe.starttls;

import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's SSL session encryption (<a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL">protocol
 * 3.0, §55.2.10</a>): the client sends an SSLRequest instead of a StartupMessage, and the server answers with one
 * byte, {@code S} (start TLS now) or {@code N} (no SSL); a server that does not know the request answers with an
 * ErrorResponse. The server announces nothing before, so {@code startTlsAdvertised} stays empty. A byte the server
 * sends after {@code S} and before TLS (the buffering flaw of CVE-2021-23214) is recorded by {@link StartTlsClient}.
 *
 * <pre>
 * SSLRequest (F):    Int32(8) length, Int32(80877103) the SSL request code (1234 &lt;&lt; 16 | 5679)
 * answer (B):        Byte1('S') | Byte1('N') | ErrorResponse
 * ErrorResponse (B): Byte1('E'), Int32 length (counting itself), then fields: Byte1 type, String (NUL-terminated)
 *                    value, …, and a terminating Byte1(0)
 * </pre>
 */
final class PostgresDialect implements Dialect {
  /** The SSLRequest code: 1234 in the high 16 bits, 5679 in the low. */
  static final int SSL_REQUEST_CODE = 80877103;
  /** The largest ErrorResponse accepted in answer to SSLRequest (libpq reads no more either). */
  static final int MAX_ERROR_BYTES = 30000;
  /** The longest protocol-2 error message (text up to a NUL) accepted. */
  static final int MAX_V2_ERROR_BYTES = 4096;

  @Override
  public void upgrade(Conversation c, @Nullable String inject) throws IOException {
    c.awaiting("the answer to SSLRequest");
    byte[] request = ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST_CODE).array();
    c.sendBytes(request, "PostgreSQL SSLRequest (length 8, code " + SSL_REQUEST_CODE + ")");
    byte answer = c.readExactly(1)[0];
    switch (answer) {
      case 'S' -> {
        c.recordServer("PostgreSQL 'S': SSL accepted", new byte[] {answer});
        c.phase().upgraded(true);
      }
      case 'N' -> {
        c.recordServer("PostgreSQL 'N': SSL refused", new byte[] {answer});
        throw c.fail(Reason.REFUSED, "server refused SSL: answered N");
      }
      case 'E' -> throw c.fail(Reason.REFUSED, "server answered SSLRequest with an error: " + errorResponse(c));
      default -> {
        byte[] seen = new byte[1 + Math.min(c.buffered(), 63)];
        seen[0] = answer;
        System.arraycopy(c.drainBuffered(), 0, seen, 1, seen.length - 1);
        c.recordServer("not a PostgreSQL answer", seen);
        throw c.fail(Reason.GARBAGE, "server's answer to SSLRequest is not S, N or an ErrorResponse: "
            + Conversation.printable(seen));
      }
    }
  }

  /**
   * Reads the ErrorResponse after its {@code E}, records it and returns its fields as text: {@code FATAL 0A000
   * unsupported frontend protocol 1234.5679}.
   */
  private static String errorResponse(Conversation c) throws IOException {
    byte[] lengthBytes = c.readExactly(4);
    int length = ByteBuffer.wrap(lengthBytes).getInt();
    if (length > MAX_ERROR_BYTES && printable(lengthBytes)) {
      return protocol2Error(c, lengthBytes);
    }
    if (length < 5 || length > MAX_ERROR_BYTES) {
      byte[] seen = {'E', lengthBytes[0], lengthBytes[1], lengthBytes[2], lengthBytes[3]};
      c.recordServer("malformed PostgreSQL ErrorResponse", seen);
      throw c.fail(length > MAX_ERROR_BYTES ? Reason.TOO_MUCH : Reason.GARBAGE, "server's ErrorResponse to"
          + " SSLRequest announces " + length + " bytes (5 to " + MAX_ERROR_BYTES + " expected): "
          + Conversation.printable(seen));
    }
    byte[] body = c.readExactly(length - 4);
    ByteBuffer whole = ByteBuffer.allocate(1 + length).put((byte) 'E').put(lengthBytes).put(body);
    List<String> fields = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    int i = 0;
    while (i < body.length && body[i] != 0) {
      char type = (char) (body[i] & 0xFF);
      int end = i + 1;
      while (end < body.length && body[end] != 0) {
        end++;
      }
      if (end == body.length) {
        c.recordServer("malformed PostgreSQL ErrorResponse", whole.array());
        throw c.fail(Reason.GARBAGE, "server's ErrorResponse to SSLRequest has an unterminated field '" + type
            + "' at offset " + (5 + i));
      }
      byte[] value = new byte[end - i - 1];
      System.arraycopy(body, i + 1, value, 0, value.length);
      String text = Conversation.printable(value);
      // S severity, C SQLSTATE code, M message first; the detail, hint and the rest after them (protocol §55.8)
      if (type == 'S' || type == 'C' || type == 'M') {
        fields.add(text);
      } else if (type == 'D' || type == 'H') {
        rest.add(text);
      }
      i = end + 1;
    }
    if (i != body.length - 1) {
      c.recordServer("malformed PostgreSQL ErrorResponse", whole.array());
      throw c.fail(Reason.GARBAGE, "server's ErrorResponse to SSLRequest does not end with its terminating 0 at"
          + " offset " + (5 + Math.min(i, body.length)));
    }
    fields.addAll(rest);
    String text = String.join(" ", fields);
    c.recordServer("PostgreSQL ErrorResponse " + text, whole.array());
    return text.isEmpty() ? "(no message)" : text;
  }

  /**
   * A server before protocol 3 (PostgreSQL 7.3 and older) answers with {@code E} and a NUL-terminated message; its
   * first four bytes, text, were read as a length. Reads the rest up to the NUL, at most {@link #MAX_V2_ERROR_BYTES}.
   */
  private static String protocol2Error(Conversation c, byte[] start) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.writeBytes(start);
    while (true) {
      byte b = c.readExactly(1)[0];
      if (b == 0) {
        break;
      }
      if (message.size() >= MAX_V2_ERROR_BYTES) {
        c.recordServer("PostgreSQL protocol-2 error, unterminated", message.toByteArray());
        throw c.fail(Reason.TOO_MUCH, "server's protocol-2 error message in answer to SSLRequest has no end within "
            + MAX_V2_ERROR_BYTES + " bytes");
      }
      message.write(b);
    }
    byte[] bytes = message.toByteArray();
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == ' ')) {
      end--;
    }
    String text = Conversation.printable(Arrays.copyOf(bytes, end));
    c.recordServer("PostgreSQL protocol-2 error " + text, bytes);
    return text + " (a protocol-2 error message)";
  }

  private static boolean printable(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0x20 || b > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
