package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Transcripts.context;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a plain-text phase that never got the server's go-ahead to start TLS, with the outcome that says
 * why when the report is known.
 *
 * <pre>
 * Expecting the server to have agreed to start TLS
 * but it did not: starttls_failed: server refused STARTTLS: 454 4.7.0 TLS not available
 * Transcript (starttls:smtp, 7 lines):
 *   …
 * </pre>
 */
public final class ShouldBeUpgraded extends BasicErrorMessageFactory {

  private ShouldBeUpgraded(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code phase}, which was not upgraded. */
  public static ErrorMessageFactory shouldBeUpgraded(PlainTextPhase phase, @Nullable TlsConnectionReport report) {
    return new ShouldBeUpgraded(
        "%nExpecting the server to have agreed to start TLS%nbut it did not%s%s",
        report == null ? "" : ": " + report.outcome(), context(phase, report));
  }
}
