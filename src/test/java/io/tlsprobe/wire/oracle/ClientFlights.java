package io.tlsprobe.wire.oracle;

import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ClientHelloBuilder;
import io.tlsprobe.wire.ExtendedMasterSecretExtension;
import io.tlsprobe.wire.PskKeyExchangeModesExtension;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.StatusRequestExtension;
import io.tlsprobe.wire.TlsRecord;
import java.security.GeneralSecurityException;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.List;

/**
 * ClientHellos built with our {@link ClientHelloBuilder} that a real server answers: TLS 1.2 with a chosen suite
 * list, and TLS 1.3 with a real x25519 key share, so the server gets as far as its first flight.
 *
 * <pre>{@code
 * byte[] wire = ClientFlights.records(ClientFlights.tls12(0xc02f).build());
 * }</pre>
 */
final class ClientFlights {
  /** The host name our hellos send (a name with dots, so servers treat it as SNI). */
  static final String SERVER_NAME = "oracle.tlsprobe.test";
  static final int X25519 = 0x001d;
  static final int SECP256R1 = 0x0017;
  static final int SECP384R1 = 0x0018;
  static final int FFDHE2048 = 0x0100;
  static final List<Integer> SIGNATURE_SCHEMES =
      List.of(0x0804, 0x0805, 0x0806, 0x0403, 0x0503, 0x0603, 0x0401, 0x0501, 0x0601);

  private ClientFlights() {}

  /** A TLS 1.2 hello offering {@code suites}, the usual groups and point formats, SNI and EMS. */
  static ClientHelloBuilder tls12(int... suites) {
    return ClientHello.builder()
        .cipherSuites(suites)
        .serverName(SERVER_NAME)
        .supportedGroups(X25519, SECP256R1, SECP384R1, FFDHE2048)
        .ecPointFormats(0)
        .signatureAlgorithms(SIGNATURE_SCHEMES.stream().mapToInt(Integer::intValue).toArray())
        .extension(new ExtendedMasterSecretExtension())
        .extension(new RenegotiationInfoExtension(Bytes.empty()));
  }

  /** {@link #tls12} asking for a stapled OCSP response (status_request). */
  static ClientHelloBuilder tls12WithStatusRequest(int... suites) {
    return tls12(suites).extension(StatusRequestExtension.ocsp());
  }

  /**
   * A TLS 1.3-only hello with TLS 1.3 suites, {@code groups} in supported_groups, and one real x25519 key share.
   */
  static ClientHelloBuilder tls13(int... groups) {
    return ClientHello.builder()
        .sessionId(Bytes.of(new byte[32]))
        .cipherSuites(0x1301, 0x1302, 0x1303)
        .serverName(SERVER_NAME)
        .supportedGroups(groups)
        .signatureAlgorithms(SIGNATURE_SCHEMES.stream().mapToInt(Integer::intValue).toArray())
        .supportedVersions(0x0304)
        .extension(new PskKeyExchangeModesExtension(List.of(1)))
        .keyShare(X25519, x25519PublicKey());
  }

  /** The hello in one handshake record of version 0x0301, as most clients send it. */
  static byte[] records(ClientHello hello) {
    return TlsRecord.wrapHandshake(hello.encode(), 0x0301);
  }

  /** {@code n} bytes from a fresh {@link SecureRandom}. */
  static Bytes randomBytes(int n) {
    byte[] out = new byte[n];
    new SecureRandom().nextBytes(out);
    return Bytes.of(out);
  }

  /** A fresh P-256 public key as an uncompressed point: 04, then x and y, 32 bytes each. */
  static Bytes p256PublicKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      ECPoint w = ((ECPublicKey) generator.generateKeyPair().getPublic()).getW();
      byte[] point = new byte[65];
      point[0] = 4;
      copyUnsigned(w.getAffineX(), point, 1);
      copyUnsigned(w.getAffineY(), point, 33);
      return Bytes.of(point);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no P-256", e);
    }
  }

  private static void copyUnsigned(BigInteger value, byte[] into, int at) {
    byte[] raw = value.toByteArray(); // big-endian, maybe with a leading sign byte, maybe shorter than 32
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, into, at + 32 - length, length);
  }

  /** A fresh x25519 public key, the 32 raw bytes (the tail of its X.509 SubjectPublicKeyInfo encoding). */
  static Bytes x25519PublicKey() {
    try {
      byte[] spki = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
      return Bytes.of(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no X25519", e);
    }
  }
}
