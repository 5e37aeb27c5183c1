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

/** The messages for a server that advertised STARTTLS where it should not have, or whose phase does not say. */
class ShouldNotAdvertiseStartTlsTest {

  @Test
  void listsTheCapabilitiesWithTheTranscriptAndConnection() {
    String text = ShouldNotAdvertiseStartTls
        .shouldNotAdvertiseStartTls(StartTlsFixtures.smtpPhase(), StartTlsFixtures.smtpReport())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server not to advertise STARTTLS before TLS",
        "but it did; its capabilities before TLS were:",
        "  STARTTLS",
        "  AUTH PLAIN LOGIN",
        SMTP_TRANSCRIPT,
        "Connection: " + SMTP_SUMMARY));
  }

  @Test
  void saysWhenThePhaseDoesNotTell() {
    PlainTextPhase phase = PlainTextPhase.builder("ldap").build();

    String text = ShouldNotAdvertiseStartTls.shouldNotAdvertiseStartTls(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server not to advertise STARTTLS before TLS",
        "but whether it did is unknown: the ldap phase recorded no announcement (the protocol has none, or it"
            + " was not reached)",
        "Transcript (starttls:ldap, 0 lines): empty",
        "Plain-text phase: starttls:ldap, not upgraded"));
  }
}
