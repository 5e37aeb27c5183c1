package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a connection without extended_master_secret. */
class ShouldUseExtendedMasterSecretTest {

  @Test
  void listsTheExtensionsTheServerHelloCarried() {
    // given a TLS 1.0 ServerHello with renegotiation_info only
    ErrorMessageFactory factory = ShouldUseExtendedMasterSecret.shouldUseExtendedMasterSecret(Fixtures.tls10());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use the extended master secret (RFC 7627)",
                    "but its ServerHello carried no extended_master_secret; it carried:",
                    "  [renegotiation_info]",
                    "Connection: " + Fixtures.TLS10_SUMMARY));
  }

  @Test
  void saysWhenNoServerHelloWasSeen() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory = ShouldUseExtendedMasterSecret.shouldUseExtendedMasterSecret(Fixtures.rejected());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use the extended master secret (RFC 7627)",
                    "but no ServerHello was seen (rejected_by_peer: server sent fatal alert handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
