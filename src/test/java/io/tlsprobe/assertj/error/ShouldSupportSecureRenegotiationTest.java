package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.assertj.ServerProfiles;
import io.tlsprobe.wire.ExtendedMasterSecretExtension;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a server without renegotiation_info. */
class ShouldSupportSecureRenegotiationTest {

  @Test
  void listsTheExtensionsTheServerHelloCarried() {
    // given a TLS 1.2 ServerHello with extended_master_secret only
    ErrorMessageFactory factory =
        ShouldSupportSecureRenegotiation.shouldSupportSecureRenegotiation(
            Fixtures.tls12(0xc02f, new ExtendedMasterSecretExtension()));

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting the server to support secure renegotiation (RFC 5746)",
                    "but its ServerHello carried no renegotiation_info; it carried:",
                    "  [extended_master_secret]",
                    "Connection: localhost:8443 (direct): established, TLSv1.2,"
                        + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (128 bits), group secp256r1, compression null,"
                        + " certificate CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z), trusted"));
  }

  @Test
  void saysWhenTheServerHelloCarriedNothing() {
    // given a TLS 1.2 ServerHello without extensions
    ErrorMessageFactory factory =
        ShouldSupportSecureRenegotiation.shouldSupportSecureRenegotiation(Fixtures.tls12(0xc02f));

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting the server to support secure renegotiation (RFC 5746)",
                    "but its ServerHello carried no renegotiation_info; it carried:",
                    "  no extensions",
                    "Connection: localhost:8443 (direct): established, TLSv1.2,"
                        + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (128 bits), group secp256r1, compression null,"
                        + " certificate CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z), trusted"));
  }

  @Test
  void saysWhenNoServerHelloWasSeen() {
    // given a connection rejected before the ServerHello
    ErrorMessageFactory factory =
        ShouldSupportSecureRenegotiation.shouldSupportSecureRenegotiation(Fixtures.rejected());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting the server to support secure renegotiation (RFC 5746)",
                    "but no ServerHello was seen (rejected_by_peer: server sent fatal alert handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }

  @Test
  void quotesTheScansEvidenceForAServerProfile() {
    String text = ShouldSupportSecureRenegotiation.shouldSupportSecureRenegotiation(ServerProfiles.tls13OnlyFeatures())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to support secure renegotiation (RFC 5746)",
        "but the scan found:",
        "  not applicable",
        "evidence:",
        "  the server accepts only TLSv1.3, which forbids renegotiation (RFC 8446 section 4.1.2)",
        "Server profile: " + ServerProfiles.MODERN_LINE));
  }
}
