package io.tlsprobe.probe;

import io.tlsprobe.bench.BareJsse;
import io.tlsprobe.bench.OpensslServerProcess;
import io.tlsprobe.report.TlsConnectionReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Where a warm probe's time goes beyond a bare handshake, measured interleaved (one of each per round, rotating) so
 * that the machine's load hits all alike: the whole probe; its handshake alone (what {@code Probe.run} does before
 * the report: fresh context and engine, the refusal bookkeeping, the NIO connection, the tapped {@code SSLEngine}
 * handshake, both transcripts decoded); a bare JSSE handshake (fresh context, PKIX trust manager); and a bare JSSE
 * handshake with the probe's accept-all recording trust manager instead (so without the chain check). Prints median
 * CPU time of the calling thread and median wall time per step, against {@code openssl s_server}.
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.tlsprobe.probe.SteadyPhases 500
 * }</pre>
 */
public final class SteadyPhases {
  private SteadyPhases() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    Path dir = Files.createTempDirectory("tlsprobe-steady-");
    try {
      OpensslServerProcess.selfSigned(dir);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
        trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      System.out.printf(Locale.ROOT, "| protocol | step | client CPU median ms | wall median ms |%n|---|---|---:|---:|%n");
      for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
        try (OpensslServerProcess server = OpensslServerProcess.start(dir, dir.resolve("cert.pem"),
            dir.resolve("key.pem"), protocol)) {
          measure(protocol, server.port(), trust, rounds);
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void measure(String protocol, int port, KeyStore trust, int rounds) {
    ProbeOptions options = ProbeOptions.builder("127.0.0.1", port).protocols(protocol).trustStore(trust).build();
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    Map<String, Runnable> steps = new LinkedHashMap<>();
    steps.put("whole probe", () -> {
      TlsConnectionReport report = TlsProbes.probe(options);
      if (!report.outcome().isEstablished()) {
        throw new IllegalStateException(report.summary());
      }
    });
    steps.put("probe's handshake alone (no report)", () -> probeHandshake(options, address));
    steps.put("bare JSSE, fresh context, PKIX trust", () -> BareJsse.handshake(BareJsse.context(trust), port,
        protocol));
    steps.put("bare JSSE, fresh context, accept-all recording trust", () -> bareRecording(address, protocol));
    List<String> names = List.copyOf(steps.keySet());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[][] cpu = new long[names.size()][rounds];
    long[][] wall = new long[names.size()][rounds];
    for (int round = -rounds; round < rounds; round++) {
      for (int k = 0; k < names.size(); k++) {
        int which = Math.floorMod(round + k, names.size());
        long c0 = threads.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        steps.get(names.get(which)).run();
        long w = System.nanoTime() - w0;
        long c = threads.getCurrentThreadCpuTime() - c0;
        if (round >= 0) {
          cpu[which][round] = c;
          wall[which][round] = w;
        }
      }
    }
    for (int i = 0; i < names.size(); i++) {
      System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f |%n", protocol, names.get(i), median(cpu[i]),
          median(wall[i]));
    }
  }

  private static void probeHandshake(ProbeOptions options, InetSocketAddress address) {
    RecordingTrustManager recorder = new RecordingTrustManager();
    SSLContext context = EngineSetup.context(options, recorder, new SecureRandom());
    SSLEngine engine = EngineSetup.engine(context, options);
    new Refusals(engine, context.getSupportedSSLParameters());
    Deadline deadline = Deadline.after(options.handshakeTimeout(), "handshake");
    try (Connection connection = Connection.open(address, deadline)) {
      JsseAttempt attempt = JsseAttempt.run(engine, connection, recorder, deadline);
      if (!attempt.established()) {
        throw new IllegalStateException("not established: " + attempt.result());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void bareRecording(InetSocketAddress address, String protocol) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new RecordingTrustManager()}, new SecureRandom());
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        SSLParameters params = socket.getSSLParameters();
        params.setProtocols(new String[] {protocol});
        socket.setSSLParameters(params);
        socket.connect(address, 5_000);
        socket.startHandshake();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }
}
