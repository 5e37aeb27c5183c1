package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_SUMMARY;
import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_TRANSCRIPT;
import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.assertj.StartTlsFixtures;
import io.tlsprobe.report.TlsConnectionReport;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a STARTTLS assertion on a report without a plain-text phase. */
class ShouldHavePlainTextPhaseTest {

  @Test
  void saysTheConnectionWasDirectTls() {
    // given a direct TLS report
    String text = ShouldHavePlainTextPhase.shouldHavePlainTextPhase(Fixtures.tls13())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting a STARTTLS connection with a plain-text phase",
        "but localhost:8443 (direct) was direct TLS",
        "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void saysAStartTlsReportHoldsNone() {
    // given a STARTTLS endpoint whose phase was not recorded
    TlsConnectionReport report = StartTlsFixtures.smtpReport().toBuilder().plainTextPhase(null).build();

    // when
    String text = ShouldHavePlainTextPhase.shouldHavePlainTextPhase(report)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting a STARTTLS connection with a plain-text phase",
        "but the report of localhost:587 (starttls:smtp) holds none",
        "Connection: " + report.summary()));
  }
}
