package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.Properties;
import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Angus Mail's POP3 store against the POP3 front: {@code mail.pop3.starttls.enable} versus {@code
 * mail.pop3.starttls.required} under each {@link StartTlsBehaviour}, POP3S, and the expired and wrong-host
 * certificates with {@code mail.pop3(s).ssl.checkserveridentity} on and off. Each test asserts what Angus Mail 2.0.5
 * was observed to do.
 */
class AngusPop3MatrixTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TlsCaptureServer server(StartTlsBehaviour behaviour) {
    return TlsCaptureServer.builder().protocol(ServiceProtocol.POP3).startTlsBehaviour(behaviour).build().start();
  }

  private static TlsCaptureServer server(CertificateScenario scenario, boolean implicitTls) {
    return TlsCaptureServer.builder().protocol(ServiceProtocol.POP3).implicitTls(implicitTls)
        .identity(scenario.identity()).build().start();
  }

  @ParameterizedTest(name = "starttls.required={0}")
  @ValueSource(booleans = {true, false})
  void upgradesAndReadsTheInboxInsideTlsWhetherStartTlsIsRequiredOrMerelyEnabled(boolean required) throws Exception {
    try (TlsCaptureServer server = server(StartTlsBehaviour.UPGRADE)) {
      AngusMail.Inbox inbox = AngusMail.read(AngusMail.startTls(server, "pop3", required), "pop3");

      Assertions.assertThat(inbox).isEqualTo(new AngusMail.Inbox(2, "Hello from tlsprobe",
          "This message was served by the tlsprobe capture server.\r\nIt is the same in every session.\r\n"));
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().usesStartTls(StartTls.POP3).usesProtocolAtLeast(TlsProtocol.TLSv1_2)
          .plainTextPhase().advertisedStartTls().wasUpgraded().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: STLS\nS: +OK Begin TLS negotiation now\nC (tls): CAPA\n", "C (tls): USER alice\n",
              "C (tls): PASS secret\n");
    }
  }

  @Test
  void withStartTlsMerelyEnabledLogsInAndReadsTheInboxInClearWhenStartTlsIsStripped() throws Exception {
    try (TlsCaptureServer server = server(StartTlsBehaviour.NOT_ADVERTISED)) {
      AngusMail.Inbox inbox = AngusMail.read(AngusMail.startTls(server, "pop3", false), "pop3");

      Assertions.assertThat(inbox.subject()).isEqualTo("Hello from tlsprobe");
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().didNotAdvertiseStartTls().clientContinuedWithoutTls();
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .isInstanceOf(AssertionError.class).hasMessageContaining("C: USER *** (a user name)")
          .hasMessageContaining("C: PASS *** (a password)");
    }
  }

  @Test
  void withStartTlsRequiredQuitsWhenStartTlsIsStripped() {
    try (TlsCaptureServer server = server(StartTlsBehaviour.NOT_ADVERTISED)) {
      assertThatThrownBy(() -> AngusMail.read(AngusMail.startTls(server, "pop3", true), "pop3"))
          .isInstanceOf(AuthenticationFailedException.class).hasMessage("STLS required but not supported");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().clientStoppedWithoutTls().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText()).endsWith("C: QUIT\nS: +OK Logging out\n");
    }
  }

  @Test
  void withStartTlsMerelyEnabledLogsInAndReadsTheInboxInClearWhenStlsIsRefused() throws Exception {
    try (TlsCaptureServer server = server(StartTlsBehaviour.REFUSED)) {
      AngusMail.Inbox inbox = AngusMail.read(AngusMail.startTls(server, "pop3", false), "pop3");

      Assertions.assertThat(inbox.subject()).isEqualTo("Hello from tlsprobe");
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().advertisedStartTls().clientContinuedWithoutTls();
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .isInstanceOf(AssertionError.class).hasMessageContaining("C: PASS *** (a password)");
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: STLS\nS: -ERR [SYS/TEMP] TLS is not available now\nC: USER alice\n");
    }
  }

  @Test
  void withStartTlsRequiredQuitsWhenStlsIsRefused() {
    try (TlsCaptureServer server = server(StartTlsBehaviour.REFUSED)) {
      assertThatThrownBy(() -> AngusMail.read(AngusMail.startTls(server, "pop3", true), "pop3"))
          .isInstanceOf(AuthenticationFailedException.class).hasMessage("STLS required but failed");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().advertisedStartTls().clientStoppedWithoutTls()
          .sentNoCredentialsBeforeTls();
    }
  }

  @ParameterizedTest(name = "starttls.required={0}")
  @ValueSource(booleans = {true, false})
  void discardsAResponseInjectedBeforeTls(boolean required) throws Exception {
    try (TlsCaptureServer server = server(StartTlsBehaviour.INJECT_RESPONSE)) {
      AngusMail.Inbox inbox = AngusMail.read(AngusMail.startTls(server, "pop3", required), "pop3");

      Assertions.assertThat(inbox.count()).isEqualTo(2);
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().isNotVulnerableToStartTlsInjection()
          .plainTextPhase().hasStartTlsInjectionVerdict(InjectionVerdict.NOT_VULNERABLE);
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("S: +OK injected.tlsprobe.invalid\nS: USER\nS: SASL PLAIN\nS: X-TLSPROBE-INJECTED\nS: .\n"
              + "C (tls): CAPA\n");
    }
  }

  @Test
  void pop3sReadsTheInboxOverImplicitTls() throws Exception {
    try (TlsCaptureServer server = server(CertificateScenario.VALID, true)) {
      AngusMail.Inbox inbox = AngusMail.read(AngusMail.properties(server, "pop3s"), "pop3s");

      Assertions.assertThat(inbox.count()).isEqualTo(2);
      Assertions.assertThat(server.uri()).hasScheme("pop3s");
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient().usesImplicitTls()
          .usesProtocolAtLeast(TlsProtocol.TLSv1_2);
    }
  }

  @ParameterizedTest(name = "implicit TLS={0}")
  @ValueSource(booleans = {false, true})
  void rejectsAnExpiredCertificateEvenWithServerIdentityCheckingOff(boolean implicitTls) {
    try (TlsCaptureServer server = server(CertificateScenario.EXPIRED, implicitTls)) {
      String protocol = implicitTls ? "pop3s" : "pop3";
      Properties p = implicitTls ? AngusMail.properties(server, protocol) : AngusMail.startTls(server, protocol, true);
      p.put("mail." + protocol + ".ssl.checkserveridentity", "false");

      assertThatThrownBy(() -> AngusMail.read(p, protocol)).isInstanceOf(MessagingException.class);

      assertThat(server.awaitConnection(WAIT)).wasRejectedByClient("certificate_unknown");
    }
  }

  @ParameterizedTest(name = "implicit TLS={0}, checkserveridentity={1}")
  @CsvSource({"false, true", "false, ", "true, true", "true, "})
  void rejectsAWrongHostCertificateWhenCheckingServerIdentityOrByDefault(boolean implicitTls,
      @Nullable String check) {
    try (TlsCaptureServer server = server(CertificateScenario.WRONG_HOST, implicitTls)) {
      String protocol = implicitTls ? "pop3s" : "pop3";
      Properties p = implicitTls ? AngusMail.properties(server, protocol) : AngusMail.startTls(server, protocol, true);
      if (check != null) {
        p.put("mail." + protocol + ".ssl.checkserveridentity", check);
      }

      assertThatThrownBy(() -> AngusMail.read(p, protocol)).isInstanceOf(MessagingException.class);

      assertThat(server.awaitConnection(WAIT)).wasRejectedByClient("certificate_unknown");
    }
  }

  @ParameterizedTest(name = "implicit TLS={0}")
  @ValueSource(booleans = {false, true})
  void acceptsAWrongHostCertificateAndLogsInWhenServerIdentityCheckingIsOff(boolean implicitTls) throws Exception {
    try (TlsCaptureServer server = server(CertificateScenario.WRONG_HOST, implicitTls)) {
      String protocol = implicitTls ? "pop3s" : "pop3";
      Properties p = implicitTls ? AngusMail.properties(server, protocol) : AngusMail.startTls(server, protocol, true);
      p.put("mail." + protocol + ".ssl.checkserveridentity", "false");

      AngusMail.Inbox inbox = AngusMail.read(p, protocol);

      Assertions.assertThat(inbox.count()).isEqualTo(2);
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
    }
  }
}
