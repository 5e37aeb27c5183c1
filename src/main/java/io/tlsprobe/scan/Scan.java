package io.tlsprobe.scan;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.report.ServerFeatures;
import io.tlsprobe.report.ServerCertificate;
import io.tlsprobe.report.ServerProfile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scan from options to profile: a task per version (its suites, their order, and for TLS 1.2 and 1.3 then its
 * groups), run on a pool of {@link ScanOptions#maxParallel()} threads that each hold at most one connection, so no more
 * connections are open at once; the pool is shut down before the profile is returned. Then one more task asks about
 * the protocol features ({@link FeatureScan}) while the calling thread gathers the certificate chains
 * ({@link CertificateScan}), mostly from the suite tasks' answers. Tasks that could not finish say why, and the
 * profile is then marked partial.
 */
final class Scan {
  /** How long after the total timeout the tasks get to notice it (each read is bounded by it already). */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final ScanOptions options;

  Scan(ScanOptions options) {
    this.options = options;
  }

  ServerProfile run() {
    long start = System.nanoTime();
    Endpoint endpoint = new Endpoint(options.host(), options.port(), options.serverName(),
        options.startTls().connectionName());
    InetSocketAddress address;
    try {
      address = new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
    } catch (UnknownHostException e) {
      return new ServerProfile(endpoint, List.of(), 0, elapsed(start),
          Optional.of("cannot resolve " + options.host()));
    }
    CertificateScan.warmUp(options);
    Connector connector = new Connector(options, address, start);
    SecureRandom random = new SecureRandom();
    Hellos hellos = Hellos.create(options.serverName(), random);

    Map<TlsProtocol, Future<SuiteScan.Result>> tasks = new EnumMap<>(TlsProtocol.class);
    ExecutorService pool = Executors.newFixedThreadPool(options.maxParallel(), threads(options));
    try {
      // longest first: TLS 1.2 usually has the most suites
      for (TlsProtocol p : List.of(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3, TlsProtocol.TLSv1_1,
          TlsProtocol.TLSv1, TlsProtocol.SSLv3)) {
        if (options.protocols().contains(p)) {
          tasks.put(p, pool.submit(() -> withGroups(new SuiteScan(connector, hellos, p).run(), connector, hellos)));
        }
      }
      if (options.protocols().contains(TlsProtocol.SSLv2)) {
        tasks.put(TlsProtocol.SSLv2, pool.submit(() -> SslV2Scan.run(connector, random)));
      }
      return profile(endpoint, connector, hellos, start, tasks, pool);
    } finally {
      pool.shutdownNow();
      awaitTermination(pool);
    }
  }

  /**
   * After TLS 1.3's suites, its groups; after TLS 1.2's, its ECDHE curves when an ECDHE suite was accepted. Older
   * versions share TLS 1.2's curves in practice and are not asked; a version whose suites could not all be found
   * (the server stopped answering) is not asked either.
   */
  private static SuiteScan.Result withGroups(SuiteScan.Result suites, Connector connector, Hellos hellos) {
    ProtocolSupport s = suites.support();
    boolean tls13 = s.protocol() == TlsProtocol.TLSv1_3;
    List<NamedGroup> seen = s.suites().stream().flatMap(a -> a.group().stream()).distinct().toList();
    if (!s.accepted() || suites.gap().isPresent() || s.protocol() != TlsProtocol.TLSv1_2 && !tls13
        || !tls13 && seen.isEmpty()) {
      return suites;
    }
    // only an ECDSA certificate ties the curves to its own; with an RSA one too, ECDHE_RSA answers regardless
    boolean ecdsa = s.cipherSuites().stream().anyMatch(c -> c.authentication().equals("ECDSA"))
        && s.cipherSuites().stream()
            .noneMatch(c -> c.keyExchange().equals("ECDHE") && c.authentication().equals("RSA"));
    GroupScan.Result groups = new GroupScan(connector, hellos, tls13, seen, ecdsa).run();
    Optional<String> gap = suites.gap().isPresent() && groups.gap().isPresent()
        ? Optional.of(suites.gap().get() + "; " + groups.gap().get()) : suites.gap().or(groups::gap);
    return new SuiteScan.Result(s.withGroups(groups.groups()), gap, suites.certificates());
  }

  private ServerProfile profile(Endpoint endpoint, Connector connector, Hellos hellos, long start,
      Map<TlsProtocol, Future<SuiteScan.Result>> suites, ExecutorService pool) {
    long until = start + options.totalTimeout().toNanos() + GRACE.toNanos();
    Set<String> gaps = new LinkedHashSet<>();
    Map<TlsProtocol, ProtocolSupport> found = new EnumMap<>(TlsProtocol.class);
    Map<TlsProtocol, SuiteScan.Result> results = new EnumMap<>(TlsProtocol.class);
    suites.forEach((p, f) -> {
      Optional<SuiteScan.Result> r = await(f, until, p.displayName() + " cipher suites", connector, gaps);
      r.ifPresent(x -> results.put(p, x));
      found.put(p, r.map(SuiteScan.Result::support).orElse(ProtocolSupport.refused(p)));
      r.flatMap(SuiteScan.Result::gap).ifPresent(gaps::add);
    });
    // then the features, which need the versions and suites: a few connections more (FeatureScan)
    List<ProtocolSupport> versions = List.copyOf(found.values());
    Future<FeatureScan.Result> featureTask = pool.submit(() -> new FeatureScan(connector, hellos, versions).run());
    // meanwhile, on this thread, the certificate chains: mostly from the suites' answers, so few connections more
    List<ServerCertificate> certificates =
        new CertificateScan(options, connector, hellos).run(results, gaps.isEmpty());
    Optional<FeatureScan.Result> features = await(featureTask, until, "features", connector, gaps);
    features.flatMap(FeatureScan.Result::gap).ifPresent(gaps::add);
    Optional<String> partial = gaps.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", gaps));
    if (connector.connections() == 0 && connector.firstConnectFailure().isPresent()) {
      partial = connector.firstConnectFailure(); // one reason, not one per version
    }
    return new ServerProfile(endpoint, List.copyOf(found.values()), connector.connections(), elapsed(start),
        partial).with(features.map(FeatureScan.Result::features)
            .orElseGet(() -> ServerFeatures.unknown("the feature questions did not finish")), certificates);
  }

  private static <T> Optional<T> await(Future<T> f, long until, String what, Connector connector, Set<String> gaps) {
    try {
      return Optional.of(f.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      f.cancel(true);
      gaps.add(what + ": " + connector.totalTimeout() + " ran out");
    } catch (ExecutionException e) {
      gaps.add(what + ": the scan failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      gaps.add(what + ": interrupted");
    }
    return Optional.empty();
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static ThreadFactory threads(ScanOptions options) {
    AtomicInteger n = new AtomicInteger();
    String name = "tlsprobe-scan-" + options.host() + ":" + options.port() + "-";
    return task -> {
      Thread t = new Thread(task, name + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Every read is bounded by the total timeout, so the tasks end soon after it; wait for them. */
  private static void awaitTermination(ExecutorService pool) {
    try {
      pool.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
