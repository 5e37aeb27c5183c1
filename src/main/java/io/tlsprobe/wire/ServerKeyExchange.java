package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A TLS 1.2 ServerKeyExchange (<a href="https://www.rfc-editor.org/rfc/rfc5246#section-7.4.3">RFC 5246 section
 * 7.4.3</a>). Its body depends on the key exchange the cipher suite negotiated, which the message does not say, so
 * the body is kept as bytes and read as ECDHE or DHE on request.
 *
 * <pre>{@code
 * ServerKeyExchange ske = decoded.first(ServerKeyExchange.class).orElseThrow();
 * ske.ecdhe().map(EcdheParams::namedGroup);  // Optional[29]
 * ske.dhe().map(DheParams::primeBits);       // Optional.empty for an ECDHE suite
 * }</pre>
 *
 * @param body the message body
 */
public record ServerKeyExchange(Bytes body) implements HandshakeMessage {
  public ServerKeyExchange {
    requireNonNull(body, "body");
  }

  @Override
  public int type() {
    return SERVER_KEY_EXCHANGE;
  }

  @Override
  public byte[] encodeBody() {
    return body.toArray();
  }

  /** Reads {@code body} as ECDHE parameters with a named curve; offsets are from the body's start. */
  public static EcdheParams parseEcdhe(Bytes body) {
    return EcdheParams.decode(new WireReader(body.toArray()));
  }

  /** Reads {@code body} as finite-field DHE parameters; offsets are from the body's start. */
  public static DheParams parseDhe(Bytes body) {
    return DheParams.decode(new WireReader(body.toArray()));
  }

  /** The body as ECDHE parameters, or empty when it does not parse as such. */
  public Optional<EcdheParams> ecdhe() {
    try {
      return Optional.of(parseEcdhe(body));
    } catch (TlsDecodeException e) {
      return Optional.empty();
    }
  }

  /** The body as DHE parameters, or empty when it does not parse as such. */
  public Optional<DheParams> dhe() {
    try {
      return Optional.of(parseDhe(body));
    } catch (TlsDecodeException e) {
      return Optional.empty();
    }
  }
}
