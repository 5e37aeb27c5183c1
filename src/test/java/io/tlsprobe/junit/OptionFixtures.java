package io.tlsprobe.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.JsseTestServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fixture test classes for {@link TlsProbeOptionsTest}: SNI, ALPN, trust stores, timeouts and their defaults. */
final class OptionFixtures {
  private OptionFixtures() {}

  /** SNI: explicit, none, and the configured default (JSSE's rule sends none for {@code localhost}). */
  @Fixture
  @TlsProbe(name = "explicit", host = "localhost", port = "${test.port}", sni = "gateway.test")
  @TlsProbe(name = "none", host = "localhost", port = "${test.port}", noSni = true)
  @TlsProbe(name = "unset", host = "localhost", port = "${test.port}")
  static class SniTestCase {
    @Test
    void explicit(@TlsProbe.Named("explicit") TlsConnectionReport report) {
      assertEquals(Optional.of("gateway.test"), report.endpoint().serverName());
    }

    @Test
    void none(@TlsProbe.Named("none") TlsConnectionReport report) {
      assertEquals(Optional.empty(), report.endpoint().serverName());
    }

    @Test
    void unset(@TlsProbe.Named("unset") TlsConnectionReport report) {
      assertTrue(report.outcome().isEstablished(), report::summary);
    }
  }

  /** A field target takes its options (ALPN, SNI) from the class's {@code @TlsProbe} without host and port. */
  @Fixture
  @TlsProbe(alpn = {"h2", "http/1.1"}, sni = "field.test")
  static class FieldOptionsTestCase {
    static JsseTestServer server;
    @TlsProbe.Target static int port;

    @BeforeAll
    static void startServer() {
      server = TargetFixtures.localServer();
      port = server.port();
    }

    @AfterAll
    static void serverSawTheOptions() throws InterruptedException {
      JsseTestServer.Handshake handshake = server.takeHandshake();
      server.close();
      assertEquals("h2", handshake.applicationProtocol());
      assertEquals(java.util.List.of("field.test"), handshake.serverNames());
    }

    @Test
    void offersAlpnAndSni(TlsConnectionReport report) {
      assertEquals(Optional.of("h2"), report.applicationProtocol());
      assertEquals(Optional.of("field.test"), report.endpoint().serverName());
    }
  }

  /** Trust stores from a file, the class path, and the JDK's default. */
  @Fixture
  @TlsProbe(name = "file", host = "localhost", port = "${test.port}", trustStore = "${test.truststore}",
      trustStorePassword = "changeit")
  @TlsProbe(name = "classpath", host = "localhost", port = "${test.port}",
      trustStore = "classpath:tlsprobe-junit-ca.p12", trustStorePassword = "changeit", trustStoreType = "pkcs12")
  @TlsProbe(name = "jdk", host = "localhost", port = "${test.port}")
  static class TrustStoreTestCase {
    @Test
    void fromFile(@TlsProbe.Named("file") TlsConnectionReport report) {
      assertTrue(report.verification().trusted(), report::summary);
    }

    @Test
    void fromClassPath(@TlsProbe.Named("classpath") TlsConnectionReport report) {
      assertTrue(report.verification().trusted(), report::summary);
    }

    @Test
    void jdkDefault(@TlsProbe.Named("jdk") TlsConnectionReport report) {
      assertFalse(report.verification().trusted(), report::summary);
    }
  }

  /** No options at all: every one comes from configuration parameters. */
  @Fixture
  @TlsProbe(host = "localhost", port = "${test.port}")
  static class ConfiguredDefaultsTestCase {
    @Test
    void trustedAndNamed(TlsConnectionReport report) {
      assertTrue(report.verification().trusted(), report::summary);
      assertEquals(Optional.of("default.test"), report.endpoint().serverName());
    }
  }

  /** A peer that accepts and never answers: the timeout bounds the probe. */
  @Fixture
  @TlsProbe(host = "127.0.0.1", port = "${test.silent.port}")
  static class SilentPeerTestCase {
    @Test
    void notEstablished(TlsConnectionReport report) {
      assertFalse(report.outcome().isEstablished(), report::summary);
    }
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443", timeout = "soon")
  static class BadTimeoutTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443")
  static class NoOptionsTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443", trustStore = "classpath:/no/such/truststore.p12")
  static class MissingClassPathTrustStoreTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443", trustStore = "${test.truststore}")
  static class TrustStoreFileTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443", trustStore = "${test.truststore}", trustStoreType = "NOPE")
  static class UnknownTrustStoreTypeTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443", sni = "gateway.test", noSni = true)
  static class SniAndNoSniTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443", sni = "127.0.0.1")
  static class SniAddressTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443", alpn = {"h2", ""})
  static class EmptyAlpnTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }
}
