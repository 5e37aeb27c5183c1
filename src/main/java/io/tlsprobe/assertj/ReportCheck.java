package io.tlsprobe.assertj;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * One check of {@link AbstractTlsConnectionReportAssert} on a non-null report: the {@link Failure} to raise, or null
 * when the report passes. The assert turns a failure into its {@code AssertionError}, so the checks hold the logic
 * and the assert keeps the public surface and its Javadoc.
 *
 * <pre>{@code
 * ReportCheck established =
 *     ReportCheck.unless(r -> r.outcome().isEstablished(), ShouldBeEstablished::shouldBeEstablished);
 * }</pre>
 */
@FunctionalInterface
interface ReportCheck {

  /** Why {@code report} fails this check, or null when it passes. */
  @Nullable Failure failure(TlsConnectionReport report);

  /** A check that fails with {@code message} of the report unless {@code holds}. */
  static ReportCheck unless(Predicate<TlsConnectionReport> holds,
      Function<TlsConnectionReport, ErrorMessageFactory> message) {
    return report -> holds.test(report) ? null : Failure.of(message.apply(report));
  }

  /**
   * A failed check: its message and, for equality-style checks, the actual and expected values handed to the IDE.
   *
   * @param message the message factory
   * @param diff whether {@code actual} and {@code expected} go to the error for a diff
   * @param actual the actual value shown in the diff
   * @param expected the expected value shown in the diff
   */
  record Failure(ErrorMessageFactory message, boolean diff, @Nullable Object actual, @Nullable Object expected) {
    public Failure {
      requireNonNull(message, "message");
    }

    /** A failure with no diff. */
    static Failure of(ErrorMessageFactory message) {
      return new Failure(message, false, null, null);
    }

    /** A failure of an equality-style check: {@code actual} and {@code expected} go to the error for a diff. */
    static Failure withDiff(@Nullable Object actual, Object expected, ErrorMessageFactory message) {
      return new Failure(message, true, actual, expected);
    }
  }
}
