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

/** The messages for a server that offered authentication in clear, or whose phase does not say. */
class ShouldOfferNoAuthenticationBeforeTlsTest {

  @Test
  void quotesTheEvidence() {
    String text = ShouldOfferNoAuthenticationBeforeTls
        .shouldOfferNoAuthenticationBeforeTls(StartTlsFixtures.smtpPhase(), StartTlsFixtures.smtpReport())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to offer no authentication before TLS",
        "but it offered authentication in clear:",
        "  AUTH PLAIN LOGIN in the EHLO reply before TLS",
        SMTP_TRANSCRIPT,
        "Connection: " + SMTP_SUMMARY));
  }

  @Test
  void saysWhenNoEvidenceWasRecorded() {
    PlainTextPhase phase = PlainTextPhase.builder("pop3").plainTextAuthenticationOffered(true).build();

    String text = ShouldOfferNoAuthenticationBeforeTls.shouldOfferNoAuthenticationBeforeTls(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to offer no authentication before TLS",
        "but it offered authentication in clear (the pop3 phase recorded no evidence)",
        "Transcript (starttls:pop3, 0 lines): empty",
        "Plain-text phase: starttls:pop3, not upgraded, authentication offered before TLS"));
  }

  @Test
  void saysWhenItIsUnknown() {
    PlainTextPhase phase = PlainTextPhase.builder("postgres").build();

    String text = ShouldOfferNoAuthenticationBeforeTls.shouldOfferNoAuthenticationBeforeTls(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to offer no authentication before TLS",
        "but whether it offered any is unknown: the postgres phase recorded no verdict (the dialect cannot tell, or"
            + " it was not reached)",
        "Transcript (starttls:postgres, 0 lines): empty",
        "Plain-text phase: starttls:postgres, not upgraded"));
  }
}
