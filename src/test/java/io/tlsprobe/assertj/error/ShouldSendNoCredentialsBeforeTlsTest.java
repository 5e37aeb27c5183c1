package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_SUMMARY;
import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_TRANSCRIPT;
import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a client that sent credentials in clear, or whose clear text was cut off. */
class ShouldSendNoCredentialsBeforeTlsTest {

  @Test
  void listsTheMaskedLinesAndSaysTheTranscriptIsMasked() {
    // given a POP3 phase already masked by the assertion
    PlainTextPhase masked = PlainTextPhase.builder("pop3")
        .line(Direction.SERVER, false, "+OK ready")
        .line(Direction.CLIENT, false, "USER ***")
        .line(Direction.SERVER, false, "+OK")
        .line(Direction.CLIENT, false, "PASS ***")
        .line(Direction.SERVER, false, "+OK logged in")
        .build();

    // when
    String text = ShouldSendNoCredentialsBeforeTls.shouldSendNoCredentialsBeforeTls(masked,
            List.of("C: USER *** (a user name)", "C: PASS *** (a password)"), null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to send no credentials before TLS",
        "but it sent in clear:",
        "  C: USER *** (a user name)",
        "  C: PASS *** (a password)",
        "Transcript (starttls:pop3, 5 lines, credentials masked):",
        "  S: +OK ready",
        "  C: USER ***",
        "  S: +OK",
        "  C: PASS ***",
        "  S: +OK logged in",
        "Plain-text phase: starttls:pop3, not upgraded"));
  }

  @Test
  void saysTheRestIsUnknownWhenTheTranscriptWasCutOffBeforeTls() {
    PlainTextPhase.Builder builder = PlainTextPhase.builder("smtp");
    for (int i = 0; i <= PlainTextPhase.MAX_LINES; i++) {
      builder.line(Direction.CLIENT, false, "NOOP");
    }

    String text = ShouldSendNoCredentialsBeforeTls.shouldSendNoCredentialsBeforeTlsButUnknown(builder.build(), null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text)
        .startsWith("[Test] " + message(
            "Expecting the client to send no credentials before TLS",
            "but the transcript was truncated at 256 lines before TLS began, so the rest of the clear text is unknown",
            "Transcript (starttls:smtp, 256 lines, credentials masked):"))
        .contains("  … 232 lines omitted …")
        .endsWith(message("  … (transcript truncated at 256 lines)", "Plain-text phase: starttls:smtp, not upgraded"));
  }
}
