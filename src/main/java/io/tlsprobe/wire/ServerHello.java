package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A ServerHello (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3">RFC 8446 section 4.1.3</a>), or
 * a HelloRetryRequest, which is a ServerHello whose random is {@link HelloCodec#HELLO_RETRY_REQUEST_RANDOM}:
 *
 * <pre>
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *     Random random;
 *     opaque legacy_session_id_echo&lt;0..32&gt;;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method = 0;
 *     Extension extensions&lt;6..2^16-1&gt;;
 * } ServerHello;
 * </pre>
 *
 * <pre>{@code
 * ServerHello hello = TlsDecoder.decode(bytes).serverHello().orElseThrow();
 * hello.selectedVersion();   // 772 (TLS 1.3, from supported_versions)
 * hello.cipherSuite();       // 4865
 * hello.keyShareGroup();     // Optional[29]
 * }</pre>
 *
 * @param legacyVersion {@code legacy_version}
 * @param random the 32-byte random
 * @param sessionId {@code legacy_session_id_echo}
 * @param cipherSuite the chosen cipher suite
 * @param compressionMethod the chosen compression method
 * @param extensions extensions in wire order
 * @param hasExtensionsBlock whether an extensions block was present (TLS 1.2 and earlier may omit it)
 */
public record ServerHello(
    int legacyVersion,
    Bytes random,
    Bytes sessionId,
    int cipherSuite,
    int compressionMethod,
    List<Extension> extensions,
    boolean hasExtensionsBlock)
    implements HandshakeMessage, WithExtensions {

  public ServerHello {
    requireNonNull(random, "random");
    requireNonNull(sessionId, "sessionId");
    extensions = List.copyOf(extensions);
    if (!hasExtensionsBlock && !extensions.isEmpty()) {
      throw new IllegalArgumentException("extensions need an extensions block: hasExtensionsBlock is false");
    }
  }

  @Override
  public int type() {
    return SERVER_HELLO;
  }

  @Override
  public byte[] encodeBody() {
    return HelloCodec.encodeServerHello(this);
  }

  /** Whether this is a HelloRetryRequest (RFC 8446 section 4.1.3). */
  public boolean isHelloRetryRequest() {
    return random.equals(HelloCodec.HELLO_RETRY_REQUEST_RANDOM);
  }

  /** The negotiated version: supported_versions' selected_version if present, else legacy_version. */
  public int selectedVersion() {
    return extension(SupportedVersionsExtension.class)
        .flatMap(SupportedVersionsExtension::selectedVersion)
        .orElse(legacyVersion);
  }

  /** The group of the server's key share, or a HelloRetryRequest's selected group. */
  public Optional<Integer> keyShareGroup() {
    return extension(KeyShareExtension.class)
        .filter(k -> k.form() != KeyShareExtension.Form.CLIENT_SHARES)
        .map(k -> k.entries().get(0).group());
  }

  /** The ALPN protocol the server selected, if any. */
  public Optional<String> alpn() {
    return extension(AlpnExtension.class).flatMap(a -> a.protocolNames().stream().findFirst());
  }
}
