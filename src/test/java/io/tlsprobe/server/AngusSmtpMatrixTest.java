package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
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
 * Angus Mail's SMTP transport beyond {@link SmtpFrontTest}: a refused STARTTLS with {@code mail.smtp.starttls.enable}
 * versus {@code starttls.required}, SMTPS (implicit TLS, through the {@code smtps} protocol and through {@code
 * mail.smtp.ssl.enable}), and the expired and wrong-host certificates with {@code ssl.checkserveridentity} on and off.
 * Each test asserts what Angus Mail 2.0.5 was observed to do.
 */
class AngusSmtpMatrixTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TlsCaptureServer server(CertificateScenario scenario, boolean implicitTls) {
    return TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP).implicitTls(implicitTls)
        .identity(scenario.identity()).build().start();
  }

  /** STARTTLS required, or SMTPS through the {@code smtps} protocol. */
  private static Properties properties(TlsCaptureServer server, boolean implicitTls) {
    return implicitTls ? AngusMail.properties(server, "smtps") : AngusMail.startTls(server, "smtp", true);
  }

  @ParameterizedTest(name = "starttls.required={0}")
  @ValueSource(booleans = {true, false})
  void givesUpWhenStartTlsIsRefusedEvenIfMerelyEnabled(boolean required) {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP)
        .startTlsBehaviour(StartTlsBehaviour.REFUSED).build().start()) {
      assertThatThrownBy(() -> AngusMail.send(AngusMail.startTls(server, "smtp", required), "smtp"))
          .isInstanceOf(MessagingException.class).hasMessageContaining("454 4.7.0 TLS not available");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().advertisedStartTls().clientStoppedWithoutTls()
          .sentNoCredentialsBeforeTls();
    }
  }

  @Test
  void withStartTlsMerelyEnabledCarriesOnInClearWhenStartTlsIsStripped() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP)
        .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
      AngusMail.send(AngusMail.startTls(server, "smtp", false), "smtp");

      assertThat(server.awaitConnection(WAIT)).failedStartTls().plainTextPhase().clientContinuedWithoutTls();
    }
  }

  @Test
  void withStartTlsRequiredStopsWhenStartTlsIsStripped() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP)
        .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
      assertThatThrownBy(() -> AngusMail.send(AngusMail.startTls(server, "smtp", true), "smtp"))
          .isInstanceOf(MessagingException.class);

      assertThat(server.awaitConnection(WAIT)).failedStartTls().plainTextPhase().clientStoppedWithoutTls();
    }
  }

  @Test
  void smtpsProtocolSendsItsMailOverImplicitTls() throws Exception {
    try (TlsCaptureServer server = server(CertificateScenario.VALID, true)) {
      AngusMail.send(AngusMail.properties(server, "smtps"), "smtps");

      Assertions.assertThat(server.uri()).hasScheme("smtps");
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient().usesImplicitTls()
          .usesProtocolAtLeast(TlsProtocol.TLSv1_2);
    }
  }

  @Test
  void smtpWithSslEnableSendsItsMailOverImplicitTls() throws Exception {
    try (TlsCaptureServer server = server(CertificateScenario.VALID, true)) {
      Properties p = AngusMail.properties(server, "smtp");
      p.put("mail.smtp.ssl.enable", "true");

      AngusMail.send(p, "smtp");

      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient().usesImplicitTls();
    }
  }

  @ParameterizedTest(name = "implicit TLS={0}")
  @ValueSource(booleans = {false, true})
  void rejectsAnExpiredCertificateEvenWithServerIdentityCheckingOff(boolean implicitTls) {
    try (TlsCaptureServer server = server(CertificateScenario.EXPIRED, implicitTls)) {
      String protocol = implicitTls ? "smtps" : "smtp";
      Properties p = properties(server, implicitTls);
      p.put("mail." + protocol + ".ssl.checkserveridentity", "false");

      assertThatThrownBy(() -> AngusMail.send(p, protocol)).isInstanceOf(MessagingException.class);

      assertThat(server.awaitConnection(WAIT)).wasRejectedByClient("certificate_unknown");
    }
  }

  @ParameterizedTest(name = "implicit TLS={0}, checkserveridentity={1}")
  @CsvSource({"false, true", "false, ", "true, true", "true, "})
  void rejectsAWrongHostCertificateWhenCheckingServerIdentityOrByDefault(boolean implicitTls,
      @Nullable String check) {
    try (TlsCaptureServer server = server(CertificateScenario.WRONG_HOST, implicitTls)) {
      String protocol = implicitTls ? "smtps" : "smtp";
      Properties p = properties(server, implicitTls);
      if (check != null) {
        p.put("mail." + protocol + ".ssl.checkserveridentity", check);
      }

      assertThatThrownBy(() -> AngusMail.send(p, protocol)).isInstanceOf(MessagingException.class);

      assertThat(server.awaitConnection(WAIT)).wasRejectedByClient("certificate_unknown");
    }
  }

  @ParameterizedTest(name = "implicit TLS={0}")
  @ValueSource(booleans = {false, true})
  void acceptsAWrongHostCertificateAndLogsInWhenServerIdentityCheckingIsOff(boolean implicitTls) throws Exception {
    try (TlsCaptureServer server = server(CertificateScenario.WRONG_HOST, implicitTls)) {
      String protocol = implicitTls ? "smtps" : "smtp";
      Properties p = properties(server, implicitTls);
      p.put("mail." + protocol + ".ssl.checkserveridentity", "false");

      AngusMail.send(p, protocol);

      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient();
    }
  }
}
