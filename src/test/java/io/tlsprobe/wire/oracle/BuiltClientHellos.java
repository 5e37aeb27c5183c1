package io.tlsprobe.wire.oracle;

import io.tlsprobe.wire.ApplicationSettingsExtension;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.CertificateAuthoritiesExtension;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ClientHelloBuilder;
import io.tlsprobe.wire.CompressCertificateExtension;
import io.tlsprobe.wire.CookieExtension;
import io.tlsprobe.wire.DelegatedCredentialsExtension;
import io.tlsprobe.wire.EarlyDataExtension;
import io.tlsprobe.wire.EncryptThenMacExtension;
import io.tlsprobe.wire.EncryptedClientHelloExtension;
import io.tlsprobe.wire.ExtendedMasterSecretExtension;
import io.tlsprobe.wire.ExtensionTypes;
import io.tlsprobe.wire.HeartbeatExtension;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.MaxFragmentLengthExtension;
import io.tlsprobe.wire.PaddingExtension;
import io.tlsprobe.wire.PostHandshakeAuthExtension;
import io.tlsprobe.wire.PreSharedKeyExtension;
import io.tlsprobe.wire.PreSharedKeyExtension.PskIdentity;
import io.tlsprobe.wire.PskKeyExchangeModesExtension;
import io.tlsprobe.wire.RawExtension;
import io.tlsprobe.wire.RecordSizeLimitExtension;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.ServerNameExtension;
import io.tlsprobe.wire.SessionTicketExtension;
import io.tlsprobe.wire.SignatureAlgorithmsExtension;
import io.tlsprobe.wire.SignedCertificateTimestampExtension;
import io.tlsprobe.wire.StatusRequestExtension;
import io.tlsprobe.wire.StatusRequestV2Extension;
import io.tlsprobe.wire.TlsRecord;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import javax.security.auth.x500.X500Principal;

/**
 * ClientHellos built with {@link ClientHelloBuilder}, each as the bytes a client would write: between them they use
 * every typed extension the codec has, GREASE in every list that allows it, sizes near the limits, and record and
 * TCP segmentation that makes tshark reassemble.
 *
 * <pre>{@code
 * for (BuiltClientHellos.Case c : BuiltClientHellos.all()) { pcap.connection(c.port(), 4433).client(c.wire()); }
 * }</pre>
 */
final class BuiltClientHellos {
  /** The first client port; case {@code i} uses {@code FIRST_PORT + i}. */
  static final int FIRST_PORT = 40000;

  /**
   * One hello and the bytes that carry it.
   *
   * @param name what the case exercises
   * @param hello the hello as built
   * @param wire the record bytes a client writes
   * @param segmentSize the TCP payload size its bytes are cut into
   * @param port the client port of its synthetic connection
   */
  record Case(String name, ClientHello hello, byte[] wire, int segmentSize, int port) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final int GREASE_A = 0x0a0a;
  private static final int GREASE_B = 0x3a3a;
  private static final int GREASE_C = 0xdada;

  private BuiltClientHellos() {}

