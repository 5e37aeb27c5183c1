package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_SUMMARY;
import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_TRANSCRIPT;
import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.StartTlsFixtures;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a phase the server never let reach TLS. */
class ShouldBeUpgradedTest {

  @Test
  void quotesTheOutcomeAndTheRefusal() {
    // given a server that refused STARTTLS
    TlsConnectionReport report = StartTlsFixtures.refusedReport();
    PlainTextPhase phase = report.plainTextPhase().orElseThrow();

    // when
    String text = ShouldBeUpgraded.shouldBeUpgraded(phase, report)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to have agreed to start TLS",
        "but it did not: starttls_failed: server refused STARTTLS: 454 4.7.0 TLS not available",
        "Transcript (starttls:smtp, 6 lines):",
        "  S: 220 mail.test ESMTP Postfix",
        "  C: EHLO tlsprobe.invalid",
        "  S: 250-mail.test",
        "  S: 250 STARTTLS",
        "  C: STARTTLS",
        "  S: 454 4.7.0 TLS not available",
        "Connection: " + report.summary()));
  }

  @Test
  void withoutAReportSaysOnlyThatItDidNot() {
    PlainTextPhase phase = PlainTextPhase.builder("imap").build();

    String text = ShouldBeUpgraded.shouldBeUpgraded(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to have agreed to start TLS",
        "but it did not",
        "Transcript (starttls:imap, 0 lines): empty",
        "Plain-text phase: starttls:imap, not upgraded"));
  }
}
