package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * A handshake message the codec does not read further (Finished, CertificateRequest, NewSessionTicket, …), kept as
 * its type and body.
 *
 * <pre>{@code
 * new UnknownHandshake(HandshakeMessage.FINISHED, verifyData);
 * }</pre>
 *
 * @param type the {@code msg_type}
 * @param body the body bytes
 */
public record UnknownHandshake(int type, Bytes body) implements HandshakeMessage {
  public UnknownHandshake {
    requireNonNull(body, "body");
    if (type < 0 || type > 0xff) {
      throw new IllegalArgumentException("handshake type " + type + " out of range");
    }
  }

  @Override
  public byte[] encodeBody() {
    return body.toArray();
  }
}
