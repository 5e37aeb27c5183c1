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
import java.security.KeyPairGenerator;
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
        .serverName("oracle.tlsprobe.test")
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
        .serverName("oracle.tlsprobe.test")
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
