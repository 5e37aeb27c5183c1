package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import java.time.Duration;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a slow or untimed handshake. */
class ShouldHaveHandshakeTimeAtMostTest {

  @Test
  void statesLimitAndActualTimeForPeople() {
    // given a 40 ms handshake
    ErrorMessageFactory factory =
        ShouldHaveHandshakeTimeAtMost.shouldHaveHandshakeTimeAtMost(Fixtures.tls13(), Duration.ofMillis(10));

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS handshake to take at most:",
                    "  10 ms",
                    "but it took:",
                    "  40 ms",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void saysWhenTheHandshakeWasNotTimed() {
    // given a report without a handshake time
    ErrorMessageFactory factory =
        ShouldHaveHandshakeTimeAtMost.shouldHaveHandshakeTimeAtMost(Fixtures.rejected(), Duration.ofSeconds(2));

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS handshake to take at most:",
                    "  2.000 s",
                    "but no handshake time was recorded (rejected_by_peer: server sent fatal alert"
                        + " handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
