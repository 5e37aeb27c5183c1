package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a missing subject alternative name. */
class ShouldHaveSubjectAlternativeNameTest {

  @Test
  void listsTheNamesTheCertificateHas() {
    // given a certificate for localhost and 127.0.0.1
    ErrorMessageFactory factory =
        ShouldHaveSubjectAlternativeName.shouldHaveSubjectAlternativeName(Fixtures.leaf(), "DNS:gateway", null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to have subject alternative name:",
                    "  DNS:gateway",
                    "but it has:",
                    "  [DNS:localhost, IP:127.0.0.1]"));
  }

  @Test
  void saysWhenItHasNone() {
    // given a CA without alternative names
    ErrorMessageFactory factory =
        ShouldHaveSubjectAlternativeName.shouldHaveSubjectAlternativeName(Fixtures.ca(), "DNS:gateway", null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=Test CA (EC 384 secp384r1, until 2035-12-30T00:00:00Z)",
                    "to have subject alternative name:",
                    "  DNS:gateway",
                    "but it has:",
                    "  none"));
  }
}
