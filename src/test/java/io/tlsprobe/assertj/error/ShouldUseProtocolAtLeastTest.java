package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a connection older than required. */
class ShouldUseProtocolAtLeastTest {

  @Test
  void statesMinimumAndActualVersion() {
    // given a TLS 1.0 connection
    ErrorMessageFactory factory =
        ShouldUseProtocolAtLeast.shouldUseProtocolAtLeast(Fixtures.tls10(), TlsProtocol.TLSv1_2);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use protocol at least:",
                    "  TLSv1.2",
                    "but it used:",
                    "  TLSv1",
                    "Connection: " + Fixtures.TLS10_SUMMARY));
  }

  @Test
  void saysWhyNoVersionWasNegotiated() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory =
        ShouldUseProtocolAtLeast.shouldUseProtocolAtLeast(Fixtures.rejected(), TlsProtocol.TLSv1_2);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use protocol at least:",
                    "  TLSv1.2",
                    "but no protocol was negotiated (rejected_by_peer: server sent fatal alert handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
