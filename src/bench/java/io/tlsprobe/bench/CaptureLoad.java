package io.tlsprobe.bench;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.ServerIdentity;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.ConcurrentClients;
import io.tlsprobe.server.TlsCaptureServer;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The capture server under load, in one JVM, printed as Markdown:
 *
 * <ol>
 *   <li><b>interleaved per-connection cost</b>, a check of {@link CaptureLatencyBenchmark} that a changing machine
 *       load cannot skew: per round a block of 25 connections to the capture server and a block of 25 to the plain
 *       JSSE server (same identity, same client, same operation as the JMH benchmark), alternating which goes first;
 *       after the warm-up rounds, the median and 90th percentile wall time per connection of each, and the mean CPU
 *       time of the whole process per connection (client and server threads, JIT and GC included: the capture
 *       server's extra work runs on its own threads, which the calling thread's CPU time would not see; read per
 *       block because the process CPU clock moves in 10 ms steps);
 *   <li><b>concurrent clients</b>: {@code --runs} times, a fresh capture server with its defaults (but 60 s handshake
 *       and idle timeouts, as a loaded machine needs more than 10 s for 200 handshakes) and {@code
 *       --clients} HTTPS clients released at once ({@link ConcurrentClients}: handshake, one GET, close); each run is
 *       checked (as many reports as clients, each established, client ports distinct and equal to the clients' own)
 *       and timed from the release to the last report.
 * </ol>
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.tlsprobe.bench.CaptureLoad \
 *     --warmup 300 --rounds 300 --clients 200 --runs 5
 * }</pre>
 */
public final class CaptureLoad {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Connections per block: the process CPU clock moves in 10 ms steps, so it is read per block, not per connection. */
  private static final int BLOCK = 25;

  private CaptureLoad() {}

