package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection that did not use the expected protocol version, or none.
 *
 * <pre>
 * Expecting TLS connection to use protocol:
 *   TLSv1.3
 * but it used:
 *   TLSv1.2
 * Connection: localhost:8443 (direct): established, TLSv1.2, …
 * </pre>
 */
public final class ShouldUseProtocol extends BasicErrorMessageFactory {

  private ShouldUseProtocol(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which did not use {@code expected}. */
  public static ErrorMessageFactory shouldUseProtocol(TlsConnectionReport report, TlsProtocol expected) {
    return report
        .protocol()
        .map(actual -> new ShouldUseProtocol(
            "%nExpecting TLS connection to use protocol:%n  %s%nbut it used:%n  %s%s",
            expected.jsseName(), actual.jsseName(), connection(report)))
        .orElseGet(() -> new ShouldUseProtocol(
            "%nExpecting TLS connection to use protocol:%n  %s%nbut no protocol was negotiated (%s)%s",
            expected.jsseName(), absence(report), connection(report)));
  }
}
