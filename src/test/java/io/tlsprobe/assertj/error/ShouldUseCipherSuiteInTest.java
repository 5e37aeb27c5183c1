package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.assertj.Fixtures;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a connection whose suite is not among those allowed. */
class ShouldUseCipherSuiteInTest {

  @Test
  void listsTheAllowedSuitesAndTheActualOne() {
    // given a TLS_AES_128_GCM_SHA256 connection
    ErrorMessageFactory factory =
        ShouldUseCipherSuiteIn.shouldUseCipherSuiteIn(
            Fixtures.tls13(), List.of(CipherSuite.of(0x1302), CipherSuite.of(0x1303)));

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use one of the cipher suites:",
                    "  [TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256]",
                    "but it used:",
                    "  TLS_AES_128_GCM_SHA256",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void saysWhyNoSuiteWasNegotiated() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory =
        ShouldUseCipherSuiteIn.shouldUseCipherSuiteIn(Fixtures.rejected(), List.of(CipherSuite.of(0x1302)));

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use one of the cipher suites:",
                    "  [TLS_AES_256_GCM_SHA384]",
                    "but no cipher suite was negotiated (rejected_by_peer: server sent fatal alert"
                        + " handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
