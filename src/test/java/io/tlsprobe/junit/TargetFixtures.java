package io.tlsprobe.junit;

import static io.tlsprobe.TlsProtocol.TLSv1_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsprobe.assertj.TlsAssertions;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.JsseTestServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ContainerState;

/**
 * Fixture test classes for {@link TlsProbeExtensionTest}: each declares targets the way a user would. Those that
 * start their own server keep it in a static field, as a user's {@code @BeforeAll} does; they run only through
 * {@link Fixtures#run}.
 */
final class TargetFixtures {
  /** How long a server waits for one more handshake before it says there are no more. */
  static final Duration QUIET = Duration.ofMillis(500);

  /**
   * The server these fixtures probe: a leaf for {@code localhost}, {@code 127.0.0.1} and the SNI names the tests send
   * ({@code gateway.test}, {@code default.test}, {@code field.test}), issued by a CA of its own, offering ALPN
   * {@code h2} and {@code http/1.1}.
   */
  static JsseTestServer localServer() {
    return JsseTestServer.builder(JsseTestServer.localhostIssuedByOwnCa(
            "CN=tlsprobe junit test CA", "gateway.test", "default.test", "field.test"))
        .alpn("h2", "http/1.1")
        .start();
  }

  private TargetFixtures() {}

  /** Port from a configuration parameter; one probe serves both tests. */
  @Fixture
  @TlsProbe(host = "localhost", port = "${test.port}")
  static class PlaceholderPortTestCase {
    @Test
    void establishes(TlsConnectionReport report) {
      assertTrue(report.outcome().isEstablished(), report::summary);
      assertEquals("localhost", report.endpoint().host());
    }

    @Test
    void sharesTheClassReport(TlsConnectionReport report) {
      assertTrue(report.outcome().isEstablished(), report::summary);
    }
  }

  /** A static int port that {@code @BeforeAll} fills; one probe for the class. */
  @Fixture
  @TlsProbe
  static class StaticPortFieldTestCase {
    @TlsProbe.Target static int port;
    static JsseTestServer server;

    @BeforeAll
    static void startServer() {
      server = localServer();
      port = server.port();
    }

    @AfterAll
    static void probedOnceThenStop() throws InterruptedException {
      int handshakes = server.takeHandshakes(QUIET);
      server.close();
      assertEquals(1, handshakes, "handshakes the server saw");
    }

    @Test
    void establishes(TlsConnectionReport report) {
      assertTrue(report.outcome().isEstablished(), report::summary);
      assertEquals(port, report.endpoint().port());
    }

    @Test
    void reusesTheReport(TlsConnectionReport report) {
      assertEquals(port, report.endpoint().port());
    }
  }

  /** Instance fields filled per test: an address and a URI without port, probed for every test. */
  @Fixture
  @TlsProbe
  static class InstanceFieldsTestCase {
    static JsseTestServer server;

    @TlsProbe.Target InetSocketAddress address;
    @TlsProbe.Target(name = "web") URI uri;

    @BeforeAll
    static void startServer() {
      server = localServer();
    }

    @AfterAll
    static void probedPerTestThenStop() throws InterruptedException {
      int handshakes = server.takeHandshakes(QUIET);
      server.close();
      assertEquals(4, handshakes, "handshakes the server saw: 2 tests × 2 targets");
    }

    @BeforeEach
    void fillFields() {
      address = new InetSocketAddress("127.0.0.1", server.port());
      uri = URI.create("https://localhost:" + server.port() + "/health");
    }

    @Test
    void first(@TlsProbe.Named("address") TlsConnectionReport byAddress, @TlsProbe.Named("web") TlsConnectionReport web) {
      assertEquals("127.0.0.1", byAddress.endpoint().host());
      assertEquals("localhost", web.endpoint().host());
      assertTrue(byAddress.outcome().isEstablished() && web.outcome().isEstablished());
    }

    @Test
    void second(@TlsProbe.Named("address") TlsConnectionReport byAddress, @TlsProbe.Named("web") TlsConnectionReport web) {
      assertNotSame(byAddress, web);
      assertEquals(server.port(), web.endpoint().port());
    }
  }

  /** A Testcontainers ContainerState (without Docker) whose container port 8443 maps to a local server. */
  @Fixture
  @TlsProbe
  static class ContainerTestCase {
    static JsseTestServer server;
    @TlsProbe.Target(port = 8443) static ContainerState gateway;

