package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Transcripts.context;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a plain-text phase without a STARTTLS command-injection check.
 *
 * <pre>
 * Expecting the STARTTLS command-injection check to have been run
 * but it was not (the probe runs it after a successful upgrade, for dialects with line commands to inject, unless
 * ProbeOptions.Builder#startTlsInjectionCheck(false) turned it off)
 * Transcript (starttls:smtp, 9 lines):
 *   …
 * </pre>
 */
public final class ShouldHaveBeenCheckedForStartTlsInjection extends BasicErrorMessageFactory {

  private ShouldHaveBeenCheckedForStartTlsInjection(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code phase}, which holds no injection check. */
  public static ErrorMessageFactory shouldHaveBeenCheckedForStartTlsInjection(
      PlainTextPhase phase, @Nullable TlsConnectionReport report) {
    return new ShouldHaveBeenCheckedForStartTlsInjection(
        "%nExpecting the STARTTLS command-injection check to have been run%nbut it was not (%s)%s",
        WHY_NOT_RUN, context(phase, report));
  }

  /** Where the check comes from, so the reader knows how to turn it on. */
  static final String WHY_NOT_RUN = "the probe runs it after a successful upgrade, for dialects with line commands to"
      + " inject, unless ProbeOptions.Builder#startTlsInjectionCheck(false) turned it off";
}
