package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTls;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The messages for a connection that did not upgrade with STARTTLS, or with another dialect than expected.
 *
 * <pre>
 * Expecting TLS connection to upgrade with STARTTLS:
 *   starttls:imap
 * but it used:
 *   starttls:smtp
 * Connection: localhost:587 (starttls:smtp): established, TLSv1.3, …
 * </pre>
 */
public final class ShouldUseStartTls extends BasicErrorMessageFactory {

  private ShouldUseStartTls(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which used direct TLS. */
  public static ErrorMessageFactory shouldUseStartTls(TlsConnectionReport report) {
    return new ShouldUseStartTls(
        "%nExpecting TLS connection to upgrade with STARTTLS%nbut it used:%n  %s%s",
        report.endpoint().connection(), connection(report));
  }

  /** The message for {@code report}, which did not upgrade with {@code dialect}. */
  public static ErrorMessageFactory shouldUseStartTls(TlsConnectionReport report, StartTls dialect) {
    return new ShouldUseStartTls(
        "%nExpecting TLS connection to upgrade with STARTTLS:%n  %s%nbut it used:%n  %s%s",
        dialect.connectionName(), report.endpoint().connection(), connection(report));
  }
}
