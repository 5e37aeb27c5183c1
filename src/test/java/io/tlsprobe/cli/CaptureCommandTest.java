package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.ReportJson;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.TlsCaptureServer;
import io.tlsprobe.testing.ClientHelloVectors;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.TlsDecoder;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code tlsprobe capture}: its options, and what it prints for in-process JDK clients. */
class CaptureCommandTest {
  static final Duration EXIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream());
    return new Run(code, out.toString(), err.toString());
  }

  static List<X509Certificate> readPem(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast).toList();
    }
  }

  @Nested
  class Options {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
      "expired, EXPIRED",
      "WRONG-HOST, WRONG_HOST",
      "no_san, NO_SAN",
      "Rsa-1024, RSA_1024",
      "' sha1-signature ', SHA1_SIGNATURE",
      "client-certificate-required, CLIENT_CERTIFICATE_REQUIRED"
    })
    void readsScenarioNamesInAnyCaseWithDashesOrUnderscores(String name, CertificateScenario expected) {
      assertThat(new CaptureOptions.ScenarioConverter().convert(name)).isEqualTo(expected);
    }

    @Test
    void namesEveryScenarioForTheCommandLine() {
      assertThat(CaptureOptions.ScenarioConverter.names()).isEqualTo("valid|expired|not-yet-valid|self-signed|"
          + "untrusted-root|wrong-host|no-san|rsa-1024|sha1-signature|missing-intermediate|"
          + "client-certificate-required");
      assertThatThrownBy(() -> new CaptureOptions.ScenarioConverter().convert("revoked"))
          .isInstanceOf(TypeConversionException.class)
          .hasMessage("unknown certificate scenario 'revoked': use " + CaptureOptions.ScenarioConverter.names());
    }

    @Test
    void unknownScenarioIsAUsageErrorOnOneLineListingTheScenarios() {
      Run run = run("capture", "--scenario", "bogus");

      assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).singleElement().asString()
          .startsWith("tlsprobe: ")
          .contains("unknown certificate scenario 'bogus': use valid|expired|not-yet-valid|")
          .endsWith("(see 'tlsprobe capture --help')");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
      "--count, 0, '--count ''0'' is not a number of connections: use 1 or more'",
      "--count, many, '--count ''many'' is not a number of connections: use 1 or more'",
      "--port, 65536, '--port ''65536'' is not a port: use 1-65535, or 0 for a free one'",
      "--port, -1, '--port ''-1'' is not a port: use 1-65535, or 0 for a free one'",
      "--duration, 0s, 'timeout ''0s'' must be positive'"
    })
    void badNumbersAreUsageErrorsNamingTheOption(String option, String value, String message) {
      Run run = run("capture", option, value);

      assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
      assertThat(run.err().lines()).singleElement().asString().contains(message);
    }

    @Test
    void aPortInUseExitsThreeNamingTheAddress() throws Exception {
      try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        Run run = run("capture", "--port", String.valueOf(taken.getLocalPort()), "--count", "1");

        assertThat(run.exitCode()).isEqualTo(Main.CANNOT_LISTEN);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
            .startsWith("tlsprobe: cannot bind 127.0.0.1:" + taken.getLocalPort() + ": ")
            .doesNotContain("\tat ");
      }
    }

    @Test
    void aTrustFileThatCannotBeWrittenIsAnErrorBeforeListening(@TempDir Path dir) {
      Path nowhere = dir.resolve("no-such-dir").resolve("ca.pem");

      Run run = run("capture", "--trust-out", nowhere.toString(), "--count", "1");

      assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
      assertThat(run.err().lines()).singleElement().asString()
          .startsWith("tlsprobe: --trust-out " + nowhere + ": cannot write: ")
          .doesNotContain("listening");
    }

    @Test
    void helpShowsTheOptionsAndExitCodes() {
      Run run = run("capture", "--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("--scenario=NAME", "--count=K", "--trust-out=FILE", "--port=PORT", "--json",
          "--duration=DURATION", "Exit codes:", "3   the server cannot listen");
      assertThat(run("--help").out()).contains("capture");
    }
  }

  @Nested
  class Running {
    @Test
    void writesTheCaBeforeListeningKeepsItAndPrintsTheJdkClientsReportAsOneJsonLine(@TempDir Path dir)
        throws Exception {
      // given
      Path ca = dir.resolve("ca.pem");
      try (CaptureRun capture = CaptureRun.start("--count", "1", "--json", "--trust-out", ca.toString())) {
        int port = capture.awaitPort();
        List<X509Certificate> anchors = readPem(ca);

        // when the JDK's HttpClient fetches a page, trusting that file alone
        HttpClient client = HttpClient.newBuilder().sslContext(Certificates.sslContext(null,
            anchors.toArray(X509Certificate[]::new))).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
            java.net.URI.create("https://localhost:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
        int exit = capture.awaitExit(EXIT);

        // then the file held the run's CA, the client finished, and one JSON line says what its session says
        assertThat(anchors).isEqualTo(CertificateScenario.VALID.identity().anchors());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(exit).as(capture.err()).isZero();
        assertThat(ca).as("--trust-out's file is the user's: kept").isRegularFile();
        assertThat(capture.err()).contains("trust " + ca + ", e.g. curl --cacert " + ca + " https://localhost:"
            + port + "/; stops after 1 connection").contains("captured 1 connection (1 established)");
        assertThat(capture.out().lines()).hasSize(1);
        JsonNode report = capture.jsonLines().get(0);
        SSLSession session = response.sslSession().orElseThrow();
        assertThat(report.get("schema").asString()).isEqualTo(ReportJson.SCHEMA);
        assertThat(report.get("outcome").asString()).isEqualTo("established");
        assertThat(report.get("protocol").asString()).isEqualTo(session.getProtocol());
        assertThat(report.get("cipher_suite").asString()).isEqualTo(session.getCipherSuite());
        assertThat(report.get("endpoint").get("host").asString()).isEqualTo("127.0.0.1");
        assertThat(report.get("client_hello").get("ja3_hash").asString()).hasSize(32);
        assertThat(report.get("client_hello").get("ja4").asString()).startsWith("t13d");
        assertThat(report.get("client_hello").get("cipher_suite_names").get(0).asString()).startsWith("TLS_");
      }
    }

    @Test
    void textShowsWhoConnectedWhatItOfferedAndWhatWasAgreed() throws Exception {
      try (CaptureRun capture = CaptureRun.start("--count", "1")) {
        int port = capture.awaitPort();

        // when a JSSE client limited to TLS 1.2 connects, naming a host and offering two ALPN protocols
        SSLContext context = Certificates.sslContext(null,
            CertificateScenario.VALID.identity().anchors().toArray(X509Certificate[]::new));
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
          SSLParameters parameters = socket.getSSLParameters();
          parameters.setProtocols(new String[] {"TLSv1.2"});
          parameters.setServerNames(List.of(new SNIHostName("capture.test")));
          parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
          socket.setSSLParameters(parameters);
          socket.startHandshake();
        }
        int exit = capture.awaitExit(EXIT);

        // then
        assertThat(exit).as(capture.err()).isZero();
        assertThat(capture.out())
            .startsWith("connection 1:\n  client: 127.0.0.1:")
            .contains("(direct, SNI capture.test)")
            .contains("  outcome: established\n")
            .contains("  protocol: TLSv1.2\n")
            .contains("  alpn: http/1.1\n")
            .contains("  client_offer:\n    versions: [TLSv1.2]\n")
            .containsPattern("    cipher_suites \\(\\d+\\):\n      0x")
            .as("the JDK's default offer includes ECDHE CBC suites, marked weak")
            .containsPattern("0xc0(13|14|27|28) TLS_ECDHE_RSA_WITH_AES_\\d+_CBC_SHA\\d* \\(weak\\)")
            .contains("    server_name: capture.test\n")
            .contains("    alpn: [h2, http/1.1]\n")
            .containsPattern("    ja3_hash: [0-9a-f]{32}\n")
            .containsPattern("    ja4: t12d\\d{4}h2_")
            .doesNotContain("secure_renegotiation")
            .doesNotContain("certificates");
      }
    }

    @Test
    void aClientThatDoesNotSpeakTlsIsReportedWithItsFirstBytes() throws Exception {
      try (CaptureRun capture = CaptureRun.start("--count", "1")) {
        int port = capture.awaitPort();

        try (Socket socket = new Socket("127.0.0.1", port)) {
          OutputStream out = socket.getOutputStream();
          out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          socket.getInputStream().read();
        }
        int exit = capture.awaitExit(EXIT);

        assertThat(exit).as(capture.err()).isZero();
        assertThat(capture.out()).contains("  outcome: transport_error\n", "  transport_problem: not_tls\n",
            "  peer_text: GET / HTTP/1.0....\n").doesNotContain("client_offer");
        assertThat(capture.err()).contains("captured 1 connection (1 transport_error)");
      }
    }

    @Test
    void durationEndsACaptureThatSawNoClientWithExitZero() throws Exception {
      long start = System.nanoTime();

      Run run = run("capture", "--duration", "300ms");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).contains("Ctrl-C stops")
          .contains("tlsprobe: captured 0 connections, after --duration 300ms; server closed");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(EXIT);
    }

    @Test
    void interruptingAnEndlessCaptureClosesTheServerAndItsTemporaryTrustFile() throws Exception {
      try (CaptureRun capture = CaptureRun.start()) {
        int port = capture.awaitPort();
        Matcher trust = Pattern.compile("; trust (\\S+) \\(deleted on exit").matcher(capture.err());
        assertThat(trust.find()).as(capture.err()).isTrue();
        Path temporary = Path.of(trust.group(1));
        assertThat(temporary).isRegularFile();

        // when
        capture.interrupt();
        int exit = capture.awaitExit(EXIT);

        // then
        assertThat(exit).isZero();
        assertThat(capture.err()).contains("captured 0 connections, interrupted; server closed");
        assertThat(temporary).doesNotExist();
        assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
            .noneMatch(n -> n.startsWith(TlsCaptureServer.THREAD_PREFIX + port + "-"));
      }
    }
  }

  @Nested
  class Views {
    private final ClientHello chromium =
        TlsDecoder.decode(ClientHelloVectors.captured("chromium_headless").bytes()).clientHello().orElseThrow();

    @Test
    void theReportsClientHelloIsTheObjectDecodePrintsForTheSameHello() {
      // given
      TlsConnectionReport report = TlsConnectionReport.builder(Endpoint.direct("127.0.0.1", 50123),
          Outcome.established()).clientHello(chromium).build();
      StringWriter decoded = new StringWriter();
      JsonOut.write(DecodedView.clientHello(chromium), decoded);

      // when
      JsonNode line = JSON.readTree(ReportJson.toJsonLine(report));

      // then
      assertThat(line.get("client_hello")).isEqualTo(JSON.readTree(decoded.toString()));
    }

    @Test
    void aRejectingClientShowsTheAlertItSentAndItsGrease() {
      // given
      TlsConnectionReport report = TlsConnectionReport.builder(
          new Endpoint("127.0.0.1", 50124, chromium.serverName(), Endpoint.DIRECT),
          Outcome.rejectedByPeer(Optional.of(AlertDescription.of(48)), "client sent fatal alert unknown_ca (48)"))
          .clientHello(chromium).build();
      StringWriter text = new StringWriter();

      // when
      new TextOut(new PrintWriter(text)).write(ReportView.captured(report, Instant.now(), false), 0);

      // then
      assertThat(text.toString())
          .startsWith("client: 127.0.0.1:50124 (direct")
          .contains("outcome: rejected_by_peer\n")
          .contains("outcome_reason: client sent fatal alert unknown_ca (48)\n")
          .contains("alert: 0x30 unknown_ca\n")
          .contains("protocol: (none)\n")
          .contains("  grease: true\n")
          .doesNotContain("GREASE (0x5a5a)");
    }
  }
}
