package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The SMTP front, seen by tlsprobe's own STARTTLS client and by Angus Mail. */
class SmtpFrontTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void probeUpgradesThroughTheFrontAndBothSidesAgree() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP).build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.SMTP).startTlsInjectionCheck(false).build());
      TlsConnectionReport captured = server.awaitConnection(WAIT);

      assertThat(probed).isEstablished().usesStartTls(StartTls.SMTP);
      assertThat(captured).isEstablished().usesStartTls(StartTls.SMTP).plainTextPhase().wasUpgraded()
          .advertisedStartTls().sentNoCredentialsBeforeTls();
      Assertions.assertThat(captured.protocol()).isEqualTo(probed.protocol());
      Assertions.assertThat(captured.cipherSuite()).isEqualTo(probed.cipherSuite());
      Assertions.assertThat(captured.plainTextPhase().orElseThrow().transcriptText())
          .contains("S: 220 localhost ESMTP tlsprobe capture", "C: STARTTLS", "S: 220 2.0.0 Ready to start TLS");
      Assertions.assertThat(server.uri()).hasToString("smtp://localhost:" + server.port());
    }
  }

  @Test
  void probesInjectionCheckPipelinesACommandThatTheFrontHandsToTls() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP).build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.SMTP).build());

      assertThat(probed).isNotVulnerableToStartTlsInjection();
      Assertions.assertThat(server.awaitConnection(WAIT).outcome().isEstablished()).isTrue();
      TlsConnectionReport check = server.awaitConnection(WAIT);
      Assertions.assertThat(check.outcome().reason()).contains("not a TLS ClientHello");
    }
  }

  @Test
  void angusMailWithStartTlsRequiredSendsItsMailInsideTls() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP).build().start()) {
      send(server, true);

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().usesProtocolAtLeast(TlsProtocol.TLSv1_2).plainTextPhase().wasUpgraded()
          .sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C (tls): AUTH LOGIN", "S (tls): 250 2.0.0 Ok: queued as tlsprobe-1");
    }
  }

  @Test
  void angusMailWithStartTlsMerelyEnabledLogsInInClearWhenStartTlsIsStripped() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP)
        .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
      send(server, false);

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().didNotAdvertiseStartTls();
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .isInstanceOf(AssertionError.class).hasMessageContaining("C: AUTH LOGIN (a SASL authentication)");
    }
  }

  @Test
  void angusMailWithStartTlsRequiredGivesUpWhenStartTlsIsStripped() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP)
        .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
      assertThatThrownBy(() -> send(server, true)).isInstanceOf(MessagingException.class)
          .hasMessageContaining("STARTTLS is required but host does not support STARTTLS");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().sentNoCredentialsBeforeTls();
    }
  }

  @Test
  void angusMailIgnoresAResponseInjectedBeforeTls() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP)
        .startTlsBehaviour(StartTlsBehaviour.INJECT_RESPONSE).build().start()) {
      try {
        send(server, true);
      } catch (MessagingException e) {
        // judged below from the server's side
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      Assertions.assertThat(report.plainTextPhase().orElseThrow().injection().orElseThrow().verdict())
          .isEqualTo(InjectionVerdict.NOT_VULNERABLE);
    }
  }

  private static void send(TlsCaptureServer server, boolean required) throws MessagingException {
    Properties p = new Properties();
    p.put("mail.smtp.host", "localhost");
    p.put("mail.smtp.port", String.valueOf(server.port()));
    p.put("mail.smtp.auth", "true");
    p.put("mail.smtp.starttls.enable", "true");
    p.put("mail.smtp.starttls.required", String.valueOf(required));
    p.put("mail.smtp.ssl.socketFactory", server.clientSslSocketFactory());
    p.put("mail.smtp.ssl.checkserveridentity", "true");
    p.put("mail.smtp.connectiontimeout", "5000");
    p.put("mail.smtp.timeout", "5000");
    Session session = Session.getInstance(p);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("alice@example.org"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    message.setSubject("hello");
    message.setText("hello over TLS");
    Transport.send(message, "alice", "secret");
  }
}
