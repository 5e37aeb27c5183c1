package io.tlsprobe.wire;

import java.util.List;
import java.util.Optional;

/**
 * A TLS 1.3 EncryptedExtensions message (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.3.1">RFC 8446
 * section 4.3.1</a>): the server's answers to the extensions that do not shape the key exchange (ALPN, server_name,
 * heartbeat, record_size_limit…), sent right after the ServerHello under the handshake traffic keys. It travels
 * encrypted, so {@link TlsDecoder} never meets one in clear; decode its decrypted body with {@link #decode(byte[])}.
 *
 * <pre>{@code
 * EncryptedExtensions ee = EncryptedExtensions.decode(HexFormat.of().parseHex("0009001000050003026832"));
 * ee.alpn(); // Optional[h2]
 * }</pre>
 *
 * @param extensions the extensions, in the order sent
 */
public record EncryptedExtensions(List<Extension> extensions) implements HandshakeMessage, WithExtensions {
  public EncryptedExtensions {
    extensions = List.copyOf(extensions);
  }

  /*
   * struct {
   *     Extension extensions<0..2^16-1>;
   * } EncryptedExtensions;
   */
  /**
   * Decodes a decrypted body (without the handshake header).
   *
   * @throws TlsDecodeException for malformed bytes, naming the field and the offset into {@code body}
   */
  public static EncryptedExtensions decode(byte[] body) {
    WireReader r = new WireReader(body);
    List<Extension> extensions = Extensions.decodeAll(r.block16("EncryptedExtensions.extensions", 0),
        ExtensionContext.ENCRYPTED_EXTENSIONS);
    r.expectEnd("EncryptedExtensions");
    return new EncryptedExtensions(extensions);
  }

  /** The protocol ALPN chose, if the server answered one (RFC 7301 section 3.1). */
  public Optional<String> alpn() {
    return extension(AlpnExtension.class).flatMap(a -> a.protocolNames().stream().findFirst());
  }

  @Override
  public int type() {
    return ENCRYPTED_EXTENSIONS;
  }

  @Override
  public byte[] encodeBody() {
    WireWriter w = new WireWriter();
    w.block16(x -> Extensions.encodeAll(x, extensions));
    return w.toByteArray();
  }
}
