package io.tlsprobe.probe;

import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.report.Verification;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

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

  /**
   * The verdict a probe with {@code options} gives {@code chain}: against the options' trust store (the JDK's unless
   * set), for the SNI name, else the host, valid at {@code now} (see {@link ChainVerifier}). A trust store that cannot
   * be loaded is a problem of kind {@code OTHER} in the verdict, not an exception: the scan reports it per chain.
   *
   * <pre>{@code
   * Verification v = TlsProbes.verify(chain, ProbeOptions.builder("localhost", 8443).trustStore(store).build(),
   *     Instant.now());
   * v.trusted(); // true
   * }</pre>
   */
  public static Verification verify(List<X509Certificate> chain, ProbeOptions options, Instant now) {
    String hostname = options.serverName().orElse(options.host());
    try {
      return ChainVerifier.verify(chain, TrustSource.trustManager(options.trustSource()),
          options.trustStoreDescription(), hostname, now);
    } catch (RuntimeException e) {
      return new Verification(false, List.of(new Verification.Problem(Verification.Kind.OTHER,
          "the chain could not be verified: " + e)), options.trustStoreDescription(), hostname);
    }
  }

  /**
   * Finds which ways {@code host} offers TLS for {@code protocol} at its well-known ports: the implicit-TLS port
   * (e.g. IMAP 993) and the STARTTLS upgrade on the classic port (IMAP 143), one probe each, in parallel.
   *
   * <pre>{@code
   * ServiceDiscovery imap = TlsProbes.discover("mail.test", ServiceProtocol.IMAP);
   * imap.offersStartTls();    // true
   * imap.offersImplicitTls(); // true
   * }</pre>
   */
  public static ServiceDiscovery discover(String host, ServiceProtocol protocol) {
    return discover(ProbeOptions.of(host, protocol.defaultPort().orElse(443)), protocol,
        protocol.startTlsPort().orElse(0), protocol.implicitTlsPort().orElse(0));
  }

  /**
   * {@link #discover(String, ServiceProtocol)} at chosen ports, with {@code options}' host, trust, SNI and timeouts
   * (its port and STARTTLS setting are replaced per attempt).
   *
   * @param startTlsPort where to try the upgrade; 0 to skip
   * @param implicitTlsPort where to try implicit TLS; 0 to skip
   * @throws IllegalArgumentException when the service has no upgrade but a STARTTLS port is given
   */
  public static ServiceDiscovery discover(ProbeOptions options, ServiceProtocol protocol, int startTlsPort,
      int implicitTlsPort) {
    if (startTlsPort > 0 && !protocol.startTls().isUpgrade()) {
      throw new IllegalArgumentException(protocol.cliName() + " has no STARTTLS upgrade; pass 0 as startTlsPort");
    }
    AtomicReference<TlsConnectionReport> implicit = new AtomicReference<>();
    Thread implicitProbe = null;
    if (implicitTlsPort > 0) {
      ProbeOptions direct = options.toBuilder().port(implicitTlsPort).startTls(StartTls.NONE).build();
      implicitProbe = new Thread(() -> implicit.set(probe(direct)), "tlsprobe-discover-" + protocol.cliName());
      implicitProbe.setDaemon(true);
      implicitProbe.start();
    }
    TlsConnectionReport upgrade = startTlsPort <= 0 ? null
        : probe(options.toBuilder().port(startTlsPort).startTls(protocol.startTls()).build());
    if (implicitProbe != null) {
      joinUninterruptibly(implicitProbe);
    }
    return new ServiceDiscovery(options.host(), protocol, Optional.ofNullable(implicit.get()),
        Optional.ofNullable(upgrade));
  }

  /** The probe ends within its total timeout, so this join does too. */
  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
