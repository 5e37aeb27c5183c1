package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.report.TlsConnectionReport;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a cipher with too few secret key bits. */
class ShouldHaveCipherStrengthAtLeastTest {

  @Test
  void statesRequiredAndActualBits() {
    // given a 3DES connection
    TlsConnectionReport report = Fixtures.tls10().toBuilder().cipherSuite(CipherSuite.of(0x000a)).group(null).build();
    ErrorMessageFactory factory = ShouldHaveCipherStrengthAtLeast.shouldHaveCipherStrengthAtLeast(report, 128);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection's cipher to have at least:",
                    "  128 secret key bits",
                    "but TLS_RSA_WITH_3DES_EDE_CBC_SHA has:",
                    "  112 bits",
                    "Connection: localhost:8443 (direct): established, TLSv1, TLS_RSA_WITH_3DES_EDE_CBC_SHA (112"
                        + " bits), group unknown, compression null, certificate CN=localhost (EC 256 secp256r1,"
                        + " until 2026-04-01T00:00:00Z), trusted"));
  }

  @Test
  void saysWhyNoSuiteWasNegotiated() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory =
        ShouldHaveCipherStrengthAtLeast.shouldHaveCipherStrengthAtLeast(Fixtures.rejected(), 128);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection's cipher to have at least:",
                    "  128 secret key bits",
                    "but no cipher suite was negotiated (rejected_by_peer: server sent fatal alert"
                        + " handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
