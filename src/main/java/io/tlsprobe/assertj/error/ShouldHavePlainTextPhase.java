package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a STARTTLS assertion on a report without a plain-text phase: a direct-TLS connection, or (for a
 * hand-built report) a STARTTLS endpoint whose phase was not recorded.
 *
 * <pre>
 * Expecting a STARTTLS connection with a plain-text phase
 * but localhost:8443 (direct) was direct TLS
 * Connection: localhost:8443 (direct): established, TLSv1.3, TLS_AES_128_GCM_SHA256 (128 bits), …
 * </pre>
 */
public final class ShouldHavePlainTextPhase extends BasicErrorMessageFactory {

  private ShouldHavePlainTextPhase(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which holds no plain-text phase. */
  public static ErrorMessageFactory shouldHavePlainTextPhase(TlsConnectionReport report) {
    Endpoint endpoint = report.endpoint();
    String why = endpoint.connection().equals(Endpoint.DIRECT)
        ? endpoint + " was direct TLS"
        : "the report of " + endpoint + " holds none";
    return new ShouldHavePlainTextPhase(
        "%nExpecting a STARTTLS connection with a plain-text phase%nbut %s%s", why, connection(report));
  }
}
