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
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for an injection check with an unexpected verdict, or none. */
class ShouldHaveStartTlsInjectionVerdictTest {

  @Test
  void showsTheAcceptableVerdictsAndTheOneFound() {
    PlainTextPhase phase = StartTlsFixtures.withInjection(InjectionVerdict.VULNERABLE, StartTlsFixtures.ANSWERED);

    String text = ShouldHaveStartTlsInjectionVerdict.shouldHaveStartTlsInjectionVerdict(phase,
            List.of(InjectionVerdict.NOT_VULNERABLE, InjectionVerdict.INCONCLUSIVE), null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the STARTTLS command-injection check to find:",
        "  NOT_VULNERABLE or INCONCLUSIVE",
        "but it found:",
        "  VULNERABLE: the server answered NOOP, sent in clear with the upgrade command, inside TLS",
        injectionTranscript(InjectionVerdict.VULNERABLE),
        "Plain-text phase: " + phase));
  }

  @Test
  void saysWhenTheCheckWasNotRun() {
    PlainTextPhase phase = StartTlsFixtures.withInjection(null, "");

    String text = ShouldHaveStartTlsInjectionVerdict
        .shouldHaveStartTlsInjectionVerdict(phase, List.of(InjectionVerdict.VULNERABLE), null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).startsWith("[Test] " + message(
        "Expecting the STARTTLS command-injection check to find:",
        "  VULNERABLE",
        "but it was not run (the probe runs it after a successful upgrade, for dialects with line"
            + " commands to inject, unless ProbeOptions.Builder#startTlsInjectionCheck(false) turned it off)",
        SMTP_TRANSCRIPT));
  }
}
