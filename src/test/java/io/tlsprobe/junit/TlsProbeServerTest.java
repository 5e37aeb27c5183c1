package io.tlsprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.server.TlsCaptureServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code @TlsProbe(server = @ProbeServer(…))}, run as fixture classes ({@link ServerFixtures}, {@link
 * ServerFailureFixtures}) through the testkit: injection into tests and lifecycle methods, one server per class or
 * method, closed when its scope ends, each test seeing only its own connections, the elements reaching the server,
 * and the exact message of each misuse.
 */
class TlsProbeServerTest {

  @Test
  void sharesOneServerPerClassGivesEachTestItsOwnConnectionsAndClosesItAfterTheClass(@TempDir Path output)
      throws IOException {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.ClassServerTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(Fixtures.reportEntries(results, "tlsprobe.default")).as("one report awaited per test").hasSize(2)
        .allMatch(summary -> summary.contains("established"));
    assertClosed(Integer.parseInt(entry(results, "port")));
    assertThat(Path.of(entry(results, "pem"))).as("the trust PEM file, deleted on close").doesNotExist();
  }

  @Test
  void closesTheServerAlsoWhenJunitLeavesAutoCloseablesInTheStoreOpen(@TempDir Path output) throws IOException {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.ClassServerTestCase.class,
        Map.of("junit.jupiter.extensions.store.close.autocloseable.enabled", "false"), output);

    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    assertClosed(Integer.parseInt(entry(results, "port")));
  }

  @Test
  void showsAClassLevelMethodEveryConnectionSinceTheServerStarted(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.AfterAllTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(Fixtures.reportEntries(results, "tlsprobe.default")).as("awaited in @AfterAll").hasSize(1);
    assertThat(Fixtures.reportEntries(results, "tlsprobe.default-3")).as("the third one").hasSize(1);
  }

  @Test
  void givesAMethodLevelServerToItsMethodAloneAndClosesItWhenTheMethodEnds(@TempDir Path output)
      throws IOException {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.MethodServerTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(3));
    assertClosed(Integer.parseInt(entry(results, "method.port")));
  }

  @Test
  void presentsTheScenarioCertificateWhichAJsseClientRejects(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.ScenarioTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(Fixtures.reportEntries(results, "tlsprobe.default")).singleElement().asString()
        .contains("rejected_by_peer");
  }

  @Test
  void agreesOnlyToTheVersionsAndApplicationProtocolsOfProbeServer(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.SettingsTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(1));
  }

  @Test
  void awaitsAConnectionForTheTimeoutOfTlsProbeAndSaysWhatItSaw(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.TimeoutTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    assertThat(Long.parseLong(entry(results, "waited.ms"))).isBetween(300L, 5_000L);
    assertThat(entry(results, "message")).matches("no client connection within 300 ms: 0 since this test started,"
        + " all taken already \\(0 before it\\), by TlsProbeServer\\['default', 127\\.0\\.0\\.1:(\\d+), VALID for"
        + " localhost: .*, 0 connections in this test\\]: point the client at https://localhost:\\1");
  }

  @Test
  void awaitsAConnectionForTheConfiguredDefaultTimeout(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.DefaultTimeoutTestCase.class,
        Map.of(TlsProbe.DEFAULT_TIMEOUT_PROPERTY_NAME, "200ms"), output);

    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(Long.parseLong(entry(results, "waited.ms"))).isBetween(200L, 5_000L);
  }

  @Test
  void choosesAmongNamedServersAlsoFromANestedClass(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.NamedServersTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(2));
  }

  @Test
  void probesItsOwnCaptureServerAndBothSidesAgree(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.ProbeItsOwnServerTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(Fixtures.reportEntries(results, "tlsprobe.port")).as("the probe's report").hasSize(1);
    assertThat(Fixtures.reportEntries(results, "tlsprobe.capture")).as("the capture's report").hasSize(1);
  }

  @Test
  void servesSmtpWithStartTlsToTlsprobesOwnProbe(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.SmtpServerTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(Fixtures.reportEntries(results, "tlsprobe.mail")).singleElement().asString()
        .startsWith("127.0.0.1:").contains("(starttls:smtp): established").contains("upgraded");
  }

  @Test
  void servesSmtpInsideTlsWithoutAlpnByDefault(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(ServerFixtures.ImplicitSmtpTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(1));
  }

  /** Each misuse fails the test that asks for a server or a report, with an exact message. */
  @Nested
  class Failures {
    private static final String F = "ServerFailureFixtures.";

    @Test
    void hostAndPortNextToServer(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.HostAndServerTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "HostAndServerTestCase: host 'localhost' and port '8443' name a server to"
              + " probe, and server starts one: declare them in two @TlsProbe, each with its own name");
    }

    @Test
    void portNextToServerAskedForAReport(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.PortAndServerTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "PortAndServerTestCase: port '8443' names a server to probe, and server"
              + " starts one: declare them in two @TlsProbe, each with its own name");
    }

    @Test
    void probeOptionsNextToServer(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.ProbeOptionsAndServerTestCase.class, Map.of(),
          output, "@TlsProbe on class " + F + "ProbeOptionsAndServerTestCase: alpn {\"h2\"}, startTls = SMTP"
              + " configure a probe and do not apply to server: drop them (the server's settings are the"
              + " elements of @ProbeServer)");
    }

    @Test
    void twoProbeServersInOneServerElement(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.TwoServersInOneTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "TwoServersInOneTestCase: server holds 2 @ProbeServer: give one; for several"
              + " servers, repeat @TlsProbe with a name for each");
    }

    @Test
    void reportParameterWhereOnlyAServerIsDeclared(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.ReportFromServerTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "ReportFromServerTestCase: a TlsConnectionReport parameter has no target:"
              + " server starts a capture server, whose reports exist only once the client under test has"
              + " connected; take a TlsProbeServer parameter and call server.awaitConnection()");
    }

    @Test
    void serverParameterWhereNoServerIsDeclared(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.ServerWithoutDeclarationTestCase.class, Map.of(),
          output, "@TlsProbe: parameter #0 of method " + F + "ServerWithoutDeclarationTestCase.test(TlsProbeServer)"
              + " asks for a TlsProbeServer, but no @TlsProbe on the method or its class declares one: add"
              + " @TlsProbe(server = @ProbeServer(…))");
    }

    @Test
    void serverParameterThatTwoServersCouldFill(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.AmbiguousServerTestCase.class, Map.of(), output,
          "@TlsProbe: parameter #0 of method " + F + "AmbiguousServerTestCase.test(TlsProbeServer) could receive 2"
              + " servers, 'valid' (@TlsProbe(name = \"valid\") on class " + F + "AmbiguousServerTestCase),"
              + " 'expired' (@TlsProbe(name = \"expired\") on class " + F + "AmbiguousServerTestCase): choose one"
              + " with @TlsProbe.Named(\"…\")");
    }

    @Test
    void serverParameterNamingNoServer(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.UnknownServerNameTestCase.class, Map.of(), output,
          "@TlsProbe.Named(\"expired\") on parameter #0 of method " + F + "UnknownServerNameTestCase.test("
              + "TlsProbeServer): no server is named 'expired'; the servers are 'valid' (@TlsProbe(name = \"valid\")"
              + " on class " + F + "UnknownServerNameTestCase)");
    }

    @Test
    void twoServersOfOneName(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.DuplicateServerNameTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "DuplicateServerNameTestCase: 2 servers are named 'default': give each its"
              + " own name");
    }

    @Test
    void applicationProtocolThatResolvesToNothing(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.EmptyApplicationProtocolTestCase.class, Map.of(),
          output, "@TlsProbe on class " + F + "EmptyApplicationProtocolTestCase: server's applicationProtocols"
              + " '${test.alpn:}' (resolved to '') is not an ALPN protocol name of 1-255 characters");
    }

    @Test
    void timeoutThatIsNotADuration(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.TimeoutNotADurationTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "TimeoutNotADurationTestCase: timeout 'soon' is not a duration like 5s, 500ms,"
              + " 2m or PT5S");
    }
  }

  @Nested
  class ServedProtocolFailures {
    private static final String F = "ServerFailureFixtures.";

    @Test
    void protocolTheCaptureServerDoesNotServe(@TempDir Path output) {
      EngineExecutionResults results = Fixtures.run(ServerFailureFixtures.UnservedProtocolTestCase.class, Map.of(),
          output);

      // the list of served protocols is the capture server's, and grows with each front
      assertThat(Fixtures.failureMessages(results)).singleElement().asString().startsWith("@TlsProbe on class " + F
          + "UnservedProtocolTestCase: @ProbeServer(protocol = LDAP): the capture server does not serve ldap; it"
          + " serves ").contains("https", "smtp");
    }

    @Test
    void startTlsBehaviourOnHttps(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(ServerFailureFixtures.StartTlsBehaviourOnHttpsTestCase.class, Map.of(),
          output, "@TlsProbe on class " + F + "StartTlsBehaviourOnHttpsTestCase: @ProbeServer(protocol = HTTPS,"
              + " startTlsBehaviour = NOT_ADVERTISED): startTlsBehaviour NOT_ADVERTISED needs a STARTTLS protocol;"
              + " https has no upgrade to interfere with");
    }
  }

  private static String entry(EngineExecutionResults results, String key) {
    List<String> values = Fixtures.reportEntries(results, key);
    assertThat(values).as("report entries " + key).hasSize(1);
    return values.get(0);
  }

  /** Nothing listens on {@code port} any more and no thread of that server is alive. */
  private static void assertClosed(int port) throws IOException {
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    String prefix = TlsCaptureServer.THREAD_PREFIX + port + "-";
    assertThat(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName))
        .noneMatch(name -> name.startsWith(prefix));
  }
}
