package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a certificate that does not cover a host. */
class ShouldBeValidForHostTest {

  @Test
  void statesTheHostAndTheNamesMatched() {
    // given a localhost certificate without its report
    ErrorMessageFactory factory =
        ShouldBeValidForHost.shouldBeValidForHost(
            Fixtures.leaf(), "example.com", "[DNS:localhost, IP:127.0.0.1]", null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to be valid for host:",
                    "  example.com",
                    "but it is valid only for:",
                    "  [DNS:localhost, IP:127.0.0.1]"));
  }

  @Test
  void endsWithTheConnectionWhenReachedFromAReport() {
    // given a localhost certificate from a report
    ErrorMessageFactory factory =
        ShouldBeValidForHost.shouldBeValidForHost(
            Fixtures.leaf(), "example.com", "[DNS:localhost, IP:127.0.0.1]", Fixtures.tls13());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to be valid for host:",
                    "  example.com",
                    "but it is valid only for:",
                    "  [DNS:localhost, IP:127.0.0.1]",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }
}
