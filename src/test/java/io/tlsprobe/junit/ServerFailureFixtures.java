package io.tlsprobe.junit;

import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.StartTlsBehaviour;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import org.junit.jupiter.api.Test;

/**
 * Fixture test classes that misuse {@code @TlsProbe(server = …)}, one misuse each; see {@link
 * TlsProbeServerTest.Failures}. None of them starts a server: the misuse is found first.
 */
final class ServerFailureFixtures {
  private ServerFailureFixtures() {}

  @Fixture
  @TlsProbe(host = "localhost", port = "8443", server = @ProbeServer)
  static class HostAndServerTestCase {
    @Test
    void test(TlsProbeServer server) {}
  }

  @Fixture
  @TlsProbe(port = "8443", server = @ProbeServer)
  static class PortAndServerTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(alpn = "h2", startTls = StartTls.SMTP, server = @ProbeServer)
  static class ProbeOptionsAndServerTestCase {
    @Test
    void test(TlsProbeServer server) {}
  }

  @Fixture
  @TlsProbe(server = {@ProbeServer, @ProbeServer(scenario = CertificateScenario.EXPIRED)})
  static class TwoServersInOneTestCase {
    @Test
    void test(TlsProbeServer server) {}
  }

  @Fixture
  @TlsProbe(server = @ProbeServer)
  static class ReportFromServerTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443")
  static class ServerWithoutDeclarationTestCase {
    @Test
    void test(TlsProbeServer server) {}
  }

  @Fixture
  @TlsProbe(name = "valid", server = @ProbeServer)
  @TlsProbe(name = "expired", server = @ProbeServer(scenario = CertificateScenario.EXPIRED))
  static class AmbiguousServerTestCase {
    @Test
    void test(TlsProbeServer server) {}
  }

  @Fixture
  @TlsProbe(name = "valid", server = @ProbeServer)
  static class UnknownServerNameTestCase {
    @Test
    void test(@TlsProbe.Named("expired") TlsProbeServer server) {}
  }

  @Fixture
  @TlsProbe(server = @ProbeServer)
  @TlsProbe(server = @ProbeServer(scenario = CertificateScenario.EXPIRED))
  static class DuplicateServerNameTestCase {
    @Test
    void test(TlsProbeServer server) {}
  }

  @Fixture
  @TlsProbe(server = @ProbeServer(applicationProtocols = {"http/1.1", "${test.alpn:}"}))
  static class EmptyApplicationProtocolTestCase {
    @Test
    void test(TlsProbeServer server) {}
  }

  @Fixture
  @TlsProbe(server = @ProbeServer, timeout = "soon")
  static class TimeoutNotADurationTestCase {
    @Test
    void test(TlsProbeServer server) {}
  }

  @Fixture
  @TlsProbe(server = @ProbeServer(protocol = ServiceProtocol.LDAP))
  static class UnservedProtocolTestCase {
    @Test
    void test(TlsProbeServer server) {}
  }

  @Fixture
  @TlsProbe(server = @ProbeServer(startTlsBehaviour = StartTlsBehaviour.NOT_ADVERTISED))
  static class StartTlsBehaviourOnHttpsTestCase {
    @Test
    void test(TlsProbeServer server) {}
  }
}
