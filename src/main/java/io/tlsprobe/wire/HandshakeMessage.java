package io.tlsprobe.wire;

/**
 * One handshake message (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4">RFC 8446 section 4</a>):
 *
 * <pre>
 * struct {
 *     HandshakeType msg_type;    // handshake type
 *     uint24 length;             // remaining bytes in message
 *     select (Handshake.msg_type) { … };
 * } Handshake;
 * </pre>
 *
 * <p>Implementations are immutable records: {@link ClientHello}, {@link ServerHello} (which also carries a
 * HelloRetryRequest), {@link CertificateMessage}, {@link ServerKeyExchange}, {@link CertificateStatus},
 * {@link ServerHelloDone}, and {@link UnknownHandshake} for every other type, kept as bytes.
 */
public interface HandshakeMessage {
  int CLIENT_HELLO = 1;
  int SERVER_HELLO = 2;
  int NEW_SESSION_TICKET = 4;
  int END_OF_EARLY_DATA = 5;
  int ENCRYPTED_EXTENSIONS = 8;
  int CERTIFICATE = 11;
  int SERVER_KEY_EXCHANGE = 12;
  int CERTIFICATE_REQUEST = 13;
  int SERVER_HELLO_DONE = 14;
  int CERTIFICATE_VERIFY = 15;
  int CLIENT_KEY_EXCHANGE = 16;
  int FINISHED = 20;
  int CERTIFICATE_STATUS = 22;
  int KEY_UPDATE = 24;
  int MESSAGE_HASH = 254;

  /** The {@code msg_type} code point. */
  int type();

  /** The body of the message as it goes on the wire, without the 4-byte type and length header. */
  byte[] encodeBody();

  /** The whole message: type, uint24 length and body. */
  default byte[] encode() {
    byte[] body = encodeBody();
    byte[] out = new byte[4 + body.length];
    out[0] = (byte) type();
    out[1] = (byte) (body.length >>> 16);
    out[2] = (byte) (body.length >>> 8);
    out[3] = (byte) body.length;
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }
}
