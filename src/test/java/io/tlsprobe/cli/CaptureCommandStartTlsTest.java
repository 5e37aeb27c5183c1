package io.tlsprobe.cli;

import static io.tlsprobe.cli.CaptureCommandTest.EXIT;
import static io.tlsprobe.cli.CaptureCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cli.CaptureCommandTest.Run;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** {@code tlsprobe capture --starttls …}: the options that choose a STARTTLS front, and Angus Mail through it. */
class CaptureCommandStartTlsTest {
  private static void sendMail(int port, boolean startTlsRequired) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", "localhost");
    p.put("mail.smtp.port", String.valueOf(port));
    p.put("mail.smtp.auth", "true");
    p.put("mail.smtp.starttls.enable", "true");
    p.put("mail.smtp.starttls.required", String.valueOf(startTlsRequired));
    p.put("mail.smtp.ssl.socketFactory", Certificates.sslContext(null,
        CertificateScenario.VALID.identity().anchors().toArray(X509Certificate[]::new)).getSocketFactory());
    p.put("mail.smtp.ssl.checkserveridentity", "true");
    p.put("mail.smtp.connectiontimeout", "5000");
    p.put("mail.smtp.timeout", "5000");
    MimeMessage message = new MimeMessage(Session.getInstance(p));
    message.setFrom(new InternetAddress("alice@example.org"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    message.setSubject("hello");
    message.setText("hello from the capture test");
    Transport.send(message, "alice", "secret");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "--starttls ldap | tlsprobe: --starttls ldap: the capture server does not serve ldap; it serves ",
    "--starttls nosuch | unknown service 'nosuch': use smtp|submission|",
    "--implicit-tls | tlsprobe: --implicit-tls needs --starttls PROTOCOL, the protocol to serve inside TLS",
    "--starttls https | tlsprobe: --starttls https: HTTPS has no STARTTLS upgrade; it is what capture serves"
        + " without --starttls",
    "--starttls-behaviour refused | tlsprobe: --starttls-behaviour refused needs --starttls PROTOCOL: HTTPS has"
        + " no upgrade to interfere with",
    "--starttls smtp --implicit-tls --starttls-behaviour not_advertised | tlsprobe: --starttls-behaviour"
        + " not-advertised needs a STARTTLS upgrade: drop --implicit-tls",
    "--starttls smtp --starttls-behaviour strip | unknown STARTTLS behaviour 'strip': use"
        + " upgrade|not-advertised|refused|inject-response"
  })
  void optionsThatDoNotFitAreUsageErrorsOnOneLine(String args, String message) {
    List<String> command = new ArrayList<>(List.of("capture", "--count", "1"));
    command.addAll(List.of(args.split(" ")));

    Run run = run(command.toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().asString().contains(message).doesNotContain("listening");
  }

  @Test
  void strippedStartTlsShowsAMailClientThatMerelyEnablesItLoggingInInClear() throws Exception {
    try (CaptureRun capture = CaptureRun.start("--starttls", "smtp", "--starttls-behaviour", "not-advertised",
        "--count", "1", "--json")) {
      int port = capture.awaitPort();

      // when Angus Mail, with STARTTLS enabled but not required, sends a mail with a password
      sendMail(port, false);
      int exit = capture.awaitExit(EXIT);

      // then the one line shows the upgrade never happened, and the login crossed in clear
      assertThat(exit).as(capture.err()).isZero();
      assertThat(capture.err()).contains("listening on smtp://localhost:" + port + " (127.0.0.1:" + port
          + ", smtp with STARTTLS answered not-advertised)")
          .contains("openssl s_client -starttls smtp -connect 127.0.0.1:" + port + " -CAfile ");
      JsonNode report = capture.jsonLines().get(0);
      assertThat(report.get("outcome").asString()).isEqualTo("starttls_failed");
      assertThat(report.get("endpoint").get("connection").asString()).isEqualTo("starttls:smtp");
      JsonNode phase = report.get("plain_text_phase");
      assertThat(phase.get("starttls_advertised").asBoolean()).isFalse();
      assertThat(phase.get("upgraded").asBoolean()).isFalse();
      List<String> clientLines = new ArrayList<>();
      phase.get("transcript").forEach(line -> {
        if (line.get("direction").asString().equals("C")) {
          clientLines.add((line.get("over_tls").asBoolean() ? "tls: " : "") + line.get("text").asString());
        }
      });
      assertThat(clientLines).contains("AUTH LOGIN").noneMatch(line -> line.startsWith("tls: "));
    }
  }

  @Test
  void verboseTextShowsTheWholeTranscriptOfAnUpgradedSession() throws Exception {
    try (CaptureRun capture = CaptureRun.start("--starttls", "smtp", "--count", "1", "-v")) {
      int port = capture.awaitPort();

      // when Angus Mail, requiring STARTTLS, sends a mail
      sendMail(port, true);
      int exit = capture.awaitExit(EXIT);

      // then
      assertThat(exit).as(capture.err()).isZero();
      assertThat(capture.out())
          .contains("  client: 127.0.0.1:")
          .contains("(starttls:smtp)")
          .contains("  outcome: established\n")
          .contains("  plain_text_phase:\n    dialect: smtp\n")
          .contains("    starttls_advertised: true\n")
          .contains("    upgraded: true\n")
          .contains("      C: STARTTLS\n")
          .contains("      C (tls): AUTH LOGIN\n")
          .contains("      S (tls): 250 2.0.0 Ok: queued as tlsprobe-1\n")
          .doesNotContain("--verbose shows them");
    }
  }
}
