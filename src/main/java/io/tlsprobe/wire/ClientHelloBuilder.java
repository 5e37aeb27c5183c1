package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds a ClientHello by hand, including what the JDK will not offer (old versions, weak suites, compression).
 * Extensions appear in the order their setters were first called; setting one again replaces it in place.
 *
 * <pre>{@code
 * ClientHello hello = ClientHello.builder()
 *     .cipherSuites(0x1301, 0xc02f)
 *     .serverName("localhost")
 *     .supportedGroups(0x001d)
 *     .supportedVersions(0x0304, 0x0303)
 *     .keyShare(0x001d, Bytes.of(x25519PublicKey))
 *     .build();
 * socket.getOutputStream().write(TlsRecord.wrapHandshake(hello.encode(), 0x0301));
 * }</pre>
 */
public final class ClientHelloBuilder {
  private int legacyVersion = 0x0303;
  private @Nullable Bytes random;
  private @Nullable SecureRandom secureRandom;
  private Bytes sessionId = Bytes.empty();
  private List<Integer> cipherSuites = List.of();
  private List<Integer> compressionMethods = List.of(0);
  private final Map<Integer, Extension> extensions = new LinkedHashMap<>();
  private final List<KeyShareEntry> keyShares = new ArrayList<>();
  private boolean hasExtensionsBlock = true;

  /** A builder with the defaults each setter documents. */
  public ClientHelloBuilder() {}

  /** {@code legacy_version}. Default {@code 0x0303} (TLS 1.2, as TLS 1.3 clients send too). */
  public ClientHelloBuilder legacyVersion(int version) {
    this.legacyVersion = version;
    return this;
  }

  /** The 32-byte random. Default: 32 fresh bytes from {@link #secureRandom(SecureRandom)} at {@link #build()}. */
  public ClientHelloBuilder random(Bytes random) {
    requireNonNull(random, "random");
    if (random.length() != HelloCodec.RANDOM_LENGTH) {
      throw new IllegalArgumentException("random has " + random.length() + " bytes, not 32");
    }
    this.random = random;
    return this;
  }

  /** Where the default random comes from. Default: a {@code new SecureRandom()} made for this builder. */
  public ClientHelloBuilder secureRandom(SecureRandom secureRandom) {
    this.secureRandom = requireNonNull(secureRandom, "secureRandom");
    return this;
  }

  /** {@code legacy_session_id}, 0 to 32 bytes. Default: empty. */
  public ClientHelloBuilder sessionId(Bytes sessionId) {
    requireNonNull(sessionId, "sessionId");
    if (sessionId.length() > HelloCodec.MAX_SESSION_ID) {
      throw new IllegalArgumentException("session id has " + sessionId.length() + " bytes, more than 32");
    }
    this.sessionId = sessionId;
    return this;
  }

  /** Cipher suite code points in order. Default: none (set them; an empty list is sent as is). */
  public ClientHelloBuilder cipherSuites(int... suites) {
    this.cipherSuites = Codec.copyCodes(Arrays.stream(suites).boxed().toList(), 0xffff, "cipher suite");
    return this;
  }

  /** Cipher suite code points in order. Default: none. */
  public ClientHelloBuilder cipherSuites(List<Integer> suites) {
    this.cipherSuites = Codec.copyCodes(suites, 0xffff, "cipher suite");
    return this;
  }

  /** Compression method code points (0 null, 1 DEFLATE). Default: {@code [0]}. */
  public ClientHelloBuilder compressionMethods(int... methods) {
    this.compressionMethods = Codec.copyCodes(Arrays.stream(methods).boxed().toList(), 0xff, "compression");
    return this;
  }

  /** server_name with one host_name. Default: no server_name extension. */
  public ClientHelloBuilder serverName(String hostName) {
    return extension(ServerNameExtension.ofHostName(hostName));
  }

  /** application_layer_protocol_negotiation. Default: no ALPN extension. */
  public ClientHelloBuilder alpn(String... protocols) {
    return extension(AlpnExtension.of(protocols));
  }

  /** supported_groups. Default: no supported_groups extension. */
  public ClientHelloBuilder supportedGroups(int... groups) {
    return extension(new SupportedGroupsExtension(Arrays.stream(groups).boxed().toList()));
  }

  /** ec_point_formats. Default: no ec_point_formats extension. */
  public ClientHelloBuilder ecPointFormats(int... formats) {
    return extension(new EcPointFormatsExtension(Arrays.stream(formats).boxed().toList()));
  }

  /** signature_algorithms. Default: no signature_algorithms extension. */
  public ClientHelloBuilder signatureAlgorithms(int... schemes) {
    return extension(new SignatureAlgorithmsExtension(
        ExtensionTypes.SIGNATURE_ALGORITHMS, Arrays.stream(schemes).boxed().toList()));
  }

  /** supported_versions (client form). Default: no supported_versions extension. */
  public ClientHelloBuilder supportedVersions(int... versions) {
    return extension(SupportedVersionsExtension.offered(versions));
  }

  /**
   * Adds one entry to key_share (the extension is placed where the first entry was added). Default: no key_share
   * extension.
   */
  public ClientHelloBuilder keyShare(int group, Bytes keyExchange) {
    keyShares.add(new KeyShareEntry(group, keyExchange));
    return extension(KeyShareExtension.client(keyShares));
  }

  /** Any extension, typed or {@link RawExtension}; replaces one of the same type in place. Default: none. */
  public ClientHelloBuilder extension(Extension extension) {
    requireNonNull(extension, "extension");
    if (extension.type() == ExtensionTypes.KEY_SHARE && !(extension instanceof KeyShareExtension k
        && k.entries().equals(keyShares))) {
      keyShares.clear();
    }
    extensions.put(extension.type(), extension);
    hasExtensionsBlock = true;
    return this;
  }

  /** Leaves out the extensions block entirely (an SSLv3-era hello), dropping any extension set so far. */
  public ClientHelloBuilder noExtensions() {
    extensions.clear();
    keyShares.clear();
    hasExtensionsBlock = false;
    return this;
  }

  /** The ClientHello. */
  public ClientHello build() {
    Bytes r = random;
    if (r == null) {
      SecureRandom source = secureRandom != null ? secureRandom : new SecureRandom();
      byte[] bytes = new byte[HelloCodec.RANDOM_LENGTH];
      source.nextBytes(bytes);
      r = Bytes.of(bytes);
    }
    return new ClientHello(legacyVersion, r, sessionId, cipherSuites, compressionMethods,
        List.copyOf(extensions.values()), hasExtensionsBlock);
  }
}
