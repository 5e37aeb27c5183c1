package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection that did not start TLS from its first byte.
 *
 * <pre>
 * Expecting TLS connection to use implicit TLS (TLS from the first byte)
 * but it used:
 *   starttls:smtp
 * Connection: localhost:587 (starttls:smtp): established, TLSv1.3, …, starttls:smtp, upgraded, …
 * </pre>
 */
public final class ShouldUseImplicitTls extends BasicErrorMessageFactory {

  private ShouldUseImplicitTls(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose endpoint is not {@code direct}. */
  public static ErrorMessageFactory shouldUseImplicitTls(TlsConnectionReport report) {
    return new ShouldUseImplicitTls(
        "%nExpecting TLS connection to use implicit TLS (TLS from the first byte)%nbut it used:%n  %s%s",
        report.endpoint().connection(), connection(report));
  }
}
