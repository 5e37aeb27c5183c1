package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_SUMMARY;
import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_TRANSCRIPT;
import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.StartTlsFixtures;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a server that offered no authentication in clear where the test expected it to. */
class ShouldOfferAuthenticationBeforeTlsTest {

  @Test
  void quotesTheEvidenceOfTheRefusal() {
    PlainTextPhase phase = PlainTextPhase.builder("imap")
        .line(Direction.SERVER, false, "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Dovecot ready.")
        .capabilitiesBefore(List.of("IMAP4rev1", "STARTTLS", "LOGINDISABLED"))
        .plainTextAuthenticationOffered(false)
        .authenticationEvidence("LOGINDISABLED in the CAPABILITY reply before TLS")
        .build();

    String text = ShouldOfferAuthenticationBeforeTls.shouldOfferAuthenticationBeforeTls(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to offer authentication before TLS",
        "but it offered none:",
        "  LOGINDISABLED in the CAPABILITY reply before TLS",
        "Transcript (starttls:imap, 1 line):",
        "  S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Dovecot ready.",
        "Plain-text phase: starttls:imap, not upgraded, no authentication before TLS"));
  }

  @Test
  void saysWhenItIsUnknownOrUnexplained() {
    PlainTextPhase unknown = PlainTextPhase.builder("mysql").build();
    PlainTextPhase none = StartTlsFixtures.refusedReport().plainTextPhase().orElseThrow();

    String unknownText = ShouldOfferAuthenticationBeforeTls.shouldOfferAuthenticationBeforeTls(unknown, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);
    String noneText = ShouldOfferAuthenticationBeforeTls
        .shouldOfferAuthenticationBeforeTls(none, StartTlsFixtures.refusedReport())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(unknownText).startsWith("[Test] " + message(
        "Expecting the server to offer authentication before TLS",
        "but whether it offered any is unknown: the mysql phase recorded no verdict (the dialect cannot tell, or"
            + " it was not reached)"));
    assertThat(noneText).startsWith("[Test] " + message(
        "Expecting the server to offer authentication before TLS",
        "but it offered none",
        "Transcript (starttls:smtp, 6 lines):"));
  }
}
