package io.tlsprobe.wire;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Hand-made messages and flights shared by the tests. */
final class Samples {
  private Samples() {}

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
  }

  static Bytes bytes(int length, int fill) {
    byte[] b = new byte[length];
    java.util.Arrays.fill(b, (byte) fill);
    return Bytes.of(b);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] record(int type, byte[] fragment) {
    return new TlsRecord(type, 0x0303, Bytes.of(fragment)).encode();
  }

  /** A TLS 1.3 ServerHello choosing TLS_AES_128_GCM_SHA256 and x25519. */
  static ServerHello serverHello13() {
    return new ServerHello(0x0303, bytes(32, 0x11), bytes(32, 0x22), 0x1301, 0,
        List.of(SupportedVersionsExtension.selected(0x0304),
            KeyShareExtension.server(new KeyShareEntry(0x001d, bytes(32, 0x33)))),
        true);
  }

  /** A HelloRetryRequest asking for secp256r1, with a cookie. */
  static ServerHello helloRetryRequest() {
    return new ServerHello(0x0303, HelloCodec.HELLO_RETRY_REQUEST_RANDOM, bytes(32, 0x22), 0x1301, 0,
        List.of(SupportedVersionsExtension.selected(0x0304), KeyShareExtension.helloRetry(0x0017),
            new CookieExtension(Bytes.ofHex("c00c1e"))),
        true);
  }

  /** A TLS 1.2 ServerHello with the usual extensions. */
  static ServerHello serverHello12() {
    return new ServerHello(0x0303, bytes(32, 0x44), Bytes.empty(), 0xc02f, 0,
        List.of(new RenegotiationInfoExtension(Bytes.empty()), new ExtendedMasterSecretExtension(),
            new EcPointFormatsExtension(List.of(0)), AlpnExtension.of("h2"), StatusRequestExtension.empty(),
            new SignedCertificateTimestampExtension(List.of(Bytes.ofHex("0102030405")))),
        true);
  }

  /** An ECDHE x25519 ServerKeyExchange body signed with rsa_pss_rsae_sha256 (a fake 256-byte signature). */
  static Bytes ecdheBody() {
    return Bytes.of(new WireWriter().u8(3).u16(0x001d).opaque8(bytes(32, 0x55))
        .u16(0x0804).opaque16(bytes(256, 0x66)).toByteArray());
  }

  /** A DHE ServerKeyExchange body with a 2048-bit p (sent with a leading zero byte) and g = 2. */
  static Bytes dheBody() {
    byte[] p = new byte[257];
    p[1] = (byte) 0xff;
    p[256] = (byte) 0x73;
    return Bytes.of(new WireWriter().opaque16(Bytes.of(p)).opaque16(Bytes.ofHex("02"))
        .opaque16(bytes(256, 0x77)).u16(0x0401).opaque16(bytes(256, 0x66)).toByteArray());
  }

  /** A TLS 1.2 server flight: ServerHello, Certificate, CertificateStatus, ServerKeyExchange, ServerHelloDone. */
  static byte[] tls12ServerFlight() {
    byte[] rest = concat(
        CertificateMessage.tls12(List.of(bytes(300, 0x30), bytes(200, 0x31))).encode(),
        new CertificateStatus(CertificateStatus.OCSP, bytes(50, 0x32)).encode(),
        new ServerKeyExchange(ecdheBody()).encode(),
        new ServerHelloDone().encode());
    return concat(record(TlsRecord.HANDSHAKE, serverHello12().encode()), record(TlsRecord.HANDSHAKE, rest));
  }

  /** A TLS 1.3 server flight after a HelloRetryRequest: HRR, CCS, ServerHello, encrypted records. */
  static byte[] tls13HelloRetryFlight() {
    return concat(
        record(TlsRecord.HANDSHAKE, helloRetryRequest().encode()),
        record(TlsRecord.CHANGE_CIPHER_SPEC, new byte[] {1}),
        record(TlsRecord.HANDSHAKE, serverHello13().encode()),
        record(TlsRecord.APPLICATION_DATA, bytes(40, 0x99).toArray()));
  }

  /** An SSLv2-compatible ClientHello offering TLS 1.0 with three specs, one of them SSLv2-only. */
  static byte[] sslV2Hello() {
    return hex("""
        8022 01 0301 0009 0000 0010
        010080 00002f 000035
        000102030405060708090a0b0c0d0e0f
        """);
  }

  /** A ClientHello carrying one of every typed extension the codec knows in a ClientHello. */
  static ClientHello clientHelloWithEverything() {
    return ClientHello.builder()
        .random(bytes(32, 0x01))
        .sessionId(bytes(32, 0x02))
        .cipherSuites(0x0a0a, 0x1301, 0x1302, 0xc02f, 0x00ff)
        .serverName("example.com")
        .extension(new MaxFragmentLengthExtension(4))
        .extension(StatusRequestExtension.ocsp())
        .supportedGroups(0x2a2a, 0x001d, 0x0017)
        .ecPointFormats(0)
        .signatureAlgorithms(0x0403, 0x0804)
        .extension(new HeartbeatExtension(1))
        .alpn("h2", "http/1.1")
        .extension(new SignedCertificateTimestampExtension(List.of()))
        .extension(new EncryptThenMacExtension())
        .extension(new ExtendedMasterSecretExtension())
        .extension(new CompressCertificateExtension(List.of(2)))
        .extension(new RecordSizeLimitExtension(16385))
        .extension(new DelegatedCredentialsExtension(List.of(0x0403)))
        .extension(new SessionTicketExtension(Bytes.empty()))
        .supportedVersions(0x3a3a, 0x0304, 0x0303)
        .extension(new CookieExtension(Bytes.ofHex("abcd")))
        .extension(new PskKeyExchangeModesExtension(List.of(1)))
        .extension(new CertificateAuthoritiesExtension(List.of(Bytes.ofHex("3000"))))
        .extension(new PostHandshakeAuthExtension())
        .extension(new SignatureAlgorithmsExtension(ExtensionTypes.SIGNATURE_ALGORITHMS_CERT, List.of(0x0401)))
        .keyShare(0x001d, bytes(32, 0x03))
        .extension(new ApplicationSettingsExtension(ExtensionTypes.APPLICATION_SETTINGS_NEW, List.of(Bytes.ofHex("6832"))))
        .extension(new EncryptedClientHelloExtension(0, 1, 1, 7, bytes(32, 0x04), bytes(100, 0x05)))
        .extension(new RenegotiationInfoExtension(Bytes.empty()))
        .extension(new EarlyDataExtension(Optional.empty()))
        .extension(new RawExtension(0x4a4a, Bytes.ofHex("00")))
        .extension(new PaddingExtension(17))
        .extension(new PreSharedKeyExtension(
            List.of(new PreSharedKeyExtension.PskIdentity(bytes(40, 0x06), 123456789L)),
            List.of(bytes(32, 0x07)), Optional.empty()))
        .build();
  }

  /** Streams used as seeds for robustness tests. */
  static List<byte[]> all() {
    return List.of(
        tls12ServerFlight(),
        tls13HelloRetryFlight(),
        sslV2Hello(),
        TlsRecord.wrapHandshake(clientHelloWithEverything().encode(), 0x0301),
        concat(record(TlsRecord.HANDSHAKE, new ServerKeyExchange(dheBody()).encode()),
            record(TlsRecord.ALERT, new byte[] {2, 40})),
        TlsRecord.wrapHandshake(CertificateMessage.decode(tls13Certificate()).encode(), 0x0303));
  }

  /** A TLS 1.3 Certificate body: context, one entry with a status_request (OCSP staple) extension. */
  static byte[] tls13Certificate() {
    return new WireWriter()
        .opaque8(Bytes.empty())
        .block24(w -> w.opaque24(bytes(100, 0x30)).block16(x -> x.u16(ExtensionTypes.STATUS_REQUEST)
            .block16(y -> y.u8(1).opaque24(bytes(20, 0x31)))))
        .toByteArray();
  }
}
