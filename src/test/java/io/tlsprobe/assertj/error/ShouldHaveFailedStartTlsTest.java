package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_SUMMARY;
import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_TRANSCRIPT;
import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.StartTlsFixtures;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a STARTTLS upgrade that succeeded where the test expected it to fail. */
class ShouldHaveFailedStartTlsTest {

  @Test
  void statesTheOutcomeAndTheConnection() {
    String text = ShouldHaveFailedStartTls.shouldHaveFailedStartTls(StartTlsFixtures.smtpReport())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the STARTTLS upgrade to have failed",
        "but the connection ended with:",
        "  established: handshake completed",
        "Connection: " + SMTP_SUMMARY));
  }
}
