package io.tlsprobe.wire.oracle;

import io.tlsprobe.wire.Alert;
import io.tlsprobe.wire.AlpnExtension;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.CertificateStatus;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.CookieExtension;
import io.tlsprobe.wire.EcPointFormatsExtension;
import io.tlsprobe.wire.EncryptThenMacExtension;
import io.tlsprobe.wire.ExtendedMasterSecretExtension;
import io.tlsprobe.wire.Extension;
import io.tlsprobe.wire.HandshakeMessage;
import io.tlsprobe.wire.HeartbeatExtension;
import io.tlsprobe.wire.HelloCodec;
import io.tlsprobe.wire.KeyShareEntry;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.MaxFragmentLengthExtension;
import io.tlsprobe.wire.PreSharedKeyExtension;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerHelloDone;
import io.tlsprobe.wire.ServerKeyExchange;
import io.tlsprobe.wire.ServerNameExtension;
import io.tlsprobe.wire.SessionTicketExtension;
import io.tlsprobe.wire.StatusRequestExtension;
import io.tlsprobe.wire.SupportedVersionsExtension;
import io.tlsprobe.wire.TlsRecord;
import io.tlsprobe.wire.WireWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Server flights encoded by our own model ({@link ServerHello}, {@link CertificateMessage},
 * {@link ServerKeyExchange}, {@link CertificateStatus}, {@link ServerHelloDone}, {@link Alert}, {@link TlsRecord}),
 * covering what no server on this machine sends: an empty extensions block, every server-form extension, a 3072-bit
 * DH prime, a TLS 1.3 ServerHello accepting a PSK, several alerts in one record, messages split across records.
 *
 * <pre>{@code
 * for (EncodedServerFlights.Case c : EncodedServerFlights.all()) { pcap.connection(50000, c.port())…; }
 * }</pre>
 */
final class EncodedServerFlights {
  /** The first server port; case {@code i} uses {@code FIRST_PORT + i}. */
  static final int FIRST_PORT = 44300;

  /**
   * One conversation: a client hello, then the server's bytes.
   *
   * @param name what the case exercises
   * @param clientHello the client's first flight (records)
   * @param messages the handshake messages the server bytes hold, as built
   * @param alerts the alerts the server bytes hold, as built
   * @param serverBytes what the server sends
   * @param port the server port of its synthetic connection
   */
  record Case(String name, byte[] clientHello, List<HandshakeMessage> messages, List<Alert> alerts,
      byte[] serverBytes, int port) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A valid DER OCSPResponse without a body: responseStatus unauthorized (6), RFC 6960 4.2.1. */
  private static final Bytes UNAUTHORIZED_OCSP_RESPONSE = Bytes.ofHex("30030a0106");

  private EncodedServerFlights() {}

