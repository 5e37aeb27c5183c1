package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.PlainTextPhase.Line;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.OpensslClientView;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.VulnerableStartTlsSmtpServer;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The STARTTLS command-injection check (CVE-2011-0411) against a server that has the bug and the same server with the
 * fix: the check must tell them apart, with {@link StartTlsClient} alone and through the probe. (Postfix, which
 * discards pipelined input at STARTTLS, is checked in {@link PostfixStartTlsTest}.)
 */
class StartTlsInjectionTest {
  private static HeldCertificate cert;

  @BeforeAll
  static void certificate() {
    cert = TestCertificates.localhost();
  }

  @Test
  void findsTheServerThatExecutesAPipelinedCommandInsideTlsVulnerable() throws Exception {
    try (VulnerableStartTlsSmtpServer smtp = VulnerableStartTlsSmtpServer.start(cert)) {
      InjectionCheck check = check(smtp.port());
      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
      assertThat(check.transcript()).filteredOn(Line::overTls).extracting(Line::text)
          .startsWith("EHLO tlsprobe.invalid", "250 2.0.0 Ok", "250-" + VulnerableStartTlsSmtpServer.HOST_NAME);
      assertThat(smtp.executedInsideTls()).as("the server's own account").startsWith("NOOP", "EHLO tlsprobe.invalid");
    }
  }

  @Test
  void clearsTheSameServerWithTheFix() throws Exception {
    try (VulnerableStartTlsSmtpServer smtp = VulnerableStartTlsSmtpServer.startFixed(cert)) {
      InjectionCheck check = check(smtp.port());
      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
      assertThat(smtp.executedInsideTls()).containsExactly("EHLO tlsprobe.invalid");
    }
  }

  @Test
  void theProbeReportsTheVulnerableServerAndStillEstablishesTls() throws Exception {
    try (VulnerableStartTlsSmtpServer smtp = VulnerableStartTlsSmtpServer.start(cert)) {
      TlsConnectionReport report = probe(smtp.port());
      assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
      InjectionCheck check = report.plainTextPhase().orElseThrow().injection().orElseThrow();
      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
      assertThat(check.injectedCommand()).isEqualTo("NOOP");
      assertThat(check.detail()).contains("inside TLS");
    }
  }

  @Test
  void theProbeClearsTheFixedServer() throws Exception {
    try (VulnerableStartTlsSmtpServer smtp = VulnerableStartTlsSmtpServer.startFixed(cert)) {
      TlsConnectionReport report = probe(smtp.port());
      assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
      assertThat(report.plainTextPhase().orElseThrow().injection()).map(InjectionCheck::verdict)
          .hasValue(InjectionVerdict.NOT_VULNERABLE);
    }
  }

  @Test
  void theVulnerableServerIsAWorkingStartTlsServerForOpenssl() throws Exception {
    try (VulnerableStartTlsSmtpServer smtp = VulnerableStartTlsSmtpServer.start(cert)) {
      OpensslClientView openssl = OpensslClientView.connect(smtp.port(), "-starttls", "smtp");
      assertThat(openssl.protocol()).as(openssl.output()).isPresent();
      assertThat(openssl.cipherSuite()).isPresent();
    }
  }

  private static InjectionCheck check(int port) throws Exception {
    StartTlsClient client = StartTlsClient.injectionCheck(StartTls.SMTP, "127.0.0.1");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(2000);
      client.upgrade(PlainTextChannel.of(socket));
      try (SSLSocket tls = TrustingJsseClient.handshake(socket, port)) {
        client.afterTls(PlainTextChannel.of(tls));
      }
    }
    return client.injectionResult("TLS did not start");
  }

  private static TlsConnectionReport probe(int port) {
    return TlsProbes.probe(ProbeOptions.builder("127.0.0.1", port).startTls(StartTls.SMTP)
        .timeout(Duration.ofSeconds(5)).build());
  }
}
