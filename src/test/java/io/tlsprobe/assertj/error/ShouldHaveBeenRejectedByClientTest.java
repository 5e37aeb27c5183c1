package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.report.AfterHandshake;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.Optional;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a captured connection the client did not reject, or not with the expected alert. */
class ShouldHaveBeenRejectedByClientTest {

  @Test
  void saysTheClientAccepted() {
    String text = ShouldHaveBeenRejectedByClient.shouldHaveBeenRejectedByClient(Fixtures.tls13())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to reject the TLS connection",
        "but the client accepted it:",
        "  established: handshake completed",
        "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void saysTheClientAcceptedAndSentApplicationDataWhenThatWasRecorded() {
    TlsConnectionReport used = Fixtures.tls13().toBuilder().afterHandshake(AfterHandshake.sentApplicationData())
        .build();

    String text = ShouldHaveBeenRejectedByClient.shouldHaveBeenRejectedByClient(used)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to reject the TLS connection",
        "but the client accepted it and sent application data:",
        "  established: handshake completed",
        "Connection: " + used.summary()));
  }

  @Test
  void namesAnotherAlertTheClientSentAfterTheHandshake() {
    // given a client that completed the handshake, then sent bad_record_mac without application data
    TlsConnectionReport alerted = Fixtures.tls13().toBuilder().afterHandshake(new AfterHandshake(false,
        Optional.of(AlertDescription.of(20)), "sent fatal alert bad_record_mac (20), without sending any "
            + "application data")).build();

    // when certificate_unknown was expected
    String text = ShouldHaveBeenRejectedByClient.shouldHaveBeenRejectedByClientWith(alerted, AlertDescription.of(46))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to reject the TLS connection with alert:",
        "  certificate_unknown (46)",
        "but the client completed the handshake, then sent fatal alert bad_record_mac (20), without sending any "
            + "application data:",
        "  established: handshake completed",
        "  alert: bad_record_mac (20)",
        "Connection: " + alerted.summary()));
  }

  @Test
  void saysTheClientClosedWithoutAnAlert() {
    // given a client that closed mid-handshake
    TlsConnectionReport closed = Fixtures.rejected().toBuilder()
        .outcome(Outcome.rejectedByPeer(Optional.empty(), "client closed the connection without an alert")).build();

    // when
    String text = ShouldHaveBeenRejectedByClient.shouldHaveBeenRejectedByClientWith(closed, AlertDescription.of(48))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to reject the TLS connection with alert:",
        "  unknown_ca (48)",
        "but the client rejected it without an alert:",
        "  rejected_by_peer: client closed the connection without an alert",
        "  alert: none",
        "Connection: " + closed.summary()));
  }

  @Test
  void saysWhenTheServerEndedTheHandshake() {
    TlsConnectionReport aborted = Fixtures.rejected().toBuilder()
        .outcome(Outcome.abortedLocally("the server refused the client's offer")).build();

    String text = ShouldHaveBeenRejectedByClient.shouldHaveBeenRejectedByClient(aborted)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to reject the TLS connection",
        "but the server ended the handshake, not the client:",
        "  aborted_locally: the server refused the client's offer",
        "Connection: " + aborted.summary()));
  }
}
