package io.tlsprobe.probe;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ClientHelloBuilder;
import io.tlsprobe.wire.ExtendedMasterSecretExtension;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.StatusRequestExtension;
import io.tlsprobe.wire.TlsRecord;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The hand-made ClientHello of the follow-up probe: it offers every version from SSL 3.0 to TLS 1.3, every listed
 * cipher suite that is not a signal, the common groups and signature schemes, so that a server that refused JSSE's
 * offer still says what it would choose. Nobody finishes this handshake: the key share is 32 random bytes (any 32
 * bytes are an X25519 public value, RFC 7748 section 5).
 *
 * <p>Versions: {@code legacy_version} 0x0303 with supported_versions [TLS 1.3 … SSL 3.0]; a server that predates
 * supported_versions answers with the lower of 0x0303 and its own highest version (RFC 5246 appendix E.1).
 * Suites go strongest first (TLS 1.3, then by strength class, forward secrecy, ECDHE before the rest, AEAD
 * and key size), so a server that
 * follows the client's order picks the best it has.
 */
final class RawHello {
  /** supported_versions, newest first: TLS 1.3, 1.2, 1.1, 1.0, SSL 3.0. */
  static final int[] VERSIONS = {0x0304, 0x0303, 0x0302, 0x0301, 0x0300};
  /** x25519, secp256r1, secp384r1, secp521r1, x448, secp224r1, ffdhe2048, ffdhe3072, ffdhe4096, ffdhe6144, ffdhe8192. */
  static final int[] GROUPS = {0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0015, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104};
  /**
   * ECDSA with SHA-256/384/512, Ed25519, Ed448, RSA-PSS (rsae, then pss) with SHA-256/384/512, RSA PKCS#1 with
   * SHA-256/384/512, then the SHA-224 and SHA-1 schemes and DSA that old servers may need.
   */
  static final int[] SIGNATURE_SCHEMES = {
    0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b,
    0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0203, 0x0201, 0x0202, 0x0402, 0x0502, 0x0602};
  private static final int X25519 = 0x001d;
  private static final int RECORD_VERSION = 0x0301;

  private RawHello() {}

  /** Every listed suite that is not a signal or GREASE, strongest first. */
  static List<Integer> cipherSuites() {
    return CipherSuite.all().stream()
        .filter(s -> s.isKnown() && !s.isSignaling() && !s.isGrease())
        .sorted(Comparator.comparing((CipherSuite s) -> !s.protocols().contains(TlsProtocol.TLSv1_3)
                || s.protocols().size() != 1)
            .thenComparing(CipherSuite.strongestFirst()))
        .map(CipherSuite::code)
        .toList();
  }

  /** The hello, with {@code serverName} as SNI when present and {@code alpn} when not empty. */
  static ClientHello build(Optional<String> serverName, List<String> alpn, SecureRandom random) {
    byte[] sessionId = new byte[32];
    random.nextBytes(sessionId);
    byte[] share = new byte[32];
    random.nextBytes(share);
    ClientHelloBuilder b = ClientHello.builder()
        .secureRandom(random)
        .legacyVersion(0x0303)
        .sessionId(Bytes.of(sessionId))
        .cipherSuites(cipherSuites())
        .compressionMethods(0);
    serverName.ifPresent(b::serverName);
    b.extension(StatusRequestExtension.ocsp())
        .supportedGroups(GROUPS)
        .ecPointFormats(0)
        .signatureAlgorithms(SIGNATURE_SCHEMES);
    if (!alpn.isEmpty()) {
      b.alpn(alpn.toArray(String[]::new));
    }
    return b.extension(new ExtendedMasterSecretExtension())
        .extension(new RenegotiationInfoExtension(Bytes.empty()))
        .supportedVersions(VERSIONS)
        .keyShare(X25519, Bytes.of(share))
        .build();
  }

  /** The hello in handshake records, ready to write. */
  static byte[] records(ClientHello hello) {
    return TlsRecord.wrapHandshake(hello.encode(), RECORD_VERSION);
  }

  /** {@code "SSLv3 to TLSv1.3, 378 cipher suites"}. */
  static String describe(ClientHello hello) {
    return "SSLv3 to TLSv1.3, " + hello.cipherSuites().size() + " cipher suites";
  }
}
