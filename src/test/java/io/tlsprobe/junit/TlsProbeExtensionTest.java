package io.tlsprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.JsseTestServer;
import io.tlsprobe.testing.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code @TlsProbe} targets, run as fixture classes ({@link TargetFixtures}, {@link FailureFixtures}) through the
 * testkit against in-process TLS servers on loopback: where each kind of target probes, how often, and the exact
 * message of each misuse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsProbeExtensionTest {
  private JsseTestServer server;

  @BeforeAll
  void startServer() {
    server = TargetFixtures.localServer();
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  private Map<String, String> port() {
    return Map.of("test.port", Integer.toString(server.port()));
  }

  @Test
  void probesAPortFromAPlaceholderOncePerClass(@TempDir Path output) throws InterruptedException {
    try (JsseTestServer own = TargetFixtures.localServer()) {
      EngineExecutionResults results = Fixtures.run(TargetFixtures.PlaceholderPortTestCase.class,
          Map.of("test.port", Integer.toString(own.port())), output);

      results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
      assertThat(own.takeHandshake().failure()).isNull();
      assertThat(own.takeHandshakes(TargetFixtures.QUIET)).as("handshakes after the first").isZero();
      assertThat(Fixtures.reportEntries(results, "tlsprobe.default")).singleElement().asString()
          .startsWith("localhost:" + own.port() + " (direct): established, TLSv1.3");
    }
  }

  @Test
  void runsTheGatewayExampleOfTheJavadoc(@TempDir Path output) throws Exception {
    Path trustStore = server.writeTrustStore(output.resolve("ca.p12"), TestCertificates.password());
    EngineExecutionResults results = Fixtures.run(TargetFixtures.GatewayTlsTestCase.class, Map.of(
        "gateway.port", Integer.toString(server.port()), "test.truststore", trustStore.toString()), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(server.takeHandshakes(TargetFixtures.QUIET)).isEqualTo(1);
  }

  @Test
  void probesAStaticPortFieldThatBeforeAllFilledOncePerClass(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(TargetFixtures.StaticPortFieldTestCase.class, Map.of(), output);

    results.allEvents().assertStatistics(s -> s.failed(0));
    results.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(Fixtures.reportEntries(results, "tlsprobe.port")).hasSize(1);
  }

  @Test
  void probesInstanceFieldsForEveryTest(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(TargetFixtures.InstanceFieldsTestCase.class, Map.of(), output);

    results.allEvents().assertStatistics(s -> s.failed(0));
    results.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(Fixtures.reportEntries(results, "tlsprobe.address")).hasSize(2);
    assertThat(Fixtures.reportEntries(results, "tlsprobe.web")).hasSize(2);
  }

  @Test
  void probesAContainerAtItsHostAndMappedPort(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(TargetFixtures.ContainerTestCase.class, Map.of(), output);

    results.allEvents().assertStatistics(s -> s.failed(0));
    results.testEvents().assertStatistics(s -> s.succeeded(1));
  }

  @Test
  void tellsSeveralTargetsApartByName(@TempDir Path output) throws InterruptedException {
    EngineExecutionResults results = Fixtures.run(TargetFixtures.NamedTargetsTestCase.class, port(), output);

    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    List<String> alpn = List.of(server.takeHandshake().applicationProtocol() + "",
        server.takeHandshake().applicationProtocol() + "");
    assertThat(alpn).containsExactlyInAnyOrder("h2", "null");
  }

  @Test
  void letsAMethodTargetHideTheClassTargetAndSharesItWithLifecycleMethods(@TempDir Path output)
      throws InterruptedException {
    EngineExecutionResults results = Fixtures.run(TargetFixtures.MethodTargetTestCase.class, port(), output);

    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    assertThat(server.takeHandshakes(TargetFixtures.QUIET)).as("one probe per test method").isEqualTo(2);
  }

  @Test
  void takesTargetsFromComposedAnnotations(@TempDir Path output) throws InterruptedException {
    EngineExecutionResults results = Fixtures.run(TargetFixtures.ComposedAnnotationTestCase.class, port(), output);

    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(server.takeHandshake().applicationProtocol()).isEqualTo("http/1.1");
  }

  @Test
  void letsNestedClassesUseTheOuterTargets(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(TargetFixtures.NestedTestCase.class, Map.of(), output);

    results.allEvents().assertStatistics(s -> s.failed(0));
    results.testEvents().assertStatistics(s -> s.succeeded(1));
  }

  @Test
  void givesAClosedPortAsATransportErrorReport(@TempDir Path output) throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    EngineExecutionResults results = Fixtures.run(TargetFixtures.ClosedPortTestCase.class,
        Map.of("test.closed.port", Integer.toString(closed)), output);

    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(Fixtures.reportEntries(results, "tlsprobe.default")).singleElement().asString()
        .startsWith("127.0.0.1:" + closed + " (direct): transport_error");
  }

  /** Each misuse fails every test that asks for a report, with an exact message. */
  @Nested
  class Failures {
    private static final String F = "FailureFixtures.";

    @Test
    void noHostAndNoTarget(@TempDir Path output) {
      assertFailure(FailureFixtures.NoTargetTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "NoTargetTestCase: no host and no target: set host and port, or mark a field"
              + " with @TlsProbe.Target");
    }

    @Test
    void portThatIsNotANumber(@TempDir Path output) {
      assertFailure(FailureFixtures.PortNotANumberTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "PortNotANumberTestCase: port 'abc' is not a number 1-65535");
    }

    @Test
    void portPlaceholderResolvedOutOfRange(@TempDir Path output) {
      assertFailure(FailureFixtures.PortOutOfRangeTestCase.class, Map.of("test.port", "70000"), output,
          "@TlsProbe on class " + F + "PortOutOfRangeTestCase: port '${test.port}' (resolved to '70000') is not a"
              + " number 1-65535");
    }

    @Test
    void placeholderThatNothingDefines(@TempDir Path output) {
      assertFailure(FailureFixtures.UnresolvablePlaceholderTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "UnresolvablePlaceholderTestCase: port '${no.such.key}' uses placeholder"
              + " ${no.such.key}, which no configuration parameter, system property or environment variable"
              + " defines");
    }

    @Test
    void hostThatResolvesToNothing(@TempDir Path output) {
      assertFailure(FailureFixtures.EmptyHostTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "EmptyHostTestCase: host '${test.host:}' (resolved to '') is empty: name the"
              + " host to probe");
    }

    @Test
    void hostWithoutPort(@TempDir Path output) {
      assertFailure(FailureFixtures.HostWithoutPortTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "HostWithoutPortTestCase: host 'localhost' is given but port is empty: give"
              + " both, or set protocol for the service's well-known port");
    }

    @Test
    void targetFieldOfAnUnsupportedType(@TempDir Path output) {
      assertFailure(FailureFixtures.UnsupportedFieldTypeTestCase.class, Map.of(), output,
          "@TlsProbe.Target on field " + F + "UnsupportedFieldTypeTestCase.server: type String is not supported:"
              + " use int, Integer, InetSocketAddress, URI or a Testcontainers ContainerState");
    }

    @Test
    void targetFieldThatIsStillNull(@TempDir Path output) {
      assertFailure(FailureFixtures.NullFieldTestCase.class, Map.of(), output,
          "@TlsProbe.Target on field " + F + "NullFieldTestCase.server: field 'server' is null: start the server"
              + " before the test runs");
    }

    @Test
    void portFieldThatIsStillZero(@TempDir Path output) {
      assertFailure(FailureFixtures.UnsetPortFieldTestCase.class, Map.of(), output,
          "@TlsProbe.Target on field " + F + "UnsetPortFieldTestCase.port: field 'port' holds 0, not a port"
              + " 1-65535: start the server before the test runs");
    }

    @Test
    void uriWithoutPortAndWithoutTlsScheme(@TempDir Path output) {
      assertFailure(FailureFixtures.UriWithoutPortTestCase.class, Map.of(), output,
          "@TlsProbe.Target on field " + F + "UriWithoutPortTestCase.server: field 'server' holds"
              + " 'http://localhost/', which has no port, and scheme 'http' has no TLS port tlsprobe knows: write"
              + " the port in the URI");
    }

    @Test
    void containerWithoutContainerPort(@TempDir Path output) {
      assertFailure(FailureFixtures.ContainerWithoutPortTestCase.class, Map.of(), output,
          "@TlsProbe.Target on field " + F + "ContainerWithoutPortTestCase.container: port is not set: for a"
              + " ContainerState, name the container port to probe, e.g. @TlsProbe.Target(port = 8443)");
    }

    @Test
    void containerPortThatIsNotMapped(@TempDir Path output) {
      assertFailure(FailureFixtures.ContainerPortNotMappedTestCase.class, Map.of(), output,
          "@TlsProbe.Target on field " + F + "ContainerPortNotMappedTestCase.container: field 'container' has no"
              + " host port for container port 8443 (Requested port (8443) is not mapped): start the container"
              + " before the test runs (e.g. @Testcontainers with @Container) and expose the port");
    }

    @Test
    void containerPortOnAnotherFieldType(@TempDir Path output) {
      assertFailure(FailureFixtures.PortOnNonContainerTestCase.class, Map.of(), output,
          "@TlsProbe.Target on field " + F + "PortOnNonContainerTestCase.port: port = 8443 applies only to a"
              + " ContainerState field; a field of type int holds its own port");
    }

    @Test
    void instanceFieldAskedForInBeforeAll(@TempDir Path output) {
      assertFailure(FailureFixtures.InstanceFieldInBeforeAllTestCase.class, Map.of(), output,
          "@TlsProbe.Target on field " + F + "InstanceFieldInBeforeAllTestCase.server: field 'server' is an"
              + " instance field, read once per test, so a @BeforeAll method or constructor cannot receive its"
              + " report: make the field static");
    }

    @Test
    void parameterThatSeveralTargetsCouldFill(@TempDir Path output) {
      assertFailure(FailureFixtures.AmbiguousTestCase.class, Map.of(), output,
          "@TlsProbe: parameter #0 of method " + F + "AmbiguousTestCase.test(TlsConnectionReport) could receive"
              + " the report of 2 targets, 'public' (@TlsProbe(name = \"public\") on class " + F
              + "AmbiguousTestCase), 'admin' (@TlsProbe(name = \"admin\") on class " + F + "AmbiguousTestCase):"
              + " choose one with @TlsProbe.Named(\"…\")");
    }

    @Test
    void parameterNamingNoTarget(@TempDir Path output) {
      assertFailure(FailureFixtures.UnknownNameTestCase.class, Map.of(), output,
          "@TlsProbe.Named(\"metrics\") on parameter #0 of method " + F + "UnknownNameTestCase.test("
              + "TlsConnectionReport): no target is named 'metrics'; the targets are 'public' (@TlsProbe(name ="
              + " \"public\") on class " + F + "UnknownNameTestCase), 'admin' (@TlsProbe(name = \"admin\") on"
              + " class " + F + "UnknownNameTestCase)");
    }

    @Test
    void twoTargetsOfOneName(@TempDir Path output) {
      assertFailure(FailureFixtures.DuplicateNameTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "DuplicateNameTestCase: 2 targets are named 'default' (@TlsProbe on class "
              + F + "DuplicateNameTestCase, @TlsProbe.Target on field " + F + "DuplicateNameTestCase.port): give"
              + " each its own name");
    }

    @Test
    void optionsWithoutTargetOnAMethod(@TempDir Path output) {
      assertFailure(FailureFixtures.OptionsOnMethodTestCase.class, Map.of(), output,
          "@TlsProbe on method " + F + "OptionsOnMethodTestCase.test(TlsConnectionReport): host and port are"
              + " empty: on a method, @TlsProbe names a target to probe; options for @TlsProbe.Target fields"
              + " belong on the class");
    }

    @Test
    void optionsNamedForAFieldThatDoesNotExist(@TempDir Path output) {
      assertFailure(FailureFixtures.OptionsForNoFieldTestCase.class, Map.of(), output,
          "@TlsProbe(name = \"gateway\") on class " + F + "OptionsForNoFieldTestCase: host and port are empty,"
              + " so it gives options to the @TlsProbe.Target field named 'gateway', but no such field exists"
              + " (fields: port)");
    }
  }

  static void assertFailure(Class<?> fixture, Map<String, String> parameters, Path output, String message) {
    EngineExecutionResults results = Fixtures.run(fixture, parameters, output);

    results.testEvents().assertStatistics(s -> s.succeeded(0));
    assertThat(Fixtures.failureMessages(results)).containsExactly(message);
    assertThat(Fixtures.reportEntries(results)).isEmpty();
  }
}
