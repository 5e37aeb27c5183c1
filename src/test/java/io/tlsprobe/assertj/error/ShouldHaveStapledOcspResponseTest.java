package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The message for a server that stapled nothing. */
class ShouldHaveStapledOcspResponseTest {

  @Test
  void saysNoneWasStapled() {
    // given a connection without stapling
    ErrorMessageFactory factory = ShouldHaveStapledOcspResponse.shouldHaveStapledOcspResponse(Fixtures.tls13());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting the server to staple an OCSP response",
                    "but it stapled none",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }
}
