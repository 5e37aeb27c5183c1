package io.tlsprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.JsseTestServer;
import io.tlsprobe.testing.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What {@code @TlsProbe} offers and trusts (SNI, ALPN, trust stores, timeouts), from its elements and from the
 * configuration parameters named on it, as the server on the other end saw it; and the published report file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsProbeOptionsTest {
  private static final String F = "OptionFixtures.";

  private JsseTestServer server;

  @BeforeAll
  void startServer() {
    server = TargetFixtures.localServer();
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  private Map<String, String> port(String... more) {
    Map<String, String> parameters = new java.util.HashMap<>(Map.of("test.port", Integer.toString(server.port())));
    for (int i = 0; i < more.length; i += 2) {
      parameters.put(more[i], more[i + 1]);
    }
    return parameters;
  }

  private List<List<String>> serverNamesSeen(int handshakes) throws InterruptedException {
    List<List<String>> names = new ArrayList<>();
    for (int i = 0; i < handshakes; i++) {
      names.add(server.takeHandshake().serverNames());
    }
    return names;
  }

  @Test
  void sendsTheSniTheAnnotationNamesOrNone(@TempDir Path output) throws InterruptedException {
    EngineExecutionResults results = Fixtures.run(OptionFixtures.SniTestCase.class, port(), output);

    results.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
    assertThat(serverNamesSeen(3)).containsExactlyInAnyOrder(List.of("gateway.test"), List.of(), List.of());
  }

  @Test
  void sendsTheConfiguredDefaultSniUnlessNoSni(@TempDir Path output) throws InterruptedException {
    EngineExecutionResults results = Fixtures.run(OptionFixtures.SniTestCase.class,
        port(TlsProbe.DEFAULT_SNI_PROPERTY_NAME, "default.test"), output);

    results.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
    assertThat(serverNamesSeen(3))
        .containsExactlyInAnyOrder(List.of("gateway.test"), List.of(), List.of("default.test"));
  }

  @Test
  void givesFieldTargetsTheOptionsOfTheClassAnnotation(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(OptionFixtures.FieldOptionsTestCase.class, Map.of(), output);

    results.allEvents().assertStatistics(s -> s.failed(0));
    results.testEvents().assertStatistics(s -> s.succeeded(1));
  }

  @Test
  void judgesTheCertificateAgainstTheNamedTrustStore(@TempDir Path output, @TempDir Path classes) throws Exception {
    Path file = server.writeTrustStore(output.resolve("ca.p12"), TestCertificates.password());
    server.writeTrustStore(classes.resolve("tlsprobe-junit-ca.p12"), TestCertificates.password());

    EngineExecutionResults results = withClassPath(classes, () -> Fixtures.run(
        OptionFixtures.TrustStoreTestCase.class, port("test.truststore", file.toString()), output));

    results.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
    drain(3);
  }

  @Test
  void takesEveryOptionFromConfigurationParameters(@TempDir Path output) throws Exception {
    Path file = server.writeTrustStore(output.resolve("ca.p12"), TestCertificates.password());

    EngineExecutionResults results = Fixtures.run(OptionFixtures.ConfiguredDefaultsTestCase.class, port(
        TlsProbe.DEFAULT_TRUST_STORE_PROPERTY_NAME, file.toString(),
        TlsProbe.DEFAULT_TRUST_STORE_TYPE_PROPERTY_NAME, "PKCS12",
        TlsProbe.DEFAULT_TRUST_STORE_PASSWORD_PROPERTY_NAME, "${test.secret}",
        "test.secret", "changeit",
        TlsProbe.DEFAULT_SNI_PROPERTY_NAME, "default.test",
        TlsProbe.DEFAULT_TIMEOUT_PROPERTY_NAME, "PT5S"), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(serverNamesSeen(1)).containsExactly(List.of("default.test"));
  }

  @Test
  void boundsTheProbeByTheConfiguredTimeout(@TempDir Path output) throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();
      EngineExecutionResults results = Fixtures.run(OptionFixtures.SilentPeerTestCase.class, Map.of(
          "test.silent.port", Integer.toString(silent.getLocalPort()),
          TlsProbe.DEFAULT_TIMEOUT_PROPERTY_NAME, "300ms"), output);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
      assertThat(elapsed).as("the probe's own default handshake timeout is 10 s").isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void publishesTheReportAsJsonFile(@TempDir Path output) throws IOException {
    EngineExecutionResults results = Fixtures.run(TargetFixtures.PlaceholderPortTestCase.class, port(), output);

    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    List<FileEntry> files = results.allEvents().fileEntryPublished().stream()
        .map(e -> e.getRequiredPayload(FileEntry.class)).toList();
    assertThat(files).singleElement().satisfies(file -> {
      assertThat(file.getPath().getFileName()).hasToString("tlsprobe-default.json");
      assertThat(file.getMediaType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    });
    try (Stream<Path> written = Files.walk(output)) {
      assertThat(written.filter(p -> p.getFileName().toString().endsWith(".json"))).containsExactly(
          files.get(0).getPath());
    }
    JsonNode json = new ObjectMapper().readTree(Files.readString(files.get(0).getPath()));
    assertThat(json.get("schema").asString()).isEqualTo("tlsprobe.report/1");
    assertThat(json.get("outcome").asString()).isEqualTo("established");
    assertThat(json.get("protocol").asString()).isEqualTo("TLSv1.3");
    drain(1);
  }

  private void drain(int handshakes) {
    try {
      serverNamesSeen(handshakes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@code run} with {@code directory} on the thread's context class path, as a test resource would be. */
  private static <T> T withClassPath(Path directory, Supplier<T> run) throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()}, previous)) {
      thread.setContextClassLoader(loader);
      return run.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Each misuse of an option fails with an exact message. */
  @Nested
  class Failures {
    @Test
    void timeoutThatIsNoDuration(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(OptionFixtures.BadTimeoutTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "BadTimeoutTestCase: timeout 'soon' is not a duration like 5s, 500ms, 2m or"
              + " PT5S");
    }

    @Test
    void configuredTimeoutThatIsNoDuration(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(OptionFixtures.NoOptionsTestCase.class,
          Map.of(TlsProbe.DEFAULT_TIMEOUT_PROPERTY_NAME, "-5s"), output,
          "@TlsProbe on class " + F + "NoOptionsTestCase: timeout (configuration parameter tlsprobe.timeout.default)"
              + " '-5s' is not a duration like 5s, 500ms, 2m or PT5S");
    }

    @Test
    void trustStoreMissingFromTheClassPath(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(OptionFixtures.MissingClassPathTrustStoreTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "MissingClassPathTrustStoreTestCase: trustStore"
              + " 'classpath:/no/such/truststore.p12' is not on the class path");
    }

    @Test
    void trustStoreFileThatDoesNotExist(@TempDir Path output) {
      Path missing = output.resolve("missing.p12");
      TlsProbeExtensionTest.assertFailure(OptionFixtures.TrustStoreFileTestCase.class,
          Map.of("test.truststore", missing.toString()), output,
          "@TlsProbe on class " + F + "TrustStoreFileTestCase: trustStore '${test.truststore}' (resolved to '"
              + missing + "') is not a file (looked at " + missing.toAbsolutePath() + ")");
    }

    @Test
    void trustStoreWithTheWrongPassword(@TempDir Path output) throws IOException, GeneralSecurityException {
      Path file = server.writeTrustStore(output.resolve("ca.p12"), TestCertificates.password());
      TlsProbeExtensionTest.assertFailure(OptionFixtures.TrustStoreFileTestCase.class,
          Map.of("test.truststore", file.toString(), TlsProbe.DEFAULT_TRUST_STORE_PASSWORD_PROPERTY_NAME, "wrong"),
          output,
          "@TlsProbe on class " + F + "TrustStoreFileTestCase: trustStore '${test.truststore}' (resolved to '"
              + file + "') cannot be read as PKCS12: keystore password was incorrect");
    }

    @Test
    void trustStoreOfAnUnknownType(@TempDir Path output) throws IOException, GeneralSecurityException {
      Path file = server.writeTrustStore(output.resolve("ca.p12"), TestCertificates.password());
      TlsProbeExtensionTest.assertFailure(OptionFixtures.UnknownTrustStoreTypeTestCase.class,
          Map.of("test.truststore", file.toString()), output,
          "@TlsProbe on class " + F + "UnknownTrustStoreTypeTestCase: trustStoreType 'NOPE' is not a key store type"
              + " this JVM knows");
    }

    @Test
    void sniAndNoSniTogether(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(OptionFixtures.SniAndNoSniTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "SniAndNoSniTestCase: sni 'gateway.test' and noSni = true exclude each other:"
              + " choose one");
    }

    @Test
    void sniThatIsAnAddress(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(OptionFixtures.SniAddressTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "SniAddressTestCase: sni '127.0.0.1' is not a host name to send as SNI (not"
              + " blank, not an IP address)");
    }

    @Test
    void emptyAlpnProtocol(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(OptionFixtures.EmptyAlpnTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "EmptyAlpnTestCase: alpn '' is not an ALPN protocol name of 1-255 characters");
    }
  }
}
