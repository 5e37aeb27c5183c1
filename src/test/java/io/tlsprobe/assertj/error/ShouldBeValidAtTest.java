package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import java.time.Instant;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The message for a certificate not valid at an instant. */
class ShouldBeValidAtTest {

  @Test
  void statesTheInstantAndTheValidityPeriod() {
    // given a certificate valid until 2026-04-01
    ErrorMessageFactory factory =
        ShouldBeValidAt.shouldBeValidAt(Fixtures.leaf(), Instant.parse("2027-01-01T00:00:00Z"), null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to be valid at:",
                    "  2027-01-01T00:00:00Z",
                    "but it is valid from:",
                    "  2025-12-02T00:00:00Z",
                    "until:",
                    "  2026-04-01T00:00:00Z"));
  }
}