  public static void main(String[] args) throws Exception {
    int warmup = 300;
    int rounds = 300;
    int clients = 200;
    int runs = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (use --warmup N, --rounds N, --clients N, --runs N)");
      }
    }
    interleaved(warmup, rounds);
    concurrent(clients, runs);
  }

  private static void interleaved(int warmup, int rounds) throws Exception {
    MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
    ObjectName os = new ObjectName("java.lang:type=OperatingSystem");
    System.out.println("| protocol | capture median (p90) ms | plain JSSE median (p90) ms | capture / plain (median)"
        + " | process CPU per connection ms: capture / plain | CPU capture / plain |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    ServerIdentity identity = CertificateScenario.VALID.identity();
    SSLContext client = BareJsse.context(Certificates.trustStore(identity.anchors().toArray(X509Certificate[]::new)));
    int blocks = Math.max(1, rounds / BLOCK);
    int warmupBlocks = Math.max(1, warmup / BLOCK);
    for (String protocol : PROTOCOLS) {
      try (TlsCaptureServer capture = TlsCaptureServer.builder().identity(identity)
              .protocols(TlsProtocol.fromJsseName(protocol).orElseThrow()).build().start();
          LoopbackJsseServer plain = LoopbackJsseServer.start(identity.serverContext(), protocol)) {
        long[][] wall = new long[2][blocks * BLOCK];
        long[] cpu = new long[2];
        for (int b = 0; b < warmupBlocks + blocks; b++) {
          for (int k = 0; k < 2; k++) {
            int which = (b + k) % 2; // 0 = capture, 1 = plain; alternating which block goes first
            long cpu0 = processCpuNanos(beans, os);
            for (int i = 0; i < BLOCK; i++) {
              long t0 = System.nanoTime();
              if (which == 0) {
                captureOnce(capture, client, protocol);
              } else {
                plainOnce(plain, client, protocol);
              }
              if (b >= warmupBlocks) {
                wall[which][(b - warmupBlocks) * BLOCK + i] = System.nanoTime() - t0;
              }
            }
            if (b >= warmupBlocks) {
              cpu[which] += processCpuNanos(beans, os) - cpu0;
            }
          }
        }
        int n = blocks * BLOCK;
        double captureMedian = millis(wall[0], 50);
        double plainMedian = millis(wall[1], 50);
        double captureCpu = cpu[0] / 1e6 / n;
        double plainCpu = cpu[1] / 1e6 / n;
        System.out.printf(Locale.ROOT, "| %s | %.2f (%.2f) | %.2f (%.2f) | %.2f | %.2f / %.2f | %.2f |%n", protocol,
            captureMedian, millis(wall[0], 90), plainMedian, millis(wall[1], 90),
            captureMedian / plainMedian, captureCpu, plainCpu, captureCpu / plainCpu);
      }
    }
    System.out.println();
  }

  /** The JVM's CPU time, all threads (the platform MBean's {@code ProcessCpuTime}: 10 ms steps on Linux). */
  private static long processCpuNanos(MBeanServer beans, ObjectName os) throws JMException {
    return (Long) beans.getAttribute(os, "ProcessCpuTime");
  }

  private static void captureOnce(TlsCaptureServer server, SSLContext client, String protocol) {
    BareJsse.handshake(client, server.port(), protocol).invalidate();
    TlsConnectionReport report = server.awaitConnection(WAIT);
    if (!report.outcome().isEstablished()) {
      throw new IllegalStateException("capture not established: " + report.summary());
    }
  }

  private static void plainOnce(LoopbackJsseServer server, SSLContext client, String protocol)
      throws InterruptedException {
    long want = server.completed() + 1;
    BareJsse.handshake(client, server.port(), protocol).invalidate();
    if (!server.awaitCompleted(want, WAIT.toMillis())) {
      throw new IllegalStateException("the plain server did not complete the handshake: " + server);
    }
  }

  private static void concurrent(int clients, int runs) throws Exception {
    System.out.println("| run | clients | reports kept | established | distinct client ports matching"
        + " | wall ms (release → last report) | connections/s |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    List<Long> walls = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      try (TlsCaptureServer server = TlsCaptureServer.builder().handshakeTimeout(Duration.ofSeconds(60))
          .idleTimeout(Duration.ofSeconds(60)).build().start()) {
        ConcurrentClients.Result result = ConcurrentClients.run(server, clients, Duration.ofSeconds(120));
        long established = result.reports().stream().filter(r -> r.outcome().isEstablished()).count();
        Set<Integer> clientPorts = new HashSet<>();
        result.clients().forEach(c -> clientPorts.add(c.localPort()));
        Set<Integer> reportPorts = new HashSet<>();
        result.reports().forEach(r -> reportPorts.add(r.endpoint().port()));
        boolean matching = clientPorts.size() == clients && reportPorts.equals(clientPorts);
        long ok = result.clients().stream().filter(c -> c.statusLine().equals("HTTP/1.1 200 OK")).count();
        if (result.reports().size() != clients || established != clients || !matching || ok != clients
            || server.connections().size() != clients) {
          throw new IllegalStateException("run " + run + ": " + result.reports().size() + " reports, " + established
              + " established, ports matching " + matching + ", " + ok + " clients got 200, "
              + server.connections().size() + " kept in the log");
        }
        long ms = result.wallTime().toMillis();
        walls.add(ms);
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %.0f |%n", run, clients,
            server.connections().size(), established, reportPorts.size(), ms, clients * 1000.0 / ms);
      }
    }
    long[] sorted = walls.stream().mapToLong(Long::longValue).toArray();
    System.out.printf(Locale.ROOT, "%nmedian wall time of %d runs: %d ms (%d clients)%n", runs,
        percentile(sorted, 50), clients);
  }

  /** The p-th percentile (nearest rank) of {@code values}. */
  private static long percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }

  /** {@link #percentile} of nanosecond values, in ms. */
  private static double millis(long[] nanos, int p) {
    return percentile(nanos, p) / 1e6;
  }
}
