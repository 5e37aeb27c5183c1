package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a classical key exchange. */
class ShouldUsePostQuantumKeyExchangeTest {

  @Test
  void namesTheClassicalGroupAndItsKind() {
    // given an x25519 connection
    ErrorMessageFactory factory = ShouldUsePostQuantumKeyExchange.shouldUsePostQuantumKeyExchange(Fixtures.tls13());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use a post-quantum key exchange",
                    "but it used:",
                    "  x25519 (ELLIPTIC_CURVE)",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void saysWhyNoGroupWasNegotiated() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory = ShouldUsePostQuantumKeyExchange.shouldUsePostQuantumKeyExchange(Fixtures.rejected());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use a post-quantum key exchange",
                    "but no group was negotiated (rejected_by_peer: server sent fatal alert handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
