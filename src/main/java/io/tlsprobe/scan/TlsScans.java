package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.ServerProfile;

/**
 * Scans a TLS server: which protocol versions it accepts, every cipher suite it accepts in each (out of the whole IANA
 * registry: export, NULL, anonymous, RC4, 3DES, CBC, CCM, ARIA, Camellia, GOST…), whether it enforces its own order
 * and what that order is, the key-exchange groups it accepts, and the certificate chain per key type with its verdict,
 * as a {@link ServerProfile}. Hand-made ClientHellos
 * are read only up to the server's answer; no handshake is completed, no key is computed and nothing JVM-wide is
 * touched, so what the JDK would refuse to offer is scanned too. A server that stops answering midway gives a
 * partial profile that says why, within the configured timeouts; nothing is thrown for network trouble.
 *
 * <pre>{@code
 * ServerProfile profile = TlsScans.scan("localhost", 8443);
 * profile.acceptedProtocols();                        // [TLSv1_2, TLSv1_3]
 * profile.cipherSuites(TlsProtocol.TLSv1_2);          // in the server's order when it enforces one
 * profile.connections();                              // 23
 *
 * ServerProfile mail = TlsScans.scan(ScanOptions.builder("mail.test", 587)
 *     .startTls(StartTls.SMTP)
 *     .maxParallel(2)
 *     .build());
 * }</pre>
 *
 * <p>How it works: per version, the candidate suites are offered {@value Hellos#MAX_SUITES} at a time; the suite the
 * server picks is taken out and the rest offered again, until the server refuses (one connection per accepted suite
 * plus one per refused hello). Two accepted suites offered in both orders tell whose order decides. TLS 1.3 groups
 * come from HelloRetryRequests to hellos with an empty key_share, TLS 1.2 curves from ServerKeyExchanges. The
 * certificate chains come from the same answers (the Certificate message is in clear before TLS 1.3; a TLS 1.3-only
 * server's is decrypted from the answer to the feature hello, without finishing the handshake); only a key type not
 * seen, EdDSA, or a TLS 1.3-only server whose flight the scan cannot open (one JSSE handshake) cost a connection
 * more. At most {@link ScanOptions#maxParallel()} connections are open at once. Scanning often? {@link #scanner()}
 * keeps the threads between scans.
 */
public final class TlsScans {
  private TlsScans() {}

  /** Scans {@code host:port} with every default of {@link ScanOptions}. */
  public static ServerProfile scan(String host, int port) {
    return scan(ScanOptions.builder(host, port).build());
  }

  /** Scans as {@code options} say, on threads of its own that it stops before it returns. */
  public static ServerProfile scan(ScanOptions options) {
    requireNonNull(options, "options");
    try (TlsScanner scanner = scanner()) {
      return scanner.scan(options);
    }
  }

  /**
   * A scanner that keeps its threads between scans, for a test class or a job that scans several servers or one
   * server often; close it when done ({@link TlsScanner}).
   */
  public static TlsScanner scanner() {
    return new TlsScanner();
  }
}
