package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The message for a handshake that completed when it should not have. */
class ShouldNotBeEstablishedTest {

  @Test
  void saysTheHandshakeCompleted() {
    // given an established connection
    ErrorMessageFactory factory = ShouldNotBeEstablished.shouldNotBeEstablished(Fixtures.tls13());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection not to be established",
                    "but the handshake completed",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }
}
