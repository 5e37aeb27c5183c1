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

/** The messages for a greeting without the expected text, or none at all. */
class ShouldHaveGreetingTest {

  @Test
  void showsExpectedAndActualGreeting() {
    String text = ShouldHaveGreeting
        .shouldHaveGreetingContaining(StartTlsFixtures.smtpPhase(), "Exim 4%", StartTlsFixtures.smtpReport())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server's greeting to contain:",
        "  Exim 4%",
        "but it was:",
        "  220 mail.test ESMTP Postfix",
        SMTP_TRANSCRIPT,
        "Connection: " + SMTP_SUMMARY));
  }

  @Test
  void saysWhenThereWasNoGreeting() {
    String text = ShouldHaveGreeting.shouldHaveGreetingContaining(PlainTextPhase.builder("smtp").build(), "ESMTP", null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server's greeting to contain:",
        "  ESMTP",
        "but the server sent no greeting",
        "Transcript (starttls:smtp, 0 lines): empty",
        "Plain-text phase: starttls:smtp, not upgraded"));
  }
}
