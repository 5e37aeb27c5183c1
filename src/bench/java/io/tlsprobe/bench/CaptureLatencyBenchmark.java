package io.tlsprobe.bench;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.ServerIdentity;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.TlsCaptureServer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * What capturing costs per connection: the same client against a {@link TlsCaptureServer} and against a plain JSSE
 * {@code SSLServerSocket} ({@link LoopbackJsseServer}), both presenting the same {@link ServerIdentity}
 * ({@code CertificateScenario.VALID}: leaf and intermediate from the run's test authority) and allowing only
 * {@code protocol}. One operation is one connection: connect to 127.0.0.1, full handshake (the client is {@link
 * BareJsse} with one shared context trusting the authority's root; each session is invalidated, so nothing is
 * resumed), close; then wait for the server's side to finish: for the capture server until its report is published
 * ({@code awaitConnection}, checked established), for the plain server until its handshake completed. No HTTP request
 * is sent (the capture server, seeing the client's close_notify, serves none).
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
 *     CaptureLatencyBenchmark -p protocol=TLSv1.3
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class CaptureLatencyBenchmark {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The one protocol both servers allow. */
  @Param({"TLSv1.3", "TLSv1.2"})
  public String protocol = "TLSv1.3";

  private @Nullable TlsCaptureServer capture;
  private @Nullable LoopbackJsseServer plain;
  private @Nullable SSLContext client;

  @Setup(Level.Trial)
  public void start() throws Exception {
    ServerIdentity identity = CertificateScenario.VALID.identity();
    capture = TlsCaptureServer.builder().identity(identity)
        .protocols(TlsProtocol.fromJsseName(protocol).orElseThrow()).build().start();
    plain = LoopbackJsseServer.start(identity.serverContext(), protocol);
    client = BareJsse.context(Certificates.trustStore(identity.anchors().toArray(X509Certificate[]::new)));
    TlsConnectionReport report = captureServer();
    plainJsseServer();
    System.out.println("# sanity: " + report.summary().lines().findFirst().orElse(""));
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    if (capture != null) {
      capture.close();
    }
    if (plain != null) {
      plain.close();
    }
  }

  @Benchmark
  public TlsConnectionReport captureServer() {
    TlsCaptureServer server = require(capture);
    SSLSession session = BareJsse.handshake(require(client), server.port(), protocol);
    session.invalidate();
    TlsConnectionReport report = server.awaitConnection(WAIT);
    if (!report.outcome().isEstablished()) {
      throw new IllegalStateException("capture not established: " + report.summary());
    }
    return report;
  }

  @Benchmark
  public SSLSession plainJsseServer() throws InterruptedException {
    LoopbackJsseServer server = require(plain);
    long want = server.completed() + 1;
    SSLSession session = BareJsse.handshake(require(client), server.port(), protocol);
    session.invalidate();
    if (!server.awaitCompleted(want, WAIT.toMillis())) {
      throw new IllegalStateException("the plain server did not complete the handshake: " + server);
    }
    return session;
  }

  static <T> T require(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("call start() first");
    }
    return value;
  }
}
