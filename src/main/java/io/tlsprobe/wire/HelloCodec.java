package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Decodes and encodes ClientHello and ServerHello bodies (the part after the 4-byte handshake header). Strict where
 * a TLS stack is strict: session ids over 32 bytes, empty or odd-length cipher lists, no compression methods,
 * duplicate extensions and trailing bytes are all {@link TlsDecodeException}s. A hello that ends right after the
 * compression methods (SSLv3-era, no extensions block) is kept with {@code hasExtensionsBlock == false}.
 *
 * <pre>{@code
 * ClientHello hello = HelloCodec.decodeClientHello(body);
 * byte[] again = HelloCodec.encodeClientHello(hello); // equals body
 * }</pre>
 */
public final class HelloCodec {
  /** The largest legacy_session_id (RFC 8446 section 4.1.2). */
  public static final int MAX_SESSION_ID = 32;
  /** The length of the random (RFC 8446 section 4.1.2). */
  public static final int RANDOM_LENGTH = 32;
  /**
   * The ServerHello random that marks a HelloRetryRequest: SHA-256("HelloRetryRequest") (RFC 8446 section 4.1.3).
   */
  public static final Bytes HELLO_RETRY_REQUEST_RANDOM =
      Bytes.ofHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

  private HelloCodec() {}

  /** Decodes a ClientHello body whose first byte is at offset 0. */
  public static ClientHello decodeClientHello(byte[] body) {
    return decodeClientHello(new WireReader(body));
  }

  /** Decodes a ServerHello (or HelloRetryRequest) body whose first byte is at offset 0. */
  public static ServerHello decodeServerHello(byte[] body) {
    return decodeServerHello(new WireReader(body));
  }

  /*
   * uint16 ProtocolVersion;
   * opaque Random[32];
   * uint8 CipherSuite[2];
   *
   * struct {
   *     ProtocolVersion legacy_version = 0x0303;
   *     Random random;
   *     opaque legacy_session_id<0..32>;
   *     CipherSuite cipher_suites<2..2^16-2>;
   *     opaque legacy_compression_methods<1..2^8-1>;
   *     Extension extensions<8..2^16-1>;          // absent in SSLv3-era hellos (RFC 5246 section 7.4.1.2)
   * } ClientHello;
   */
  /** Decodes a ClientHello body: {@code r} covers exactly the body. */
  static ClientHello decodeClientHello(WireReader r) {
    int version = r.u16("ClientHello.legacy_version");
    Bytes random = r.bytes(RANDOM_LENGTH, "ClientHello.random");
    Bytes sessionId = sessionId(r, "ClientHello.legacy_session_id");
    String cf = "ClientHello.cipher_suites";
    List<Integer> suites = Codec.u16s(r.block16(cf, 2, 2), cf);
    String mf = "ClientHello.legacy_compression_methods";
    List<Integer> compression = Codec.u8s(r.block8(mf, 1), mf);
    if (!r.hasRemaining()) {
      return new ClientHello(version, random, sessionId, suites, compression, List.of(), false);
    }
    List<Extension> extensions =
        Extensions.decodeAll(r.block16("ClientHello.extensions", 0), ExtensionContext.CLIENT_HELLO);
    r.expectEnd("ClientHello");
    return new ClientHello(version, random, sessionId, suites, compression, extensions, true);
  }

  /*
   * struct {
   *     ProtocolVersion legacy_version = 0x0303;
   *     Random random;
   *     opaque legacy_session_id_echo<0..32>;
   *     CipherSuite cipher_suite;
   *     uint8 legacy_compression_method = 0;
   *     Extension extensions<6..2^16-1>;          // absent in TLS 1.2 and earlier when empty
   * } ServerHello;
   */
  /** Decodes a ServerHello body: {@code r} covers exactly the body. */
  static ServerHello decodeServerHello(WireReader r) {
    int version = r.u16("ServerHello.legacy_version");
    Bytes random = r.bytes(RANDOM_LENGTH, "ServerHello.random");
    boolean hrr = random.equals(HELLO_RETRY_REQUEST_RANDOM);
    String name = hrr ? "HelloRetryRequest" : "ServerHello";
    Bytes sessionId = sessionId(r, name + ".legacy_session_id_echo");
    int suite = r.u16(name + ".cipher_suite");
    int compression = r.u8(name + ".legacy_compression_method");
    if (!r.hasRemaining()) {
      return new ServerHello(version, random, sessionId, suite, compression, List.of(), false);
    }
    ExtensionContext context = hrr ? ExtensionContext.HELLO_RETRY_REQUEST : ExtensionContext.SERVER_HELLO;
    List<Extension> extensions = Extensions.decodeAll(r.block16(name + ".extensions", 0), context);
    r.expectEnd(name);
    return new ServerHello(version, random, sessionId, suite, compression, extensions, true);
  }

  private static Bytes sessionId(WireReader r, String field) {
    int at = r.offset();
    int length = r.u8(field);
    if (length > MAX_SESSION_ID) {
      throw WireReader.errorAt(field, at, "length " + length + " exceeds " + MAX_SESSION_ID);
    }
    return r.bytes(length, field);
  }

  /** Encodes a ClientHello body. */
  public static byte[] encodeClientHello(ClientHello hello) {
    requireNonNull(hello, "hello");
    WireWriter w = new WireWriter()
        .u16(hello.legacyVersion())
        .bytes(hello.random())
        .opaque8(hello.sessionId())
        .block16(b -> Codec.u16s(b, hello.cipherSuites()))
        .block8(b -> Codec.u8s(b, hello.compressionMethods()));
    if (hello.hasExtensionsBlock()) {
      w.block16(b -> Extensions.encodeAll(b, hello.extensions()));
    }
    return w.toByteArray();
  }

  /** Encodes a ServerHello body. */
  public static byte[] encodeServerHello(ServerHello hello) {
    requireNonNull(hello, "hello");
    WireWriter w = new WireWriter()
        .u16(hello.legacyVersion())
        .bytes(hello.random())
        .opaque8(hello.sessionId())
        .u16(hello.cipherSuite())
        .u8(hello.compressionMethod());
    if (hello.hasExtensionsBlock()) {
      w.block16(b -> Extensions.encodeAll(b, hello.extensions()));
    }
    return w.toByteArray();
  }
}
