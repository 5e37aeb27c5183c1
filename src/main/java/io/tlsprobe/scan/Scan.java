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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One scan from options to profile: a task per version (its suites, their order, and for TLS 1.2 and 1.3 then its
 * groups); as soon as every version's suites are known (their groups may still be asked for), one task asks about the
 * protocol features ({@link FeatureScan}) and one gathers the certificate chains ({@link CertificateScan}), mostly
 * from the suite tasks' answers. Everything runs on the {@link TlsScanner}'s threads ({@link ScanTasks}): the version
 * tasks start in order, at most {@link ScanOptions#maxParallel()} at once; the windows of a version's suites
 * ({@link SuiteScan}), the features and the certificates run beside them; the {@link Connector} holds no more than
 * {@link ScanOptions#maxParallel()} connections open at once. No task of the scan runs after the profile is
 * returned.
 * Tasks that could not finish say why, and the profile is then marked partial; the certificate task asks no question
 * of its own when a version's suites could not all be found (the server stopped answering).
 */
final class Scan {
  /** How long after the total timeout the tasks get to notice it (each read is bounded by it already). */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final ScanOptions options;
  private final Executor threads;

  /** A scan as {@code options} say, its tasks on {@code threads} (its {@link TlsScanner}'s). */
  Scan(ScanOptions options, Executor threads) {
    this.options = options;
    this.threads = threads;
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
    CertificateScan.warmUp();
    Connector connector = new Connector(options, address, start);
    SecureRandom random = new SecureRandom();
    Hellos hellos = Hellos.create(options.serverName(), random);

    Map<TlsProtocol, CompletableFuture<SuiteScan.Result>> suites = new EnumMap<>(TlsProtocol.class);
    Map<TlsProtocol, Future<SuiteScan.Result>> tasks = new EnumMap<>(TlsProtocol.class);
    // the version tasks start in this order, at most maxParallel at once; the windows of a version's suites, the
    // features and the certificates run beside them, while the connector holds the connections open at once to
    // maxParallel (a task waiting for a window's answer holds none); all on the scanner's threads
    try (ScanTasks helpers = new ScanTasks(threads, GRACE)) {
      Executor versions = helpers.limited(options.maxParallel());
      // longest first: TLS 1.2 usually has the most suites
      for (TlsProtocol p : List.of(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3, TlsProtocol.TLSv1_1,
          TlsProtocol.TLSv1, TlsProtocol.SSLv3)) {
        if (options.protocols().contains(p)) {
          CompletableFuture<SuiteScan.Result> found = new CompletableFuture<>();
          suites.put(p, found);
          tasks.put(p, start(versions, () -> {
            SuiteScan.Result r;
            try {
              r = new SuiteScan(connector, hellos, p, helpers).run();
            } catch (RuntimeException | Error e) {
              found.completeExceptionally(e);
              throw e;
            }
            found.complete(r);
            return withGroups(r, connector, hellos);
          }));
        }
      }
      if (options.protocols().contains(TlsProtocol.SSLv2)) {
        tasks.put(TlsProtocol.SSLv2, start(versions, () -> SslV2Scan.run(connector, random)));
      }
      return profile(endpoint, connector, hellos, start, suites, tasks, helpers);
    }
  }

  private static <T> Future<T> start(Executor on, Callable<T> task) {
    FutureTask<T> f = new FutureTask<>(task);
    on.execute(f);
    return f;
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

  /**
   * Waits for the versions, their groups, the features and the certificates. The features and the certificates need
   * only the versions' suites, not their groups: they start as soon as the last version's suites are known, beside
   * the group scans.
   */
  private ServerProfile profile(Endpoint endpoint, Connector connector, Hellos hellos, long start,
      Map<TlsProtocol, CompletableFuture<SuiteScan.Result>> suites,
      Map<TlsProtocol, Future<SuiteScan.Result>> tasks, Executor pool) {
    long until = start + options.totalTimeout().toNanos() + GRACE.toNanos();
    CompletableFuture<Map<TlsProtocol, SuiteScan.Result>> allSuites =
        CompletableFuture.allOf(suites.values().toArray(CompletableFuture[]::new))
            .handle((ignored, failure) -> finished(suites));
    // the features: a few connections more (FeatureScan)
    CompletableFuture<FeatureScan.Result> featureTask = allSuites.thenApplyAsync(results -> new FeatureScan(
        connector, hellos, suites.keySet().stream().map(p -> Optional.ofNullable(results.get(p))
            .map(SuiteScan.Result::support).orElse(ProtocolSupport.refused(p))).toList(), pool).run(), pool);
    // the certificate chains: mostly from the suites' answers, so few connections more (CertificateScan)
    CompletableFuture<CertificateScan.Result> certificateTask = allSuites.thenApplyAsync(results ->
        new CertificateScan(options, connector, hellos).scan(results, results.size() == suites.size()
            && results.values().stream().allMatch(r -> r.gap().isEmpty())), pool);
    Set<String> gaps = new LinkedHashSet<>();
    Map<TlsProtocol, ProtocolSupport> found = new EnumMap<>(TlsProtocol.class);
    tasks.forEach((p, f) -> {
      Optional<SuiteScan.Result> r = await(f, until, p.displayName() + " cipher suites", connector, gaps);
      found.put(p, r.map(SuiteScan.Result::support).orElse(ProtocolSupport.refused(p)));
      r.flatMap(SuiteScan.Result::gap).ifPresent(gaps::add);
    });
    Optional<CertificateScan.Result> chains = await(certificateTask, until, "certificates", connector, gaps);
    chains.flatMap(CertificateScan.Result::gap).ifPresent(gaps::add);
    List<ServerCertificate> certificates = chains.map(CertificateScan.Result::chains).orElse(List.of());
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

  /** The versions whose suite scans finished, with what they found. */
  private static Map<TlsProtocol, SuiteScan.Result> finished(
      Map<TlsProtocol, CompletableFuture<SuiteScan.Result>> suites) {
    Map<TlsProtocol, SuiteScan.Result> results = new EnumMap<>(TlsProtocol.class);
    suites.forEach((p, f) -> {
      if (f.isDone() && !f.isCompletedExceptionally()) {
        results.put(p, f.join());
      }
    });
    return results;
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
}
