package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.ReportCheck.unless;
import static java.util.Objects.requireNonNull;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.assertj.error.ShouldHaveBeenAcceptedByClient;
import io.tlsprobe.assertj.error.ShouldHaveBeenRejectedByClient;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.Optional;

/**
 * The checks of {@link AbstractTlsConnectionReportAssert} on a captured report's verdict: did the client under test
 * accept the server, or reject it (and with which alert)? A client that completed the handshake and then sent no
 * application data ({@link TlsConnectionReport#afterHandshake()}) rejected it after the handshake; when that is not
 * recorded, the outcome alone decides. Each factory validates its arguments at once and returns the {@link
 * ReportCheck}.
 *
 * <pre>{@code
 * ReportCheck check = ClientVerdictChecks.wasRejectedByClient(AlertDescription.of(46));
 * check.failure(establishedReport); // ShouldHaveBeenRejectedByClient's message: the client accepted it
 * }</pre>
 */
final class ClientVerdictChecks {
  private ClientVerdictChecks() {}

  static ReportCheck wasAcceptedByClient() {
    return unless(r -> r.outcome().isEstablished() && !refusedAfterHandshake(r), r -> refusedAfterHandshake(r)
        ? ShouldHaveBeenAcceptedByClient.shouldHaveBeenAcceptedByClientButSentNoApplicationData(r)
        : ShouldHaveBeenAcceptedByClient.shouldHaveBeenAcceptedByClient(r));
  }

  static ReportCheck wasRejectedByClient() {
    return unless(r -> r.outcome().kind() == Outcome.Kind.REJECTED_BY_PEER || refusedAfterHandshake(r),
        ShouldHaveBeenRejectedByClient::shouldHaveBeenRejectedByClient);
  }

  static ReportCheck wasRejectedByClient(AlertDescription alert) {
    requireNonNull(alert, "alert");
    Optional<AlertDescription> expected = Optional.of(alert);
    return unless(r -> r.outcome().kind() == Outcome.Kind.REJECTED_BY_PEER && r.outcome().alert().equals(expected)
            || refusedAfterHandshake(r) && r.afterHandshake().orElseThrow().peerAlert().equals(expected),
        r -> ShouldHaveBeenRejectedByClient.shouldHaveBeenRejectedByClientWith(r, alert));
  }

  /**
   * Whether the client completed the handshake and then sent no application data (closed, sent an alert or stayed
   * silent); false when that was not recorded.
   */
  static boolean refusedAfterHandshake(TlsConnectionReport report) {
    return report.outcome().isEstablished()
        && report.afterHandshake().map(a -> !a.peerSentApplicationData()).orElse(false);
  }
}
