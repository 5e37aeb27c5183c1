package io.tlsprobe.cli;

import static io.tlsprobe.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.JsseTestServer;
import io.tlsprobe.testing.SmtpFront;
import io.tlsprobe.testing.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code tlsprobe probe --starttls …}, {@code --protocol …} and {@code --discover} end to end, against the in-process
 * SMTP front ({@link SmtpFront}) and an in-process implicit-TLS server.
 */
class ProbeCommandStartTlsTest {
  private static String target(SmtpFront front) {
    return front.host() + ":" + front.port();
  }

  @Nested
  class StartTlsProbe {
    @Test
    void textShowsThePlainTextPhaseOfAnSmtpUpgrade() throws Exception {
      try (SmtpFront front = SmtpFront.start()) {
        // when
        ProbeCommandTest.Run run = run("probe", target(front), "--starttls", "smtp", "--timeout", "5s");

        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
            .contains("endpoint: " + target(front) + " (starttls:smtp)")
            .contains("outcome: established")
            .contains("protocol: TLSv1.3")
            .contains("plain_text_phase:\n  dialect: smtp\n  greeting: 220 front.test ESMTP\n")
            .contains("  capabilities_before: [STARTTLS, PIPELINING, AUTH PLAIN LOGIN]\n")
            .contains("  capabilities_after: [PIPELINING, AUTH PLAIN LOGIN]\n")
            .contains("  starttls_advertised: true\n")
            .contains("  plain_text_authentication_offered: true\n")
            .contains("  upgraded: true\n")
            .contains("  injection:\n    verdict: not_vulnerable\n    injected_command: NOOP\n")
            .containsPattern("(?m)^  transcript \\(\\d+\\):\n    S: 220 front.test ESMTP\n    C: EHLO ")
            .contains("    C: STARTTLS\n")
            .containsPattern("(?m)^    S \\(tls\\): 250");
        assertThat(run.out()).as("the injection check's transcript needs --verbose")
            .doesNotContain("    transcript (");
        assertThat(front.connections()).as("the probe and the injection check").isEqualTo(2);
      }
    }

