package io.tlsprobe.junit;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/**
 * Fixture test classes for {@link TlsProbeServerTest}: each declares a capture server the way a user would and
 * drives it with a plain JSSE client; they run only through {@link Fixtures#run}. What the outer test must check
 * after the class ended (the port, the trust files) is published as report entries.
 */
final class ServerFixtures {
  private ServerFixtures() {}

  /** Opens a TLS connection to {@code server} trusting it, handshakes, and returns the socket (still open). */
  static SSLSocket handshake(TlsProbeServer server, String... alpn) throws IOException {
    SSLSocket socket = (SSLSocket) server.clientSslSocketFactory().createSocket("localhost", server.port());
    if (alpn.length > 0) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(alpn);
      socket.setSSLParameters(parameters);
    }
    socket.startHandshake();
    return socket;
  }

  /** Handshakes once and closes; returns the client's local port, which the report's endpoint names. */
  static int connectOnce(TlsProbeServer server) throws IOException {
    try (SSLSocket socket = handshake(server)) {
      return socket.getLocalPort();
    }
  }

  /** Waits (up to 10 s) until {@code server} has recorded {@code count} connections of this test. */
  static void awaitRecorded(TlsProbeServer server, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server.connections().size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + server.connections().size() + " of " + count + " connections recorded");
      }
      Thread.sleep(10);
    }
  }

  /**
   * One server for the class, seen by {@code @BeforeAll}, {@code @BeforeEach} and the tests; the first test leaves a
   * connection untaken, which the second must not receive.
   */
  @Fixture
  @TlsProbe(server = @ProbeServer)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ClassServerTestCase {
    static TlsProbeServer forClass;
    TlsProbeServer forEach;

    @BeforeAll
    static void started(TlsProbeServer server, TestReporter reporter) {
      forClass = server;
      reporter.publishEntry(Map.of("port", Integer.toString(server.port()),
          "pem", server.clientTrust().pemFile().toString()));
    }

    @BeforeEach
    void each(TlsProbeServer server) {
      forEach = server;
    }

    @Test
    @Order(1)
    void firstLeavesAConnectionUntaken(TlsProbeServer server) throws IOException, InterruptedException {
      assertSame(forEach, server, "the view of @BeforeEach and the test");
      assertNotSame(forClass, server, "the class's view");
      assertSame(forClass.captureServer(), server.captureServer(), "one server for the class");

      int first = connectOnce(server);
      assertEquals(first, server.awaitConnection().endpoint().port());

      connectOnce(server);
      awaitRecorded(server, 2); // recorded, not taken: the next test must not receive it
    }

    @Test
    @Order(2)
    void secondSeesOnlyItsOwnConnection(TlsProbeServer server) throws IOException {
      assertSame(forClass.captureServer(), server.captureServer());
      int own = connectOnce(server);

      TlsConnectionReport report = server.awaitConnection();

      assertEquals(own, report.endpoint().port(), "the report of this test's connection, not the earlier one's");
      assertEquals(1, server.connections().size(), () -> "this test's connections: " + server.connections());
      assertEquals(3, forClass.connections().size(), "the class's view sees every connection");
    }
  }

  /** A server first received in {@code @AfterAll} still sees every connection of the class's tests. */
  @Fixture
  @TlsProbe(server = @ProbeServer)
  static class AfterAllTestCase {
    @AfterAll
    static void seesEveryConnection(TlsProbeServer server) {
      for (int i = 0; i < 3; i++) {
        assertThat(server.awaitConnection()).isEstablished(); // the clients only handshake
      }
      assertEquals(3, server.connections().size(), () -> "connections: " + server.connections());
    }

    @Test
    void connectsTwice(TlsProbeServer server) throws IOException {
      connectOnce(server);
      connectOnce(server);
    }

    @Test
    void connectsOnce(TlsProbeServer server) throws IOException {
      connectOnce(server);
    }
  }

  /** A method-level server hides the class's for its method and is closed when the method ends. */
  @Fixture
  @TlsProbe(server = @ProbeServer)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class MethodServerTestCase {
    static int classPort;
    static int methodPort;

    @Test
    @Order(1)
    void usesTheClassServer(TlsProbeServer server) {
      classPort = server.port();
    }

    @Test
    @Order(2)
    @TlsProbe(server = @ProbeServer(scenario = CertificateScenario.EXPIRED))
    void getsItsOwnServer(TlsProbeServer server) {
      methodPort = server.port();
      assertNotEquals(classPort, methodPort);
      assertEquals(CertificateScenario.EXPIRED, server.identity().scenario());
    }

    @Test
    @Order(3)
    void findsTheMethodServerClosedAndTheClassServerRunning(TlsProbeServer server, TestReporter reporter)
        throws IOException {
      assertEquals(classPort, server.port());
      assertEquals(CertificateScenario.VALID, server.identity().scenario());
      reporter.publishEntry("method.port", Integer.toString(methodPort));
      connectOnce(server);
      assertThat(server.awaitConnection()).isEstablished();
    }
  }

  /**
   * The scenario and the versions of {@code @ProbeServer} reach the server. Over TLS 1.2 the JDK client names the
   * problem, {@code certificate_expired} (45); over TLS 1.3 it sends {@code certificate_unknown} (46) for the same
   * chain (TlsCaptureServerScenarioTest).
   */
  @Fixture
  @TlsProbe(server = @ProbeServer(scenario = CertificateScenario.EXPIRED, protocols = TlsProtocol.TLSv1_2))
  static class ScenarioTestCase {
    @Test
    void jsseClientRejectsTheExpiredCertificate(TlsProbeServer server) {
      assertThrows(SSLHandshakeException.class, () -> handshake(server, "http/1.1").close());

      assertThat(server.awaitConnection()).wasRejectedByClient(AlertDescription.of(45))
          .usesProtocol(TlsProtocol.TLSv1_2);
    }
  }

  /** {@code protocols} and {@code applicationProtocols} are what the server agrees to. */
  @Fixture
  @TlsProbe(server = @ProbeServer(protocols = TlsProtocol.TLSv1_2, applicationProtocols = {"h2", "http/1.1"}))
  static class SettingsTestCase {
    @Test
    void agreesToTls12AndItsFirstAlpnProtocol(TlsProbeServer server) throws IOException {
      try (SSLSocket socket = handshake(server, "http/1.1", "h2")) {
        assertEquals("TLSv1.2", socket.getSession().getProtocol());
        assertEquals("h2", socket.getApplicationProtocol());
      }
      assertThat(server.awaitConnection()).isEstablished().usesProtocol(TlsProtocol.TLSv1_2)
          .negotiatedApplicationProtocol("h2");
    }
  }

  /** {@code awaitConnection()} waits for the {@code @TlsProbe}'s timeout. */
  @Fixture
  @TlsProbe(server = @ProbeServer, timeout = "${test.timeout:300ms}")
  static class TimeoutTestCase {
    @Test
    void givesUpAfterTheTimeout(TlsProbeServer server, TestReporter reporter) {
      long start = System.nanoTime();
      IllegalStateException e = assertThrows(IllegalStateException.class, server::awaitConnection);
      reporter.publishEntry(Map.of("waited.ms", Long.toString((System.nanoTime() - start) / 1_000_000),
          "message", e.getMessage()));
    }
  }

  /** Without a timeout, {@code awaitConnection()} waits for the configuration default. */
  @Fixture
  @TlsProbe(server = @ProbeServer)
  static class DefaultTimeoutTestCase {
    @Test
    void givesUpAfterTheConfiguredDefault(TlsProbeServer server, TestReporter reporter) {
      long start = System.nanoTime();
      assertThrows(IllegalStateException.class, server::awaitConnection);
      reporter.publishEntry("waited.ms", Long.toString((System.nanoTime() - start) / 1_000_000));
    }
  }

  /** Two named servers, chosen with {@code @TlsProbe.Named}; a nested class sees them too. */
  @Fixture
  @TlsProbe(name = "valid", server = @ProbeServer)
  @TlsProbe(name = "expired", server = @ProbeServer(scenario = CertificateScenario.EXPIRED))
  static class NamedServersTestCase {
    @Test
    void getsEachByName(@TlsProbe.Named("valid") TlsProbeServer valid,
        @TlsProbe.Named("expired") TlsProbeServer expired) {
      assertNotEquals(valid.port(), expired.port());
      assertEquals("valid", valid.name());
      assertEquals(CertificateScenario.EXPIRED, expired.identity().scenario());
    }

    @Nested
    class Inner {
      @Test
      void seesTheOuterServers(@TlsProbe.Named("expired") TlsProbeServer expired) {
        assertEquals(CertificateScenario.EXPIRED, expired.identity().scenario());
      }
    }
  }

  /**
   * A server and a probe target side by side: the probe handshakes with the class's own capture server, so the
   * client's view (the probe's report) and the server's view (the capture) of one handshake meet.
   */
  @Fixture
  @TlsProbe(name = "capture", server = @ProbeServer)
  static class ProbeItsOwnServerTestCase {
    @TlsProbe.Target static int port;

    @BeforeAll
    static void start(TlsProbeServer server) {
      port = server.port();
    }

    @Test
    void bothSidesAgree(TlsConnectionReport probed, TlsProbeServer server) {
      TlsConnectionReport captured = server.awaitConnection(Duration.ofSeconds(10));

      assertThat(probed).isEstablished();
      assertThat(captured).isEstablished();
      assertEquals(Optional.of(false), captured.peerSentApplicationData(), "the probe only handshakes");
      assertEquals(probed.protocol(), captured.protocol());
      assertEquals(probed.cipherSuite(), captured.cipherSuite());
      assertEquals(probed.group(), captured.group());
      assertEquals(probed.clientHello(), captured.clientHello(), "the ClientHello the probe sent, as captured");
    }
  }

  /**
   * {@code protocol = SMTP} reaches the server: tlsprobe's own STARTTLS probe (a field target with the class's SMTP
   * options) upgrades on the class's SMTP front, and the capture's report carries the plain-text phase.
   */
  @Fixture
  @TlsProbe(protocol = ServiceProtocol.SMTP, injectionCheck = false)
  @TlsProbe(name = "mail", server = @ProbeServer(protocol = ServiceProtocol.SMTP))
  static class SmtpServerTestCase {
    @TlsProbe.Target static int port;

    @BeforeAll
    static void start(TlsProbeServer server) {
      port = server.port();
    }

    @Test
    void upgradesWithStartTls(TlsConnectionReport probed, TlsProbeServer server) {
      assertEquals(ServiceProtocol.SMTP, server.protocol());
      assertEquals("smtp://localhost:" + port, server.uri().toString());
      TlsConnectionReport captured = server.awaitConnection();

      assertThat(probed).isEstablished().usesStartTls(StartTls.SMTP);
      assertThat(captured).wasAcceptedByClient().plainTextPhase().sentNoCredentialsBeforeTls();
      assertEquals(probed.cipherSuite(), captured.cipherSuite());
      assertTrue(captured.plainTextPhase().orElseThrow().upgraded(), () -> captured.summary());
    }
  }

  /**
   * {@code implicitTls} reaches the server, and for a protocol other than HTTPS the default {@code
   * applicationProtocols} means none: a client offering only ALPN {@code smtp} is answered without ALPN, not refused.
   */
  @Fixture
  @TlsProbe(server = @ProbeServer(protocol = ServiceProtocol.SMTP, implicitTls = true))
  static class ImplicitSmtpTestCase {
    @Test
    void servesSmtpsWithoutAlpn(TlsProbeServer server) throws IOException {
      assertEquals("smtps://localhost:" + server.port(), server.uri().toString());
      try (SSLSocket socket = handshake(server, "smtp")) {
        assertEquals("", socket.getApplicationProtocol(), "no ALPN agreed");
      }

      TlsConnectionReport report = server.awaitConnection();
      assertThat(report).isEstablished().usesImplicitTls();
      assertTrue(report.applicationProtocol().isEmpty(), report::summary);
    }
  }
}
