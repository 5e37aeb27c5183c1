package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection that agreed on another application protocol (ALPN, RFC 7301), or on none.
 *
 * <pre>
 * Expecting TLS connection to have negotiated application protocol (ALPN):
 *   h2
 * but it negotiated:
 *   http/1.1
 * Connection: localhost:8443 (direct): established, TLSv1.3, …, ALPN http/1.1, …
 * </pre>
 */
public final class ShouldHaveNegotiatedApplicationProtocol extends BasicErrorMessageFactory {

  private ShouldHaveNegotiatedApplicationProtocol(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which did not agree on {@code expected}. */
  public static ErrorMessageFactory shouldHaveNegotiatedApplicationProtocol(
      TlsConnectionReport report, String expected) {
    return report
        .applicationProtocol()
        .map(actual -> new ShouldHaveNegotiatedApplicationProtocol(
            "%nExpecting TLS connection to have negotiated application protocol (ALPN):%n  %s%n"
                + "but it negotiated:%n  %s%s",
            expected, actual, connection(report)))
        .orElseGet(() -> new ShouldHaveNegotiatedApplicationProtocol(
            "%nExpecting TLS connection to have negotiated application protocol (ALPN):%n  %s%n"
                + "but no application protocol was negotiated%s",
            expected, connection(report)));
  }
}
