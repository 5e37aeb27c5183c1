package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.ReportCheck.unless;
import static java.util.Objects.requireNonNull;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.assertj.error.ShouldHaveBeenAcceptedByClient;
import io.tlsprobe.assertj.error.ShouldHaveBeenRejectedByClient;
import io.tlsprobe.report.Outcome;
import java.util.Optional;

/**
 * The checks of {@link AbstractTlsConnectionReportAssert} on a captured report's verdict: did the client under test
 * accept the server, or reject it (and with which alert)? Each factory validates its arguments at once and returns
 * the {@link ReportCheck}.
 *
 * <pre>{@code
 * ReportCheck check = ClientVerdictChecks.wasRejectedByClient(AlertDescription.of(46));
 * check.failure(establishedReport); // ShouldHaveBeenRejectedByClient's message: the client accepted it
 * }</pre>
 */
final class ClientVerdictChecks {
  private ClientVerdictChecks() {}

  static ReportCheck wasAcceptedByClient() {
    return unless(r -> r.outcome().isEstablished(), ShouldHaveBeenAcceptedByClient::shouldHaveBeenAcceptedByClient);
  }

  static ReportCheck wasRejectedByClient() {
    return unless(r -> r.outcome().kind() == Outcome.Kind.REJECTED_BY_PEER,
        ShouldHaveBeenRejectedByClient::shouldHaveBeenRejectedByClient);
  }

  static ReportCheck wasRejectedByClient(AlertDescription alert) {
    requireNonNull(alert, "alert");
    return unless(r -> r.outcome().kind() == Outcome.Kind.REJECTED_BY_PEER
            && r.outcome().alert().equals(Optional.of(alert)),
        r -> ShouldHaveBeenRejectedByClient.shouldHaveBeenRejectedByClientWith(r, alert));
  }
}
