package io.tlsprobe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.ExtensionType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsConnectionReportTest {

  @Test
  void derivesRenegotiationEmsAndTicketFromTheServerHelloExtensions() {
    TlsConnectionReport report = ReportFixtures.established();

    assertThat(report.secureRenegotiation()).isTrue();
    assertThat(report.extendedMasterSecret()).isTrue();
    assertThat(report.sessionTicket()).isTrue();
    assertThat(report.serverExtensions()).extracting(ExtensionType::name)
        .containsExactly("renegotiation_info", "extended_master_secret", "session_ticket");
  }

  @Test
  void reportsNoServerExtensionsWithoutAServerHello() {
    TlsConnectionReport report = ReportFixtures.established().toBuilder().serverHello(null).build();

    assertThat(report.secureRenegotiation()).isFalse();
    assertThat(report.serverExtensions()).isEmpty();
  }

  @Test
  void summaryCarriesEndpointOutcomeProtocolCipherGroupCompressionAlpnCertificateAndTrust() {
    assertThat(ReportFixtures.established().summary()).isEqualTo(
        "localhost:8443 (direct): established, TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (128 bits), "
            + "group x25519, compression null, ALPN h2, "
            + "certificate CN=localhost (EC 256 secp256r1, until 2027-01-01T00:00:00Z), trusted");
  }

  @Test
  void summaryOfARejectedProbeSaysWhyAndWhatIsMissing() {
    TlsConnectionReport report = TlsConnectionReport.builder(Endpoint.direct("::1", 443),
        Outcome.rejectedByPeer(Optional.of(AlertDescription.of(70)), "server sent fatal alert protocol_version (70)"))
        .build();

    assertThat(report.summary()).isEqualTo("[::1]:443 (direct): rejected_by_peer: server sent fatal alert "
        + "protocol_version (70), no protocol, no cipher suite, group unknown, compression unknown, no certificate, "
        + "not trusted [NO_CERTIFICATE]");
  }

  @Test
  void builderRoundTripsEveryValue() {
    TlsConnectionReport report = ReportFixtures.established();

    assertThat(report.toBuilder().build()).isEqualTo(report);
  }

  @Test
  void carriesWhatTheClientDidAfterTheHandshakeThroughTheBuilderEqualsAndSummary() {
    // given a captured report whose client sent a fatal alert after the handshake
    AfterHandshake alert = new AfterHandshake(false, Optional.of(AlertDescription.of(46)),
        "sent fatal alert certificate_unknown (46), without sending any application data");
    TlsConnectionReport report = ReportFixtures.established().toBuilder().afterHandshake(alert).build();

    // then
    assertThat(report.afterHandshake()).contains(alert);
    assertThat(report.peerSentApplicationData()).contains(false);
    assertThat(report.toBuilder().build()).isEqualTo(report);
    assertThat(report).isNotEqualTo(ReportFixtures.established())
        .isNotEqualTo(report.toBuilder().afterHandshake(AfterHandshake.sentApplicationData()).build());
    assertThat(report.summary()).isEqualTo(ReportFixtures.established().summary()
        + ", then the peer sent fatal alert certificate_unknown (46), without sending any application data");
    assertThat(ReportFixtures.established().peerSentApplicationData()).as("not recorded: a probe's report").isEmpty();
  }

  @Test
  void rejectsAnAfterHandshakeRecordWithoutItsParts() {
    assertThatThrownBy(() -> new AfterHandshake(true, null, "sent application data"))
        .isInstanceOf(NullPointerException.class).hasMessage("peerAlert");
    assertThatThrownBy(() -> new AfterHandshake(true, Optional.empty(), null))
        .isInstanceOf(NullPointerException.class).hasMessage("detail");
  }

  @Test
  void rejectsATrustedVerdictThatListsProblems() {
    assertThatThrownBy(() -> new Verification(true,
        List.of(new Verification.Problem(Verification.Kind.EXPIRED, "x")), "", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAnOutOfRangePort() {
    assertThatThrownBy(() -> Endpoint.direct("localhost", 70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 0-65535: 70000");
  }
}
