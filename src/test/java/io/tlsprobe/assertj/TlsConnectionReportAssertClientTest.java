package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.TlsConnectionReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client-verdict assertions of {@link AbstractTlsConnectionReportAssert} ({@code wasAcceptedByClient}, {@code
 * wasRejectedByClient}) and its {@code clientOffer()} navigation, on reports a capture server recorded of a real
 * JSSE client, and on hand-built reports for the outcomes a client cannot cause.
 */
class TlsConnectionReportAssertClientTest {
  private static final String NL = System.lineSeparator();

  /** A JSSE client that accepted CertificateScenario.VALID. */
  private static TlsConnectionReport accepted;
  /** A JSSE client that rejected CertificateScenario.EXPIRED with certificate_unknown. */
  private static TlsConnectionReport expired;

  @BeforeAll
  static void captureRealClients() throws Exception {
    accepted = ClientOffers.capture(CertificateScenario.VALID, "localhost", s -> {});
    expired = ClientOffers.capture(CertificateScenario.EXPIRED, "localhost", s -> {});
  }

  @Test
  void provesThatAClientRejectsAnExpiredCertificateInTwoLines() {
    assertThat(expired).wasRejectedByClient().wasRejectedByClient(AlertDescription.of(46))
        .wasRejectedByClient("certificate_unknown");
    assertThat(accepted).wasAcceptedByClient();
  }

  @Test
  void saysTheClientAcceptedWhenARejectionWasExpected() {
    assertThatThrownBy(() -> assertThat(accepted).wasRejectedByClient())
        .hasMessage(NL + "Expecting the client to reject the TLS connection" + NL
            + "but the client accepted it and sent application data:" + NL + "  established: handshake completed" + NL
            + "Connection: " + accepted.summary());
  }

  @Test
  void showsTheClientsAlertWhenAcceptanceWasExpected() {
    assertThatThrownBy(() -> assertThat(expired).wasAcceptedByClient())
        .hasMessage(NL + "Expecting the client to accept the TLS connection (outcome established)" + NL
            + "but it ended with:" + NL + "  rejected_by_peer: client sent fatal alert certificate_unknown (46)" + NL
            + "Connection: " + expired.summary());
  }

  @Test
  void seesAClientThatClosesAfterTheHandshakeWithoutARequestAsARejection() throws Exception {
    // given a JSSE client that completes the handshake, then closes without sending anything
    TlsConnectionReport closed = ClientOffers.captureClosingAfterHandshake(CertificateScenario.VALID);

    // then it is established, yet the client refused the server
    assertThat(closed).isEstablished().wasRejectedByClient();
    assertThatThrownBy(() -> assertThat(closed).wasAcceptedByClient())
        .hasMessage(NL + "Expecting the client to accept the TLS connection (outcome established, then application "
            + "data)" + NL + "but the client completed the handshake, then closed the connection with close_notify, "
            + "without sending any application data" + NL + "(a client that checks the host name after the "
            + "handshake, as OkHttp does, ends this way)" + NL + "Connection: " + closed.summary());
    assertThatThrownBy(() -> assertThat(closed).wasRejectedByClient(AlertDescription.of(46)))
        .hasMessage(NL + "Expecting the client to reject the TLS connection with alert:" + NL
            + "  certificate_unknown (46)" + NL + "but the client completed the handshake, then closed the connection "
            + "with close_notify, without sending any application data:" + NL + "  established: handshake completed"
            + NL + "  alert: none" + NL + "Connection: " + closed.summary());
  }

  @Test
  void keepsTodaysVerdictWhenWhatFollowedTheHandshakeWasNotRecorded() {
    // given an established report without an after-handshake record (e.g. built by hand, or a probe's)
    TlsConnectionReport unknown = accepted.toBuilder().afterHandshake(null).build();

    // then the outcome alone decides
    assertThat(unknown).wasAcceptedByClient();
    assertThatThrownBy(() -> assertThat(unknown).wasRejectedByClient())
        .hasMessageContaining("but the client accepted it:" + NL);
  }

  @Test
  void namesTheAlertTheClientReallySent() {
    assertThatThrownBy(() -> assertThat(expired).wasRejectedByClient(AlertDescription.of(45)))
        .hasMessageContaining("  certificate_expired (45)" + NL + "but the client rejected it with another alert:")
        .hasMessageContaining("  alert: certificate_unknown (46)");
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(expired).wasRejectedByClient("no_such_alert"));
  }

  @Test
  void saysWhenTheServerNotTheClientEndedTheHandshake() {
    // given a report where the server refused the client's offer
    TlsConnectionReport serverRefused = Fixtures.rejected().toBuilder()
        .outcome(io.tlsprobe.report.Outcome.abortedLocally("the server refused the client's offer")).build();

    // then
    assertThatThrownBy(() -> assertThat(serverRefused).wasRejectedByClient())
        .hasMessageContaining("but the server ended the handshake, not the client:");
  }

  @Test
  void navigatesToTheOfferTheClientSentEvenWhenItRejected() {
    assertThat(expired).clientOffer().offersProtocol(TlsProtocol.TLSv1_3).offersNoCompression();
  }

  @Test
  void failsClearlyWhenTheReportHoldsNoClientHello() {
    assertThatThrownBy(() -> assertThat(Fixtures.rejected()).clientOffer())
        .hasMessage(NL + "Expecting TLS connection to hold the client's ClientHello" + NL
            + "but none was recorded (rejected_by_peer: server sent fatal alert handshake_failure (40))" + NL
            + "Connection: " + Fixtures.REJECTED_SUMMARY);
  }

  @Test
  void keepsTheDescriptionWhenNavigating() {
    assertThatThrownBy(() -> assertThat(accepted).as("gateway").clientOffer().offersAlpn("h2"))
        .hasMessageStartingWith("[gateway] ");
  }

  @Test
  void navigationStaysSoft() {
    TlsSoftAssertions softly = new TlsSoftAssertions();

    softly.assertThat(Fixtures.rejected()).clientOffer().offersNoCompression().sentServerName("x");
    softly.assertThat(accepted).clientOffer().offersAlpn("h2").offersProtocol(TlsProtocol.SSLv3);
    softly.assertThat(ClientOffers.legacy()).offersNoWeakCipherSuite().offersNoCompression();
    softly.assertThat(expired).wasAcceptedByClient();

    assertThat(softly.errorsCollected()).hasSize(6);
    assertThat(softly.errorsCollected().get(0)).hasMessageContaining("hold the client's ClientHello");
  }

  @Test
  void withTlsAssertionsDelegatesForOffers() {
    WithTlsAssertions with = new WithTlsAssertions() {};
    assertThatThrownBy(() -> with.assertThat(ClientOffers.legacy()).offersNoCompression())
        .hasMessageContaining("Client offer: " + ClientOffers.LEGACY_LINE);
  }
}
