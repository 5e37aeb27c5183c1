package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_SUMMARY;
import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_TRANSCRIPT;
import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.StartTlsFixtures;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a connection that was upgraded with STARTTLS. */
class ShouldUseImplicitTlsTest {

  @Test
  void namesTheStartTlsDialectAndTheConnection() {
    // given a STARTTLS report
    String text = ShouldUseImplicitTls.shouldUseImplicitTls(StartTlsFixtures.smtpReport())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting TLS connection to use implicit TLS (TLS from the first byte)",
        "but it used:",
        "  starttls:smtp",
        "Connection: " + SMTP_SUMMARY));
  }
}
