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
 * Angus Mail's IMAP store against the IMAP front: {@code mail.imap.starttls.enable} versus {@code
 * mail.imap.starttls.required} under each {@link StartTlsBehaviour}, IMAPS, and the expired and wrong-host
 * certificates with {@code mail.imap(s).ssl.checkserveridentity} on and off. Each test asserts what Angus Mail 2.0.5
 * was observed to do.
 */
class AngusImapMatrixTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TlsCaptureServer server(StartTlsBehaviour behaviour) {
    return TlsCaptureServer.builder().protocol(ServiceProtocol.IMAP).startTlsBehaviour(behaviour).build().start();
  }

  private static TlsCaptureServer server(CertificateScenario scenario, boolean implicitTls) {
    return TlsCaptureServer.builder().protocol(ServiceProtocol.IMAP).implicitTls(implicitTls)
        .identity(scenario.identity()).build().start();
  }

  @ParameterizedTest(name = "starttls.required={0}")
  @ValueSource(booleans = {true, false})
  void upgradesAndReadsTheInboxInsideTlsWhetherStartTlsIsRequiredOrMerelyEnabled(boolean required) throws Exception {
    try (TlsCaptureServer server = server(StartTlsBehaviour.UPGRADE)) {
      AngusMail.Inbox inbox = AngusMail.read(AngusMail.startTls(server, "imap", required), "imap");

      Assertions.assertThat(inbox).isEqualTo(new AngusMail.Inbox(2, "Hello from tlsprobe",
          "This message was served by the tlsprobe capture server.\r\nIt is the same in every session.\r\n"));
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().usesStartTls(StartTls.IMAP).usesProtocolAtLeast(TlsProtocol.TLSv1_2)
          .plainTextPhase().advertisedStartTls().wasUpgraded().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .containsPattern("C \\(tls\\): [A-Z]+2 AUTHENTICATE PLAIN")
          .containsPattern("C \\(tls\\): [A-Z]+3 EXAMINE INBOX");
    }
  }

  @Test
  void withStartTlsMerelyEnabledLogsInAndReadsTheInboxInClearWhenStartTlsIsStripped() throws Exception {
    try (TlsCaptureServer server = server(StartTlsBehaviour.NOT_ADVERTISED)) {
      AngusMail.Inbox inbox = AngusMail.read(AngusMail.startTls(server, "imap", false), "imap");

      Assertions.assertThat(inbox.subject()).isEqualTo("Hello from tlsprobe");
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().didNotAdvertiseStartTls().clientContinuedWithoutTls();
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .isInstanceOf(AssertionError.class).hasMessageContaining("AUTHENTICATE PLAIN (a SASL authentication)")
          .hasMessageContaining("C: *** (a SASL response)");
    }
  }

  @Test
  void withStartTlsRequiredGivesUpSilentlyWhenStartTlsIsStripped() {
    try (TlsCaptureServer server = server(StartTlsBehaviour.NOT_ADVERTISED)) {
      assertThatThrownBy(() -> AngusMail.read(AngusMail.startTls(server, "imap", true), "imap"))
          .isInstanceOf(MessagingException.class).hasMessageContaining("STARTTLS required but not supported by server");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().clientStoppedWithoutTls().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcript()).hasSize(1); // the greeting only
    }
  }

  @ParameterizedTest(name = "starttls.required={0}")
  @ValueSource(booleans = {true, false})
  void givesUpWhenStartTlsIsRefusedEvenIfMerelyEnabled(boolean required) {
    try (TlsCaptureServer server = server(StartTlsBehaviour.REFUSED)) {
      assertThatThrownBy(() -> AngusMail.read(AngusMail.startTls(server, "imap", required), "imap"))
          .isInstanceOf(AuthenticationFailedException.class).hasMessage("[UNAVAILABLE] TLS is not available now");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().advertisedStartTls().clientStoppedWithoutTls()
          .sentNoCredentialsBeforeTls();
    }
  }

  @ParameterizedTest(name = "starttls.required={0}")
  @ValueSource(booleans = {true, false})
  void discardsAResponseInjectedBeforeTls(boolean required) throws Exception {
    try (TlsCaptureServer server = server(StartTlsBehaviour.INJECT_RESPONSE)) {
      AngusMail.Inbox inbox = AngusMail.read(AngusMail.startTls(server, "imap", required), "imap");

      Assertions.assertThat(inbox.count()).isEqualTo(2);
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().isNotVulnerableToStartTlsInjection()
          .plainTextPhase().hasStartTlsInjectionVerdict(InjectionVerdict.NOT_VULNERABLE);
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("S: * CAPABILITY IMAP4rev1 AUTH=PLAIN X-TLSPROBE-INJECTED")
          .containsPattern("S: ([A-Z]+)1 OK injected.tlsprobe.invalid\nC \\(tls\\): \\11 CAPABILITY");
    }
  }

  @Test
  void imapsReadsTheInboxOverImplicitTls() throws Exception {
    try (TlsCaptureServer server = server(CertificateScenario.VALID, true)) {
      AngusMail.Inbox inbox = AngusMail.read(AngusMail.properties(server, "imaps"), "imaps");

      Assertions.assertThat(inbox.count()).isEqualTo(2);
      Assertions.assertThat(server.uri()).hasScheme("imaps");
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient().usesImplicitTls()
          .usesProtocolAtLeast(TlsProtocol.TLSv1_2);
    }
  }

  @ParameterizedTest(name = "implicit TLS={0}")
  @ValueSource(booleans = {false, true})
  void rejectsAnExpiredCertificateEvenWithServerIdentityCheckingOff(boolean implicitTls) {
    try (TlsCaptureServer server = server(CertificateScenario.EXPIRED, implicitTls)) {
      String protocol = implicitTls ? "imaps" : "imap";
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
      String protocol = implicitTls ? "imaps" : "imap";
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
      String protocol = implicitTls ? "imaps" : "imap";
      Properties p = implicitTls ? AngusMail.properties(server, protocol) : AngusMail.startTls(server, protocol, true);
      p.put("mail." + protocol + ".ssl.checkserveridentity", "false");

      AngusMail.Inbox inbox = AngusMail.read(p, protocol);

      Assertions.assertThat(inbox.count()).isEqualTo(2);
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
    }
  }
}
