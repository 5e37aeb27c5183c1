package io.tlsprobe.wire;

/**
 * ServerHelloDone (<a href="https://www.rfc-editor.org/rfc/rfc5246#section-7.4.5">RFC 5246 section 7.4.5</a>):
 * the end of a TLS 1.2 server's first flight, with an empty body ({@code struct { } ServerHelloDone;}).
 *
 * <pre>{@code
 * new ServerHelloDone().encode(); // 0e 000000
 * }</pre>
 */
public record ServerHelloDone() implements HandshakeMessage {
  @Override
  public int type() {
    return SERVER_HELLO_DONE;
  }

  @Override
  public byte[] encodeBody() {
    return new byte[0];
  }

  static ServerHelloDone decode(WireReader r) {
    r.expectEnd("ServerHelloDone");
    return new ServerHelloDone();
  }
}
