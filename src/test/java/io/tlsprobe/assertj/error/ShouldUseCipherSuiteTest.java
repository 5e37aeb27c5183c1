package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a connection that did not use the expected suite. */
class ShouldUseCipherSuiteTest {

  @Test
  void statesExpectedAndActualSuite() {
    // given a TLS_AES_128_GCM_SHA256 connection
    ErrorMessageFactory factory = ShouldUseCipherSuite.shouldUseCipherSuite(Fixtures.tls13(), CipherSuite.of(0x1302));

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use cipher suite:",
                    "  TLS_AES_256_GCM_SHA384",
                    "but it used:",
                    "  TLS_AES_128_GCM_SHA256",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void saysWhyNoSuiteWasNegotiated() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory =
        ShouldUseCipherSuite.shouldUseCipherSuite(Fixtures.rejected(), CipherSuite.of(0x1302));

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use cipher suite:",
                    "  TLS_AES_256_GCM_SHA384",
                    "but no cipher suite was negotiated (rejected_by_peer: server sent fatal alert"
                        + " handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
