package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import java.time.Duration;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a certificate expiring too soon. */
class ShouldExpireAfterTest {

  @Test
  void statesTheDeadlineAndTheTimeLeft() {
    // given a certificate expiring in 90 days
    ErrorMessageFactory factory =
        ShouldExpireAfter.shouldExpireAfter(Fixtures.leaf(), Duration.ofDays(120), Fixtures.NOW, null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to stay valid for at least:",
                    "  120 days (until 2026-05-01T00:00:00Z)",
                    "but it expires at:",
                    "  2026-04-01T00:00:00Z (in 90 days)"));
  }

  @Test
  void saysHowLongAgoAnExpiredCertificateExpired() {
    // given a certificate that expired 10 days ago
    ErrorMessageFactory factory =
        ShouldExpireAfter.shouldExpireAfter(
            Fixtures.leaf(), Duration.ofDays(30), Fixtures.NOW.plus(Duration.ofDays(100)), Fixtures.tls13());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to stay valid for at least:",
                    "  30 days (until 2026-05-11T00:00:00Z)",
                    "but it expires at:",
                    "  2026-04-01T00:00:00Z (expired 10 days ago)",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }
}
