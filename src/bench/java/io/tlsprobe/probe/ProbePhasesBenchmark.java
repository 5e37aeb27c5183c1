package io.tlsprobe.probe;

import io.tlsprobe.bench.BareJsse;
import io.tlsprobe.bench.OpensslServerProcess;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.report.Verification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;
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
 * Where a probe's time goes, phase by phase, measured on the probe's own package-private parts against an
 * {@code openssl s_server} (a separate process, so that the server's work does not share the JVM): the whole probe,
 * its handshake alone ({@link #probeHandshake()}: the fresh context and engine, the connection, the tapped
 * {@code SSLEngine} handshake and the decoding of both transcripts, as {@code Probe.run} does before the report),
 * a bare JSSE handshake for reference, and each piece of the report's work on its own: the verdict's trust manager,
 * the certificate facts, the chain verdict, the transcript decode, the refusal bookkeeping. Not part of the ratios
 * in BENCHMARKS.md; run it when the probe's overhead needs explaining:
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
 *     ProbePhasesBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ProbePhasesBenchmark {

  /** The one protocol the server allows and the client offers. */
  @Param({"TLSv1.3", "TLSv1.2"})
  public String protocol = "TLSv1.3";

  private @Nullable OpensslServerProcess server;
  private @Nullable Path dir;
  private int port;
  private KeyStore trustStore = Certificates.trustStore();
  private ProbeOptions options = ProbeOptions.of("127.0.0.1", 1);
  private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
  private List<X509Certificate> chain = List.of();
  private byte[] sentBytes = new byte[0];
  private byte[] receivedBytes = new byte[0];
  private @Nullable X509TrustManager verdictTrust;
  private @Nullable SSLContext context;
  private @Nullable SSLEngine engine;

  @Setup(Level.Trial)
  public void start() throws Exception {
    dir = Files.createTempDirectory("tlsprobe-phases-");
    HeldCertificate leaf = Certificates.certificate().subject("CN=localhost").dns("localhost").ip("127.0.0.1")
        .build();
    Path cert = leaf.writeCertificatePem(dir.resolve("cert.pem"));
    Path key = leaf.writePrivateKeyPem(dir.resolve("key.pem"));
    server = OpensslServerProcess.start(dir, cert, key, protocol);
    port = server.port();
    trustStore = Certificates.trustStore(leaf.certificate());
    options = ProbeOptions.builder("127.0.0.1", port).protocols(protocol).trustStore(trustStore).build();
    address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    verdictTrust = TrustSource.trustManager(options.trustSource());
    RecordingTrustManager recorder = new RecordingTrustManager();
    context = EngineSetup.context(options, recorder, new SecureRandom());
    engine = EngineSetup.engine(context, options);
    Deadline deadline = Deadline.after(options.handshakeTimeout(), "handshake");
    try (Connection connection = Connection.open(address, deadline)) {
      JsseAttempt attempt = JsseAttempt.run(EngineSetup.engine(context, options), connection, recorder, deadline);
      if (!attempt.established() || attempt.session() == null) {
        throw new IllegalStateException("the handshake with " + address + " failed: " + attempt.result());
      }
      chain = attempt.session().peerCertificates();
      sentBytes = connection.sent().toByteArray();
      receivedBytes = connection.received().toByteArray();
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The whole probe, report included. */
  @Benchmark
  public TlsConnectionReport probe() {
    return TlsProbes.probe(options);
  }

  /** A bare JSSE handshake with a fresh context, for reference. */
  @Benchmark
  public SSLSession bareJsseFreshContext() {
    return BareJsse.handshake(BareJsse.context(trustStore), port, protocol);
  }

  /** What {@code Probe.run} does before the report: context, engine, refusals, connection, tapped handshake. */
  @Benchmark
  public JsseAttempt probeHandshake() throws IOException {
    RecordingTrustManager recorder = new RecordingTrustManager();
    SSLContext fresh = EngineSetup.context(options, recorder, new SecureRandom());
    SSLEngine e = EngineSetup.engine(fresh, options);
    new Refusals(e, fresh.getSupportedSSLParameters());
    Deadline deadline = Deadline.after(options.handshakeTimeout(), "handshake");
    try (Connection connection = Connection.open(address, deadline)) {
      JsseAttempt attempt = JsseAttempt.run(e, connection, recorder, deadline);
      if (!attempt.established()) {
        throw new IllegalStateException("not established: " + attempt.result());
      }
      return attempt;
    }
  }

  /** The probe's context and engine (a fresh {@code SSLContext} per probe). */
  @Benchmark
  public SSLEngine contextAndEngine() {
    return EngineSetup.engine(EngineSetup.context(options, new RecordingTrustManager(), new SecureRandom()), options);
  }

  /** The refusal bookkeeping made for every probe, needed only when the server refuses. */
  @Benchmark
  public Refusals refusals() {
    SSLContext c = context;
    SSLEngine e = engine;
    if (c == null || e == null) {
      throw new IllegalStateException("call start() first");
    }
    return new Refusals(e, c.getSupportedSSLParameters());
  }

  /** The verdict's trust manager over the trust store, made per probe. */
  @Benchmark
  public X509TrustManager verdictTrustManager() {
    return TrustSource.trustManager(options.trustSource());
  }

  /** Both transcripts through the codec, as {@code JsseAttempt.run} decodes them. */
  @Benchmark
  public Object transcriptDecode() {
    return List.of(FlightView.of(sentBytes), FlightView.of(receivedBytes));
  }

  /** The facts of every certificate of the chain, as the report lists them. */
  @Benchmark
  public List<CertificateInfo> certificateFacts() {
    List<CertificateInfo> infos = new ArrayList<>();
    for (X509Certificate c : chain) {
      infos.add(CertificateInfo.of(c));
    }
    return infos;
  }

  /** The verdict on the chain against the trust store, host name included. */
  @Benchmark
  public Verification chainVerdict() {
    X509TrustManager trust = verdictTrust;
    if (trust == null) {
      throw new IllegalStateException("call start() first");
    }
    return ChainVerifier.verify(chain, trust, options.trustStoreDescription(), "127.0.0.1", Instant.now());
  }
}
