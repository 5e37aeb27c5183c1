package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The message for a self-signed certificate. */
class ShouldNotBeSelfSignedTest {

  @Test
  void namesTheIssuerThatIsItsOwnSubject() {
    // given a self-signed CA
    ErrorMessageFactory factory = ShouldNotBeSelfSigned.shouldNotBeSelfSigned(Fixtures.ca(), null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=Test CA (EC 384 secp384r1, until 2035-12-30T00:00:00Z)",
                    "not to be self-signed",
                    "but it is: its issuer is its own subject",
                    "  CN=Test CA"));
  }
}
