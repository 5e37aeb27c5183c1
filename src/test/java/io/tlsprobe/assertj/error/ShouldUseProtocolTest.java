package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a connection that did not use the expected version. */
class ShouldUseProtocolTest {

  @Test
  void statesExpectedAndActualVersion() {
    // given a TLS 1.0 connection
    ErrorMessageFactory factory = ShouldUseProtocol.shouldUseProtocol(Fixtures.tls10(), TlsProtocol.TLSv1_3);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use protocol:",
                    "  TLSv1.3",
                    "but it used:",
                    "  TLSv1",
                    "Connection: " + Fixtures.TLS10_SUMMARY));
  }

  @Test
  void saysWhyNoVersionWasNegotiated() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory = ShouldUseProtocol.shouldUseProtocol(Fixtures.rejected(), TlsProtocol.TLSv1_3);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use protocol:",
                    "  TLSv1.3",
                    "but no protocol was negotiated (rejected_by_peer: server sent fatal alert handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
