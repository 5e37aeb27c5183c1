package io.tlsprobe.bench;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.scan.ScanOptions;
import io.tlsprobe.scan.TlsScanner;
import io.tlsprobe.scan.TlsScans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The in-JVM half of the scan benchmark ({@code src/bench/scan.sh}, BENCHMARKS.md "Scan"): times
 * {@link TlsScans#scan(ScanOptions)} against one loopback server, first once in this fresh JVM (the cold scan: class
 * loading, the registry, the interpreter), then untimed scans, at least {@code --warmup} of them and for at least
 * {@code --warmup-seconds} (the JIT keeps compiling the scan's code for the first thousand or so scans: about 25 ms
 * against nginx after 60 scans, about 12 ms after 1500), then {@code --runs} timed pairs of scans: one on a
 * {@link TlsScanner} that keeps its threads between scans, one with {@link TlsScans#scan(ScanOptions)}, which starts
 * and stops its own. Every scan must be complete and find the same versions and suites as the first, else it exits 1.
 * Prints one tab-separated line: cold ms; the scanner's median, min and max ms; runs; connections per scan; accepted
 * (version, suite) pairs; what was found; how many warm-up scans ran; {@code TlsScans.scan}'s median and min ms.
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *     io.tlsprobe.bench.ScanTimes --port 8443 --warmup 5 --warmup-seconds 30 --runs 20
 * }</pre>
 */
public final class ScanTimes {
  private ScanTimes() {}

  public static void main(String[] args) {
    int port = 0;
    int warmup = 5;
    double warmupSeconds = 0;
    int runs = 20;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (use --port P, --warmup N, --warmup-seconds S, --runs N)");
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

    try (TlsScanner scanner = TlsScans.scanner()) {
      long warmUntil = System.nanoTime() + (long) (warmupSeconds * 1e9);
      int warmed = 0;
      while (warmed < warmup || System.nanoTime() - warmUntil < 0) {
        check(warmed % 2 == 0 ? scanner.scan(options) : TlsScans.scan(options), found, found);
        warmed++;
      }
      // alternating: a scanner that keeps its threads, and TlsScans.scan, which starts and stops its own
      double[] kept = new double[runs];
      double[] fresh = new double[runs];
      for (int i = 0; i < runs; i++) {
        kept[i] = timed(() -> scanner.scan(options), found);
        fresh[i] = timed(() -> TlsScans.scan(options), found);
      }
      Arrays.sort(kept);
      Arrays.sort(fresh);
      System.out.println(String.format(Locale.ROOT, "%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d\t%s\t%d\t%.1f\t%.1f", coldMs,
          median(kept), kept[0], kept[runs - 1], runs, first.connections(), pairs(first), found, warmed,
          median(fresh), fresh[0]));
    }
  }

  private static double timed(Supplier<ServerProfile> scan, String expected) {
    long start = System.nanoTime();
    ServerProfile profile = scan.get();
    double ms = (System.nanoTime() - start) / 1e6;
    check(profile, found(profile), expected);
    return ms;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
