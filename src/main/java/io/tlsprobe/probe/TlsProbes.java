package io.tlsprobe.probe;

import io.tlsprobe.report.TlsConnectionReport;

/**
 * Probes a TLS server: one handshake through JSSE, watched byte by byte, gives a {@link TlsConnectionReport} that
 * is true in every field, whether the handshake completed or not. Failure is a report, not an exception: a refused
 * port, a silent peer, a server that speaks SSH or chooses TLS 1.0 all come back as an
 * {@link io.tlsprobe.report.Outcome} with a reason, within the configured timeouts. Nothing JVM-global is changed.
 *
 * <pre>{@code
 * TlsConnectionReport report = TlsProbes.probe("localhost", 8443);
 * report.outcome().isEstablished();  // true
 * report.protocol();                 // Optional[TLSv1_3]
 * report.group();                    // Optional[x25519]
 *
 * TlsConnectionReport strict = TlsProbes.probe(ProbeOptions.builder("example.test", 443)
 *     .alpn("h2")
 *     .trustStore(trustStore)
 *     .handshakeTimeout(Duration.ofSeconds(2))
 *     .build());
 * }</pre>
 *
 * <p>How it works: the probe drives an {@code SSLEngine} of its own {@code SSLContext} over a non-blocking socket
 * and hands every handshake byte to the wire codec, so the report holds what the server chose (version, suite,
 * compression, key-exchange group) even when JSSE refuses it. The engine accepts any certificate chain; the verdict
 * on the chain (trust, validity, host name) is computed afterwards against the chosen trust store. When the server
 * refuses JSSE's offer before choosing anything, one hand-made ClientHello offering every version from SSL 3.0 to
 * TLS 1.3 and every cipher suite asks what it would choose; the outcome still says that JSSE's handshake failed.
 */
public final class TlsProbes {
  private TlsProbes() {}

  /** Probes {@code host:port} with every default of {@link ProbeOptions}. */
  public static TlsConnectionReport probe(String host, int port) {
    return probe(ProbeOptions.of(host, port));
  }

  /**
   * Probes as {@code options} say.
   *
   * @throws IllegalArgumentException when the options name a protocol or cipher suite this JVM does not support,
   *     or a trust store that cannot be loaded
   * @throws java.io.UncheckedIOException when a trust store file cannot be read
   */
  public static TlsConnectionReport probe(ProbeOptions options) {
    return new Probe(options).run();
  }
}
