package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection the peer did not reject, or did not reject with the expected alert.
 *
 * <pre>
 * Expecting TLS connection to be rejected by the peer with alert:
 *   protocol_version (70)
 * but it ended with:
 *   rejected_by_peer: server sent fatal alert handshake_failure (40)
 *   alert: handshake_failure (40)
 * Connection: localhost:8443 (direct): rejected_by_peer: …
 * </pre>
 */
public final class ShouldHaveBeenRejected extends BasicErrorMessageFactory {

  private ShouldHaveBeenRejected(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which the peer did not reject. */
  public static ErrorMessageFactory shouldHaveBeenRejected(TlsConnectionReport report) {
    return new ShouldHaveBeenRejected(
        "%nExpecting TLS connection to be rejected by the peer%nbut it ended with:%n  %s%s",
        report.outcome().toString(),
        connection(report));
  }

  /** The message for {@code report}, which the peer did not reject with {@code expected}. */
  public static ErrorMessageFactory shouldHaveBeenRejectedWith(TlsConnectionReport report, AlertDescription expected) {
    return new ShouldHaveBeenRejected(
        "%nExpecting TLS connection to be rejected by the peer with alert:%n  %s%n"
            + "but it ended with:%n  %s%n  alert: %s%s",
        Render.alert(expected),
        report.outcome().toString(),
        report.outcome().alert().map(Render::alert).orElse("none"),
        connection(report));
  }
}
