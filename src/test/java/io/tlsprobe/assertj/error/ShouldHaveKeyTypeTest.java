package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The message for another key type. */
class ShouldHaveKeyTypeTest {

  @Test
  void statesExpectedTypeAndActualKey() {
    // given an EC certificate
    ErrorMessageFactory factory = ShouldHaveKeyType.shouldHaveKeyType(Fixtures.leaf(), "RSA", null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to have a key of type:",
                    "  RSA",
                    "but it has:",
                    "  EC 256 bits (secp256r1)"));
  }
}
