package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a connection that agreed on another application protocol or none. */
class ShouldHaveNegotiatedApplicationProtocolTest {

  @Test
  void statesExpectedAndActualProtocol() {
    // given a connection that agreed on h2
    ErrorMessageFactory factory =
        ShouldHaveNegotiatedApplicationProtocol.shouldHaveNegotiatedApplicationProtocol(Fixtures.tls13(), "http/1.1");

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to have negotiated application protocol (ALPN):",
                    "  http/1.1",
                    "but it negotiated:",
                    "  h2",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void saysWhenNoneWasAgreed() {
    // given a connection without ALPN
    ErrorMessageFactory factory =
        ShouldHaveNegotiatedApplicationProtocol.shouldHaveNegotiatedApplicationProtocol(Fixtures.tls10(), "h2");

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to have negotiated application protocol (ALPN):",
                    "  h2",
                    "but no application protocol was negotiated",
                    "Connection: " + Fixtures.TLS10_SUMMARY));
  }
}
