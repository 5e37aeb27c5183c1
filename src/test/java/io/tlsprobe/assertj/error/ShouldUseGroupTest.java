package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.report.TlsConnectionReport;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a connection that used another group or none. */
class ShouldUseGroupTest {

  @Test
  void statesExpectedAndActualGroup() {
    // given an x25519 connection
    ErrorMessageFactory factory =
        ShouldUseGroup.shouldUseGroup(Fixtures.tls13(), NamedGroup.byName("X25519MLKEM768").orElseThrow());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use key-exchange group:",
                    "  X25519MLKEM768",
                    "but it used:",
                    "  x25519",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void describesAFiniteFieldKeyExchangeByItsPrime() {
    // given a DHE connection with a 2048-bit prime
    TlsConnectionReport report =
        Fixtures.tls10()
            .toBuilder()
            .protocol(TlsProtocol.TLSv1_2)
            .cipherSuite(CipherSuite.of(0x009e))
            .group(null)
            .dhPrimeBits(2048)
            .build();
    ErrorMessageFactory factory = ShouldUseGroup.shouldUseGroup(report, NamedGroup.byName("x25519").orElseThrow());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use key-exchange group:",
                    "  x25519",
                    "but it used:",
                    "  DHE with a 2048-bit prime (no named group)",
                    "Connection: localhost:8443 (direct): established, TLSv1.2,"
                        + " TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 (128 bits), group DHE 2048 bits, compression"
                        + " null, certificate CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z), trusted"));
  }

  @Test
  void blamesAStaticKeyExchangeForTheMissingGroup() {
    // given a static RSA key exchange
    TlsConnectionReport report =
        Fixtures.tls10()
            .toBuilder()
            .protocol(TlsProtocol.TLSv1_2)
            .cipherSuite(CipherSuite.of(0x009c))
            .group(null)
            .build();
    ErrorMessageFactory factory = ShouldUseGroup.shouldUseGroup(report, NamedGroup.byName("x25519").orElseThrow());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use key-exchange group:",
                    "  x25519",
                    "but no group was negotiated (TLS_RSA_WITH_AES_128_GCM_SHA256 uses RSA key exchange)",
                    "Connection: localhost:8443 (direct): established, TLSv1.2, TLS_RSA_WITH_AES_128_GCM_SHA256"
                        + " (128 bits), group unknown, compression null, certificate CN=localhost (EC 256"
                        + " secp256r1, until 2026-04-01T00:00:00Z), trusted"));
  }

  @Test
  void saysWhyNoGroupWasNegotiated() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory =
        ShouldUseGroup.shouldUseGroup(Fixtures.rejected(), NamedGroup.byName("x25519").orElseThrow());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use key-exchange group:",
                    "  x25519",
                    "but no group was negotiated (rejected_by_peer: server sent fatal alert handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
