package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a report without a ClientHello. */
class ShouldHaveClientOfferTest {

  @Test
  void saysHowTheConnectionEnded() {
    String text = ShouldHaveClientOffer.shouldHaveClientOffer(Fixtures.rejected())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting TLS connection to hold the client's ClientHello",
        "but none was recorded (rejected_by_peer: server sent fatal alert handshake_failure (40))",
        "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
