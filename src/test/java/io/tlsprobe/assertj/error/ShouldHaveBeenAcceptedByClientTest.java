package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.report.AfterHandshake;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.Optional;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a captured connection the client did not complete. */
class ShouldHaveBeenAcceptedByClientTest {

  @Test
  void showsTheOutcomeAndTheConnection() {
    String text = ShouldHaveBeenAcceptedByClient.shouldHaveBeenAcceptedByClient(Fixtures.rejected())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to accept the TLS connection (outcome established)",
        "but it ended with:",
        "  rejected_by_peer: server sent fatal alert handshake_failure (40)",
        "Connection: " + Fixtures.REJECTED_SUMMARY));
  }

  @Test
  void saysTheClientCompletedTheHandshakeThenClosedWithoutApplicationData() {
    // given a client that completed the handshake, then closed without a request
    TlsConnectionReport closed = Fixtures.tls13().toBuilder().afterHandshake(new AfterHandshake(false,
        Optional.empty(), "closed the connection with close_notify, without sending any application data")).build();

    // when
    String text = ShouldHaveBeenAcceptedByClient.shouldHaveBeenAcceptedByClientButSentNoApplicationData(closed)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to accept the TLS connection (outcome established, then application data)",
        "but the client completed the handshake, then closed the connection with close_notify, without sending any "
            + "application data",
        "(a client that checks the host name after the handshake, as OkHttp does, ends this way)",
        "Connection: " + closed.summary()));
  }

  @Test
  void namesTheAlertTheClientSentAfterTheHandshake() {
    TlsConnectionReport alerted = Fixtures.tls13().toBuilder().afterHandshake(new AfterHandshake(false,
        Optional.of(AlertDescription.of(46)),
        "sent fatal alert certificate_unknown (46), without sending any application data")).build();

    String text = ShouldHaveBeenAcceptedByClient.shouldHaveBeenAcceptedByClientButSentNoApplicationData(alerted)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to accept the TLS connection (outcome established, then application data)",
        "but the client completed the handshake, then sent fatal alert certificate_unknown (46), without sending "
            + "any application data",
        "(a client that checks the host name after the handshake, as OkHttp does, ends this way)",
        "Connection: " + alerted.summary()));
  }
}