  static List<Case> all() {
    Random seeds = new Random(31337L);
    List<Bytes> certificates = List.of(certificate("CN=leaf.oracle.test", 0), certificate("CN=Intermediate", 0),
        certificate("CN=Root", 0));
    byte[] tls12Hello = ClientFlights.records(ClientFlights.tls12(0xc02f, 0x009e, 0x009c).build());
    byte[] tls13Hello = ClientFlights.records(ClientFlights.tls13(ClientFlights.X25519).build());
    List<Case> cases = new ArrayList<>();

    ServerHello bare = serverHello(seeds, 0x009c, List.of());
    CertificateMessage empty = CertificateMessage.tls12(List.of());
    add(cases, "an empty extensions block and an empty certificate list, all in one record", tls12Hello,
        List.of(bare, empty, new ServerHelloDone()), List.of(),
        TlsRecord.wrapHandshake(concat(bare.encode(), empty.encode(), new ServerHelloDone().encode()), 0x0303));

    ServerHello everything = serverHello(seeds, 0xc02f, List.of(
        new RenegotiationInfoExtension(Bytes.of(bytes(seeds, 24))), ServerNameExtension.empty(),
        new ExtendedMasterSecretExtension(), new EncryptThenMacExtension(), new EcPointFormatsExtension(List.of(0)),
        AlpnExtension.of("h2"), StatusRequestExtension.empty(), new SessionTicketExtension(Bytes.empty()),
        new MaxFragmentLengthExtension(2), new HeartbeatExtension(2)));
    CertificateMessage chain = CertificateMessage.tls12(certificates);
    CertificateStatus status = new CertificateStatus(CertificateStatus.OCSP, UNAUTHORIZED_OCSP_RESPONSE);
    ServerKeyExchange ecdhe = new ServerKeyExchange(Bytes.of(new WireWriter().u8(3).u16(ClientFlights.X25519)
        .opaque8(Bytes.of(bytes(seeds, 32))).u16(0x0804).opaque16(Bytes.of(bytes(seeds, 256))).toByteArray()));
    add(cases, "every server-form extension, a chain of three, a stapled response, ECDHE on x25519", tls12Hello,
        List.of(everything, chain, status, ecdhe, new ServerHelloDone()), List.of(),
        records(everything, chain, status, ecdhe, new ServerHelloDone()));

    ServerHello dheHello = serverHello(seeds, 0x009e, List.of(new RenegotiationInfoExtension(Bytes.empty())));
    byte[] prime = bytes(seeds, 384);
    prime[0] |= (byte) 0x80;
    ServerKeyExchange dhe = new ServerKeyExchange(Bytes.of(new WireWriter().opaque16(Bytes.of(prime))
        .opaque16(Bytes.ofHex("02")).opaque16(Bytes.of(bytes(seeds, 384))).u16(0x0401)
        .opaque16(Bytes.of(bytes(seeds, 256))).toByteArray()));
    CertificateMessage leaf = CertificateMessage.tls12(certificates.subList(0, 1));
    add(cases, "DHE with a 3072-bit prime", tls12Hello, List.of(dheHello, leaf, dhe, new ServerHelloDone()),
        List.of(), records(dheHello, leaf, dhe, new ServerHelloDone()));

    ServerHello tls13 = new ServerHello(0x0303, Bytes.of(bytes(seeds, 32)), Bytes.of(new byte[32]), 0x1301, 0,
        List.of(SupportedVersionsExtension.selected(0x0304),
            KeyShareExtension.server(new KeyShareEntry(ClientFlights.X25519, Bytes.of(bytes(seeds, 32)))),
            PreSharedKeyExtension.selected(0)),
        true);
    add(cases, "a TLS 1.3 ServerHello accepting a PSK, then protected records", tls13Hello, List.of(tls13),
        List.of(), concat(records(tls13), changeCipherSpec(), protectedRecord(seeds, 40), protectedRecord(seeds, 90)));

    ServerHello retry = new ServerHello(0x0303, HelloCodec.HELLO_RETRY_REQUEST_RANDOM, Bytes.of(new byte[32]),
        0x1302, 0, List.of(SupportedVersionsExtension.selected(0x0304), KeyShareExtension.helloRetry(0x0017),
            new CookieExtension(Bytes.of(bytes(seeds, 40)))), true);
    add(cases, "a HelloRetryRequest with a cookie", tls13Hello, List.of(retry), List.of(),
        concat(records(retry), changeCipherSpec()));

    // one alert per record: tshark 4.0 takes a record of more than two alert bytes for an encrypted alert
    List<Alert> alerts = List.of(new Alert(Alert.WARNING, 100), new Alert(Alert.FATAL, 40));
    add(cases, "a warning alert, then a fatal one", tls12Hello, List.of(), alerts, concat(
        new TlsRecord(TlsRecord.ALERT, 0x0303, Bytes.of(alerts.get(0).encode())).encode(),
        new TlsRecord(TlsRecord.ALERT, 0x0303, Bytes.of(alerts.get(1).encode())).encode()));

    ServerHello split = serverHello(seeds, 0x009c, List.of(new RenegotiationInfoExtension(Bytes.empty()),
        new ExtendedMasterSecretExtension()));
    CertificateMessage huge = CertificateMessage.tls12(List.of(certificate("CN=huge.oracle.test", 20_000)));
    byte[] splitHello = split.encode();
    add(cases, "a ServerHello split across two records and a 20000-byte certificate across two more", tls12Hello,
        List.of(split, huge, new ServerHelloDone()), List.of(), concat(
            new TlsRecord(TlsRecord.HANDSHAKE, 0x0303, Bytes.of(splitHello, 0, 5)).encode(),
            new TlsRecord(TlsRecord.HANDSHAKE, 0x0303, Bytes.of(splitHello, 5, splitHello.length - 5)).encode(),
            records(huge, new ServerHelloDone())));
    return List.copyOf(cases);
  }

  private static void add(List<Case> cases, String name, byte[] clientHello, List<HandshakeMessage> messages,
      List<Alert> alerts, byte[] serverBytes) {
    cases.add(new Case(name, clientHello, messages, alerts, serverBytes, FIRST_PORT + cases.size()));
  }

  private static ServerHello serverHello(Random seeds, int suite, List<Extension> extensions) {
    return new ServerHello(0x0303, Bytes.of(bytes(seeds, 32)), Bytes.of(bytes(seeds, 32)), suite, 0, extensions,
        true);
  }

  /** Each message in its own handshake record(s), as OpenSSL sends them. */
  private static byte[] records(HandshakeMessage... messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (HandshakeMessage m : messages) {
      out.writeBytes(TlsRecord.wrapHandshake(m.encode(), 0x0303));
    }
    return out.toByteArray();
  }

  private static byte[] changeCipherSpec() {
    return new TlsRecord(TlsRecord.CHANGE_CIPHER_SPEC, 0x0303, Bytes.ofHex("01")).encode();
  }

  private static byte[] protectedRecord(Random seeds, int length) {
    return new TlsRecord(TlsRecord.APPLICATION_DATA, 0x0303, Bytes.of(bytes(seeds, length))).encode();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(Random seeds, int n) {
    byte[] out = new byte[n];
    seeds.nextBytes(out);
    return out;
  }

  /**
   * A real self-signed P-256 certificate, DER, with {@code padding} bytes in a private extension: tshark's X.509
   * dissector needs valid DER (on garbage it throws, and tshark stops dissecting the packet).
   */
  private static Bytes certificate(String subject, int padding) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      X500Principal name = new X500Principal(subject);
      Date now = new Date();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(
          Math.abs(subject.hashCode()) + 1L), now, new Date(now.getTime() + 86_400_000L), name, keys.getPublic());
      if (padding > 0) {
        builder.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), false,
            new DEROctetString(new byte[padding]));
      }
      return Bytes.of(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
          .getEncoded());
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    }
  }
}
