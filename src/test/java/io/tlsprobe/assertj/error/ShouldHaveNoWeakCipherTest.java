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

/** The messages for a WEAK or INSECURE suite. */
class ShouldHaveNoWeakCipherTest {

  @Test
  void listsEveryReasonTheRegistryGivesOnePerLine() {
    // given a 3DES connection
    TlsConnectionReport report = Fixtures.tls10().toBuilder().cipherSuite(CipherSuite.of(0x000a)).group(null).build();
    ErrorMessageFactory factory = ShouldHaveNoWeakCipher.shouldHaveNoWeakCipher(report);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection not to use a weak or insecure cipher suite",
                    "but it used TLS_RSA_WITH_3DES_EDE_CBC_SHA, classed WEAK because:",
                    "  3DES has a 64-bit block: SWEET32 (CVE-2016-2183)",
                    "  no forward secrecy: static RSA key exchange",
                    "  CBC mode: Lucky13 and padding-oracle risks",
                    "  SHA-1 MAC: deprecated hash",
                    "Connection: localhost:8443 (direct): established, TLSv1, TLS_RSA_WITH_3DES_EDE_CBC_SHA (112"
                        + " bits), group unknown, compression null, certificate CN=localhost (EC 256 secp256r1,"
                        + " until 2026-04-01T00:00:00Z), trusted"));
  }

  @Test
  void namesTheInsecureClass() {
    // given an RC4 connection
    TlsConnectionReport report = Fixtures.tls10().toBuilder().cipherSuite(CipherSuite.of(0x0005)).group(null).build();
    ErrorMessageFactory factory = ShouldHaveNoWeakCipher.shouldHaveNoWeakCipher(report);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection not to use a weak or insecure cipher suite",
                    "but it used TLS_RSA_WITH_RC4_128_SHA, classed INSECURE because:",
                    "  RC4 is prohibited by RFC 7465",
                    "Connection: localhost:8443 (direct): established, TLSv1, TLS_RSA_WITH_RC4_128_SHA (128"
                        + " bits), group unknown, compression null, certificate CN=localhost (EC 256 secp256r1,"
                        + " until 2026-04-01T00:00:00Z), trusted"));
  }

  @Test
  void saysWhyNoSuiteWasNegotiated() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory = ShouldHaveNoWeakCipher.shouldHaveNoWeakCipher(Fixtures.rejected());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection not to use a weak or insecure cipher suite",
                    "but no cipher suite was negotiated (rejected_by_peer: server sent fatal alert"
                        + " handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
