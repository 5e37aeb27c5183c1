package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslClientView;
import io.tlsprobe.testing.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockftpserver.fake.filesystem.FileSystem;

/**
 * The FTP front against process clients: curl (explicit FTPS with --ssl-reqd and --ssl, implicit ftps://) and
 * {@code openssl s_client -starttls ftp}.
 */
class FtpFrontInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void curlWithSslRequiredRetrievesAndStoresOverProtectedDataChannels() throws Exception {
    FileSystem files = FtpFrontTest.filesWithHello();
    Path upload = Files.writeString(dir.resolve("up.txt"), "uploaded by curl");
    try (TlsCaptureServer server = FtpFrontTest.ftp(files).build().start()) {
      ProcessResult result = curl(server, "--ssl-reqd", "-u", "alice:secret", "-T", upload.toString(),
          server.uri() + "/up.txt", "--next", "--ssl-reqd", "-u", "alice:secret", server.uri() + "/hello.txt");

      Assertions.assertThat(result.exitCode()).as(result.toString()).isZero();
      Assertions.assertThat(result.stdout()).isEqualTo("hello from the fake file system");
      Assertions.assertThat(FtpFrontTest.contents(files, "/up.txt")).isEqualTo("uploaded by curl");
      TlsConnectionReport report = server.awaitConnection(WAIT); // curl reuses its control connection for --next
      assertThat(report).isEstablished().usesStartTls(StartTls.FTP).plainTextPhase().wasUpgraded()
          .sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText()).contains("C: AUTH SSL", "C (tls): USER alice", "C (tls): PBSZ 0", "C (tls): PROT P")
          .containsPattern("<data channel 1: STOR, PROT P, TLSv1\\.3 \\w+, session reused: yes \\(the client's "
              + "pre_shared_key was accepted\\), 16 bytes from the client>")
          // observed: curl (OpenSSL 3.0) resumes the control connection's TLS 1.3 session on its first data
          // connection; on the second it resumes or not from run to run (whether it read the ticket the first data
          // connection was given before closing it), so only the protection is fixed
          .containsPattern("<data channel 2: RETR, PROT P, TLSv1\\.3 \\w+, session reused: (yes|no) \\(.*\\), 31 bytes "
              + "to the client>");
    }
  }

  @Test
  void curlResumesTheControlSessionOnTheDataChannelWithTls12SessionIds() {
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello()).protocols(TlsProtocol.TLSv1_2)
        .build().start()) {
      ProcessResult result = curl(server, "--ssl-reqd", "-u", "alice:secret", server.uri() + "/hello.txt");

      Assertions.assertThat(result.exitCode()).as(result.toString()).isZero();
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().usesProtocol(TlsProtocol.TLSv1_2);
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText()).containsPattern(
          "<data channel 1: RETR, PROT P, TLSv1\\.2 \\w+, session reused: yes \\(the client's session id was "
              + "resumed, the control connection's session\\), 31 bytes to the client>");
    }
  }

  @Test
  void opensslStartTlsFtpNegotiatesWhatTheReportSays() {
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello()).build().start()) {
      OpensslClientView view = OpensslClientView.connect(server.port(), "-starttls", "ftp", "-servername",
          "localhost", "-CAfile", server.clientTrust().pemFile().toString());

      TlsConnectionReport report = server.awaitConnection(WAIT);
      Assertions.assertThat(view.verifyCode()).as(view.output()).isZero();
      assertThat(report).isEstablished().usesStartTls(StartTls.FTP).plainTextPhase().wasUpgraded()
          .sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.protocol()).isEqualTo(view.protocol()).isPresent();
      Assertions.assertThat(report.cipherSuite()).isEqualTo(view.cipherSuite()).isPresent();
      Assertions.assertThat(report.group()).isEqualTo(view.group()).isPresent();
    }
  }

  @Test
  void curlImplicitFtpsRetrievesOverAProtectedDataChannel() {
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello()).implicitTls(true).build()
        .start()) {
      ProcessResult result = curl(server, "-u", "alice:secret", server.uri() + "/hello.txt");

      Assertions.assertThat(result.exitCode()).as(result.toString()).isZero();
      Assertions.assertThat(result.stdout()).isEqualTo("hello from the fake file system");
      assertThat(server.awaitConnection(WAIT)).isEstablished().usesImplicitTls().wasAcceptedByClient()
          .clientOffer().sentServerName("localhost");
    }
  }

  @Test
  void curlWithSslRequiredGivesUpWhenAuthTlsIsRefused() {
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello())
        .startTlsBehaviour(StartTlsBehaviour.REFUSED).build().start()) {
      ProcessResult result = curl(server, "--ssl-reqd", "-u", "alice:secret", server.uri() + "/hello.txt");

      Assertions.assertThat(result.exitCode()).as(result.toString()).isEqualTo(64); // CURLE_USE_SSL_FAILED
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().clientStoppedWithoutTls().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText()).contains("C: AUTH SSL",
          "S: 431 Unable to accept security mechanism: TLS is not available.");
    }
  }

  @Test
  void curlWithSslRequiredGivesUpWhenAuthTlsIsStripped() {
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello())
        .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
      ProcessResult result = curl(server, "--ssl-reqd", "-u", "alice:secret", server.uri() + "/hello.txt");

      Assertions.assertThat(result.exitCode()).as(result.toString()).isEqualTo(64); // CURLE_USE_SSL_FAILED
      assertThat(server.awaitConnection(WAIT)).failedStartTls().plainTextPhase().didNotAdvertiseStartTls()
          .clientStoppedWithoutTls().sentNoCredentialsBeforeTls();
    }
  }

  @Test
  void curlGivesUpOnAReplyInjectedBeforeTls() {
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello())
        .startTlsBehaviour(StartTlsBehaviour.INJECT_RESPONSE).build().start()) {
      ProcessResult result = curl(server, "--ssl-reqd", "-u", "alice:secret", server.uri() + "/hello.txt");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      // observed: curl sees bytes after the 234 before any TLS and stops (CURLE_WEIRD_SERVER_REPLY), never starting TLS
      Assertions.assertThat(result.exitCode()).as(result.toString()).isEqualTo(8);
      Assertions.assertThat(result.stderr()).contains("Weird server reply");
      assertThat(report).plainTextPhase().hasStartTlsInjectionVerdict(InjectionVerdict.NOT_VULNERABLE)
          .sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.outcome().reason()).contains("closed without sending anything");
    }
  }

  @Test
  void curlWithOptionalSslLogsInInClearWhenAuthTlsIsStripped() {
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello())
        .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
      ProcessResult result = curl(server, "--ssl", "-u", "alice:secret", server.uri() + "/hello.txt");

      Assertions.assertThat(result.exitCode()).as(result.toString()).isZero();
      Assertions.assertThat(result.stdout()).isEqualTo("hello from the fake file system");
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().didNotAdvertiseStartTls().clientContinuedWithoutTls();
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .isInstanceOf(AssertionError.class).hasMessageContaining("C: PASS ***").hasMessageNotContaining("secret");
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("<data channel 1: RETR, PROT C (in clear), 31 bytes to the client>");
    }
  }

  private ProcessResult curl(TlsCaptureServer server, String... args) {
    String curl = Interop.requireCommand("curl").toString();
    List<String> command = new ArrayList<>(List.of(curl, "-sS", "--max-time", "15", "--cacert",
        server.clientTrust().pemFile().toString(), "--resolve", "localhost:" + server.port() + ":127.0.0.1"));
    command.addAll(List.of(args));
    return Interop.run(Duration.ofSeconds(30), command);
  }
}
