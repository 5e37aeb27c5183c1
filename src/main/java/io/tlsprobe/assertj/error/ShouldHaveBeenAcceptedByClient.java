package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a captured connection the client did not complete.
 *
 * <pre>
 * Expecting the client to accept the TLS connection (outcome established)
 * but it ended with:
 *   rejected_by_peer: client sent fatal alert certificate_unknown (46)
 * Connection: 127.0.0.1:50312 (direct): rejected_by_peer: …
 * </pre>
 */
public final class ShouldHaveBeenAcceptedByClient extends BasicErrorMessageFactory {

  private ShouldHaveBeenAcceptedByClient(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose outcome is not {@code established}. */
  public static ErrorMessageFactory shouldHaveBeenAcceptedByClient(TlsConnectionReport report) {
    return new ShouldHaveBeenAcceptedByClient(
        "%nExpecting the client to accept the TLS connection (outcome established)%nbut it ended with:%n  %s%s",
        report.outcome().toString(), connection(report));
  }
}
