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

/** The messages for a capability missing before or after TLS. */
class ShouldHaveCapabilityTest {

  @Test
  void listsTheCapabilitiesBeforeTls() {
    String text = ShouldHaveCapability
        .shouldHaveCapabilityBeforeTls(StartTlsFixtures.smtpPhase(), "SMTPUTF8", StartTlsFixtures.smtpReport())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to announce before TLS the capability:",
        "  SMTPUTF8",
        "but its capabilities before TLS were:",
        "  STARTTLS",
        "  AUTH PLAIN LOGIN",
        SMTP_TRANSCRIPT,
        "Connection: " + SMTP_SUMMARY));
  }

  @Test
  void listsTheCapabilitiesAfterTlsOrSaysThereWereNone() {
    PlainTextPhase none = StartTlsFixtures.smtpPhase().toBuilder().capabilitiesAfter(java.util.List.of()).build();

    String listed = ShouldHaveCapability
        .shouldHaveCapabilityAfterTls(StartTlsFixtures.smtpPhase(), "STARTTLS", null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);
    String empty = ShouldHaveCapability.shouldHaveCapabilityAfterTls(none, "AUTH", null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(listed).startsWith("[Test] " + message(
        "Expecting the server to announce after TLS the capability:",
        "  STARTTLS",
        "but its capabilities after TLS were:",
        "  AUTH PLAIN LOGIN",
        "Transcript (starttls:smtp, 10 lines):"));
    assertThat(empty).startsWith("[Test] " + message(
        "Expecting the server to announce after TLS the capability:",
        "  AUTH",
        "but it announced none after TLS",
        "Transcript (starttls:smtp, 10 lines):"));
  }
}