    @BeforeAll
    static void startContainer() {
      server = localServer();
      gateway = new FakeContainer("localhost", Map.of(8443, server.port()));
    }

    @AfterAll
    static void stop() {
      server.close();
    }

    @Test
    void probesTheMappedPort(TlsConnectionReport report) {
      assertTrue(report.outcome().isEstablished(), report::summary);
      assertEquals(server.port(), report.endpoint().port());
      assertEquals("localhost", report.endpoint().host());
    }
  }

  /** Two annotation targets told apart by name. */
  @Fixture
  @TlsProbe(name = "gateway", host = "localhost", port = "${test.port}")
  @TlsProbe(name = "admin", host = "127.0.0.1", port = "${test.port}", alpn = "h2")
  static class NamedTargetsTestCase {
    @Test
    void receivesEachByName(@TlsProbe.Named("gateway") TlsConnectionReport gateway,
        @TlsProbe.Named("admin") TlsConnectionReport admin) {
      assertEquals("localhost", gateway.endpoint().host());
      assertEquals(Optional.empty(), gateway.applicationProtocol());
      assertEquals("127.0.0.1", admin.endpoint().host());
      assertEquals(Optional.of("h2"), admin.applicationProtocol());
    }
  }

  /** A method's target hides the class's of the same name, for that method only; its lifecycle methods share it. */
  @Fixture
  @TlsProbe(host = "localhost", port = "${test.port}")
  static class MethodTargetTestCase {
    TlsConnectionReport fromBeforeEach;

    @BeforeEach
    void keep(TlsConnectionReport report) {
      fromBeforeEach = report;
    }

    @Test
    @TlsProbe(host = "127.0.0.1", port = "${test.port}")
    void methodTarget(TlsConnectionReport report) {
      assertEquals("127.0.0.1", report.endpoint().host());
      assertSame(fromBeforeEach, report);
    }

    @Test
    void classTarget(TlsConnectionReport report) {
      assertEquals("localhost", report.endpoint().host());
      assertSame(fromBeforeEach, report);
    }
  }

  /** A {@code @Nested} class sees the targets of the class around it. */
  @Fixture
  @TlsProbe
  static class NestedTestCase {
    static JsseTestServer server;
    @TlsProbe.Target static int port;

    @BeforeAll
    static void startServer() {
      server = localServer();
      port = server.port();
    }

    @AfterAll
    static void stop() {
      server.close();
    }

    @Nested
    class Inner {
      @Test
      void seesTheOuterField(TlsConnectionReport report) {
        assertEquals(port, report.endpoint().port());
      }
    }
  }

  /** A closed port is a report with a transport error, not an exception. */
  @Fixture
  @TlsProbe(host = "127.0.0.1", port = "${test.closed.port}", timeout = "2s")
  static class ClosedPortTestCase {
    @Test
    void reportsTransportError(TlsConnectionReport report) {
      assertEquals(Outcome.Kind.TRANSPORT_ERROR, report.outcome().kind(), report::summary);
    }
  }

  /** A team's own annotation, meta-annotated with {@code @TlsProbe}. */
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @TlsProbe(name = "gateway", host = "localhost", port = "${test.port}", alpn = "http/1.1")
  @interface GatewayProbe {}

  /** Composed: the target comes from {@link GatewayProbe}. */
  @Fixture
  @GatewayProbe
  static class ComposedAnnotationTestCase {
    @Test
    void probesTheComposedTarget(@TlsProbe.Named("gateway") TlsConnectionReport report) {
      assertEquals(Optional.of("http/1.1"), report.applicationProtocol());
    }
  }

  /** The example, as a user writes it: trusted CA from a file, assertions from TlsAssertions. */
  @Fixture
  @TlsProbe(host = "localhost", port = "${gateway.port}", trustStore = "${test.truststore}",
      trustStorePassword = "changeit")
  static class GatewayTlsTestCase {
    @Test
    void negotiatesStrongTls(TlsConnectionReport report) {
      TlsAssertions.assertThat(report).isEstablished().usesProtocolAtLeast(TLSv1_2).hasNoCompression()
          .hasForwardSecrecy().hasTrustedCertificate()
          .certificate().isValidFor("localhost").expiresAfter(Duration.ofDays(30)).hasKeyStrengthAtLeast(2048);
    }
  }
}
