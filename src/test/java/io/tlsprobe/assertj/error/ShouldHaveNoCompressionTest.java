package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.CompressionMethod;
import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.assertj.ServerProfiles;
import io.tlsprobe.report.TlsConnectionReport;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a compressing connection. */
class ShouldHaveNoCompressionTest {

  @Test
  void namesTheMethodAndTheAttack() {
    // given a DEFLATE connection
    TlsConnectionReport report = Fixtures.tls10().toBuilder().compression(CompressionMethod.of(1)).build();
    ErrorMessageFactory factory = ShouldHaveNoCompression.shouldHaveNoCompression(report);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use no compression (method null)",
                    "but the server chose:",
                    "  DEFLATE (CRIME, CVE-2012-4929)",
                    "Connection: localhost:8443 (direct): established, TLSv1, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"
                        + " (128 bits), group secp256r1, compression DEFLATE, certificate CN=localhost (EC 256"
                        + " secp256r1, until 2026-04-01T00:00:00Z), trusted"));
  }

  @Test
  void saysWhyNoMethodIsKnown() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory = ShouldHaveNoCompression.shouldHaveNoCompression(Fixtures.rejected());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting TLS connection to use no compression (method null)",
                    "but no compression method is known (rejected_by_peer: server sent fatal alert"
                        + " handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }

  @Test
  void quotesTheScansEvidenceForAServerProfile() {
    String text = ShouldHaveNoCompression.shouldHaveNoCompression(ServerProfiles.legacyWithFeatures())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to accept no TLS compression (CRIME, CVE-2012-4929)",
        "but the scan found:",
        "  yes",
        "evidence:",
        "  compression method DEFLATE (1) in the TLSv1.2 ServerHello, offered before null (0)",
        "Server profile: " + ServerProfiles.LEGACY_LINE));
  }
}
