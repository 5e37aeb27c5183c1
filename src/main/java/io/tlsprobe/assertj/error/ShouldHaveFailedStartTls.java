package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection whose plain-text phase did reach TLS (or that had none), where the test expected the
 * STARTTLS upgrade to fail.
 *
 * <pre>
 * Expecting the STARTTLS upgrade to have failed
 * but the connection ended with:
 *   established: handshake completed
 * Connection: localhost:587 (starttls:smtp): established, TLSv1.3, …
 * </pre>
 */
public final class ShouldHaveFailedStartTls extends BasicErrorMessageFactory {

  private ShouldHaveFailedStartTls(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose outcome is not {@code starttls_failed}. */
  public static ErrorMessageFactory shouldHaveFailedStartTls(TlsConnectionReport report) {
    return new ShouldHaveFailedStartTls(
        "%nExpecting the STARTTLS upgrade to have failed%nbut the connection ended with:%n  %s%s",
        report.outcome().toString(), connection(report));
  }
}
