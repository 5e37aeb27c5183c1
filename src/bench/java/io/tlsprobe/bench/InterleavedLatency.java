package io.tlsprobe.bench;

import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.TlsConnectionReport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * A check of the JMH ratios that a loaded machine cannot skew: the probe and the two bare JSSE handshakes of
 * {@link ProbeLatencyBenchmark} run interleaved, one of each per round in rotating order, so that whatever else the
 * machine does hits all three alike; after the warm-up rounds it prints each one's median and 90th percentile (ms)
 * and the ratios of the medians, and the median CPU time of the calling thread, on which all of the client's work
 * runs (ms; the in-process server's thread, GC and JIT are not counted): a cost that waiting for a busy CPU does
 * not inflate. The servers are started here (in-process JSSE, and {@code openssl s_server} unless
 * {@code --no-openssl}), or for openssl given as {@code --openssl13-port}, {@code --openssl12-port} and
 * {@code --openssl-cert} (as {@code src/bench/run.sh} does, so that s_client meets the same servers).
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *     io.tlsprobe.bench.InterleavedLatency --warmup 300 --rounds 300
 * }</pre>
 */
public final class InterleavedLatency {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private InterleavedLatency() {}

  public static void main(String[] args) throws Exception {
    int warmup = 300;
    int rounds = 300;
    boolean openssl = true;
    int[] givenPorts = {0, 0};
    String givenCert = "";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--no-openssl" -> openssl = false;
        case "--openssl13-port" -> givenPorts[0] = Integer.parseInt(args[++i]);
        case "--openssl12-port" -> givenPorts[1] = Integer.parseInt(args[++i]);
        case "--openssl-cert" -> givenCert = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --warmup N, --rounds N,"
            + " --no-openssl, --openssl13-port P --openssl12-port P --openssl-cert PEM)");
      }
    }
    HeldCertificate leaf = Certificates.certificate().subject("CN=localhost").dns("localhost").ip("127.0.0.1")
        .build();
    KeyStore trust = Certificates.trustStore(leaf.certificate());
    KeyStore givenTrust = givenCert.isEmpty() ? trust
        : Certificates.trustStore(ProbeLatencyBenchmark.readPem(Path.of(givenCert)));
    Path dir = Files.createTempDirectory("tlsprobe-bench-");
    Path cert = leaf.writeCertificatePem(dir.resolve("cert.pem"));
    Path key = leaf.writePrivateKeyPem(dir.resolve("key.pem"));
    System.out.printf(Locale.ROOT, "| server | protocol | probe median (p90) | bare fresh median (p90)"
        + " | bare shared median (p90) | probe / bare fresh | probe / bare shared"
        + " | client CPU median: probe / fresh / shared | CPU probe / fresh | CPU probe / shared |%n");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    try {
      for (int p = 0; p < PROTOCOLS.length; p++) {
        String protocol = PROTOCOLS[p];
        try (LoopbackJsseServer server = LoopbackJsseServer.start(Certificates.sslContext(leaf), protocol)) {
          measure("jsse", server.port(), protocol, trust, warmup, rounds);
        }
        if (openssl && givenPorts[p] > 0) {
          measure("openssl", givenPorts[p], protocol, givenTrust, warmup, rounds);
        } else if (openssl) {
          try (OpensslServerProcess server = OpensslServerProcess.start(dir, cert, key, protocol)) {
            measure("openssl", server.port(), protocol, trust, warmup, rounds);
          }
        }
      }
    } finally {
      for (Path p : List.of(cert, key)) {
        Files.deleteIfExists(p);
      }
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static void measure(String server, int port, String protocol, KeyStore trust, int warmup, int rounds) {
    ProbeOptions options = ProbeOptions.builder("127.0.0.1", port).protocols(protocol).trustStore(trust).build();
    SSLContext shared = BareJsse.context(trust);
    List<Runnable> ops = List.of(
        () -> {
          TlsConnectionReport report = TlsProbes.probe(options);
          if (!report.outcome().isEstablished()) {
            throw new IllegalStateException("probe not established: " + report.summary());
          }
        },
        () -> BareJsse.handshake(BareJsse.context(trust), port, protocol),
        () -> BareJsse.handshake(shared, port, protocol).invalidate());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<long[]> wall = new ArrayList<>();
    List<long[]> cpu = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      wall.add(new long[rounds]);
      cpu.add(new long[rounds]);
    }
    for (int round = -warmup; round < rounds; round++) {
      for (int k = 0; k < ops.size(); k++) {
        int which = Math.floorMod(round + k, ops.size());
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        ops.get(which).run();
        long took = System.nanoTime() - start;
        long cpuTook = threads.getCurrentThreadCpuTime() - cpuStart;
        if (round >= 0) {
          wall.get(which)[round] = took;
          cpu.get(which)[round] = cpuTook;
        }
      }
    }
    double[] median = new double[ops.size()];
    double[] p90 = new double[ops.size()];
    double[] cpuMedian = new double[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      median[i] = percentile(wall.get(i), 0.5);
      p90[i] = percentile(wall.get(i), 0.9);
      cpuMedian[i] = percentile(cpu.get(i), 0.5);
    }
    System.out.printf(Locale.ROOT, "| %s | %s | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) | %.2f | %.2f"
        + " | %.2f / %.2f / %.2f | %.2f | %.2f |%n", server, protocol, median[0], p90[0], median[1], p90[1],
        median[2], p90[2], median[0] / median[1], median[0] / median[2], cpuMedian[0], cpuMedian[1], cpuMedian[2],
        cpuMedian[0] / cpuMedian[1], cpuMedian[0] / cpuMedian[2]);
  }

  /** The {@code q} quantile of {@code nanos}, in ms. */
  private static double percentile(long[] nanos, double q) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
  }
}
