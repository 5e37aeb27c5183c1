package io.tlsprobe.probe;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.ExtensionType;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.SignatureScheme;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.bench.BareJsse;
import io.tlsprobe.bench.OpensslServerProcess;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Where the first probe of a fresh JVM spends its time. Each run is a new JVM that first does two bare JSSE
 * handshakes (so JSSE's own start-up is paid and shown apart), then either probes three times ({@code first-probe}
 * runs) or takes the probe apart, timing the first use of each part in turn ({@code phases} runs): the probe's
 * handshake (fresh context and engine, NIO connection, tapped {@code SSLEngine} handshake, both transcripts
 * decoded), the IANA registries, the certificate facts (Bouncy Castle's ASN.1), the chain verdict (PKIX), and then
 * a whole probe, which pays only what is left. Against {@code openssl s_server -tls1_3}, with a certificate made by
 * {@code openssl req} so that no Java code of ours or Bouncy Castle's runs before it is timed. Prints the medians
 * over the runs as a Markdown table.
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.tlsprobe.probe.ColdPhases 5
 * }</pre>
 */
public final class ColdPhases {
  private static final String PROTOCOL = "TLSv1.3";
  private static final long CHILD_TIMEOUT_SECONDS = 120;

  private ColdPhases() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("--child")) {
      child(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path dir = Files.createTempDirectory("tlsprobe-cold-");
    try {
      OpensslServerProcess.selfSigned(dir);
      Path cert = dir.resolve("cert.pem");
      try (OpensslServerProcess server = OpensslServerProcess.start(dir, cert, dir.resolve("key.pem"), PROTOCOL)) {
        for (String mode : List.of("first-probe", "phases")) {
          Map<String, List<Double>> steps = new LinkedHashMap<>();
          for (int i = 0; i < runs; i++) {
            for (Map.Entry<String, Double> e : runChild(mode, server.port(), cert).entrySet()) {
              steps.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
          }
          System.out.printf(Locale.ROOT, "%n%s (median of %d fresh JVMs, ms)%n%n| step | ms |%n|---|---:|%n", mode,
              runs);
          steps.forEach((step, values) -> System.out.printf(Locale.ROOT, "| %s | %.1f |%n", step, median(values)));
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Map<String, Double> runChild(String mode, int port, Path cert)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        ColdPhases.class.getName(), "--child", mode, Integer.toString(port), cert.toString())
        .redirectErrorStream(true)
        .start();
    Map<String, Double> steps = new LinkedHashMap<>();
    List<String> other = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split("\t");
        if (f.length == 2 && f[0].startsWith("step:")) {
          steps.put(f[0].substring(5), Long.parseLong(f[1]) / 1e6);
        } else {
          other.add(line);
        }
      }
    }
    if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("a " + mode + " run did not end within " + CHILD_TIMEOUT_SECONDS + " s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("a " + mode + " run failed:\n" + String.join("\n", other));
    }
    return steps;
  }

  private static void child(String mode, int port, Path certFile) throws Exception {
    long t0 = System.nanoTime();
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certFile)) {
      trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    ProbeOptions options = ProbeOptions.builder("127.0.0.1", port).protocols(PROTOCOL).trustStore(trust).build();
    step("trust store and options", t0);
    long t = System.nanoTime();
    BareJsse.handshake(BareJsse.context(trust), port, PROTOCOL);
    step("bare JSSE: first handshake", t);
    t = System.nanoTime();
    BareJsse.handshake(BareJsse.context(trust), port, PROTOCOL);
    step("bare JSSE: second handshake", t);
    if (mode.equals("first-probe")) {
      for (String which : List.of("first", "second", "third")) {
        t = System.nanoTime();
        TlsConnectionReport report = TlsProbes.probe(options);
        step("probe: " + which, t);
        if (!report.outcome().isEstablished()) {
          throw new IllegalStateException(report.summary());
        }
      }
      return;
    }
    t = System.nanoTime();
    RecordingTrustManager recorder = new RecordingTrustManager();
    SSLContext context = EngineSetup.context(options, recorder, new SecureRandom());
    SSLEngine engine = EngineSetup.engine(context, options);
    new Refusals(engine, context.getSupportedSSLParameters());
    Deadline deadline = Deadline.after(options.handshakeTimeout(), "handshake");
    List<X509Certificate> chain;
    try (Connection connection = Connection.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
        deadline)) {
      JsseAttempt attempt = JsseAttempt.run(engine, connection, recorder, deadline);
      if (!attempt.established() || attempt.session() == null) {
        throw new IllegalStateException("not established: " + attempt.result());
      }
      chain = attempt.session().peerCertificates();
    }
    step("probe parts: the handshake (context, engine, NIO, tap, transcript decode)", t);
    t = System.nanoTime();
    CipherSuite.of(0x1301);
    NamedGroup.of(29);
    TlsProtocol.fromWireVersion(0x0304);
    CompressionMethod.of(0);
    ExtensionType.of(0);
    SignatureScheme.of(0x0403);
    step("probe parts: IANA registries, first use", t);
    t = System.nanoTime();
    for (X509Certificate c : chain) {
      CertificateInfo.of(c);
    }
    step("probe parts: certificate facts (Bouncy Castle ASN.1), first use", t);
    t = System.nanoTime();
    ChainVerifier.verify(chain, TrustSource.trustManager(options.trustSource()), options.trustStoreDescription(),
        "127.0.0.1", Instant.now());
    step("probe parts: chain verdict (PKIX), first use", t);
    t = System.nanoTime();
    TlsProbes.probe(options);
    step("probe: first whole probe after its parts (what is left)", t);
    t = System.nanoTime();
    TlsProbes.probe(options);
    step("probe: second whole probe", t);
  }

  private static void step(String name, long startNanos) {
    System.out.println("step:" + name + "\t" + (System.nanoTime() - startNanos));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }
}
