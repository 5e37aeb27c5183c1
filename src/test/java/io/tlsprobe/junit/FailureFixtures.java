package io.tlsprobe.junit;

import io.tlsprobe.report.TlsConnectionReport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ContainerState;

/**
 * Fixture test classes that misuse {@code @TlsProbe}, one misuse each, every test asking for a report; see
 * {@link TlsProbeExtensionTest.Failures}. None of them reaches a server: the misuse is found first.
 */
final class FailureFixtures {
  private FailureFixtures() {}

  @Fixture
  @TlsProbe
  static class NoTargetTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "abc")
  static class PortNotANumberTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "${test.port}")
  static class PortOutOfRangeTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "${no.such.key}")
  static class UnresolvablePlaceholderTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "${test.host:}", port = "8443")
  static class EmptyHostTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost")
  static class HostWithoutPortTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe
  static class UnsupportedFieldTypeTestCase {
    @TlsProbe.Target static String server = "localhost:8443";

    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe
  static class NullFieldTestCase {
    @TlsProbe.Target static InetSocketAddress server;

    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe
  static class UnsetPortFieldTestCase {
    @TlsProbe.Target static int port;

    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe
  static class UriWithoutPortTestCase {
    @TlsProbe.Target static URI server = URI.create("http://localhost/");

    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe
  static class ContainerWithoutPortTestCase {
    @TlsProbe.Target static ContainerState container = new FakeContainer("localhost", Map.of());

    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe
  static class ContainerPortNotMappedTestCase {
    @TlsProbe.Target(port = 8443) static ContainerState container = new FakeContainer("localhost", Map.of());

    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe
  static class PortOnNonContainerTestCase {
    @TlsProbe.Target(port = 8443) static int port = 8443;

    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe
  static class InstanceFieldInBeforeAllTestCase {
    @TlsProbe.Target InetSocketAddress server = new InetSocketAddress("localhost", 8443);

    @BeforeAll
    static void tooEarly(TlsConnectionReport report) {}

    @Test
    void test() {}
  }

  @Fixture
  @TlsProbe(name = "public", host = "localhost", port = "8443")
  @TlsProbe(name = "admin", host = "localhost", port = "9443")
  static class AmbiguousTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(name = "public", host = "localhost", port = "8443")
  @TlsProbe(name = "admin", host = "localhost", port = "9443")
  static class UnknownNameTestCase {
    @Test
    void test(@TlsProbe.Named("metrics") TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443")
  static class DuplicateNameTestCase {
    @TlsProbe.Target(name = "default") static int port = 9443;

    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe
  static class OptionsOnMethodTestCase {
    @TlsProbe.Target static int port = 8443;

    @Test
    @TlsProbe(alpn = "h2")
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(name = "gateway", alpn = "h2")
  static class OptionsForNoFieldTestCase {
    @TlsProbe.Target static int port = 8443;

    @Test
    void test(TlsConnectionReport report) {}
  }
}
