package io.tlsprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;

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
  private LocalTlsServer server;

  @BeforeAll
  void startServer() {
    server = LocalTlsServer.start();
  }

  @AfterAll
  void stopServer() throws InterruptedException {
    server.close();
  }

  private Map<String, String> port() {
    return Map.of("test.port", Integer.toString(server.port()));
  }

  @Test
  void probesAPortFromAPlaceholderOncePerClass(@TempDir Path output) throws InterruptedException {
    try (LocalTlsServer own = LocalTlsServer.start()) {
      EngineExecutionResults results = Fixtures.run(TargetFixtures.PlaceholderPortTestCase.class,
          Map.of("test.port", Integer.toString(own.port())), output);

      results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
      assertThat(own.takeHandshake().failure()).isNull();
      assertThat(own.handshakeCount()).as("handshakes after the first").isZero();
      assertThat(Fixtures.reportEntries(results, "tlsprobe.default")).singleElement().asString()
          .startsWith("localhost:" + own.port() + " (direct): established, TLSv1.3");
    }
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
  void letsAMethodTargetHideTheClassTargetAndSharesItWithLifecycleMethods(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(TargetFixtures.MethodTargetTestCase.class, port(), output);

    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    drain();
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

  private void drain() {
    while (server.handshakeCount() > 0) {
      try {
        server.takeHandshake();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Nested
  class Failures {
  }
}
