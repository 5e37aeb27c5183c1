package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a client expected to carry on in clear that stopped, or was let upgrade. */
class ShouldContinueWithoutTlsTest {

  @Test
  void saysTheClientSentNothingButHousekeeping() {
    PlainTextPhase phase = PlainTextPhase.builder("smtp")
        .line(Direction.CLIENT, false, "STARTTLS")
        .line(Direction.SERVER, false, "454 4.7.0 TLS not available")
        .line(Direction.CLIENT, false, "QUIT")
        .build();

    String text = ShouldContinueWithoutTls.shouldContinueWithoutTls(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to carry on in clear once STARTTLS was refused or stripped",
        "but it sent nothing more than QUIT, LOGOUT, capability queries or the upgrade command",
        "Transcript (starttls:smtp, 3 lines):",
        "  C: STARTTLS",
        "  S: 454 4.7.0 TLS not available",
        "  C: QUIT",
        "Plain-text phase: starttls:smtp, not upgraded"));
  }

  @Test
  void saysTheServerAgreedWhenThePhaseWasUpgraded() {
    PlainTextPhase phase = PlainTextPhase.builder("pop3").upgraded(true).build();

    String text = ShouldContinueWithoutTls.shouldContinueWithoutTls(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to carry on in clear once STARTTLS was refused or stripped",
        "but the server agreed to start TLS, so the client had no reason to carry on in clear",
        "Transcript (starttls:pop3, 0 lines): empty",
        "Plain-text phase: starttls:pop3, upgraded"));
  }
}
