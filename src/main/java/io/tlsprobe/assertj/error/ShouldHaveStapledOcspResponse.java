package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a server that stapled no OCSP response (RFC 6066 section 8, RFC 6961).
 *
 * <pre>
 * Expecting the server to staple an OCSP response
 * but it stapled none
 * Connection: localhost:8443 (direct): established, TLSv1.3, …
 * </pre>
 */
public final class ShouldHaveStapledOcspResponse extends BasicErrorMessageFactory {

  private ShouldHaveStapledOcspResponse(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which holds no stapled OCSP response. */
  public static ErrorMessageFactory shouldHaveStapledOcspResponse(TlsConnectionReport report) {
    return new ShouldHaveStapledOcspResponse(
        "%nExpecting the server to staple an OCSP response%nbut it stapled none%s", connection(report));
  }
}
