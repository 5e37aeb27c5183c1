package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.report.TlsConnectionReport;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a suite without forward secrecy. */
class ShouldHaveForwardSecrecyTest {

  @Test
  void namesTheSuiteAndItsKeyExchange() {
    // given a TLS 1.2 connection with static RSA key exchange
    TlsConnectionReport report =
        Fixtures.tls10()
            .toBuilder()
            .protocol(TlsProtocol.TLSv1_2)
            .cipherSuite(CipherSuite.of(0x009c))
            .group(null)
            .build();
    ErrorMessageFactory factory = ShouldHaveForwardSecrecy.shouldHaveForwardSecrecy(report);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to have forward secrecy",
                    "but it used a cipher suite without it:",
                    "  TLS_RSA_WITH_AES_128_GCM_SHA256 (key exchange RSA)",
                    "Connection: localhost:8443 (direct): established, TLSv1.2, TLS_RSA_WITH_AES_128_GCM_SHA256"
                        + " (128 bits), group unknown, compression null, certificate CN=localhost (EC 256"
                        + " secp256r1, until 2026-04-01T00:00:00Z), trusted"));
  }

  @Test
  void saysWhyNoSuiteWasNegotiated() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory = ShouldHaveForwardSecrecy.shouldHaveForwardSecrecy(Fixtures.rejected());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to have forward secrecy",
                    "but no cipher suite was negotiated (rejected_by_peer: server sent fatal alert"
                        + " handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
