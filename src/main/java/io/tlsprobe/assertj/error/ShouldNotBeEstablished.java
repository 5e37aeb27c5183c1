package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection whose handshake completed when it should not have.
 *
 * <pre>
 * Expecting TLS connection not to be established
 * but the handshake completed
 * Connection: localhost:8443 (direct): established, TLSv1, …
 * </pre>
 */
public final class ShouldNotBeEstablished extends BasicErrorMessageFactory {

  private ShouldNotBeEstablished(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose handshake completed. */
  public static ErrorMessageFactory shouldNotBeEstablished(TlsConnectionReport report) {
    return new ShouldNotBeEstablished(
        "%nExpecting TLS connection not to be established%nbut the handshake completed%s", connection(report));
  }
}
