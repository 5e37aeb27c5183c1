package io.tlsprobe.bench;

import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.cert.ServerIdentity;
import io.tlsprobe.server.TlsCaptureServer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What starting a capture server costs: {@code TlsCaptureServer.builder().build().start()} and {@code close()}.
 *
 * <ul>
 *   <li>{@link #firstStart()}: the first in a fresh JVM ({@code SingleShotTime}, 5 forks, nothing before it): it pays
 *       for the run's test authority (root and intermediate keys and certificates, Bouncy Castle's first use), the
 *       leaf, the server's {@code SSLContext} and the JSSE and server classes;
 *   <li>{@link #firstIdentity()}: only {@code CertificateScenario.VALID.identity()} in a fresh JVM, the part of the
 *       first start that is certificate making;
 *   <li>{@link #laterStart()}: every later start in the same JVM (average, after warm-up): a new leaf from the cached
 *       authority, a new server context, bind, accept thread, close.
 * </ul>
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
 *     CaptureStartBenchmark
 * }</pre>
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CaptureStartBenchmark {

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public int firstStart() {
    return startAndClose();
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public ServerIdentity firstIdentity() {
    return CertificateScenario.VALID.identity();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Fork(1)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public int laterStart(Started started) {
    return startAndClose();
  }

  /** One server started and closed before the measured ones, so that they are all "later" starts. */
  @State(Scope.Benchmark)
  public static class Started {
    @Setup(Level.Trial)
    public void startOne() {
      startAndClose();
    }
  }

  static int startAndClose() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().build().start()) {
      return server.port();
    }
  }
}
