package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.JsseDefects;
import io.tlsprobe.report.ServerCertificate;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.CertificateMessage;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate chains a server presents, one per kind of signing key, each with its verdict against the scan's
 * trust store and host name ({@link TlsProbes#verify}).
 *
 * <p>Before TLS 1.3 the Certificate message travels in clear right after the ServerHello (<a
 * href="https://www.rfc-editor.org/rfc/rfc5246#section-7.4.2">RFC 5246 section 7.4.2</a>), so the suite scan's
 * answers already hold the chain for every kind of key its picks sign with (RSA, ECDSA, DSA): no connection is needed
 * for those. A kind of key whose accepted suites were never picked with a chain gets one hello of its own, at the
 * newest version up to TLS 1.2 that accepts them, offering only those suites. An Ed25519 or Ed448 certificate signs
 * ECDSA suites too (<a href="https://www.rfc-editor.org/rfc/rfc8422#section-5.1.1">RFC 8422 section 5.1.1</a>), chosen
 * by signature_algorithms: when TLS 1.2 accepts ECDSA suites, one hello offers them with only the EdDSA schemes.
 * TLS 1.3 encrypts the Certificate (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.4.2">RFC 8446 section
 * 4.4.2</a>): when no chain came in clear and TLS 1.3 is accepted, the chain is the one in the decrypted answer to
 * the TLS 1.3 feature hello ({@link Tls13FeatureHello}, shared with the feature questions: no connection of its own),
 * verified as the others. Only when the scan cannot open that answer (the server chose a CCM suite or asked for a
 * group the scan has no share for) does one real JSSE handshake ({@link TlsProbes#probe}) give the chain and its
 * verdict; when there is no chain, {@link Result#gap()} says why.
 *
 * <pre>{@code
 * CertificateScan.Result r = new CertificateScan(options, connector, hellos).scan(suiteResults, true);
 * r.chains(); // RSA first
 * }</pre>
 */
final class CertificateScan {
  /** ed25519 and ed448 (RFC 8446 section 4.2.3). */
  static final int[] EDDSA_SCHEMES = {0x0807, 0x0808};
  /** The {@link CipherSuite#authentication()}s a certificate's key signs for, in report order. */
  private static final List<String> SIGNERS = List.of("RSA", "ECDSA", "DSS");
  private static final List<TlsProtocol> CLEAR = List.of(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_1, TlsProtocol.TLSv1,
      TlsProtocol.SSLv3);
  /** The TLS 1.3 suites every JSSE since 11 speaks. */
  private static final List<String> JSSE_TLS13 = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256");

  /**
   * A chain a server sent in clear.
   *
   * @param protocol the version of the answer
   * @param suite the suite the server chose with it
   * @param message the Certificate message
   */
  record Presented(TlsProtocol protocol, CipherSuite suite, CertificateMessage message) {
    Presented {
      requireNonNull(protocol, "protocol");
      requireNonNull(suite, "suite");
      requireNonNull(message, "message");
    }
  }

  /**
   * The chains, and why there is none when TLS 1.3 was asked for one and none came.
   *
   * @param chains the chains, RSA first
   * @param gap why the TLS 1.3 chain is missing, if it is
   */
  record Result(List<ServerCertificate> chains, Optional<String> gap) {
    Result {
      chains = List.copyOf(chains);
      requireNonNull(gap, "gap");
    }
  }

  private final ScanOptions options;
  private final Connector connector;
  private final Hellos hellos;

  CertificateScan(ScanOptions options, Connector connector, Hellos hellos) {
    this.options = options;
    this.connector = connector;
    this.hellos = hellos;
  }

  /**
   * Starts, once per JVM, a daemon thread that does while the scan waits on the network what makes the first verdict
   * of a JVM slow: loading the JDK's default trust store and the certificate decoder (a JDK root certificate is
   * decoded and verified). Later scans start no thread (it cost about 4 ms of CPU per scan when it ran every time).
   * Nothing of the scan is kept: a trust store of the options is loaded by its own verdicts.
   */
  static void warmUp() {
    requireNonNull(WarmTrust.STARTED, "the warm-up"); // the first call runs the initialiser, which starts it
  }

  /** Its class initialiser, which the JVM runs once, starts the warm-up ({@link #warmUp}). */
  private static final class WarmTrust {
    static final Thread STARTED = start();

    private WarmTrust() {}

    private static Thread start() {
      Thread t = new Thread(WarmTrust::warm, "tlsprobe-scan-warm-up");
      t.setDaemon(true);
      t.start();
      return t;
    }

    private static void warm() {
      try {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
          if (tm instanceof X509TrustManager x509 && x509.getAcceptedIssuers().length > 0) {
            TlsProbes.verify(List.of(x509.getAcceptedIssuers()[0]), ProbeOptions.of("localhost", 443),
                Instant.now());
          }
        }
      } catch (GeneralSecurityException | RuntimeException e) {
        // only a head start: the verdicts load what they need themselves
      }
    }
  }

  /** The kind of certificate key that signs for {@code suite} ({@code RSA}, {@code ECDSA}, {@code DSS}), if any. */
  static Optional<String> signer(CipherSuite suite) {
    return SIGNERS.contains(suite.authentication()) ? Optional.of(suite.authentication()) : Optional.empty();
  }

  /**
   * The chains, RSA first, then ECDSA, EdDSA and DSA; a leaf seen twice is listed once. With {@code ask} false (the
   * server stopped answering during the suite scan) only the chains already seen: asking again would only wait.
   */
  List<ServerCertificate> run(Map<TlsProtocol, SuiteScan.Result> results, boolean ask) {
    return scan(results, ask).chains();
  }

  /** {@link #run}, with why the TLS 1.3 chain is missing when it is. */
  Result scan(Map<TlsProtocol, SuiteScan.Result> results, boolean ask) {
    List<Presented> found = new ArrayList<>();
    for (String signer : SIGNERS) {
      seen(results, signer).or(() -> ask ? ask(results, signer) : Optional.empty()).ifPresent(found::add);
    }
    List<Parsed> parsed = new ArrayList<>();
    found.stream().map(CertificateScan::parsed).flatMap(Optional::stream).forEach(parsed::add);
    if (ask) {
      eddsa(results, parsed).ifPresent(p -> parsed.add(found.isEmpty() ? 0 : 1, p));
    }
    List<ServerCertificate> chains = new ArrayList<>();
    Set<String> leaves = new HashSet<>();
    for (Parsed p : parsed) {
      if (leaves.add(p.infos().get(0).sha256Fingerprint())) {
        chains.add(new ServerCertificate(p.infos().get(0).keyType(), p.protocol(), p.infos(),
            TlsProbes.verify(p.x509(), options.handshake(), Instant.now())));
      }
    }
    if (ask && chains.isEmpty() && accepted(results, TlsProtocol.TLSv1_3)) {
      return tls13(results);
    }
    return new Result(chains, Optional.empty());
  }

  /** The chain of a server whose chains are all encrypted: from the TLS 1.3 feature hello, else a JSSE handshake. */
  private Result tls13(Map<TlsProtocol, SuiteScan.Result> results) {
    List<Integer> suites = results.get(TlsProtocol.TLSv1_3).support().cipherSuites().stream().map(CipherSuite::code)
        .limit(Hellos.MAX_SUITES).toList();
    Tls13FirstFlight.Reading reading = Tls13FeatureHello.ask(connector, hellos, suites).reading();
    Optional<CertificateMessage> message = reading.certificate();
    List<X509Certificate> x509 = message.map(m -> parse(m.certificates())).orElse(List.of());
    if (!x509.isEmpty()) {
      List<CertificateInfo> infos = x509.stream().map(CertificateInfo::of).toList();
      return new Result(List.of(new ServerCertificate(infos.get(0).keyType(), TlsProtocol.TLSv1_3, infos,
          TlsProbes.verify(x509, options.handshake(), Instant.now()))), Optional.empty());
    }
    String why = message.isPresent() ? (message.get().entries().isEmpty() ? "the decrypted TLSv1.3 Certificate"
        + " holds no certificate" : "the leaf of the decrypted TLSv1.3 Certificate is not X.509")
        : "the TLSv1.3 Certificate could not be read: " + reading.unread().orElse("it was not sent");
    if (message.isEmpty() && reading.impossible()) {
      Optional<ServerCertificate> jsse = handshake(results);
      return new Result(jsse.stream().toList(), jsse.isPresent() ? Optional.empty()
          : Optional.of("certificates: " + why + "; a JSSE handshake gave none either"));
    }
    return new Result(List.of(), Optional.of("certificates: " + why));
  }

  /** The first chain the suite scan kept for {@code signer}, newest version first. */
  private static Optional<Presented> seen(Map<TlsProtocol, SuiteScan.Result> results, String signer) {
    return CLEAR.stream().filter(results::containsKey).flatMap(v -> results.get(v).certificates().stream())
        .filter(p -> signer(p.suite()).orElse("").equals(signer)).findFirst();
  }

  /** A hello of its own at the newest version that accepts suites {@code signer} signs for, offering only those. */
  private Optional<Presented> ask(Map<TlsProtocol, SuiteScan.Result> results, String signer) {
    for (TlsProtocol version : CLEAR) {
      List<Integer> suites = suites(results, version, signer);
      if (!suites.isEmpty()) {
        return presented(version, hellos.suites(version, suites));
      }
    }
    return Optional.empty();
  }

  /** The EdDSA certificate behind TLS 1.2's ECDSA suites, unless one was seen already. */
  private Optional<Parsed> eddsa(Map<TlsProtocol, SuiteScan.Result> results, List<Parsed> found) {
    List<Integer> suites = suites(results, TlsProtocol.TLSv1_2, "ECDSA");
    if (suites.isEmpty() || found.stream().anyMatch(Parsed::eddsa)) {
      return Optional.empty();
    }
    return presented(TlsProtocol.TLSv1_2, hellos.suites(TlsProtocol.TLSv1_2, suites, EDDSA_SCHEMES))
        .flatMap(CertificateScan::parsed).filter(Parsed::eddsa);
  }

  private Optional<Presented> presented(TlsProtocol version, byte[] hello) {
    Answer answer = Answer.of(connector.converse(hello, Answer::complete));
    return answer.hello().filter(h -> h.selectedVersion() == version.wireVersion())
        .flatMap(h -> answer.certificate().map(c -> new Presented(version, CipherSuite.of(h.cipherSuite()), c)));
  }

  private static List<Integer> suites(Map<TlsProtocol, SuiteScan.Result> results, TlsProtocol version,
      String signer) {
    SuiteScan.Result r = results.get(version);
    return r == null ? List.of() : r.support().cipherSuites().stream()
        .filter(s -> signer(s).orElse("").equals(signer)).map(CipherSuite::code).limit(Hellos.MAX_SUITES).toList();
  }

  private static boolean accepted(Map<TlsProtocol, SuiteScan.Result> results, TlsProtocol version) {
    SuiteScan.Result r = results.get(version);
    return r != null && r.support().accepted();
  }

  /**
   * A chain parsed once: the certificates that parse as X.509 and their facts, leaf first.
   *
   * @param protocol the version of the answer that held it
   * @param x509 the certificates, for the verdict
   * @param infos their facts
   */
  private record Parsed(TlsProtocol protocol, List<X509Certificate> x509, List<CertificateInfo> infos) {
    /** Whether the leaf's key is Ed25519 or Ed448. */
    boolean eddsa() {
      return infos.get(0).keyType().startsWith("Ed");
    }
  }

  /** The chain's certificates and facts; empty when not even the leaf parses as X.509. */
  private static Optional<Parsed> parsed(Presented p) {
    List<X509Certificate> x509 = parse(p.message().certificates());
    return x509.isEmpty() ? Optional.empty()
        : Optional.of(new Parsed(p.protocol(), x509, x509.stream().map(CertificateInfo::of).toList()));
  }

  /** The certificates that parse as X.509, leaf first, up to the first that does not. */
  static List<X509Certificate> parse(List<Bytes> ders) {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Bytes der : ders) {
        chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der.toArray())));
      }
    } catch (CertificateException | ClassCastException e) {
      // a chain is read leaf first: what follows a bad certificate is not a chain any more
    }
    return chain;
  }

  /**
   * TLS 1.3 only, when the scan cannot open the server's answer: one JSSE handshake, offering TLS 1.3 and the
   * accepted suites JSSE speaks, within what is left of the scan's time; counted as one of its connections.
   */
  private Optional<ServerCertificate> handshake(Map<TlsProtocol, SuiteScan.Result> results) {
    Duration left = connector.timeLeft();
    if (left.isZero()) {
      return Optional.empty();
    }
    ProbeOptions probe = options.handshake();
    List<String> suites = results.get(TlsProtocol.TLSv1_3).support().cipherSuites().stream().map(CipherSuite::name)
        .filter(JSSE_TLS13::contains).toList();
    ProbeOptions.Builder b = probe.toBuilder().protocols("TLSv1.3")
        .totalTimeout(left.compareTo(probe.totalTimeout()) < 0 ? left : probe.totalTimeout());
    if (!suites.isEmpty()) {
      b.cipherSuites(suites);
    }
    Optional<TlsConnectionReport> probed = connector.counted(() -> TlsProbes.probe(b.build()));
    if (probed.isPresent() && JsseDefects.secondConnection(probed.get().outcome())) {
      connector.countOpenedElsewhere(); // the probe's second connection (JDK-8328046)
    }
    if (probed.isEmpty() || probed.get().certificates().isEmpty()) {
      return Optional.empty();
    }
    TlsConnectionReport report = probed.get();
    return Optional.of(new ServerCertificate(report.certificates().get(0).keyType(),
        report.protocol().orElse(TlsProtocol.TLSv1_3), report.certificates(), report.verification()));
  }
}
