package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The message for a key smaller than required. */
class ShouldHaveKeyStrengthAtLeastTest {

  @Test
  void statesBothSizesAndHowKeyTypesCompare() {
    // given an EC 256 certificate from a report
    ErrorMessageFactory factory =
        ShouldHaveKeyStrengthAtLeast.shouldHaveKeyStrengthAtLeast(Fixtures.leaf(), 4096, Fixtures.tls13());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to have a key at least as strong as:",
                    "  RSA 4096 bits",
                    "but it has:",
                    "  EC 256 bits (secp256r1) ≈ RSA 3072 bits",
                    "(RSA-equivalent strength, NIST SP 800-57: EC P-256 ≈ RSA 3072)",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }
}