  /** Every case, with ports assigned in order. */
  static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    Random seeds = new Random(20240607L);
    add(cases, "TLS 1.2 hello with an empty extensions block", b(seeds).cipherSuites(0xc02f), 0x0301);
    add(cases, "SSLv3-era hello without an extensions block",
        b(seeds).legacyVersion(0x0300).cipherSuites(0x000a, 0x002f).noExtensions(), 0x0300);
    add(cases, "TLS 1.0 hello in a TLS 1.0 record",
        b(seeds).legacyVersion(0x0301).cipherSuites(0x002f, 0x0035, 0x000a, 0x00ff).serverName("tls10.example")
            .ecPointFormats(0), 0x0301);
    add(cases, "every typed extension in one hello", everyTypedExtension(b(seeds)), 0x0301);
    add(cases, "GREASE in suites, extensions, groups, versions and key shares", grease(b(seeds)), 0x0301);
    add(cases, "a 253-character server name", b(seeds).cipherSuites(0x1301)
        .serverName(String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61))), 0x0301);
    add(cases, "2000 cipher suites", b(seeds).cipherSuites(IntStream.range(0, 2000).toArray()).ecPointFormats(0),
        0x0303);
    add(cases, "a 32-byte session id and DEFLATE compression",
        b(seeds).sessionId(Bytes.of(bytes(seeds, 32))).compressionMethods(1, 0).cipherSuites(0xc02b, 0xc02f)
            .extension(new SessionTicketExtension(Bytes.of(bytes(seeds, 192)))), 0x0301);
    add(cases, "a Chrome-like TLS 1.3 hello", chromeLike(b(seeds), seeds), 0x0301);
    add(cases, "a resumption hello with early_data and two PSK identities", resumption(b(seeds), seeds), 0x0301);
    add(cases, "status_request and status_request_v2 together", b(seeds).cipherSuites(0xc02f)
        .extension(StatusRequestExtension.ocsp())
        .extension(new StatusRequestV2Extension(List.of(
            new StatusRequestV2Extension.Item(StatusRequestV2Extension.OCSP_MULTI, Bytes.ofHex("00000000")),
            new StatusRequestV2Extension.Item(StatusRequestV2Extension.OCSP, Bytes.ofHex("00000000"))))),
        0x0301);
    add(cases, "ten ALPN protocols", b(seeds).cipherSuites(0x1301).alpn("h3", "h2", "http/1.1", "http/1.0",
        "spdy/3.1", "acme-tls/1", "imap", "pop3", "smtp", "xmpp-client"), 0x0301);
    add(cases, "a second hello after a HelloRetryRequest, with a cookie", b(seeds).cipherSuites(0x1301, 0x1302)
        .supportedVersions(0x0304).supportedGroups(0x0017)
        .extension(new CookieExtension(Bytes.of(bytes(seeds, 100))))
        .keyShare(0x0017, Bytes.of(p256Point(seeds))), 0x0303);
    add(cases, "a renegotiation hello with verify data, the SCSVs and no SNI",
        b(seeds).cipherSuites(0xc02f, 0x00ff, 0x5600)
            .extension(new RenegotiationInfoExtension(Bytes.of(bytes(seeds, 12)))), 0x0303);
    add(cases, "extensions nobody registered", b(seeds).cipherSuites(0x1301)
        .extension(new RawExtension(0x7777, Bytes.ofHex("010203")))
        .extension(new RawExtension(0xeeee, Bytes.empty())), 0x0301);
    add(cases, "size and heartbeat extensions", b(seeds).cipherSuites(0xc02f)
        .extension(new MaxFragmentLengthExtension(4)).extension(new RecordSizeLimitExtension(16385))
        .extension(new HeartbeatExtension(2)).extension(new EncryptThenMacExtension())
        .extension(new ExtendedMasterSecretExtension()), 0x0301);
    add(cases, "certificate-related extensions", b(seeds).cipherSuites(0x1301).supportedVersions(0x0304)
        .signatureAlgorithms(0x0403, 0x0804, 0x0401)
        .extension(new SignatureAlgorithmsExtension(ExtensionTypes.SIGNATURE_ALGORITHMS_CERT, List.of(0x0401)))
        .extension(new DelegatedCredentialsExtension(List.of(0x0403, 0x0503)))
        .extension(new CertificateAuthoritiesExtension(List.of(dn("CN=Oracle Root CA,O=tlsprobe"),
            dn("CN=Second CA"))))
        .extension(new PostHandshakeAuthExtension()), 0x0301);
    add(cases, "ECH outer, the new ALPS code point, and an SCT request", b(seeds).cipherSuites(0x1301)
        .extension(new EncryptedClientHelloExtension(EncryptedClientHelloExtension.OUTER, 1, 1, 42,
            Bytes.of(bytes(seeds, 32)), Bytes.of(bytes(seeds, 200))))
        .extension(new ApplicationSettingsExtension(ExtensionTypes.APPLICATION_SETTINGS_NEW,
            List.of(Bytes.ofHex("6832"))))
        .extension(new SignedCertificateTimestampExtension(List.of())), 0x0301);
    add(cases, "the ECH inner marker", b(seeds).cipherSuites(0x1301).supportedVersions(0x0304)
        .extension(EncryptedClientHelloExtension.inner()), 0x0301);
    add(cases, "an empty key_share, two server names, and zero-length padding", b(seeds).cipherSuites(0x1301)
        .extension(new ServerNameExtension(List.of(
            new ServerNameExtension.ServerName(ServerNameExtension.HOST_NAME, Bytes.ofHex("612e6578616d706c65")),
            new ServerNameExtension.ServerName(ServerNameExtension.HOST_NAME, Bytes.ofHex("622e6578616d706c65")))))
        .supportedVersions(0x0304).supportedGroups(0x001d)
        .extension(KeyShareExtension.client(List.of()))
        .extension(new PaddingExtension(0)), 0x0301);
    cases.add(split(b(seeds).cipherSuites(0x1301, 0xc02f).serverName("split.example").supportedGroups(0x001d)
        .signatureAlgorithms(0x0403).build(), FIRST_PORT + cases.size()));
    ClientHello big = b(seeds).cipherSuites(0x1301).serverName("big.example")
        .extension(new PaddingExtension(17_000)).build();
    cases.add(new Case("a hello larger than one record (17000 bytes of padding)", big,
        TlsRecord.wrapHandshake(big.encode(), 0x0301), PcapWriter.DEFAULT_SEGMENT_SIZE,
        FIRST_PORT + cases.size()));
    ClientHello tiny = b(seeds).cipherSuites(0xc02f, 0xc030).serverName("tiny.example").ecPointFormats(0).build();
    cases.add(new Case("a hello in 3-byte TCP segments", tiny, ClientFlights.records(tiny), 3,
        FIRST_PORT + cases.size()));
    return List.copyOf(cases);
  }

  private static void add(List<Case> cases, String name, ClientHelloBuilder builder, int recordVersion) {
    ClientHello hello = builder.build();
    cases.add(new Case(name, hello, TlsRecord.wrapHandshake(hello.encode(), recordVersion),
        PcapWriter.DEFAULT_SEGMENT_SIZE, FIRST_PORT + cases.size()));
  }

  /** A builder with a random from the seeded source, so a failing case can be told apart and rerun. */
  private static ClientHelloBuilder b(Random seeds) {
    return ClientHello.builder().random(Bytes.of(bytes(seeds, 32)));
  }

  private static ClientHelloBuilder everyTypedExtension(ClientHelloBuilder b) {
    return b.cipherSuites(0x1301, 0x1302, 0xc02f, 0x009e)
        .serverName("every.example")
        .extension(new MaxFragmentLengthExtension(2))
        .extension(StatusRequestExtension.ocsp())
        .supportedGroups(0x001d, 0x0017, 0x0018, 0x0100)
        .ecPointFormats(0, 1, 2)
        .signatureAlgorithms(0x0403, 0x0804, 0x0401, 0x0201)
        .extension(new HeartbeatExtension(1))
        .alpn("h2", "http/1.1")
        .extension(new StatusRequestV2Extension(List.of(
            new StatusRequestV2Extension.Item(StatusRequestV2Extension.OCSP_MULTI, Bytes.ofHex("00000000")))))
        .extension(new SignedCertificateTimestampExtension(List.of()))
        .extension(new EncryptThenMacExtension())
        .extension(new ExtendedMasterSecretExtension())
        .extension(new CompressCertificateExtension(List.of(2, 1, 3)))
        .extension(new RecordSizeLimitExtension(16385))
        .extension(new DelegatedCredentialsExtension(List.of(0x0403, 0x0804)))
        .extension(new SessionTicketExtension(Bytes.empty()))
        .supportedVersions(0x0304, 0x0303)
        .extension(new CookieExtension(Bytes.ofHex("abcd")))
        .extension(new PskKeyExchangeModesExtension(List.of(1, 0)))
        .extension(new CertificateAuthoritiesExtension(List.of(dn("CN=Every CA"))))
        .extension(new PostHandshakeAuthExtension())
        .extension(new SignatureAlgorithmsExtension(ExtensionTypes.SIGNATURE_ALGORITHMS_CERT, List.of(0x0401)))
        .keyShare(0x001d, ClientFlights.x25519PublicKey())
        .extension(new ApplicationSettingsExtension(ExtensionTypes.APPLICATION_SETTINGS,
            List.of(Bytes.ofHex("6832"))))
        .extension(new RenegotiationInfoExtension(Bytes.empty()))
        .extension(new PaddingExtension(10))
        .extension(new EarlyDataExtension(Optional.empty()))
        .extension(new PreSharedKeyExtension(List.of(new PskIdentity(Bytes.ofHex("0102"), 77)),
            List.of(Bytes.of(new byte[32])), Optional.empty()));
  }

  private static ClientHelloBuilder grease(ClientHelloBuilder b) {
    return b.cipherSuites(GREASE_A, 0x1301, 0xc02b, GREASE_C)
        .extension(new RawExtension(GREASE_A, Bytes.empty()))
        .serverName("grease.example")
        .supportedGroups(GREASE_B, 0x001d, 0x0017)
        .ecPointFormats(0)
        .signatureAlgorithms(0x0403, 0x0804)
        .supportedVersions(GREASE_C, 0x0304, 0x0303)
        .keyShare(GREASE_B, Bytes.ofHex("00"))
        .keyShare(0x001d, ClientFlights.x25519PublicKey())
        .extension(new PskKeyExchangeModesExtension(List.of(1)))
        .extension(new RawExtension(GREASE_C, Bytes.ofHex("00")));
  }

  private static ClientHelloBuilder chromeLike(ClientHelloBuilder b, Random seeds) {
    return b.sessionId(Bytes.of(bytes(seeds, 32)))
        .cipherSuites(GREASE_B, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013,
            0xc014, 0x009c, 0x009d, 0x002f, 0x0035)
        .extension(new RawExtension(GREASE_B, Bytes.empty()))
        .serverName("www.example.com")
        .extension(new ExtendedMasterSecretExtension())
        .extension(new RenegotiationInfoExtension(Bytes.empty()))
        .supportedGroups(GREASE_A, 0x001d, 0x0017, 0x0018)
        .ecPointFormats(0)
        .extension(new SessionTicketExtension(Bytes.empty()))
        .alpn("h2", "http/1.1")
        .extension(StatusRequestExtension.ocsp())
        .signatureAlgorithms(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601)
        .extension(new SignedCertificateTimestampExtension(List.of()))
        .keyShare(GREASE_A, Bytes.ofHex("00"))
        .keyShare(0x001d, ClientFlights.x25519PublicKey())
        .extension(new PskKeyExchangeModesExtension(List.of(1)))
        .supportedVersions(GREASE_C, 0x0304, 0x0303)
        .extension(new CompressCertificateExtension(List.of(2)))
        .extension(new ApplicationSettingsExtension(ExtensionTypes.APPLICATION_SETTINGS,
            List.of(Bytes.ofHex("6832"))))
        .extension(new RawExtension(0x1a1a, Bytes.ofHex("00")))
        .extension(new PaddingExtension(200));
  }

  private static ClientHelloBuilder resumption(ClientHelloBuilder b, Random seeds) {
    return b.cipherSuites(0x1301, 0x1303)
        .serverName("resume.example")
        .supportedGroups(0x001d)
        .supportedVersions(0x0304)
        .keyShare(0x001d, ClientFlights.x25519PublicKey())
        .extension(new PskKeyExchangeModesExtension(List.of(1)))
        .extension(new EarlyDataExtension(Optional.empty()))
        .extension(new PreSharedKeyExtension(
            List.of(new PskIdentity(Bytes.of(bytes(seeds, 120)), 0xfffffff0L),
                new PskIdentity(Bytes.of(bytes(seeds, 16)), 0)),
            List.of(Bytes.of(bytes(seeds, 32)), Bytes.of(bytes(seeds, 48))), Optional.empty()));
  }

  /** The hello's handshake bytes cut into three records of 10, 30 and the rest, sent in 7-byte TCP segments. */
  private static Case split(ClientHello hello, int port) {
    byte[] message = hello.encode();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(new TlsRecord(TlsRecord.HANDSHAKE, 0x0301, Bytes.of(message, 0, 10)).encode());
    wire.writeBytes(new TlsRecord(TlsRecord.HANDSHAKE, 0x0301, Bytes.of(message, 10, 30)).encode());
    wire.writeBytes(new TlsRecord(TlsRecord.HANDSHAKE, 0x0301, Bytes.of(message, 40, message.length - 40)).encode());
    return new Case("a hello split across three records and 7-byte TCP segments", hello, wire.toByteArray(), 7,
        port);
  }

  private static byte[] bytes(Random seeds, int n) {
    byte[] out = new byte[n];
    seeds.nextBytes(out);
    return out;
  }

  /** 65 bytes shaped like an uncompressed P-256 point (tshark does not check that it is on the curve). */
  private static byte[] p256Point(Random seeds) {
    byte[] point = bytes(seeds, 65);
    point[0] = 4;
    return point;
  }

  private static Bytes dn(String name) {
    return Bytes.of(new X500Principal(name).getEncoded());
  }
}
