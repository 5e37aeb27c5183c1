package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.ServerProfiles;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a server without TLS_FALLBACK_SCSV, or where it does not apply. */
class ShouldSupportFallbackScsvTest {

  @Test
  void quotesTheServerHelloThatAnsweredTheFallbackHello() {
    String text = ShouldSupportFallbackScsv.shouldSupportFallbackScsv(ServerProfiles.legacyWithFeatures())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to support TLS_FALLBACK_SCSV (RFC 7507)",
        "but the scan found:",
        "  no",
        "evidence:",
        "  a TLS 1.0 ServerHello to a TLSv1 hello with TLS_FALLBACK_SCSV, though the server accepts TLSv1.2",
        "Server profile: " + ServerProfiles.LEGACY_LINE));
  }

  @Test
  void saysWhyItDoesNotApplyToAOneVersionServer() {
    String text = ShouldSupportFallbackScsv.shouldSupportFallbackScsv(ServerProfiles.tls13OnlyFeatures())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to support TLS_FALLBACK_SCSV (RFC 7507)",
        "but the scan found:",
        "  not applicable",
        "evidence:",
        "  the server accepts only TLSv1.3: there is no lower version to fall back to",
        "Server profile: " + ServerProfiles.MODERN_LINE));
  }
}
