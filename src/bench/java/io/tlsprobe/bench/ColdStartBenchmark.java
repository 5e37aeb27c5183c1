package io.tlsprobe.bench;

import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.TlsConnectionReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The first handshake of a fresh JVM, as a test suite that probes once pays it: the probe and a bare JSSE handshake
 * (fresh context), each timed once per fork ({@code SingleShotTime}, no warm-up, 5 forks) against
 * {@code openssl s_server} for TLS 1.3. Nothing of the probe or JSSE runs in set-up: the server's certificate is
 * made by {@code openssl req} and read as PEM. {@code src/bench/run.sh} passes its own server
 * ({@code openssl13Port}, {@code opensslCert}); without them each fork starts one.
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
 *     ColdStartBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@State(Scope.Benchmark)
public class ColdStartBenchmark {
  private static final String PROTOCOL = "TLSv1.3";

  /** The port of a running {@code openssl s_server -tls1_3}; 0 to start one for the fork. */
  @Param("0")
  public int openssl13Port;

  /** The PEM certificate the running server presents; with the port. */
  @Param("")
  public String opensslCert = "";

  private @Nullable OpensslServerProcess server;
  private @Nullable Path dir;
  private int port;
  private @Nullable KeyStore trustStore;

  @Setup(Level.Trial)
  public void start() throws Exception {
    Path cert;
    if (openssl13Port > 0) {
      port = openssl13Port;
      cert = Path.of(opensslCert);
    } else {
      dir = Files.createTempDirectory("tlsprobe-cold-");
      OpensslServerProcess.selfSigned(dir);
      cert = dir.resolve("cert.pem");
      server = OpensslServerProcess.start(dir, cert, dir.resolve("key.pem"), PROTOCOL);
      port = server.port();
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("server", ProbeLatencyBenchmark.readPem(cert));
    trustStore = store;
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

  @Benchmark
  public TlsConnectionReport firstProbe() {
    TlsConnectionReport report = TlsProbes.probe(
        ProbeOptions.builder("127.0.0.1", port).protocols(PROTOCOL).trustStore(trust()).build());
    if (!report.outcome().isEstablished() || !report.verification().trusted()) {
      throw new IllegalStateException("the first probe did not establish a trusted connection: " + report.summary());
    }
    return report;
  }

  @Benchmark
  public SSLSession firstBareJsseHandshake() {
    return BareJsse.handshake(BareJsse.context(trust()), port, PROTOCOL);
  }

  private KeyStore trust() {
    KeyStore store = trustStore;
    if (store == null) {
      throw new IllegalStateException("call start() first");
    }
    return store;
  }
}
