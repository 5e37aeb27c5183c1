package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.Interop;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Our scan, sslscan and testssl.sh on one server ({@link Versus} for the first two, then {@link Testssl} through its
 * own counting {@link Relay}, usually started earlier and running meanwhile), with the findings required equal:
 * accepted versions, suites per version (as sets, and in order where the server enforces one and the tool reports
 * it) and groups. Prints one line per tool (versions, suites per version, groups, time, connections) for the
 * findings table.
 *
 * <p>testssl.sh takes tens of seconds to minutes per server. With the environment variable {@value #SKIP_VARIABLE}
 * set to {@code skip} (as {@code .ci/run} does for its second pass of the suite) its part is left out: the test then
 * ends aborted, after our scan and sslscan were compared; set to {@code all}, testssl.sh also runs on the
 * configurations a test class marks as extras (see {@link OracleScanTest}). Without the variable testssl.sh runs,
 * and a missing one skips the test, or fails it under {@code TLSPROBE_INTEROP=required}.
 *
 * <pre>{@code
 * Future<Oracles.TestsslRun> testssl = executor.submit(() -> Oracles.TestsslRun.on(nginx.port(), dir, false));
 * Oracles.compare("nginx intermediate", nginx.port(), testssl);
 * }</pre>
 *
 * @param versus ours and sslscan
 * @param testssl testssl.sh's findings
 * @param testsslConnections the connections the relay counted for testssl.sh
 */
record Oracles(Versus versus, Testssl testssl, int testsslConnections) {
  /** The environment variable that, set to {@code skip}, leaves testssl.sh out. */
  static final String SKIP_VARIABLE = "TLSPROBE_TESTSSL";

  /** Whether {@value #SKIP_VARIABLE} asks to leave testssl.sh out ({@code skip}). */
  static boolean testsslSkipped() {
    return "skip".equals(System.getenv(SKIP_VARIABLE));
  }

  /** Whether {@value #SKIP_VARIABLE} asks for testssl.sh on every configuration ({@code all}), the slow extras too. */
  static boolean testsslOnAll() {
    return "all".equals(System.getenv(SKIP_VARIABLE));
  }

  /**
   * One testssl.sh run and the connections it opened.
   *
   * @param findings what it found
   * @param connections the connections its relay counted
   */
  record TestsslRun(Testssl findings, int connections) {
    /** Runs testssl.sh ({@link Testssl#run}) on 127.0.0.1:{@code port} through a counting {@link Relay}. */
    static TestsslRun on(int port, Path dir, boolean serverOrder) throws Exception {
      try (Relay relay = Relay.to(port)) {
        Testssl findings = Testssl.run(relay.port(), dir, serverOrder);
        return new TestsslRun(findings, relay.connections());
      }
    }
  }

  /** Compares our scan with sslscan on 127.0.0.1:{@code port} ({@link Versus}) and prints both lines. */
  static Versus versusSslscan(String config, int port) throws Exception {
    Versus versus = Versus.run(config, port, b -> b);
    OpensslScanTest.assertSameFindings(versus.ours(), versus.theirs());
    System.out.printf("ORACLE | %s | ours | %s | %d ms | %d connections%n", config, summary(versus.ours()),
        versus.ourTime().toMillis(), versus.ourConnections());
    System.out.printf("ORACLE | %s | sslscan | %s | %d ms | %d connections%n", config, summary(versus.theirs()),
        versus.theirTime().toMillis(), versus.theirConnections());
    return versus;
  }

  /**
   * Compares our scan with sslscan on 127.0.0.1:{@code port}, then with {@code testssl}'s findings for the same
   * server (started before, as testssl.sh takes long: awaited here), unless {@link #testsslSkipped()}.
   */
  static Oracles compare(String config, int port, Future<TestsslRun> testssl) throws Exception {
    Versus versus = versusSslscan(config, port);
    Assumptions.assumeFalse(testsslSkipped(),
        SKIP_VARIABLE + "=skip: testssl.sh left out (our scan and sslscan were compared)");
    Interop.requireCommand("testssl");
    TestsslRun run;
    try {
      run = testssl.get(Testssl.TIMEOUT.toMinutes() * 2, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    System.out.printf("ORACLE | %s | testssl.sh | %s | %d ms (CPU %d ms) | %d connections%n", config,
        summary(run.findings()), run.findings().elapsed().toMillis(), run.findings().cpu().toMillis(),
        run.connections());
    assertSameFindings(versus.ours(), run.findings());
    return new Oracles(versus, run.findings(), run.connections());
  }

  /** Versions, suites per version (as sets) and groups (all versions together) are equal. */
  static void assertSameFindings(ServerProfile ours, Testssl theirs) {
    for (TlsProtocol p : TlsProtocol.values()) {
      assertThat(ours.accepts(p)).as("accepts %s", context(p, ours, theirs)).isEqualTo(theirs.offered(p));
      assertThat(OpensslScanTest.codes(ours.cipherSuites(p))).as("suites of %s", context(p, ours, theirs))
          .containsExactlyInAnyOrderElementsOf(theirs.cipherSuites(p));
    }
    // testssl.sh names a TLS 1.2 DHE prime by value: the RFC 7919 prime of ffdhe2048 appears in DH_groups as
    // "ffdhe2048" beside the TLS 1.3 finite-field groups (s_server -dhparam ffdhe2048 -groups x25519:P-256:P-384:
    // DH_groups "ffdhe2048"), while our groups are those negotiated by name. So its groups are ours plus the group
    // of each prime our authenticated DHE suites used; its -f leaves anonymous suites out, and OpenSSL sizes its
    // automatic prime by the suite for those (s_client against s_server -cipher ALL:@SECLEVEL=0 with a 2048-bit RSA
    // key, "Server Temp Key": ADH-AES128-SHA DH 1024 bits, ADH-AES256-SHA 3072, DHE-RSA-AES128-SHA 2048).
    Set<Integer> primes = ours.protocols().stream().flatMap(p -> p.suites().stream())
        .filter(s -> s.cipherSuite().keyExchange().equals("DHE")).flatMap(s -> s.dhPrimeBits().stream())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<Integer> expected = ours.groups().stream().map(NamedGroup::code).collect(Collectors.toCollection(TreeSet::new));
    if (theirs.dhPrime().isPresent()) {
      assertThat(primes).as("DHE prime %s\nours:\n%s", theirs.dhPrime(), ours.render())
          .containsExactly(theirs.dhPrimeBits().orElseThrow());
    } else {
      primes.forEach(bits -> expected.add(NamedGroup.byName("ffdhe" + bits).orElseThrow().code()));
    }
    assertThat(theirs.groups()).as("groups (ours and the groups of our DHE primes %s)\nours:\n%s\ntestssl.sh:\n%s",
        primes, ours.render(), theirs.json()).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Where testssl.sh reports the server's order for a version, ours enforces it too and the order is the same. */
  static void assertSameOrder(ServerProfile ours, Testssl theirs) {
    assertThat(theirs.enforcesServerOrder()).as("testssl.sh's cipher_order: %s", theirs.cipherOrder()).isTrue();
    for (TlsProtocol p : TlsProtocol.values()) {
      theirs.order(p).ifPresent(order -> {
        assertThat(ours.enforcesServerOrder(p)).as("server order of %s", context(p, ours, theirs)).isTrue();
        assertThat(OpensslScanTest.codes(ours.cipherSuites(p))).as("order of %s", context(p, ours, theirs))
            .containsExactlyElementsOf(order);
      });
    }
  }

  private static String context(TlsProtocol p, ServerProfile ours, Testssl theirs) {
    return p + "\nours:\n" + ours.render() + "\ntestssl.sh:\n" + theirs.json();
  }

  private static String summary(ServerProfile p) {
    return summary(v -> p.accepts(v), v -> p.cipherSuites(v).size(),
        p.groups().stream().map(NamedGroup::code).collect(Collectors.toSet()));
  }

  private static String summary(Sslscan s) {
    Set<Integer> groups = new TreeSet<>();
    for (TlsProtocol v : TlsProtocol.values()) {
      groups.addAll(s.groups(v));
    }
    return summary(s::enabled, v -> s.cipherSuites(v).size(), groups);
  }

  private static String summary(Testssl t) {
    return summary(t::offered, v -> t.cipherSuites(v).size(), t.groups());
  }

  /** {@code TLSv1.2: 6, TLSv1.3: 3 | x25519 secp256r1}: the versions with their suite counts, then the groups. */
  private static String summary(java.util.function.Predicate<TlsProtocol> accepted,
      java.util.function.ToIntFunction<TlsProtocol> suites, Set<Integer> groups) {
    String versions = java.util.Arrays.stream(TlsProtocol.values()).filter(accepted)
        .map(v -> v + ": " + suites.applyAsInt(v)).collect(Collectors.joining(", "));
    return versions + " | " + new TreeSet<>(groups).stream().map(g -> NamedGroup.of(g).name())
        .collect(Collectors.joining(" "));
  }

}
