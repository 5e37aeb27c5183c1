package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_SUMMARY;
import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_TRANSCRIPT;
import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.assertj.StartTlsFixtures;
import io.tlsprobe.starttls.StartTls;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a connection that did not upgrade with STARTTLS, or not in the dialect expected. */
class ShouldUseStartTlsTest {

  @Test
  void saysTheConnectionWasDirect() {
    String text = ShouldUseStartTls.shouldUseStartTls(Fixtures.tls13())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting TLS connection to upgrade with STARTTLS",
        "but it used:",
        "  direct",
        "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void showsExpectedAndActualDialect() {
    String text = ShouldUseStartTls.shouldUseStartTls(StartTlsFixtures.smtpReport(), StartTls.IMAP)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting TLS connection to upgrade with STARTTLS:",
        "  starttls:imap",
        "but it used:",
        "  starttls:smtp",
        "Connection: " + SMTP_SUMMARY));
  }
}
