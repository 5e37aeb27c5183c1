package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_SUMMARY;
import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_TRANSCRIPT;
import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import static io.tlsprobe.assertj.StartTlsFixtures.injectionTranscript;

import io.tlsprobe.assertj.StartTlsFixtures;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a server the STARTTLS command-injection check did not prove safe. */
class ShouldNotBeVulnerableToStartTlsInjectionTest {

  @Test
  void quotesTheDetailAndTheInjectionTranscriptOfAVulnerableServer() {
    // given a server that answered the pipelined NOOP inside TLS
    PlainTextPhase phase = StartTlsFixtures.withInjection(InjectionVerdict.VULNERABLE, StartTlsFixtures.ANSWERED);
    TlsConnectionReport report = StartTlsFixtures.smtpReport(phase);

    // when
    String text = ShouldNotBeVulnerableToStartTlsInjection.shouldNotBeVulnerableToStartTlsInjection(phase, report)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server not to be vulnerable to STARTTLS command injection (CVE-2011-0411)",
        "but it was: the server answered NOOP, sent in clear with the upgrade command, inside TLS",
        injectionTranscript(InjectionVerdict.VULNERABLE),
        "Connection: " + SMTP_SUMMARY.replace("NOT_VULNERABLE", "VULNERABLE")));
  }

  @Test
  void quotesWhyTheCheckWasInconclusive() {
    PlainTextPhase phase = StartTlsFixtures.withInjection(InjectionVerdict.INCONCLUSIVE,
        "no answer inside TLS: server sent nothing within 5 s");

    String text = ShouldNotBeVulnerableToStartTlsInjection.shouldNotBeVulnerableToStartTlsInjection(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).startsWith("[Test] " + message(
        "Expecting the server not to be vulnerable to STARTTLS command injection (CVE-2011-0411)",
        "but the check was inconclusive: no answer inside TLS: server sent nothing within 5 s",
        injectionTranscript(InjectionVerdict.INCONCLUSIVE)));
  }

  @Test
  void saysHowToRunACheckThatWasNotRun() {
    PlainTextPhase phase = StartTlsFixtures.withInjection(null, "");

    String text = ShouldNotBeVulnerableToStartTlsInjection
        .shouldNotBeVulnerableToStartTlsInjection(phase, StartTlsFixtures.smtpReport(phase))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server not to be vulnerable to STARTTLS command injection (CVE-2011-0411)",
        "but the check was not run (the probe runs it after a successful upgrade, for dialects with line"
            + " commands to inject, unless ProbeOptions.Builder#startTlsInjectionCheck(false) turned it off)",
        SMTP_TRANSCRIPT,
        "Connection: " + SMTP_SUMMARY.replace(", injection NOT_VULNERABLE", "")));
  }
}
