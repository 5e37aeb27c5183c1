package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a suite that is not AEAD. */
class ShouldUseAeadCipherTest {

  @Test
  void namesTheSuiteAndItsMode() {
    // given a CBC connection
    ErrorMessageFactory factory = ShouldUseAeadCipher.shouldUseAeadCipher(Fixtures.tls10());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use an AEAD cipher",
                    "but it used:",
                    "  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (CBC mode)",
                    "Connection: " + Fixtures.TLS10_SUMMARY));
  }

  @Test
  void saysWhyNoSuiteWasNegotiated() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory = ShouldUseAeadCipher.shouldUseAeadCipher(Fixtures.rejected());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use an AEAD cipher",
                    "but no cipher suite was negotiated (rejected_by_peer: server sent fatal alert"
                        + " handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
