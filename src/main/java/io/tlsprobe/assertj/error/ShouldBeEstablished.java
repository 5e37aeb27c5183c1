package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection whose handshake did not complete.
 *
 * <pre>
 * Expecting TLS connection to be established
 * but it ended with:
 *   rejected_by_peer: server sent fatal alert handshake_failure (40)
 * Connection: localhost:8443 (direct): rejected_by_peer: …, no protocol, no cipher suite, …
 * </pre>
 */
public final class ShouldBeEstablished extends BasicErrorMessageFactory {

  private ShouldBeEstablished(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose outcome is not {@code established}. */
  public static ErrorMessageFactory shouldBeEstablished(TlsConnectionReport report) {
    return new ShouldBeEstablished(
        "%nExpecting TLS connection to be established%nbut it ended with:%n  %s%s",
        report.outcome().toString(),
        connection(report));
  }
}
