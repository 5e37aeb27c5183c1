package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The message for a handshake that did not complete. */
class ShouldBeEstablishedTest {

  @Test
  void statesTheOutcomeAndTheConnection() {
    // given a connection the peer rejected
    ErrorMessageFactory factory = ShouldBeEstablished.shouldBeEstablished(Fixtures.rejected());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to be established",
                    "but it ended with:",
                    "  rejected_by_peer: server sent fatal alert handshake_failure (40)",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
