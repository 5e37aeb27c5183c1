package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_SUMMARY;
import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_TRANSCRIPT;
import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.StartTlsFixtures;
import io.tlsprobe.report.PlainTextPhase;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a phase without an injection check. */
class ShouldHaveBeenCheckedForStartTlsInjectionTest {

  @Test
  void saysHowTheCheckIsTurnedOn() {
    PlainTextPhase phase = StartTlsFixtures.withInjection(null, "");

    String text = ShouldHaveBeenCheckedForStartTlsInjection
        .shouldHaveBeenCheckedForStartTlsInjection(phase, StartTlsFixtures.smtpReport(phase))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the STARTTLS command-injection check to have been run",
        "but it was not (the probe runs it after a successful upgrade, for dialects with line"
            + " commands to inject, unless ProbeOptions.Builder#startTlsInjectionCheck(false) turned it off)",
        SMTP_TRANSCRIPT,
        "Connection: " + SMTP_SUMMARY.replace(", injection NOT_VULNERABLE", "")));
  }
}
