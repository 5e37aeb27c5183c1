package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslClientView;
import io.tlsprobe.testing.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code tlsprobe capture --json} against the process clients {@code curl} and {@code openssl s_client}: each JSON
 * line says what the client itself says it negotiated, or how it refused the certificate.
 */
class CaptureCommandInteropTest {
  private static final Duration EXIT = Duration.ofSeconds(30);
  private static final Duration CLIENT = Duration.ofSeconds(20);
  private static final Pattern CURL_USING = Pattern.compile("SSL connection using (\\S+) / (\\S+)");

  @TempDir Path dir;

  private static ProcessResult curl(Path ca, int port) {
    String curl = Interop.requireCommand("curl").toString();
    return Interop.run(CLIENT, curl, "-sS", "-v", "--cacert", ca.toString(), "--resolve",
        "localhost:" + port + ":127.0.0.1", "https://localhost:" + port + "/");
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  @Test
  void eachJsonLineSaysWhatCurlAndOpensslSayTheyNegotiated() throws Exception {
    // given
    Interop.requireCommand("curl");
    Interop.requireCommand("openssl");
    Path ca = dir.resolve("ca.pem");
    try (CaptureRun capture = CaptureRun.start("--count", "2", "--json", "--trust-out", ca.toString())) {
      int port = capture.awaitPort();

      // when curl fetches a page, then s_client connects and leaves, both trusting the written CA
      ProcessResult curl = curl(ca, port);
      OpensslClientView openssl = OpensslClientView.connect(port, "-servername", "localhost", "-CAfile",
          ca.toString(), "-alpn", "http/1.1");
      int exit = capture.awaitExit(EXIT);

      // then both clients succeeded and the command stopped after them
      assertThat(curl.exitCode()).as(curl.toString()).isZero();
      assertThat(curl.stdout()).contains("tlsprobe capture server");
      assertThat(openssl.verifyCode()).as(openssl.output()).isZero();
      assertThat(exit).as(capture.err()).isZero();
      List<JsonNode> lines = capture.jsonLines();
      assertThat(lines).as(capture.out()).hasSize(2);

      // curl's line: its "SSL connection using" protocol and suite, its SNI, ALPN and fingerprints
      Matcher using = CURL_USING.matcher(curl.stderr());
      assertThat(using.find()).as(curl.stderr()).isTrue();
      JsonNode fromCurl = lines.get(0);
      assertThat(fromCurl.get("outcome").asString()).isEqualTo("established");
      assertThat(fromCurl.get("protocol").asString()).isEqualTo(using.group(1));
      assertThat(CipherSuite.byName(fromCurl.get("cipher_suite").asString()))
          .isPresent().isEqualTo(CipherSuite.byName(using.group(2)));
      assertThat(fromCurl.get("alpn").asString()).isEqualTo("http/1.1");
      assertThat(curl.stderr()).contains("ALPN: server accepted http/1.1");
      JsonNode curlHello = fromCurl.get("client_hello");
      assertThat(curlHello.get("server_name").asString()).isEqualTo("localhost");
      assertThat(strings(curlHello.get("alpn"))).containsExactly("h2", "http/1.1");
      assertThat(curlHello.get("ja3_hash").asString()).matches("[0-9a-f]{32}");
      assertThat(curlHello.get("ja4").asString()).startsWith("t13d").contains("h2_");

      // s_client's line: the protocol, suite and group it printed
      JsonNode fromOpenssl = lines.get(1);
      assertThat(fromOpenssl.get("outcome").asString()).isEqualTo("established");
      assertThat(TlsProtocol.fromJsseName(fromOpenssl.get("protocol").asString())).isPresent()
          .isEqualTo(openssl.protocol());
      assertThat(CipherSuite.byName(fromOpenssl.get("cipher_suite").asString())).isPresent()
          .isEqualTo(openssl.cipherSuite());
      assertThat(NamedGroup.byName(fromOpenssl.get("group").asString())).isPresent().isEqualTo(openssl.group());
      assertThat(fromOpenssl.get("alpn").asString()).isEqualTo(openssl.alpn().orElseThrow());
      assertThat(fromOpenssl.get("client_hello").get("ja4").asString()).isNotEqualTo(curlHello.get("ja4").asString());
    }
  }

  @Test
  void curlAndOpensslRejectAnExpiredCertificateWithCertificateExpired() throws Exception {
    // given
    Interop.requireCommand("curl");
    Interop.requireCommand("openssl");
    Path ca = dir.resolve("ca.pem");
    try (CaptureRun capture = CaptureRun.start("--scenario", "expired", "--count", "2", "--json", "--trust-out",
        ca.toString())) {
      int port = capture.awaitPort();

      // when
      ProcessResult curl = curl(ca, port);
      OpensslClientView openssl = OpensslClientView.connect(port, "-servername", "localhost", "-CAfile",
          ca.toString(), "-verify_return_error");
      int exit = capture.awaitExit(EXIT);

      // then curl fails verification (60), s_client says "certificate has expired" (10), and each line says the
      // client ended the handshake with certificate_expired (45)
      assertThat(curl.exitCode()).as(curl.toString()).isEqualTo(60);
      assertThat(curl.stderr()).contains("certificate has expired");
      assertThat(openssl.verifyCode()).as(openssl.output()).isEqualTo(10);
      assertThat(exit).as(capture.err()).isZero();
      assertThat(capture.err()).contains("certificate scenario expired (a correct client rejects it)")
          .contains("captured 2 connections (2 rejected_by_peer)");
      assertThat(capture.jsonLines()).hasSize(2).allSatisfy(line -> {
        assertThat(line.get("outcome").asString()).isEqualTo("rejected_by_peer");
        assertThat(line.get("alert").asString()).isEqualTo("certificate_expired");
        assertThat(line.get("outcome_reason").asString()).isEqualTo("client sent fatal alert certificate_expired (45)");
      });
    }
  }

  @Test
  void curlRefusesAWrongHostOnlyAfterTheHandshakeWhileOpensslRefusesItInside() throws Exception {
    // given
    Interop.requireCommand("curl");
    Interop.requireCommand("openssl");
    Path ca = dir.resolve("ca.pem");
    try (CaptureRun capture = CaptureRun.start("--scenario", "wrong-host", "--count", "2", "--json", "--trust-out",
        ca.toString())) {
      int port = capture.awaitPort();

      // when
      ProcessResult curl = curl(ca, port);
      OpensslClientView openssl = OpensslClientView.connect(port, "-servername", "localhost", "-verify_hostname",
          "localhost", "-CAfile", ca.toString(), "-verify_return_error");
      int exit = capture.awaitExit(EXIT);

      // then both refuse, but curl (7.88, OpenSSL backend) checks the host name after a completed handshake and
      // just leaves, so the server sees it established; s_client checks inside the handshake: bad_certificate (42)
      assertThat(curl.exitCode()).as(curl.toString()).isEqualTo(60);
      assertThat(curl.stderr()).contains("no alternative certificate subject name matches target host name");
      assertThat(openssl.verifyCode()).as(openssl.output()).isEqualTo(62);
      assertThat(exit).as(capture.err()).isZero();
      List<JsonNode> lines = capture.jsonLines();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0).get("outcome").asString()).as("curl " + curl.stderr()).isEqualTo("established");
      assertThat(lines.get(1).get("outcome").asString()).isEqualTo("rejected_by_peer");
      assertThat(lines.get(1).get("alert").asString()).isEqualTo("bad_certificate");
    }
  }

  @ParameterizedTest(name = "--starttls {0}")
  @ValueSource(strings = {"smtp", "imap", "pop3"})
  void startTlsLineSaysWhatOpensslStartTlsNegotiated(String protocol) throws Exception {
    // given
    Interop.requireCommand("openssl");
    Path ca = dir.resolve("ca.pem");
    try (CaptureRun capture = CaptureRun.start("--starttls", protocol, "--count", "1", "--json", "--trust-out",
        ca.toString())) {
      int port = capture.awaitPort();

      // when
      OpensslClientView openssl = OpensslClientView.connect(port, "-starttls", protocol, "-CAfile", ca.toString());
      int exit = capture.awaitExit(EXIT);

      // then
      assertThat(capture.err()).contains("listening on " + protocol + "://localhost:" + port + " (127.0.0.1:" + port
          + ", " + protocol + " with STARTTLS)");
      assertThat(openssl.verifyCode()).as(openssl.output()).isZero();
      assertThat(exit).as(capture.err()).isZero();
      JsonNode line = capture.jsonLines().get(0);
      assertThat(line.get("outcome").asString()).isEqualTo("established");
      assertThat(line.get("endpoint").get("connection").asString()).isEqualTo("starttls:" + protocol);
      assertThat(TlsProtocol.fromJsseName(line.get("protocol").asString())).isPresent().isEqualTo(openssl.protocol());
      assertThat(CipherSuite.byName(line.get("cipher_suite").asString())).isPresent()
          .isEqualTo(openssl.cipherSuite());
      JsonNode phase = line.get("plain_text_phase");
      assertThat(phase.get("dialect").asString()).isEqualTo(protocol);
      assertThat(phase.get("upgraded").asBoolean()).isTrue();
    }
  }

  @Test
  void implicitTlsSubmissionLineSaysWhatOpensslNegotiated() throws Exception {
    // given
    Interop.requireCommand("openssl");
    Path ca = dir.resolve("ca.pem");
    try (CaptureRun capture = CaptureRun.start("--starttls", "submission", "--implicit-tls", "--count", "1",
        "--json", "--trust-out", ca.toString())) {
      int port = capture.awaitPort();

      // when
      OpensslClientView openssl = OpensslClientView.connect(port, "-CAfile", ca.toString());
      int exit = capture.awaitExit(EXIT);

      // then
      assertThat(capture.err()).contains("listening on smtps://localhost:" + port + " (127.0.0.1:" + port
          + ", submission inside TLS)");
      assertThat(openssl.verifyCode()).as(openssl.output()).isZero();
      assertThat(exit).as(capture.err()).isZero();
      JsonNode line = capture.jsonLines().get(0);
      assertThat(line.get("outcome").asString()).isEqualTo("established");
      assertThat(line.get("endpoint").get("connection").asString()).isEqualTo("direct");
      assertThat(TlsProtocol.fromJsseName(line.get("protocol").asString())).isPresent().isEqualTo(openssl.protocol());
      assertThat(CipherSuite.byName(line.get("cipher_suite").asString())).isPresent()
          .isEqualTo(openssl.cipherSuite());
    }
  }

  @Test
  void strippedStartTlsShowsCurlTryingSslLoggingInInClearWhileRequiringSslGivesUp() throws Exception {
    // given an SMTP front that does not advertise STARTTLS, and a mail to send with a password
    String curl = Interop.requireCommand("curl").toString();
    Path mail = java.nio.file.Files.writeString(dir.resolve("mail.eml"), "Subject: hi\r\n\r\nhello\r\n");
    Path ca = dir.resolve("ca.pem");
    try (CaptureRun capture = CaptureRun.start("--starttls", "smtp", "--starttls-behaviour", "not-advertised",
        "--count", "2", "--json", "--trust-out", ca.toString())) {
      int port = capture.awaitPort();
      List<String> send = List.of(curl, "-sS", "--cacert", ca.toString(), "-u", "alice:secret",
          "smtp://localhost:" + port, "--mail-from", "alice@example.test", "--mail-rcpt", "bob@example.test",
          "-T", mail.toString());

      // when curl sends it requiring TLS (--ssl-reqd), then merely trying TLS (--ssl)
      List<String> required = new ArrayList<>(send);
      required.add(1, "--ssl-reqd");
      ProcessResult requiring = Interop.run(CLIENT, required);
      List<String> tried = new ArrayList<>(send);
      tried.add(1, "--ssl");
      ProcessResult trying = Interop.run(CLIENT, tried);
      int exit = capture.awaitExit(EXIT);

      // then requiring gives up before any login; trying sends AUTH PLAIN and the mail in clear
      assertThat(requiring.exitCode()).as(requiring.toString()).isEqualTo(64);
      assertThat(requiring.stderr()).contains("STARTTLS not supported");
      assertThat(trying.exitCode()).as(trying.toString()).isZero();
      assertThat(exit).as(capture.err()).isZero();
      List<JsonNode> lines = capture.jsonLines();
      assertThat(lines).hasSize(2).allSatisfy(line -> {
        assertThat(line.get("outcome").asString()).isEqualTo("starttls_failed");
        assertThat(line.get("plain_text_phase").get("starttls_advertised").asBoolean()).isFalse();
      });
      assertThat(clientLines(lines.get(0))).noneMatch(l -> l.startsWith("AUTH"));
      assertThat(clientLines(lines.get(1))).contains("AUTH PLAIN", "MAIL FROM:<alice@example.test> SIZE=22");
    }
  }

  private static List<String> clientLines(JsonNode report) {
    List<String> lines = new ArrayList<>();
    report.get("plain_text_phase").get("transcript").forEach(l -> {
      if (l.get("direction").asString().equals("C")) {
        lines.add(l.get("text").asString());
      }
    });
    return lines;
  }
}
