package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.ReportCheck.unless;
import static java.util.Objects.requireNonNull;

import io.tlsprobe.assertj.ReportCheck.Failure;
import io.tlsprobe.assertj.error.ShouldHaveFailedStartTls;
import io.tlsprobe.assertj.error.ShouldHavePlainTextPhase;
import io.tlsprobe.assertj.error.ShouldNotBeVulnerableToStartTlsInjection;
import io.tlsprobe.assertj.error.ShouldUseImplicitTls;
import io.tlsprobe.assertj.error.ShouldUseStartTls;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.starttls.StartTls;
import java.util.Optional;

/**
 * The STARTTLS checks of {@link AbstractTlsConnectionReportAssert}: how TLS started (implicit or which upgrade), a
 * failed upgrade, and the command-injection verdict. Each factory validates its arguments at once and returns the
 * {@link ReportCheck}.
 *
 * <pre>{@code
 * ReportCheck check = StartTlsChecks.usesStartTls(StartTls.IMAP);
 * check.failure(submissionReport); // ShouldUseStartTls's message, with starttls:smtp and starttls:imap to diff
 * }</pre>
 */
final class StartTlsChecks {
  private StartTlsChecks() {}

  static ReportCheck usesImplicitTls() {
    return unless(r -> r.endpoint().connection().equals(Endpoint.DIRECT), ShouldUseImplicitTls::shouldUseImplicitTls);
  }

  static ReportCheck usesStartTls() {
    return unless(r -> r.endpoint().connection().startsWith("starttls:"), ShouldUseStartTls::shouldUseStartTls);
  }

  static ReportCheck usesStartTls(StartTls dialect) {
    requireNonNull(dialect, "dialect");
    if (!dialect.isUpgrade()) {
      throw new IllegalArgumentException("StartTls.NONE is not a STARTTLS dialect: use usesImplicitTls()");
    }
    return r -> r.endpoint().connection().equals(dialect.connectionName()) ? null
        : Failure.withDiff(r.endpoint().connection(), dialect.connectionName(),
            ShouldUseStartTls.shouldUseStartTls(r, dialect));
  }

  static ReportCheck failedStartTls() {
    return unless(r -> r.outcome().kind() == Outcome.Kind.STARTTLS_FAILED,
        ShouldHaveFailedStartTls::shouldHaveFailedStartTls);
  }

  static ReportCheck isNotVulnerableToStartTlsInjection() {
    return r -> {
      Optional<PlainTextPhase> phase = r.plainTextPhase();
      if (phase.isEmpty()) {
        return Failure.of(ShouldHavePlainTextPhase.shouldHavePlainTextPhase(r));
      }
      if (!AbstractPlainTextPhaseAssert.verdictIs(phase.get(), InjectionVerdict.NOT_VULNERABLE)) {
        return Failure.of(
            ShouldNotBeVulnerableToStartTlsInjection.shouldNotBeVulnerableToStartTlsInjection(phase.get(), r));
      }
      return null;
    };
  }
}
