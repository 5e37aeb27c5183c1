package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_SUMMARY;
import static io.tlsprobe.assertj.StartTlsFixtures.SMTP_TRANSCRIPT;
import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.StartTlsFixtures;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a server that did not advertise STARTTLS, or whose phase does not say. */
class ShouldAdvertiseStartTlsTest {

  @Test
  void listsTheCapabilitiesTheServerAnnouncedInstead() {
    // given a server whose EHLO lacks STARTTLS
    PlainTextPhase phase = PlainTextPhase.builder("smtp")
        .line(Direction.SERVER, false, "220 mail.test ESMTP")
        .line(Direction.CLIENT, false, "EHLO tlsprobe.invalid")
        .line(Direction.SERVER, false, "250-mail.test")
        .line(Direction.SERVER, false, "250-PIPELINING")
        .line(Direction.SERVER, false, "250 AUTH PLAIN")
        .capabilitiesBefore(List.of("PIPELINING", "AUTH PLAIN"))
        .startTlsAdvertised(false)
        .build();

    // when it is rendered without a report
    String text = ShouldAdvertiseStartTls.shouldAdvertiseStartTls(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then the phase's own summary closes the message
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to advertise STARTTLS before TLS",
        "but its capabilities before TLS were:",
        "  PIPELINING",
        "  AUTH PLAIN",
        "Transcript (starttls:smtp, 5 lines):",
        "  S: 220 mail.test ESMTP",
        "  C: EHLO tlsprobe.invalid",
        "  S: 250-mail.test",
        "  S: 250-PIPELINING",
        "  S: 250 AUTH PLAIN",
        "Plain-text phase: starttls:smtp, not upgraded, STARTTLS not advertised"));
  }

  @Test
  void saysWhenNoCapabilityWasAnnounced() {
    PlainTextPhase phase = PlainTextPhase.builder("smtp").startTlsAdvertised(false).build();

    String text = ShouldAdvertiseStartTls.shouldAdvertiseStartTls(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to advertise STARTTLS before TLS",
        "but it announced no capabilities before TLS",
        "Transcript (starttls:smtp, 0 lines): empty",
        "Plain-text phase: starttls:smtp, not upgraded, STARTTLS not advertised"));
  }

  @Test
  void saysWhenThePhaseDoesNotTell() {
    // given a PostgreSQL phase: the protocol announces nothing
    PlainTextPhase phase = PlainTextPhase.builder("postgres")
        .line(Direction.CLIENT, false, "PostgreSQL SSLRequest (length 8, code 80877103) [0000000804d2162f]")
        .line(Direction.SERVER, false, "S (willing to perform SSL) [53]")
        .upgraded(true)
        .build();

    String text = ShouldAdvertiseStartTls.shouldAdvertiseStartTls(phase, null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to advertise STARTTLS before TLS",
        "but whether it did is unknown: the postgres phase recorded no announcement (the protocol has none, or it"
            + " was not reached)",
        "Transcript (starttls:postgres, 2 lines):",
        "  C: PostgreSQL SSLRequest (length 8, code 80877103) [0000000804d2162f]",
        "  S: S (willing to perform SSL) [53]",
        "Plain-text phase: starttls:postgres, upgraded"));
  }
}
