package io.tlsprobe.bench;

import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.TlsConnectionReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One probe's latency next to a bare JSSE handshake with the same settings, against the same loopback server: an
 * in-process JSSE server ({@code server=jsse}) or {@code openssl s_server -www} ({@code server=openssl}), each
 * allowing only {@code protocol}, presenting a self-signed EC P-256 certificate for {@code localhost} and
 * {@code 127.0.0.1} that the client trusts exactly. Every operation is a full handshake on a new connection:
 *
 * <ul>
 *   <li>{@link #probe()}: {@code TlsProbes.probe(options)} with {@code protocols(protocol)} and
 *       {@code trustStore(store)}, including the report (certificate facts, chain verdict, JA3/JA4);
 *   <li>{@link #bareJsseFreshContext()}: a new {@code SSLContext} per handshake, as the probe makes one per probe;
 *   <li>{@link #bareJsseSharedContext()}: one {@code SSLContext} for all handshakes (sessions invalidated, so never
 *       resumed): the cheapest a JSSE client can be.
 * </ul>
 *
 * <p>{@code src/bench/run.sh} starts the openssl servers itself and passes their ports ({@code openssl13Port},
 * {@code openssl12Port}) and certificate ({@code opensslCert}), so that {@code openssl s_client} is timed against the
 * same servers; with the defaults (0) each trial starts its own s_server and kills it in tear-down. The warm-up is
 * long (10 s) because the probe has more code for the JIT to compile than a bare handshake (the codec, the
 * certificate decoder): with 5 s, its iterations were still falling when the measurement began.
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
 *     ProbeLatencyBenchmark -p server=jsse -p protocol=TLSv1.3
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ProbeLatencyBenchmark {

  /** Which server: {@code jsse} (in-process) or {@code openssl} ({@code s_server -www}). */
  @Param({"jsse", "openssl"})
  public String server = "jsse";

  /** The one protocol the server allows and the client offers. */
  @Param({"TLSv1.3", "TLSv1.2"})
  public String protocol = "TLSv1.3";

  /** The port of a running {@code openssl s_server -tls1_3}; 0 to start one for the trial. */
  @Param("0")
  public int openssl13Port;

  /** The port of a running {@code openssl s_server -tls1_2}; 0 to start one for the trial. */
  @Param("0")
  public int openssl12Port;

  /** The PEM certificate the running openssl servers present (the client's only trust anchor); with the ports. */
  @Param("")
  public String opensslCert = "";

  private final Resources resources = new Resources();
  private int port;
  private KeyStore trustStore = emptyTrustStore();
  private ProbeOptions options = ProbeOptions.of("127.0.0.1", 1);
  private @Nullable SSLContext shared;

  @Setup(Level.Trial)
  public void start() throws Exception {
    resources.dir = Files.createTempDirectory("tlsprobe-bench-");
    if (server.equals("jsse")) {
      HeldCertificate leaf = leaf();
      LoopbackJsseServer jsse = LoopbackJsseServer.start(Certificates.sslContext(leaf), protocol);
      resources.closeables = jsse;
      port = jsse.port();
      trustStore = Certificates.trustStore(leaf.certificate());
    } else if (server.equals("openssl")) {
      int given = protocol.equals("TLSv1.3") ? openssl13Port : openssl12Port;
      if (given > 0) {
        if (opensslCert.isEmpty()) {
          throw new IllegalArgumentException("opensslCert must name the PEM certificate of the server on port "
              + given);
        }
        port = given;
        trustStore = Certificates.trustStore(readPem(Path.of(opensslCert)));
      } else {
        HeldCertificate leaf = leaf();
        Path cert = leaf.writeCertificatePem(resources.dir.resolve("cert.pem"));
        Path key = leaf.writePrivateKeyPem(resources.dir.resolve("key.pem"));
        OpensslServerProcess openssl = OpensslServerProcess.start(resources.dir, cert, key, protocol);
        resources.closeables = openssl;
        port = openssl.port();
        trustStore = Certificates.trustStore(leaf.certificate());
      }
    } else {
      throw new IllegalArgumentException("server must be jsse or openssl, was " + server);
    }
    options = ProbeOptions.builder("127.0.0.1", port).protocols(protocol).trustStore(trustStore).build();
    shared = BareJsse.context(trustStore);
    sanityCheck();
  }

  /** Refuses to measure anything but full, trusted handshakes of the wanted protocol. */
  private void sanityCheck() {
    TlsConnectionReport report = TlsProbes.probe(options);
    boolean trusted = report.verification().trusted();
    if (!report.outcome().isEstablished() || !report.protocol().map(p -> p.jsseName().equals(protocol)).orElse(false)
        || !trusted) {
      throw new IllegalStateException("the probe did not establish a trusted " + protocol + " connection: "
          + report.summary());
    }
    BareJsse.handshake(BareJsse.context(trustStore), port, protocol);
    System.out.println("# sanity: " + report.summary().lines().findFirst().orElse(""));
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    resources.close();
  }

  @Benchmark
  public TlsConnectionReport probe() {
    TlsConnectionReport report = TlsProbes.probe(options);
    if (!report.outcome().isEstablished()) {
      throw new IllegalStateException("probe not established: " + report.outcome());
    }
    return report;
  }

  @Benchmark
  public SSLSession bareJsseFreshContext() {
    return BareJsse.handshake(BareJsse.context(trustStore), port, protocol);
  }

  @Benchmark
  public SSLSession bareJsseSharedContext() {
    SSLContext context = shared;
    if (context == null) {
      throw new IllegalStateException("call start() first");
    }
    SSLSession session = BareJsse.handshake(context, port, protocol);
    session.invalidate();
    return session;
  }

  private static HeldCertificate leaf() {
    return Certificates.certificate().subject("CN=localhost").dns("localhost").ip("127.0.0.1").build();
  }

  static X509Certificate readPem(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static KeyStore emptyTrustStore() {
    return Certificates.trustStore();
  }

  /** What a trial started: a server and a temporary directory, closed and deleted in tear-down. */
  private static final class Resources implements AutoCloseable {
    @Nullable AutoCloseable closeables;
    @Nullable Path dir;

    @Override
    public void close() throws Exception {
      try {
        if (closeables != null) {
          closeables.close();
        }
      } finally {
        if (dir != null) {
          try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      }
    }
  }
}
