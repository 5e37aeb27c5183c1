package io.tlsprobe.bench;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.scan.ScanOptions;
import io.tlsprobe.scan.TlsScans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The in-JVM half of the scan benchmark ({@code src/bench/scan.sh}, BENCHMARKS.md "Scan"): times
 * {@link TlsScans#scan(ScanOptions)} against one loopback server, first once in this fresh JVM (the cold scan: class
 * loading, the registry, the interpreter), then {@code --warmup} untimed scans, then {@code --runs} timed ones. Every
 * scan must be complete and find the same versions and suites as the first, else it exits 1. Prints one
 * tab-separated line: cold ms, median ms, min ms, max ms, runs, connections per scan, accepted (version, suite)
 * pairs, and what was found.
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *     io.tlsprobe.bench.ScanTimes --port 8443 --warmup 5 --runs 20
 * }</pre>
 */
public final class ScanTimes {
  private ScanTimes() {}

  public static void main(String[] args) {
    int port = 0;
    int warmup = 5;
    int runs = 20;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (use --port P, --warmup N, --runs N)");
      }
    }
    if (port < 1 || runs < 1) {
      throw new IllegalArgumentException("--port and --runs are required and positive");
    }
    ScanOptions options = ScanOptions.builder("127.0.0.1", port).build();

    long t0 = System.nanoTime();
    ServerProfile first = TlsScans.scan(options);
    double coldMs = (System.nanoTime() - t0) / 1e6;
    String found = found(first);
    check(first, found, found);

    for (int i = 0; i < warmup; i++) {
      check(TlsScans.scan(options), found, found);
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      ServerProfile profile = TlsScans.scan(options);
      ms[i] = (System.nanoTime() - start) / 1e6;
      check(profile, found(profile), found);
    }
    Arrays.sort(ms);
    double median = runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    System.out.println(String.format(Locale.ROOT, "%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d\t%s", coldMs, median, ms[0],
        ms[runs - 1], runs, first.connections(), pairs(first), found));
  }

  private static void check(ServerProfile profile, String found, String expected) {
    if (!profile.isComplete()) {
      System.err.println("scan of " + profile.endpoint() + " is partial: " + profile.partialReason().orElse(""));
      System.exit(1);
    }
    if (!found.equals(expected)) {
      System.err.println("scan found " + found + ", the first found " + expected);
      System.exit(1);
    }
  }

  /** Accepted (version, suite) pairs, as sslscan counts its "Accepted" lines. */
  static int pairs(ServerProfile profile) {
    return profile.protocols().stream().mapToInt(p -> p.cipherSuites().size()).sum();
  }

  /** {@code TLSv1_2:9 TLSv1_3:3 groups:3}: the versions with their suite counts, and the groups. */
  static String found(ServerProfile profile) {
    List<String> parts = new ArrayList<>();
    for (TlsProtocol protocol : profile.acceptedProtocols()) {
      parts.add(protocol + ":" + profile.cipherSuites(protocol).size());
    }
    parts.add("groups:" + profile.groups().stream().map(g -> g.name()).sorted().collect(Collectors.joining(",")));
    return String.join(" ", parts);
  }
}