    @Test
    void jsonCarriesThePlainTextPhase() throws Exception {
      try (SmtpFront front = SmtpFront.start()) {
        ProbeCommandTest.Run run = run("probe", "--json", target(front), "--starttls", "SMTP", "--timeout", "5s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.get("endpoint").get("connection").asString()).isEqualTo("starttls:smtp");
        JsonNode phase = report.get("plain_text_phase");
        assertThat(phase.get("greeting").asString()).isEqualTo(SmtpFront.GREETING);
        assertThat(phase.get("upgraded").asBoolean()).isTrue();
        assertThat(phase.get("injection").get("verdict").asString()).isEqualTo("not_vulnerable");
      }
    }

    @Test
    void verboseShowsTheInjectionChecksTranscriptAndAVulnerableVerdict() throws Exception {
      try (SmtpFront front = SmtpFront.builder().answerInjectedCommands(true).start()) {
        ProbeCommandTest.Run run = run("probe", target(front), "--starttls", "smtp", "-v", "--timeout", "5s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("    verdict: vulnerable\n")
            .containsPattern("(?m)^    transcript \\(\\d+\\):\n      S: 220 front.test ESMTP")
            .contains("      C: STARTTLS\n      C: NOOP\n").contains("      S (tls): 250 2.0.0 Ok\n");
      }
    }

    @Test
    void noInjectionCheckMakesOneConnectionAndReportsNoVerdict() throws Exception {
      try (SmtpFront front = SmtpFront.start()) {
        ProbeCommandTest.Run run =
            run("probe", "--json", target(front), "--starttls", "smtp", "--no-injection-check", "--timeout", "5s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("plain_text_phase").get("injection").isNull()).isTrue();
        assertThat(front.connections()).isEqualTo(1);
      }
    }

    @Test
    void protocolPicksTheDialectForTheTargetsPort() throws Exception {
      try (SmtpFront front = SmtpFront.start()) {
        ProbeCommandTest.Run run = run("probe", "--json", target(front), "--protocol", "submission",
            "--no-injection-check", "--timeout", "5s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("endpoint").get("connection").asString()).isEqualTo("starttls:smtp");
      }
    }

    @Test
    void serverThatDoesNotAdvertiseStartTlsExitsThreeSayingWhy() throws Exception {
      try (SmtpFront front = SmtpFront.builder().advertiseStartTls(false).start()) {
        ProbeCommandTest.Run text = run("probe", target(front), "--starttls", "smtp", "--timeout", "5s");
        ProbeCommandTest.Run json = run("probe", "--json", target(front), "--starttls", "smtp", "--timeout", "5s");

        assertThat(text.exitCode()).isEqualTo(3);
        assertThat(text.out()).contains("outcome: starttls_failed")
            .contains("outcome_reason: server did not advertise STARTTLS")
            .contains("  starttls_advertised: false\n").contains("  upgraded: false\n");
        assertThat(json.exitCode()).isEqualTo(3);
        assertThat(json.json().get("outcome").asString()).isEqualTo("starttls_failed");
        assertThat(json.json().get("plain_text_phase").get("starttls_advertised").asBoolean()).isFalse();
      }
    }

    @Test
    void serverThatRefusesTheUpgradeExitsThreeQuotingIt() throws Exception {
      try (SmtpFront front = SmtpFront.builder().refuseStartTls(true).start()) {
        ProbeCommandTest.Run run = run("probe", target(front), "--starttls", "smtp", "--timeout", "5s");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("outcome: starttls_failed").contains("454 4.7.0 TLS not available");
      }
    }
  }

  @Nested
  class Discovery {
    @Test
    void findsBothWaysAndPrintsAReportForEach() throws Exception {
      try (SmtpFront front = SmtpFront.start();
          JsseTestServer implicit = JsseTestServer.builder(TestCertificates.localhost()).start()) {
        // when
        ProbeCommandTest.Run text = run("probe", "127.0.0.1", "--protocol", "submission", "--discover",
            "--starttls-port", Integer.toString(front.port()), "--implicit-port", Integer.toString(implicit.port()),
            "--no-injection-check", "--timeout", "5s");
        ProbeCommandTest.Run json = run("probe", "127.0.0.1", "--json", "--protocol", "submission", "--discover",
            "--starttls-port", Integer.toString(front.port()), "--implicit-port", Integer.toString(implicit.port()),
            "--no-injection-check", "--timeout", "5s");

        // then
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
            .startsWith("discovery: submission on 127.0.0.1: implicit TLS on " + implicit.port() + " yes, STARTTLS on "
                + front.port() + " yes\n")
            .contains("implicit_tls:\n  endpoint: 127.0.0.1:" + implicit.port() + " (direct)\n")
            .contains("starttls:\n  endpoint: 127.0.0.1:" + front.port() + " (starttls:smtp)\n")
            .contains("  plain_text_phase:\n    dialect: smtp\n");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode found = json.json();
        assertThat(found.get("schema").asString()).isEqualTo("tlsprobe.discover/1");
        assertThat(found.get("host").asString()).isEqualTo("127.0.0.1");
        assertThat(found.get("protocol").asString()).isEqualTo("submission");
        assertThat(found.get("implicit_tls").get("schema").asString()).isEqualTo("tlsprobe.report/1");
        assertThat(found.get("implicit_tls").get("outcome").asString()).isEqualTo("established");
        assertThat(found.get("implicit_tls").get("plain_text_phase").isNull()).isTrue();
        assertThat(found.get("starttls").get("endpoint").get("port").asInt()).isEqualTo(front.port());
        assertThat(found.get("starttls").get("plain_text_phase").get("dialect").asString()).isEqualTo("smtp");
      }
    }

    @Test
    void exitsThreeWhenNeitherWayIsEstablished() throws Exception {
      int closed = Interop.freeLoopbackPort();
      try (SmtpFront front = SmtpFront.builder().advertiseStartTls(false).start()) {
        ProbeCommandTest.Run run = run("probe", "127.0.0.1", "--json", "--protocol", "smtp", "--discover",
            "--starttls-port", Integer.toString(front.port()), "--implicit-port", Integer.toString(closed),
            "--timeout", "5s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.json().get("implicit_tls").get("outcome").asString()).isEqualTo("transport_error");
        assertThat(run.json().get("starttls").get("outcome").asString()).isEqualTo("starttls_failed");
      }
    }

    @Test
    void aSkippedWayIsNullInJsonAndNotTriedInText() throws Exception {
      try (SmtpFront front = SmtpFront.start()) {
        String[] args = {"probe", "127.0.0.1", "--protocol", "submission", "--discover", "--starttls-port",
            Integer.toString(front.port()), "--implicit-port", "0", "--no-injection-check", "--timeout", "5s"};
        ProbeCommandTest.Run text = run(args);
        String[] jsonArgs = java.util.Arrays.copyOf(args, args.length + 1);
        jsonArgs[args.length] = "--json";
        ProbeCommandTest.Run json = run(jsonArgs);

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("implicit TLS not tried").contains("\nimplicit_tls: not tried\n");
        assertThat(json.json().get("implicit_tls").isNull()).isTrue();
      }
    }
  }

  @Nested
  class Failures {
    @Test
    void unknownDialectExitsTwoWithOneLineListingTheDialects() {
      ProbeCommandTest.Run run = run("probe", "127.0.0.1:25", "--starttls", "smtps");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).singleElement().asString().startsWith("tlsprobe: ")
          .contains("unknown STARTTLS dialect 'smtps'").contains(StartTls.names());
    }

    @Test
    void discoverWithoutProtocolExitsTwo() {
      ProbeCommandTest.Run run = run("probe", "127.0.0.1", "--discover");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().lines()).singleElement().asString()
          .isEqualTo("tlsprobe: --discover needs --protocol: the service whose ports to try, e.g. --protocol imap");
    }

    @Test
    void startTlsWithoutTargetExitsTwoInsteadOfProbingTheDemoServer() {
      ProbeCommandTest.Run run = run("probe", "--starttls", "imap");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().lines()).singleElement().asString().isEqualTo(
          "tlsprobe: --starttls needs HOST[:PORT]: the embedded demo server speaks TLS from the first byte");
    }

    @Test
    void helpDocumentsTheStartTlsOptionsAndExitCode() {
      ProbeCommandTest.Run run = run("probe", "--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("--starttls=DIALECT").contains("--protocol=SERVICE").contains("--discover")
          .contains("--no-injection-check").contains("--starttls-port=PORT").contains("--implicit-port=PORT")
          .containsPattern("(?s)3\\s+not established:.*STARTTLS upgrade failed");
    }
  }

  /** The text view decides when a transcript is too long to show without --verbose. */
  @Nested
  class TranscriptLength {
    private PlainTextPhase phaseOf(int lines) {
      PlainTextPhase.Builder phase = PlainTextPhase.builder("imap");
      for (int i = 0; i < lines; i++) {
        phase.line(i % 2 == 0 ? PlainTextPhase.Direction.SERVER : PlainTextPhase.Direction.CLIENT, false, "line " + i);
      }
      return phase.build();
    }

    private String render(PlainTextPhase phase, boolean verbose) {
      StringWriter out = new StringWriter();
      new TextOut(new PrintWriter(out, true)).write(PlainTextView.of(phase, verbose), 0);
      return out.toString();
    }

    @Test
    void showsAShortTranscriptAlways() {
      String text = render(phaseOf(PlainTextView.SHORT_TRANSCRIPT), false);

      assertThat(text).contains("transcript (24):\n  S: line 0\n  C: line 1\n").contains("  C: line 23\n")
          .contains("starttls_advertised: unknown");
    }

    @Test
    void showsALongTranscriptOnlyWithVerbose() {
      PlainTextPhase phase = phaseOf(PlainTextView.SHORT_TRANSCRIPT + 1);

      assertThat(render(phase, false)).contains("transcript: 25 lines: --verbose shows them").doesNotContain("line 0");
      assertThat(render(phase, true)).contains("transcript (25):").contains("  S: line 24\n");
    }
  }

  @Test
  void reportViewOfADirectProbeHasNoPlainTextPhase() throws Exception {
    try (JsseTestServer server = JsseTestServer.builder(TestCertificates.localhost()).start()) {
      var report = io.tlsprobe.probe.TlsProbes.probe("127.0.0.1", server.port());

      assertThat(ReportView.of(report, Instant.now(), true).get("plain_text_phase")).isNull();
    }
  }
}
