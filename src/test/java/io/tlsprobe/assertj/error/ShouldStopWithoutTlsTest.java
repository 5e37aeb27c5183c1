package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a client that carried on in clear, or whose upgrade was performed. */
class ShouldStopWithoutTlsTest {

  @Test
  void listsWhatTheClientSentAfterTheRefusal() {
    // given a POP3 phase already masked by the assertion
    PlainTextPhase masked = PlainTextPhase.builder("pop3")
        .line(Direction.CLIENT, false, "STLS")
        .line(Direction.SERVER, false, "-ERR [SYS/TEMP] TLS is not available now")
        .line(Direction.CLIENT, false, "USER ***")
        .line(Direction.CLIENT, false, "STAT")
        .build();

    // when
    String text = ShouldStopWithoutTls.shouldStopWithoutTls(masked,
            List.of("C: USER *** (a user name)", "C: STAT"), null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to stop without TLS once STARTTLS was refused or stripped",
        "but it carried on in clear:",
        "  C: USER *** (a user name)",
        "  C: STAT",
        "Transcript (starttls:pop3, 4 lines, credentials masked):",
        "  C: STLS",
        "  S: -ERR [SYS/TEMP] TLS is not available now",
        "  C: USER ***",
        "  C: STAT",
        "Plain-text phase: starttls:pop3, not upgraded"));
  }

  @Test
  void saysTheServerAgreedWhenThePhaseWasUpgraded() {
    PlainTextPhase phase = PlainTextPhase.builder("imap").upgraded(true).build();

    String text = ShouldStopWithoutTls.shouldStopWithoutTlsButUpgraded(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to stop without TLS once STARTTLS was refused or stripped",
        "but the server agreed to start TLS, so the client had no reason to stop",
        "Transcript (starttls:imap, 0 lines): empty",
        "Plain-text phase: starttls:imap, upgraded"));
  }
}
