package io.tlsprobe.scan;

import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslServer;
import io.tlsprobe.testing.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scan's speed next to sslscan's, measured in one run against the {@code s_server} configurations of
 * {@link OpensslScanTest}: per configuration, our warm in-JVM scan ({@link TlsScans#scan}) and {@code sslscan
 * --no-colour 127.0.0.1:PORT}, each run {@code N} times in alternation (median wall time), the connections each opens
 * (counted by a {@link Relay}), whether the findings are equal, the CPU time each used (and the server used while
 * each scanned), and the machine's load ({@code uptime}) as it was. "Warm" means {@value #WARM_UP} scans first: after
 * 8 the JIT compilers still took as much CPU as the scan itself.
 * The machine is shared, so only ratios from the same run compare. Not a test (surefire runs *Test only): a main.
 *
 * <pre>{@code
 * mvn -B -q -o -Pbench -DskipTests test-compile
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.tlsprobe.scan.ScanTimes 7
 * java -cp … io.tlsprobe.scan.ScanTimes 7 legacy      # only the configurations whose name contains "legacy"
 * }</pre>
 */
public final class ScanTimes {
  /** Scans before the first measurement; half as many before each later configuration's. */
  static final int WARM_UP = 60;

  private ScanTimes() {}

  /**
   * One row of the table: connections, median wall times, and CPU time per scan (mean over the runs) of our JVM, of
   * sslscan, and of the server while each scanned it.
   */
  private record Row(String config, int ourConnections, long ourMillis, int theirConnections, long theirMillis,
      double ourCpu, double ourServerCpu, double theirCpu, double theirServerCpu, boolean same, String load) {
    @Override
    public String toString() {
      return String.format("| %s | %d / %d | %d / %d | %.1f× | %.0f / %.0f | %.0f / %.0f | %s | %s |", config,
          ourConnections, theirConnections, ourMillis, theirMillis, (double) theirMillis / Math.max(1, ourMillis),
          ourCpu, theirCpu, ourServerCpu, theirServerCpu, same ? "same" : "DIFFER", load);
    }
  }

  static final String HEADER = "| configuration | connections ours / sslscan | ms ours / sslscan (median) | ratio "
      + "| client CPU ms ours / sslscan | server CPU ms ours / sslscan | findings | load (1-min, before → after) |"
      + "\n|---|---|---|---|---|---|---|---|";

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String only = args.length > 1 ? args[1] : "";
    Path dir = Files.createTempDirectory("scan-times-");
    Map<String, Function<Path, OpensslServer>> configs = configurations(dir);
    List<Row> rows = new ArrayList<>();
    boolean warm = false;
    for (Map.Entry<String, Function<Path, OpensslServer>> c : configs.entrySet()) {
      if (!c.getKey().contains(only)) {
        continue;
      }
      try (OpensslServer server = c.getValue().apply(dir)) {
        ScanOptions options = ScanOptions.builder("127.0.0.1", server.port()).build();
        for (int i = 0; i < (warm ? WARM_UP / 2 : WARM_UP); i++) {
          TlsScans.scan(options); // the JIT (a few scans are not enough: C2 still compiles), the server's first
        }
        warm = true;
        String load = uptime();
        long[] ours = new long[runs];
        long[] theirs = new long[runs];
        long[] cpu = new long[4];
        int connections = 0;
        ProcessHandle s = serverProcess(server.port());
        for (int i = 0; i < runs; i++) {
          long ourCpu = ownCpuNanos();
          long serverCpu = cpuMillis(s);
          ServerProfile p = TlsScans.scan(options);
          cpu[0] += ownCpuNanos() - ourCpu;
          cpu[1] += cpuMillis(s) - serverCpu;
          ours[i] = p.elapsed().toMillis();
          connections = p.connections();
          serverCpu = cpuMillis(s);
          long[] sslscan = sslscan(server.port());
          cpu[3] += cpuMillis(s) - serverCpu;
          theirs[i] = sslscan[0];
          cpu[2] += sslscan[1];
        }
        Row row = counted(c.getKey(), server, connections, median(ours), median(theirs), cpu[0] / 1e6 / runs,
            (double) cpu[1] / runs, (double) cpu[2] / runs, (double) cpu[3] / runs, load + " → " + uptime());
        rows.add(row);
        System.out.println(row);
      }
    }
    System.out.println("median of " + runs + " runs\n" + HEADER);
    rows.forEach(System.out::println);
  }

  /** The connections each tool opens, through a relay, and whether their findings are equal. */
  private static Row counted(String config, OpensslServer server, int connections, long ours, long theirs,
      double ourCpu, double ourServerCpu, double theirCpu, double theirServerCpu, String load) throws Exception {
    ServerProfile relayed;
    int ourCount;
    try (Relay relay = Relay.to(server.port())) {
      relayed = TlsScans.scan(ScanOptions.builder("127.0.0.1", relay.port()).build());
      ourCount = relay.connections();
    }
    Sslscan found;
    int theirCount;
    try (Relay relay = Relay.to(server.port())) {
      found = Sslscan.run(relay.port());
      theirCount = relay.connections();
    }
    boolean same;
    try {
      OpensslScanTest.assertSameFindings(relayed, found);
      same = relayed.isComplete() && ourCount == connections;
    } catch (AssertionError e) {
      System.out.println(config + ": " + e.getMessage());
      same = false;
    }
    return new Row(config, ourCount, ours, theirCount, theirs, ourCpu, ourServerCpu, theirCpu, theirServerCpu, same,
        load);
  }

  /** sslscan's wall time (process start included) and CPU time (user + system, from /usr/bin/time), in ms. */
  private static long[] sslscan(int port) {
    ProcessResult r = Interop.run(Duration.ofSeconds(120), "/usr/bin/time", "-f", "CPU %U %S",
        Interop.requireCommand("sslscan").toString(), "--no-colour", "127.0.0.1:" + port);
    String[] cpu = r.stderr().substring(r.stderr().lastIndexOf("CPU ")).trim().split(" ");
    return new long[] {r.elapsed().toMillis(),
        Math.round((Double.parseDouble(cpu[1]) + Double.parseDouble(cpu[2])) * 1000)};
  }

  /** The s_server process listening on {@code port}. */
  private static ProcessHandle serverProcess(int port) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("s_server -accept 127.0.0.1:" + port + " "))
        .findFirst().orElseThrow(() -> new IllegalStateException("no s_server on " + port));
  }

  /** A process's CPU time (user + system) in ms, from /proc (10 ms steps). */
  private static long cpuMillis(ProcessHandle p) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime in 100 Hz ticks
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** This JVM's CPU time, all threads (the JIT and GC included), in ns (10 ms steps). */
  private static long ownCpuNanos() {
    return cpuMillis(ProcessHandle.current()) * 1_000_000;
  }

  private static long median(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String uptime() {
    String out = Interop.run(Duration.ofSeconds(5), "uptime").stdout().trim();
    int at = out.indexOf("load average:");
    return at < 0 ? out : out.substring(at + "load average:".length()).trim().split(",")[0];
  }

  /** The servers of {@link OpensslScanTest}, by name. */
  private static Map<String, Function<Path, OpensslServer>> configurations(Path dir) {
    Interop.requireCommand("openssl");
    ServerKeys keys = ServerKeys.write(dir);
    Path rsaCert = keys.rsaCert();
    Path rsaKey = keys.rsaKey();
    Path ecCert = keys.ecCert();
    Path ecKey = keys.ecKey();
    Path dhParams = ServerKeys.ffdhe2048(dir);
    List<String> intermediate = List.of("-dcert", ecCert.toString(), "-dkey", ecKey.toString(), "-min_protocol",
        "TLSv1.2", "-cipher", OpensslScanTest.INTERMEDIATE, "-groups", "x25519:P-256:P-384", "-dhparam",
        dhParams.toString());
    Map<String, Function<Path, OpensslServer>> c = new LinkedHashMap<>();
    c.put("TLS 1.3 only", d -> OpensslServer.www(d, ecCert, ecKey, "-tls1_3", "-ciphersuites",
        "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256"));
    c.put("TLS 1.3 HRR only (secp384r1)", d -> OpensslServer.www(d, ecCert, ecKey, "-tls1_3", "-groups",
        "secp384r1"));
    c.put("intermediate, client order", d -> OpensslServer.www(d, rsaCert, rsaKey,
        intermediate.toArray(String[]::new)));
    List<String> serverOrder = new ArrayList<>(intermediate);
    serverOrder.addAll(List.of("-serverpref", "-ciphersuites",
        "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256"));
    c.put("intermediate, server order", d -> OpensslServer.www(d, rsaCert, rsaKey,
        serverOrder.toArray(String[]::new)));
    c.put("legacy ALL:@SECLEVEL=0 TLS 1.0-1.2", d -> OpensslServer.www(d, rsaCert, rsaKey, "-cipher",
        "ALL:@SECLEVEL=0", "-min_protocol", "TLSv1", "-max_protocol", "TLSv1.2"));
    return c;
  }
}
