package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A ClientHello (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.1.2">RFC 8446 section 4.1.2</a>), with
 * every code point kept as the integer on the wire, in wire order, GREASE values included:
 *
 * <pre>
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *     Random random;                              // 32 bytes
 *     opaque legacy_session_id&lt;0..32&gt;;
 *     CipherSuite cipher_suites&lt;2..2^16-2&gt;;
 *     opaque legacy_compression_methods&lt;1..2^8-1&gt;;
 *     Extension extensions&lt;8..2^16-1&gt;;          // absent in SSLv3-era hellos
 * } ClientHello;
 * </pre>
 *
 * <pre>{@code
 * ClientHello hello = TlsDecoder.decode(bytes).clientHello().orElseThrow();
 * hello.cipherSuites();     // [4866, 4867, 4865, 49196, …]
 * hello.serverName();       // Optional[example.com]
 * Ja3.of(hello).hash();     // "0149f47eabf9a20d0893e2a44e5a6323"
 * }</pre>
 *
 * @param legacyVersion {@code legacy_version}, e.g. {@code 0x0303}
 * @param random the 32-byte random
 * @param sessionId {@code legacy_session_id}, 0 to 32 bytes
 * @param cipherSuites cipher suite code points in wire order
 * @param compressionMethods compression method code points in wire order
 * @param extensions the extensions in wire order; empty when the hello had no extensions block
 * @param hasExtensionsBlock whether the hello carried an extensions block at all (an empty block encodes as two
 *     zero bytes, an absent one as nothing)
 */
public record ClientHello(
    int legacyVersion,
    Bytes random,
    Bytes sessionId,
    List<Integer> cipherSuites,
    List<Integer> compressionMethods,
    List<Extension> extensions,
    boolean hasExtensionsBlock)
    implements HandshakeMessage, WithExtensions {

  public ClientHello {
    requireNonNull(random, "random");
    requireNonNull(sessionId, "sessionId");
    cipherSuites = List.copyOf(cipherSuites);
    compressionMethods = List.copyOf(compressionMethods);
    extensions = List.copyOf(extensions);
    if (!hasExtensionsBlock && !extensions.isEmpty()) {
      throw new IllegalArgumentException("extensions need an extensions block: hasExtensionsBlock is false");
    }
  }

  @Override
  public int type() {
    return CLIENT_HELLO;
  }

  @Override
  public byte[] encodeBody() {
    return HelloCodec.encodeClientHello(this);
  }

  /** A builder for hand-made ClientHellos; see {@link ClientHelloBuilder}. */
  public static ClientHelloBuilder builder() {
    return new ClientHelloBuilder();
  }

  /** The host_name in server_name, if sent. */
  public Optional<String> serverName() {
    return extension(ServerNameExtension.class).flatMap(ServerNameExtension::hostName);
  }

  /** ALPN protocol names in wire order (decoded as UTF-8/ASCII), empty when not sent. */
  public List<String> alpn() {
    return extension(AlpnExtension.class).map(AlpnExtension::protocolNames).orElse(List.of());
  }

  /** supported_groups code points in wire order, empty when not sent. */
  public List<Integer> supportedGroups() {
    return extension(SupportedGroupsExtension.class).map(SupportedGroupsExtension::groups).orElse(List.of());
  }

  /** ec_point_formats code points in wire order, empty when not sent. */
  public List<Integer> ecPointFormats() {
    return extension(EcPointFormatsExtension.class).map(EcPointFormatsExtension::formats).orElse(List.of());
  }

  /** signature_algorithms code points in wire order, empty when not sent. */
  public List<Integer> signatureAlgorithms() {
    return schemes(ExtensionTypes.SIGNATURE_ALGORITHMS);
  }

  /** signature_algorithms_cert code points in wire order, empty when not sent. */
  public List<Integer> signatureAlgorithmsCert() {
    return schemes(ExtensionTypes.SIGNATURE_ALGORITHMS_CERT);
  }

  /** supported_versions code points in wire order, empty when not sent. */
  public List<Integer> supportedVersions() {
    return extension(SupportedVersionsExtension.class).map(SupportedVersionsExtension::versions).orElse(List.of());
  }

  private List<Integer> schemes(int type) {
    return extension(type)
        .filter(SignatureAlgorithmsExtension.class::isInstance)
        .map(e -> ((SignatureAlgorithmsExtension) e).schemes())
        .orElse(List.of());
  }
}
