package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Transcripts.context;
import static io.tlsprobe.assertj.error.Transcripts.injectionContext;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a STARTTLS command-injection check whose verdict is not among those expected, or that was not run.
 *
 * <pre>
 * Expecting the STARTTLS command-injection check to find:
 *   NOT_VULNERABLE or INCONCLUSIVE
 * but it found:
 *   VULNERABLE: the server answered NOOP, sent in clear with the upgrade command, inside TLS
 * Injection check transcript (NOOP pipelined with the upgrade command, 9 lines):
 *   …
 * </pre>
 */
public final class ShouldHaveStartTlsInjectionVerdict extends BasicErrorMessageFactory {

  private ShouldHaveStartTlsInjectionVerdict(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code phase}, whose check found none of {@code expected} or was not run. */
  public static ErrorMessageFactory shouldHaveStartTlsInjectionVerdict(
      PlainTextPhase phase, List<InjectionVerdict> expected, @Nullable TlsConnectionReport report) {
    String wanted = expected.stream().map(InjectionVerdict::name).collect(Collectors.joining(" or "));
    if (phase.injection().isEmpty()) {
      return new ShouldHaveStartTlsInjectionVerdict(
          "%nExpecting the STARTTLS command-injection check to find:%n  %s%nbut it was not run (%s)%s",
          wanted, ShouldHaveBeenCheckedForStartTlsInjection.WHY_NOT_RUN, context(phase, report));
    }
    InjectionCheck check = phase.injection().get();
    return new ShouldHaveStartTlsInjectionVerdict(
        "%nExpecting the STARTTLS command-injection check to find:%n  %s%nbut it found:%n  %s%s",
        wanted, check.verdict() + ": " + check.detail(), injectionContext(check, phase, report));
  }
}
