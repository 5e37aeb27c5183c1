package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a connection the peer did not reject, or not with the expected alert. */
class ShouldHaveBeenRejectedTest {

  @Test
  void statesHowAConnectionEndedThatWasNotRejected() {
    // given an established connection
    ErrorMessageFactory factory = ShouldHaveBeenRejected.shouldHaveBeenRejected(Fixtures.tls13());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to be rejected by the peer",
                    "but it ended with:",
                    "  established: handshake completed",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void statesExpectedAndActualAlert() {
    // given a connection rejected with handshake_failure
    ErrorMessageFactory factory =
        ShouldHaveBeenRejected.shouldHaveBeenRejectedWith(Fixtures.rejected(), AlertDescription.of(70));

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to be rejected by the peer with alert:",
                    "  protocol_version (70)",
                    "but it ended with:",
                    "  rejected_by_peer: server sent fatal alert handshake_failure (40)",
                    "  alert: handshake_failure (40)",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }

  @Test
  void saysNoAlertWhenNoneCrossed() {
    // given an established connection
    ErrorMessageFactory factory =
        ShouldHaveBeenRejected.shouldHaveBeenRejectedWith(Fixtures.tls13(), AlertDescription.of(70));

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to be rejected by the peer with alert:",
                    "  protocol_version (70)",
                    "but it ended with:",
                    "  established: handshake completed",
                    "  alert: none",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }
}
